// CRM records and the association graph between them (reference §2.3–2.4). Every association is stored in both
// directions; a labelled association implies the pair's unlabeled default type; limits are enforced on writes.
import { notFoundError, stateLimitError, validationError } from "../errors";
import { ObjectType } from "../object-types";
import { AssociationDefinition, AssociationEdge, CrmRecord } from "../types";
import { DefinitionTable, SpecWithLabel, specOf } from "./definitions";
import { LimitTable } from "./limits";

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const FIRST_RECORD_ID = 10001;

/** Bounds that keep the state (and its file) small whatever a client sends. */
export interface StateBounds {
  maxRecordsPerObjectType: number;
  /** One record's properties as JSON. */
  maxPropertiesBytes: number;
  /** The estimated size of all records and associations. */
  maxStateBytes: number;
}

// Generous estimates of what a record's and a directed association's own fields take in the state file.
const RECORD_OVERHEAD_BYTES = 160;
const EDGE_OVERHEAD_BYTES = 160;

function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v));
}

export class RecordGraph {
  private records = new Map<string, Map<string, CrmRecord>>();
  /** `${fromType}:${fromId}>${toType}` -> toId -> typeIds. Both directions are always stored. */
  private edges = new Map<string, Map<string, Set<number>>>();
  private nextRecordId = FIRST_RECORD_ID;
  /** Estimated bytes of all records and directed edges, kept up to date by every write. */
  private bytes = 0;

  constructor(
    private readonly definitions: DefinitionTable,
    private readonly limits: LimitTable,
    private readonly requireExistingRecords: boolean,
    private readonly bounds: StateBounds,
    private readonly changed: () => void,
  ) {}

  get counter(): number {
    return this.nextRecordId;
  }

  replace(records: CrmRecord[], associations: AssociationEdge[], nextRecordId: number): void {
    const byType = new Map<string, Map<string, CrmRecord>>();
    for (const r of records) {
      if (!byType.has(r.objectTypeId)) byType.set(r.objectTypeId, new Map());
      byType.get(r.objectTypeId)!.set(r.id, { ...r, properties: { ...r.properties } });
    }
    const edges = new Map<string, Map<string, Set<number>>>();
    for (const e of associations) {
      const k = this.key(e.fromObjectTypeId, e.fromId, e.toObjectTypeId);
      if (!edges.has(k)) edges.set(k, new Map());
      edges.get(k)!.set(e.toId, new Set(e.typeIds));
    }
    this.records = byType;
    this.edges = edges;
    this.nextRecordId = nextRecordId;
    this.bytes =
      records.reduce((n, r) => n + jsonBytes(r.properties) + RECORD_OVERHEAD_BYTES, 0) +
      associations.length * EDGE_OVERHEAD_BYTES;
  }

  private ensureRoom(extraBytes: number): void {
    if (this.bytes + extraBytes > this.bounds.maxStateBytes) {
      throw stateLimitError(
        `The emulator's portal is full: records and associations may take about ${this.bounds.maxStateBytes} bytes (maxStateBytes)`,
      );
    }
  }

  /** Refuses, before anything is written, a record that would break a bound; `newAssociations` are written with it. */
  checkRoomForRecord(type: ObjectType, properties: Record<string, unknown>, newAssociations = 0): number {
    const size = jsonBytes(properties);
    if (size > this.bounds.maxPropertiesBytes) {
      throw stateLimitError(
        `The properties of one record may take at most ${this.bounds.maxPropertiesBytes} bytes as JSON; these take ${size}`,
      );
    }
    const count = this.records.get(type.objectTypeId)?.size ?? 0;
    if (count >= this.bounds.maxRecordsPerObjectType) {
      throw stateLimitError(
        `The emulator holds at most ${this.bounds.maxRecordsPerObjectType} ${type.name} records (maxRecordsPerObjectType)`,
      );
    }
    this.ensureRoom(size + RECORD_OVERHEAD_BYTES + 2 * newAssociations * EDGE_OVERHEAD_BYTES);
    return size;
  }

  allRecords(): CrmRecord[] {
    return [...this.records.values()].flatMap((m) =>
      [...m.values()].map((r) => ({ ...r, properties: { ...r.properties } })),
    );
  }

  allEdges(): AssociationEdge[] {
    const out: AssociationEdge[] = [];
    for (const [key, m] of this.edges) {
      const [fromPart, toType] = key.split(">");
      if (fromPart === undefined || toType === undefined)
        throw new Error(`internal: edge key "${key}" is not FROMTYPE:FROMID>TOTYPE`);
      const i = fromPart.lastIndexOf(":");
      for (const [toId, types] of m) {
        out.push({
          fromObjectTypeId: fromPart.slice(0, i),
          fromId: fromPart.slice(i + 1),
          toObjectTypeId: toType,
          toId,
          typeIds: [...types].sort((a, b) => a - b),
        });
      }
    }
    return out;
  }

  // ---------- records ----------

  createRecord(type: ObjectType, properties: Record<string, unknown>): CrmRecord {
    const size = this.checkRoomForRecord(type, properties);
    const now = new Date().toISOString();
    const r: CrmRecord = {
      objectTypeId: type.objectTypeId,
      id: String(this.nextRecordId++),
      properties: { ...properties },
      createdAt: now,
      updatedAt: now,
    };
    let m = this.records.get(type.objectTypeId);
    if (!m) this.records.set(type.objectTypeId, (m = new Map()));
    m.set(r.id, r);
    this.bytes += size + RECORD_OVERHEAD_BYTES;
    this.changed();
    return r;
  }

  getRecord(type: ObjectType, id: string): CrmRecord | undefined {
    return this.records.get(type.objectTypeId)?.get(id);
  }

  requireRecord(type: ObjectType, id: string): void {
    if (!/^[0-9]+$/.test(id))
      throw validationError(`Invalid ${type.singular} id '${id}': ids are numeric`, { context: { id: [id] } });
    if (!this.requireExistingRecords) return;
    if (!this.getRecord(type, id)) {
      throw notFoundError(`No ${type.singular} with id ${id} exists`, {
        context: { id: [id], objectType: [type.singular] },
      });
    }
  }

  // ---------- association graph ----------

  private key(fromType: string, fromId: string, toType: string): string {
    return `${fromType}:${fromId}>${toType}`;
  }

  private setEdge(fromType: string, fromId: string, toType: string, toId: string, types: Set<number>): void {
    const k = this.key(fromType, fromId, toType);
    let m = this.edges.get(k);
    if (types.size === 0) {
      if (m?.delete(toId)) this.bytes -= EDGE_OVERHEAD_BYTES;
      if (m && m.size === 0) this.edges.delete(k);
      return;
    }
    if (!m) this.edges.set(k, (m = new Map()));
    if (!m.has(toId)) this.bytes += EDGE_OVERHEAD_BYTES;
    m.set(toId, types);
  }

  typesOn(from: ObjectType, fromId: string, to: ObjectType, toId: string): Set<number> {
    return new Set(this.edges.get(this.key(from.objectTypeId, fromId, to.objectTypeId))?.get(toId) ?? []);
  }

  /** Directed edges carrying any of the types. */
  usageCount(typeIds: number[]): number {
    let n = 0;
    for (const m of this.edges.values()) for (const types of m.values()) if (typeIds.some((t) => types.has(t))) n++;
    return n;
  }

  private countWithType(fromType: string, fromId: string, toType: string, typeId: number, exceptId: string): number {
    let n = 0;
    for (const [toId, types] of this.edges.get(this.key(fromType, fromId, toType)) ?? [])
      if (toId !== exceptId && types.has(typeId)) n++;
    return n;
  }

  private checkLimit(from: ObjectType, fromId: string, to: ObjectType, toId: string, typeId: number): void {
    const limit = this.limits.get(typeId);
    if (limit === undefined) return;
    if (this.countWithType(from.objectTypeId, fromId, to.objectTypeId, typeId, toId) + 1 > limit) {
      throw validationError(
        `Association limit exceeded: ${from.singular} ${fromId} may have at most ${limit} ${to.singular} association(s) of type ${typeId}`,
        {
          subCategory: "crm.associations.ASSOCIATION_LIMIT_EXCEEDED",
          context: {
            fromObjectId: [fromId],
            fromObjectType: [from.singular],
            toObjectType: [to.singular],
            typeId: [String(typeId)],
            maxToObjectIds: [String(limit)],
          },
        },
      );
    }
  }

  /** The types the reverse edge carries; a type without a known inverse is seen from its own side only. */
  private reverseOf(types: Set<number>): Set<number> {
    const out = new Set<number>();
    for (const t of types) {
      const inverse = this.definitions.inverseOf(t);
      if (inverse !== undefined) out.add(inverse);
    }
    return out;
  }

  /**
   * Writes the types between two records (both directions). `replace` = R2/B2 semantics (the body is the
   * new label set); `add` keeps existing types. The unlabeled default is always implied.
   */
  associate(
    from: ObjectType,
    fromId: string,
    to: ObjectType,
    toId: string,
    types: AssociationDefinition[],
    mode: "replace" | "add",
  ): Set<number> {
    this.requireRecord(from, fromId);
    this.requireRecord(to, toId);
    if (from.objectTypeId === to.objectTypeId && fromId === toId)
      throw validationError(`A ${from.singular} cannot be associated with itself`);
    const dflt = this.definitions.requireDefault(from, to);
    const current = this.typesOn(from, fromId, to, toId);
    const next = mode === "replace" ? new Set<number>() : new Set(current);
    next.add(dflt.typeId);
    for (const t of types) next.add(t.typeId);
    const reverseCurrent = this.typesOn(to, toId, from, fromId);
    const reverse = this.reverseOf(next);
    for (const t of next) if (!current.has(t)) this.checkLimit(from, fromId, to, toId, t);
    for (const t of reverse) if (!reverseCurrent.has(t)) this.checkLimit(to, toId, from, fromId, t);
    this.ensureRoom(
      ((current.size === 0 ? 1 : 0) + (reverseCurrent.size === 0 && reverse.size > 0 ? 1 : 0)) * EDGE_OVERHEAD_BYTES,
    );
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, next);
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, reverse);
    this.changed();
    return next;
  }

  /** Removes the given types; removing the default type removes everything between the two records. */
  removeTypes(from: ObjectType, fromId: string, to: ObjectType, toId: string, types: AssociationDefinition[]): void {
    const current = this.typesOn(from, fromId, to, toId);
    if (current.size === 0) return;
    if (types.some((t) => t.kind === "default")) return this.removeAll(from, fromId, to, toId);
    for (const t of types) current.delete(t.typeId);
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, current);
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, this.reverseOf(current));
    this.changed();
  }

  removeAll(from: ObjectType, fromId: string, to: ObjectType, toId: string): void {
    const had = this.typesOn(from, fromId, to, toId).size > 0;
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, new Set());
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, new Set());
    if (had) this.changed();
  }

  /** Associations of one record to one object type, ordered by numeric id. */
  list(from: ObjectType, fromId: string, to: ObjectType): Array<{ toId: string; types: SpecWithLabel[] }> {
    const m = this.edges.get(this.key(from.objectTypeId, fromId, to.objectTypeId));
    if (!m) return [];
    return [...m.entries()]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([toId, types]) => ({
        toId,
        types: [...types]
          .sort((x, y) => x - y)
          .map((t) => this.definitions.get(t))
          .filter((d): d is AssociationDefinition => d !== undefined)
          .map(specOf),
      }));
  }

  labelsOf(types: Set<number>): string[] {
    return [...types]
      .sort((a, b) => a - b)
      .map((t) => this.definitions.get(t)?.label)
      .filter((l): l is string => typeof l === "string");
  }
}
