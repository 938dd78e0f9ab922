// What one Pulumi operation (one provider process and settings) has claimed at HubSpot, so that two resources never
// hold one label or write one pair's limits against each other, and recovery after a lost answer can tell our new
// label from everyone else's.
//
// A resource is created at most once per operation, so a second claim in one run is a second declaration: refused
// before any request. A claim is released when its create fails (it declared nothing).

import { pairDisplay, pairKey, unorderedPairKey } from "../model";
import { SharedOnce } from "./shared-once";

export class DuplicateDeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DuplicateDeclarationError";
  }
}

export class RunLedger {
  /** Label declarations of this run: `name:<unordered pair>:<lowercased name>` and `adopt:<pair>:<typeId>`. */
  private readonly declarations = new Map<string, string>();
  /** typeIds held by a resource of this run, per directed pair, with who holds them and whether it adopted them. */
  private readonly heldTypeIds = new Map<string, Map<number, { holder: string; adopted: boolean }>>();
  /** Directed pairs whose limits a resource of this run declared, with the typeIds it wrote. */
  private readonly limitPairs = new Map<string, Set<number>>();
  /** The pair's user-defined typeIds before this run's first label POST on it. */
  private readonly before = new Map<string, SharedOnce<ReadonlySet<number>>>();
  /** Creates of one text on one pair run one at a time (see withTextLock). */
  private readonly textLocks = new Map<string, Promise<void>>();

  /** Claims a label's internal name (and its adoptTypeId) for `what`; returns the release. */
  claimLabel(fromId: string, toId: string, name: string, adoptTypeId: number | undefined, what: string): () => void {
    const keys = [`name:${unorderedPairKey(fromId, toId)}:${name.toLowerCase()}`];
    if (adoptTypeId !== undefined) keys.push(`adopt:${pairKey(fromId, toId)}:${adoptTypeId}`);
    for (const key of keys) {
      const first = this.declarations.get(key);
      if (first !== undefined) {
        throw new DuplicateDeclarationError(
          key.startsWith("adopt:")
            ? `${what} adopts typeId ${adoptTypeId}, which ${first} of this program adopts too: one label, one resource; declare it once`
            : `${what} duplicates ${first} declared by another AssociationLabel in this program: HubSpot keeps one label per ` +
                `internal name on ${pairDisplay(fromId, toId)} (in either direction, names compared without case); declare it once`,
        );
      }
    }
    for (const key of keys) this.declarations.set(key, what);
    return () => {
      for (const key of keys) this.declarations.delete(key);
    };
  }

  /**
   * Records that `holder` holds `typeId`, having made it or (`adopted`) taken it over; refuses a typeId another
   * resource of this run holds.
   */
  holdTypeId(fromId: string, toId: string, typeId: number, holder: string, adopted: boolean): void {
    const key = pairKey(fromId, toId);
    let held = this.heldTypeIds.get(key);
    if (!held) this.heldTypeIds.set(key, (held = new Map()));
    const other = held.get(typeId);
    if (other !== undefined && other.holder !== holder) {
      throw new DuplicateDeclarationError(
        `${holder} would hold typeId ${typeId} on ${pairDisplay(fromId, toId)}, which ${other.holder} of this program holds: one label, one resource`,
      );
    }
    held.set(typeId, { holder, adopted });
  }

  /** Whether a resource of this run holds the typeId. */
  isHeld(fromId: string, toId: string, typeId: number): boolean {
    return this.heldTypeIds.get(pairKey(fromId, toId))?.has(typeId) ?? false;
  }

  /** Who of this run adopted the typeId (a resource renamed in the program, whose old self is deleted after). */
  adopterOf(fromId: string, toId: string, typeId: number): string | undefined {
    const held = this.heldTypeIds.get(pairKey(fromId, toId))?.get(typeId);
    return held?.adopted ? held.holder : undefined;
  }

  /** Claims a directed pair's limits for one AssociationLimits; returns the release. */
  claimLimitsPair(fromId: string, toId: string): () => void {
    const key = pairKey(fromId, toId);
    if (this.limitPairs.has(key)) {
      throw new DuplicateDeclarationError(
        `the limits of ${pairDisplay(fromId, toId)} are declared by another AssociationLimits in this program: put all of the ` +
          "pair's limits in one AssociationLimits",
      );
    }
    this.limitPairs.set(key, new Set());
    return () => this.limitPairs.delete(key);
  }

  /** Records the typeIds an AssociationLimits of this run wrote on its pair. */
  recordLimitTypes(fromId: string, toId: string, typeIds: readonly number[]): void {
    const set = this.limitPairs.get(pairKey(fromId, toId));
    for (const typeId of typeIds) set?.add(typeId);
  }

  /** The typeIds another AssociationLimits of this run declared on the pair (a renamed resource's replacement). */
  limitTypesDeclared(fromId: string, toId: string): ReadonlySet<number> {
    return this.limitPairs.get(pairKey(fromId, toId)) ?? new Set();
  }

  /**
   * The pair's user-defined typeIds as they were before this run's first label POST on the pair: `read` runs once per
   * pair, and every create on the pair awaits it before posting, so the snapshot precedes all of this run's POSTs.
   */
  typeIdsBeforeCreates(
    fromId: string,
    toId: string,
    read: () => Promise<ReadonlySet<number>>,
  ): Promise<ReadonlySet<number>> {
    const key = pairKey(fromId, toId);
    let snapshot = this.before.get(key);
    if (!snapshot) this.before.set(key, (snapshot = new SharedOnce()));
    return snapshot.get(read);
  }

  /**
   * Runs `fn` while no other create of the same text on the same pair runs in this process: a lost answer is then
   * recovered by looking for one new label with our text, and no sibling's label can be mistaken for ours.
   */
  async withTextLock<T>(fromId: string, toId: string, text: string, fn: () => Promise<T>): Promise<T> {
    const key = `${pairKey(fromId, toId)}:${text}`;
    const previous = this.textLocks.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const queued = previous.then(() => mine);
    this.textLocks.set(key, queued);
    await previous;
    try {
      return await fn();
    } finally {
      done();
      if (this.textLocks.get(key) === queued) this.textLocks.delete(key);
    }
  }
}
