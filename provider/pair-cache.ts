// Read coalescing inside one provider process. A refresh of N labels on one pair must cost one labels GET, not N:
// concurrent callers share one in-flight promise, and later callers reuse the answer. Our own writes are applied to
// the cached entry (write-through) so that a read after a create/update/delete in the same process stays exact
// without another GET; anything uncertain (an error, an outcome-unknown POST) drops the entry instead.
//
// A write that lands while the pair's GET is still in flight (under rate limiting a GET can wait seconds in the
// limiter's queue, and a large `up` writes to the same pair all the time) is queued and replayed on the answer when
// it arrives. Every edit is idempotent and keyed by typeId (upsert, set text, remove), so the replay is exact
// whether HubSpot served the GET before or after the write: the answer plus the edits is the state after the
// write either way. (Dropping the entry instead, as a first version did, made every concurrent create on a pair
// start another GET: 209 labels GETs instead of 20 for 500 labels at parallel 64.)
//
// Entries live for the provider process, i.e. one `pulumi` operation. Changes made outside this process during that
// operation are not seen until the next operation; that is the price of "a refresh makes one GET per pair".

import { pairKey } from "../model";
import type { AssociationTypeInfo, HubSpotApi, LimitConfiguration } from "./hubspot/api";

interface Entry<T> {
  promise: Promise<T[]>;
  /** Set once the GET resolved; write-through edits this array. */
  value?: T[];
  /** Edits made while the GET was in flight, replayed in order on its answer. */
  pending: ((list: T[]) => void)[];
}

export class PairCache {
  private readonly labels = new Map<string, Entry<AssociationTypeInfo>>();
  private readonly limits = new Map<string, Entry<LimitConfiguration>>();
  /**
   * Labels this process wrote, per pair, kept even for pairs whose list was never read: label creates POST without
   * reading the pair first, and the limits resource that follows them in the same run needs only to know that its
   * typeId is a USER_DEFINED label of the pair, which the create already told us (no labels GET per pair).
   */
  private readonly written = new Map<string, Map<number, AssociationTypeInfo>>();

  constructor(private readonly api: Pick<HubSpotApi, "listLabels" | "listLimits">) {}

  /** The pair's association types (`GET .../labels`), from cache unless `fresh`. Returns a copy. */
  async labelsOf(fromId: string, toId: string, opts: { fresh?: boolean } = {}): Promise<AssociationTypeInfo[]> {
    return this.get(this.labels, pairKey(fromId, toId), () => this.api.listLabels(fromId, toId), opts.fresh);
  }

  /** The pair's custom limits (`GET .../definitions/configurations/{from}/{to}`). Returns a copy. */
  async limitsOf(fromId: string, toId: string, opts: { fresh?: boolean } = {}): Promise<LimitConfiguration[]> {
    return this.get(this.limits, pairKey(fromId, toId), () => this.api.listLimits(fromId, toId), opts.fresh);
  }

  /** A label this process created (or adopted, or renamed) on the pair, and not deleted or made uncertain since. */
  writtenLabel(fromId: string, toId: string, typeId: number): AssociationTypeInfo | undefined {
    const item = this.written.get(pairKey(fromId, toId))?.get(typeId);
    return item ? { ...item } : undefined;
  }

  /** Records labels that exist at HubSpot because this process just wrote them (upsert by typeId). */
  addLabels(fromId: string, toId: string, items: AssociationTypeInfo[]): void {
    const key = pairKey(fromId, toId);
    let written = this.written.get(key);
    if (!written) this.written.set(key, (written = new Map()));
    for (const item of items) written.set(item.typeId, { ...item });
    this.edit(this.labels, key, (list) => {
      for (const item of items) {
        const i = list.findIndex((x) => x.typeId === item.typeId);
        if (i >= 0) list[i] = { ...item };
        else list.push({ ...item });
      }
    });
  }

  setLabelText(fromId: string, toId: string, typeId: number, label: string): void {
    const w = this.written.get(pairKey(fromId, toId))?.get(typeId);
    if (w) w.label = label;
    this.edit(this.labels, pairKey(fromId, toId), (list) => {
      const item = list.find((x) => x.typeId === typeId);
      if (item) item.label = label;
    });
  }

  removeLabel(fromId: string, toId: string, typeId: number): void {
    this.written.get(pairKey(fromId, toId))?.delete(typeId);
    this.edit(this.labels, pairKey(fromId, toId), (list) => {
      const i = list.findIndex((x) => x.typeId === typeId);
      if (i >= 0) list.splice(i, 1);
    });
    // A label's limit goes with it at HubSpot; keep the limits entry honest.
    this.edit(this.limits, pairKey(fromId, toId), (list) => {
      const i = list.findIndex((x) => x.typeId === typeId);
      if (i >= 0) list.splice(i, 1);
    });
  }

  /** Replaces the pair's limits with exactly what was written. */
  setLimits(fromId: string, toId: string, configs: LimitConfiguration[]): void {
    const key = pairKey(fromId, toId);
    const copy = configs.map((c) => ({ ...c }));
    this.limits.set(key, { promise: Promise.resolve(copy), value: copy, pending: [] });
  }

  removeLimits(fromId: string, toId: string, typeIds: number[]): void {
    this.edit(this.limits, pairKey(fromId, toId), (list) => {
      list.splice(0, list.length, ...list.filter((c) => !typeIds.includes(c.typeId)));
    });
  }

  invalidateLabels(fromId: string, toId: string): void {
    this.labels.delete(pairKey(fromId, toId));
    // A failed write leaves the pair uncertain (a DELETE may have happened): trust only a fresh read from now on.
    this.written.delete(pairKey(fromId, toId));
  }

  invalidateLimits(fromId: string, toId: string): void {
    this.limits.delete(pairKey(fromId, toId));
  }

  private async get<T extends object>(
    map: Map<string, Entry<T>>,
    key: string,
    fetch: () => Promise<T[]>,
    fresh?: boolean,
  ): Promise<T[]> {
    let entry = fresh ? undefined : map.get(key);
    if (!entry) {
      const created: Entry<T> = {
        pending: [],
        promise: fetch().then(
          (value) => {
            const copy = value.map((v) => ({ ...v }));
            // Writes that completed while this GET was in flight: idempotent, so replaying them is exact whether
            // or not HubSpot's answer already reflects them.
            for (const edit of created.pending.splice(0)) edit(copy);
            if (map.get(key) === created) created.value = copy;
            return copy;
          },
          (err: unknown) => {
            // Never cache failures: the next caller tries again.
            if (map.get(key) === created) map.delete(key);
            throw err;
          },
        ),
      };
      map.set(key, created);
      entry = created;
    }
    const list = await entry.promise;
    // Prefer the live (write-through-edited) array when this entry is still current.
    const current = map.get(key) === entry && entry.value ? entry.value : list;
    return current.map((v) => ({ ...v }));
  }

  private edit<T>(map: Map<string, Entry<T>>, key: string, fn: (list: T[]) => void): void {
    const entry = map.get(key);
    if (!entry) return; // nothing cached: the next reader fetches fresh anyway
    if (!entry.value) {
      // A GET is in flight and may or may not include this write: replay the edit on its answer.
      entry.pending.push(fn);
      return;
    }
    fn(entry.value);
  }
}
