// One HubSpot portal: association definitions (labels), custom limits, records and the association
// graph, with HubSpot's rules. Handlers translate HTTP to these calls; every refusal is a HubSpotError
// (or, for batch endpoints, a StandardError item) shaped like HubSpot's.
import { HubSpotError, notFoundError, unknownObjectTypeError, validationError } from "./errors";
import { hubspotDefinedTypes, SEEDED_TYPE_IDS } from "./hubspot-defined-types";
import { CUSTOM_OBJECT_ID, ObjectType, ObjectTypeRegistry } from "./object-types";
import {
  AssociationDefinition,
  AssociationEdge,
  Category,
  CrmRecord,
  CustomObjectSpec,
  EmulatorStateSnapshot,
  LimitRecord,
} from "./types";

export interface PortalSettings {
  portalId: number;
  maxLabelsPerPair: number;
  maxLimitValue: number;
  customObjects: CustomObjectSpec[];
  requireExistingRecords: boolean;
  firstTypeId: number;
}

export interface SpecWithLabel {
  category: Category;
  typeId: number;
  label: string | null;
}

/** A batch item error as HubSpot returns it inside an envelope (no correlationId of its own). */
export interface StandardError {
  status: "error";
  category: string;
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
}

export interface LimitInput {
  category: string;
  typeId: number;
  maxToObjectIds: number;
}

export const NAME_MAX_LENGTH = 100;
export const LABEL_MAX_LENGTH = 100;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CATEGORY_INDEX: Record<string, number> = { HUBSPOT_DEFINED: 0, USER_DEFINED: 1, INTEGRATOR_DEFINED: 2 };

/** Turn a HubSpotError into the StandardError item a batch envelope carries. */
export function toStandardError(e: HubSpotError): StandardError {
  const b = e.body;
  const out: StandardError = {
    status: "error",
    category: typeof b.category === "string" ? b.category : "VALIDATION_ERROR",
    message: typeof b.message === "string" ? b.message : "error",
    context: (b.context as Record<string, string[]> | undefined) ?? {},
  };
  if (typeof b.subCategory === "string") out.subCategory = b.subCategory;
  return out;
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class PortalState {
  registry!: ObjectTypeRegistry;
  private defs = new Map<number, AssociationDefinition>();
  private limits = new Map<number, number>();
  private records = new Map<string, Map<string, CrmRecord>>();
  /** `${fromType}:${fromId}>${toType}` -> toId -> typeIds. Both directions are always stored. */
  private edges = new Map<string, Map<string, Set<number>>>();
  private nextTypeId = 100;
  private nextRecordId = 1;
  private customObjects: CustomObjectSpec[] = [];
  /** Called after every mutation (persistence hooks in here). */
  onChange: () => void = () => undefined;

  constructor(readonly settings: PortalSettings) {
    this.reset();
  }

  // ---------- lifecycle ----------

  reset(): void {
    this.load({
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.settings.firstTypeId,
      nextRecordId: 10001,
      customObjects: [],
      definitions: [],
      limits: [],
      records: [],
      associations: [],
    });
  }

  /** Replaces the whole state. Builds everything first and swaps at the end, so a bad document changes nothing. */
  load(s: EmulatorStateSnapshot): void {
    if (s.version !== 1) throw new Error(`emulator state: unsupported version ${String(s.version)}`);
    const customs = new Map<string, CustomObjectSpec>();
    for (const c of [...(s.customObjects ?? []), ...this.settings.customObjects]) {
      if (typeof c.objectTypeId !== "string" || !CUSTOM_OBJECT_ID.test(c.objectTypeId)) throw new Error(`emulator: custom object id must look like 2-123, got ${String(c.objectTypeId)}`);
      if (typeof c.name !== "string" || c.name.length === 0) throw new Error(`emulator: custom object ${c.objectTypeId} needs a name`);
      customs.set(c.objectTypeId, c);
    }
    if (!Number.isSafeInteger(s.nextTypeId) || !Number.isSafeInteger(s.nextRecordId)) throw new Error("emulator state: nextTypeId and nextRecordId must be integers");
    const defs = new Map(hubspotDefinedTypes().map((d) => [d.typeId, d]));
    for (const d of s.definitions ?? []) {
      if (!isInt(d.typeId) || !isInt(d.inverseTypeId) || typeof d.fromObjectTypeId !== "string" || typeof d.toObjectTypeId !== "string") {
        throw new Error(`emulator state: malformed definition ${JSON.stringify(d)}`);
      }
      defs.set(d.typeId, { ...d });
    }
    const limits = new Map<number, number>();
    for (const l of s.limits ?? []) {
      if (!isInt(l.typeId) || !isInt(l.maxToObjectIds)) throw new Error(`emulator state: malformed limit ${JSON.stringify(l)}`);
      limits.set(l.typeId, l.maxToObjectIds);
    }
    const records = new Map<string, Map<string, CrmRecord>>();
    for (const r of s.records ?? []) {
      if (typeof r.objectTypeId !== "string" || typeof r.id !== "string") throw new Error(`emulator state: malformed record ${JSON.stringify(r)}`);
      if (!records.has(r.objectTypeId)) records.set(r.objectTypeId, new Map());
      records.get(r.objectTypeId)!.set(r.id, { ...r, properties: { ...(r.properties ?? {}) } });
    }
    const edges = new Map<string, Map<string, Set<number>>>();
    for (const e of s.associations ?? []) {
      if (typeof e.fromId !== "string" || typeof e.toId !== "string" || !Array.isArray(e.typeIds) || !e.typeIds.every(isInt)) {
        throw new Error(`emulator state: malformed association ${JSON.stringify(e)}`);
      }
      const k = this.key(e.fromObjectTypeId, e.fromId, e.toObjectTypeId);
      if (!edges.has(k)) edges.set(k, new Map());
      edges.get(k)!.set(e.toId, new Set(e.typeIds));
    }
    this.customObjects = [...customs.values()];
    this.registry = new ObjectTypeRegistry(this.customObjects, this.settings.portalId);
    this.defs = defs;
    this.nextTypeId = s.nextTypeId;
    this.nextRecordId = s.nextRecordId;
    this.limits = limits;
    this.records = records;
    this.edges = edges;
    this.seedCustomObjectTypes();
  }

  snapshot(): EmulatorStateSnapshot {
    const seeded = new Set(hubspotDefinedTypes().map((d) => d.typeId));
    const associations: AssociationEdge[] = [];
    for (const [key, m] of this.edges) {
      const [fromPart, toType] = key.split(">");
      const i = fromPart.lastIndexOf(":");
      for (const [toId, types] of m) {
        associations.push({ fromObjectTypeId: fromPart.slice(0, i), fromId: fromPart.slice(i + 1), toObjectTypeId: toType, toId, typeIds: [...types].sort((a, b) => a - b) });
      }
    }
    const limits: LimitRecord[] = [];
    for (const [typeId, max] of this.limits) {
      const d = this.defs.get(typeId);
      if (d) limits.push({ typeId, category: d.category, fromObjectTypeId: d.fromObjectTypeId, toObjectTypeId: d.toObjectTypeId, maxToObjectIds: max });
    }
    return {
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.nextTypeId,
      nextRecordId: this.nextRecordId,
      customObjects: this.customObjects.map((c) => ({ ...c })),
      definitions: [...this.defs.values()].filter((d) => !seeded.has(d.typeId)).map((d) => ({ ...d })),
      limits,
      records: [...this.records.values()].flatMap((m) => [...m.values()].map((r) => ({ ...r, properties: { ...r.properties } }))),
      associations,
    };
  }

  /**
   * Custom objects get an unlabeled default type with the standard CRM objects, each other and themselves.
   * HubSpot files these as USER_DEFINED with label null; they behave as default types here (not deletable).
   */
  private seedCustomObjectTypes(): void {
    const partners = ["0-1", "0-2", "0-3", "0-5", ...this.customObjects.map((c) => c.objectTypeId)];
    for (const c of this.customObjects) {
      for (const p of partners) {
        if (this.defaultTypeOf(c.objectTypeId, p)) continue;
        if (c.objectTypeId === p) {
          const id = this.allocateTypeId();
          this.defs.set(id, { typeId: id, category: "USER_DEFINED", fromObjectTypeId: p, toObjectTypeId: p, label: null, inverseTypeId: id, kind: "default" });
        } else {
          const [a, b] = this.allocatePair();
          this.defs.set(a, { typeId: a, category: "USER_DEFINED", fromObjectTypeId: c.objectTypeId, toObjectTypeId: p, label: null, inverseTypeId: b, kind: "default" });
          this.defs.set(b, { typeId: b, category: "USER_DEFINED", fromObjectTypeId: p, toObjectTypeId: c.objectTypeId, label: null, inverseTypeId: a, kind: "default" });
        }
      }
    }
  }

  private allocateTypeId(): number {
    while (SEEDED_TYPE_IDS.has(this.nextTypeId) || this.defs.has(this.nextTypeId)) this.nextTypeId++;
    return this.nextTypeId++;
  }

  /** Two consecutive fresh ids (paired labels use n and n+1 on HubSpot). Ids are never reused. */
  private allocatePair(): [number, number] {
    for (;;) {
      const a = this.allocateTypeId();
      if (!SEEDED_TYPE_IDS.has(a + 1) && !this.defs.has(a + 1)) {
        this.nextTypeId = a + 2;
        return [a, a + 1];
      }
    }
  }

  // ---------- object types and definitions ----------

  objectType(raw: string): ObjectType {
    const t = this.registry.resolve(raw);
    if (!t) throw unknownObjectTypeError(raw);
    return t;
  }

  definition(typeId: number): AssociationDefinition | undefined {
    return this.defs.get(typeId);
  }

  typesBetween(from: ObjectType, to: ObjectType): AssociationDefinition[] {
    return [...this.defs.values()].filter((d) => d.fromObjectTypeId === from.objectTypeId && d.toObjectTypeId === to.objectTypeId);
  }

  defaultTypeOf(fromId: string, toId: string): AssociationDefinition | undefined {
    for (const d of this.defs.values()) if (d.kind === "default" && d.fromObjectTypeId === fromId && d.toObjectTypeId === toId) return d;
    return undefined;
  }

  private requireDefault(from: ObjectType, to: ObjectType): AssociationDefinition {
    const d = this.defaultTypeOf(from.objectTypeId, to.objectTypeId);
    if (!d) throw validationError(`Associations between ${from.upper} and ${to.upper} are not supported`, { subCategory: "crm.associations.INVALID_OBJECT_TYPE_PAIR" });
    return d;
  }

  static spec(d: AssociationDefinition): SpecWithLabel {
    return { category: d.category, typeId: d.typeId, label: d.label };
  }

  invalidTypeError(category: string, typeId: unknown, from: ObjectType, to: ObjectType): HubSpotError {
    const type = `${CATEGORY_INDEX[category] ?? category}-${String(typeId)}`;
    return validationError(`${type} is not a valid association type between ${from.upper} and ${to.upper}`, {
      subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
      context: { type: [type], fromObjectType: [from.upper], toObjectType: [to.upper] },
    });
  }

  /** The definition behind an AssociationSpec / config input, valid for the directed pair, or a 400. */
  typeFor(category: unknown, typeId: unknown, from: ObjectType, to: ObjectType): AssociationDefinition {
    const d = isInt(typeId) ? this.defs.get(typeId) : undefined;
    if (!d || d.category !== category || d.fromObjectTypeId !== from.objectTypeId || d.toObjectTypeId !== to.objectTypeId) {
      throw this.invalidTypeError(String(category), typeId, from, to);
    }
    return d;
  }

  private samePair(d: AssociationDefinition, a: string, b: string): boolean {
    return (d.fromObjectTypeId === a && d.toObjectTypeId === b) || (d.fromObjectTypeId === b && d.toObjectTypeId === a);
  }

  // ---------- labels ----------

  private checkText(field: string, v: unknown, required: boolean): string | undefined {
    if (v === undefined || v === null) {
      if (required) throw validationError(`${field} is required`, { context: { [field]: ["required"] } });
      return undefined;
    }
    if (typeof v !== "string") throw validationError(`${field} must be a string`);
    if (v.trim().length === 0) throw validationError(`${field} may not be empty`);
    if (v.length > LABEL_MAX_LENGTH) throw validationError(`${field} may be at most ${LABEL_MAX_LENGTH} characters long`);
    return v;
  }

  private checkName(v: unknown): string {
    if (v === undefined || v === null) throw validationError("name is required", { context: { name: ["required"] } });
    if (typeof v !== "string") throw validationError("name must be a string");
    if (v.length === 0) throw validationError("name may not be empty");
    if (v.length > NAME_MAX_LENGTH) throw validationError(`name may be at most ${NAME_MAX_LENGTH} characters long`);
    if (/^[0-9]/.test(v)) throw validationError(`Invalid association name '${v}': the name may not start with a number`);
    if (v.includes("-")) throw validationError(`Invalid association name '${v}': the name may not contain hyphens`);
    if (/\s/.test(v)) throw validationError(`Invalid association name '${v}': the name may not contain spaces`);
    if (!NAME_PATTERN.test(v)) throw validationError(`Invalid association name '${v}': only letters, digits and underscores are allowed`);
    return v;
  }

  createLabel(from: ObjectType, to: ObjectType, body: Record<string, unknown>): SpecWithLabel[] {
    const name = this.checkName(body.name);
    const label = this.checkText("label", body.label, true) as string;
    const inverseLabel = this.checkText("inverseLabel", body.inverseLabel, false);
    this.requireDefault(from, to);
    this.requireDefault(to, from);
    const a = from.objectTypeId;
    const b = to.objectTypeId;
    const userLabels = [...this.defs.values()].filter((d) => (d.kind === "paired" || d.kind === "single") && this.samePair(d, a, b));
    if (userLabels.some((d) => d.name === name)) {
      throw validationError(`An association label with name '${name}' already exists between ${from.upper} and ${to.upper}`, {
        subCategory: "crm.associations.DUPLICATE_ASSOCIATION_DEFINITION_NAME",
        context: { name: [name] },
      });
    }
    const groups = new Set(userLabels.map((d) => Math.min(d.typeId, d.inverseTypeId))).size;
    if (groups >= this.settings.maxLabelsPerPair) {
      throw validationError(`The maximum number of association labels (${this.settings.maxLabelsPerPair}) between ${from.upper} and ${to.upper} has been reached`, {
        subCategory: "crm.associations.TOO_MANY_ASSOCIATION_LABELS",
      });
    }
    const base = { category: "USER_DEFINED" as const, name };
    let out: AssociationDefinition[];
    if (inverseLabel !== undefined) {
      const [n, m] = this.allocatePair();
      const fwd: AssociationDefinition = { ...base, typeId: n, fromObjectTypeId: a, toObjectTypeId: b, label, inverseTypeId: m, kind: "paired" };
      const inv: AssociationDefinition = { ...base, typeId: m, fromObjectTypeId: b, toObjectTypeId: a, label: inverseLabel, inverseTypeId: n, kind: "paired" };
      this.defs.set(n, fwd);
      this.defs.set(m, inv);
      out = [inv, fwd]; // inverse first, as in HubSpot's docs example: clients must match by text, not position
    } else if (a !== b) {
      // Single label between different objects: HubSpot creates it in both directions with the same text.
      const [n, m] = this.allocatePair();
      const fwd: AssociationDefinition = { ...base, typeId: n, fromObjectTypeId: a, toObjectTypeId: b, label, inverseTypeId: m, kind: "single" };
      const rev: AssociationDefinition = { ...base, typeId: m, fromObjectTypeId: b, toObjectTypeId: a, label, inverseTypeId: n, kind: "single" };
      this.defs.set(n, fwd);
      this.defs.set(m, rev);
      out = [fwd, rev];
    } else {
      const n = this.allocateTypeId();
      const d: AssociationDefinition = { ...base, typeId: n, fromObjectTypeId: a, toObjectTypeId: b, label, inverseTypeId: n, kind: "single" };
      this.defs.set(n, d);
      out = [d];
    }
    this.onChange();
    return out.map(PortalState.spec);
  }

  /** The USER_DEFINED label listed under from→to, or 404 / 400 like HubSpot. */
  private editableLabel(from: ObjectType, to: ObjectType, typeId: unknown, verb: string): AssociationDefinition {
    if (!isInt(typeId) || typeId <= 0) throw validationError(`associationTypeId must be a positive integer, got ${JSON.stringify(typeId)}`);
    const d = this.defs.get(typeId);
    if (!d || d.fromObjectTypeId !== from.objectTypeId || d.toObjectTypeId !== to.objectTypeId) {
      throw notFoundError(`Association type ${typeId} between ${from.upper} and ${to.upper} was not found`, {
        context: { associationTypeId: [String(typeId)], fromObjectType: [from.upper], toObjectType: [to.upper] },
      });
    }
    if (d.category === "HUBSPOT_DEFINED") throw validationError(`Association type ${typeId} is HUBSPOT_DEFINED and cannot be ${verb}`, { subCategory: "crm.associations.HUBSPOT_DEFINED_TYPE_IMMUTABLE" });
    if (d.kind === "default") throw validationError(`Association type ${typeId} is the default (unlabeled) type between ${from.upper} and ${to.upper} and cannot be ${verb}`);
    return d;
  }

  updateLabel(from: ObjectType, to: ObjectType, body: Record<string, unknown>): void {
    const d = this.editableLabel(from, to, body.associationTypeId, "updated");
    const label = this.checkText("label", body.label, true) as string;
    const inverseLabel = this.checkText("inverseLabel", body.inverseLabel, false);
    const inv = this.defs.get(d.inverseTypeId);
    if (d.kind === "paired") {
      d.label = label;
      if (inverseLabel !== undefined && inv) inv.label = inverseLabel;
    } else {
      if (inverseLabel !== undefined && inverseLabel !== label) {
        throw validationError(`Association type ${d.typeId} is not a paired label; inverseLabel cannot be set (changing single <-> paired needs a new label)`);
      }
      d.label = label;
      if (inv) inv.label = label; // single cross-object labels keep both halves' text in sync
    }
    this.onChange();
  }

  private usageCount(typeIds: number[]): number {
    let n = 0;
    for (const m of this.edges.values()) for (const types of m.values()) if (typeIds.some((t) => types.has(t))) n++;
    return n;
  }

  deleteLabel(from: ObjectType, to: ObjectType, rawId: string): void {
    const typeId = /^[0-9]+$/.test(rawId) ? Number(rawId) : NaN;
    if (!Number.isSafeInteger(typeId)) throw validationError(`associationTypeId must be an integer, got '${rawId}'`);
    const d = this.editableLabel(from, to, typeId, "deleted");
    const halves = [...new Set([d.typeId, d.inverseTypeId])];
    const inUse = this.usageCount(halves);
    if (inUse > 0) {
      // Directed edges are stored both ways, so halve the count for cross-object and asymmetric labels.
      const associations = halves.length === 2 || from.objectTypeId !== to.objectTypeId ? Math.ceil(inUse / 2) : inUse;
      throw validationError(
        `The association label '${d.label}' (typeId ${d.typeId}) is in use by ${associations} record association(s); remove it from those records before deleting it`,
        { subCategory: "crm.associations.ASSOCIATION_LABEL_IN_USE", context: { associationTypeId: [String(d.typeId)] } },
      );
    }
    for (const t of halves) {
      this.defs.delete(t);
      this.limits.delete(t);
    }
    this.onChange();
  }

  // ---------- limits ----------

  listLimits(from?: ObjectType, to?: ObjectType): Array<SpecWithLabel & { userEnforcedMaxToObjectIds: number }> {
    const out: Array<SpecWithLabel & { userEnforcedMaxToObjectIds: number }> = [];
    for (const [typeId, max] of this.limits) {
      const d = this.defs.get(typeId);
      if (!d) continue;
      if (from && to && (d.fromObjectTypeId !== from.objectTypeId || d.toObjectTypeId !== to.objectTypeId)) continue;
      out.push({ category: d.category, typeId, userEnforcedMaxToObjectIds: max, label: d.label });
    }
    return out;
  }

  /**
   * Batch create/update of limits. Items are validated one by one (bad type, range, create-over-existing,
   * update-without-limit become item errors); the "label limit ≤ unlabeled limit" rule is checked against
   * the state after the whole batch, so raising both in one batch works. Valid items are applied.
   */
  applyLimits(mode: "create" | "update", from: ObjectType, to: ObjectType, inputs: LimitInput[]): { applied: Array<{ def: AssociationDefinition; max: number }>; errors: StandardError[] } {
    const errors: StandardError[] = [];
    const accepted: Array<{ def: AssociationDefinition; max: number }> = [];
    const seen = new Set<number>();
    const max = this.settings.maxLimitValue;
    for (const input of inputs) {
      let def: AssociationDefinition;
      try {
        def = this.typeFor(input.category, input.typeId, from, to);
      } catch (e) {
        errors.push(toStandardError(e as HubSpotError));
        continue;
      }
      const ctx = { typeId: [String(def.typeId)] };
      if (seen.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", message: `Association type ${def.typeId} appears more than once in this batch`, context: ctx });
        continue;
      }
      seen.add(def.typeId);
      if (mode === "create" && this.limits.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.LIMIT_ALREADY_EXISTS", message: `Association type ${def.typeId} already has a limit (${this.limits.get(def.typeId)}); use batch/update to change it`, context: ctx });
        continue;
      }
      if (mode === "update" && !this.limits.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.LIMIT_NOT_FOUND", message: `Association type ${def.typeId} has no limit to update; use batch/create first`, context: ctx });
        continue;
      }
      if (!isInt(input.maxToObjectIds) || input.maxToObjectIds < 1 || input.maxToObjectIds > max) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.INVALID_LIMIT", message: `maxToObjectIds must be between 1 and ${max} for this association type`, context: { ...ctx, maxToObjectIds: [String(input.maxToObjectIds)] } });
        continue;
      }
      accepted.push({ def, max: input.maxToObjectIds });
    }
    // Check the cross-type rule on the candidate state; drop violators until stable.
    let changed = true;
    while (changed) {
      changed = false;
      const candidate = new Map(this.limits);
      for (const a of accepted) candidate.set(a.def.typeId, a.max);
      for (let i = 0; i < accepted.length; i++) {
        const problem = this.limitRuleProblem(accepted[i].def, accepted[i].max, candidate);
        if (problem) {
          errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.INVALID_LIMIT", message: problem, context: { typeId: [String(accepted[i].def.typeId)], maxToObjectIds: [String(accepted[i].max)] } });
          accepted.splice(i, 1);
          changed = true;
          break;
        }
      }
    }
    for (const a of accepted) this.limits.set(a.def.typeId, a.max);
    if (accepted.length > 0) this.onChange();
    return { applied: accepted, errors };
  }

  private limitRuleProblem(def: AssociationDefinition, value: number, candidate: Map<number, number>): string | undefined {
    const max = this.settings.maxLimitValue;
    if (def.kind === "default") {
      let highest = 0;
      for (const d of this.defs.values()) {
        if (d.kind !== "default" && d.fromObjectTypeId === def.fromObjectTypeId && d.toObjectTypeId === def.toObjectTypeId) highest = Math.max(highest, candidate.get(d.typeId) ?? 0);
      }
      if (value < highest) return `maxToObjectIds must be between ${highest} and ${max} for this association type: a label of this pair has a limit of ${highest}, and a label limit may not exceed the unlabeled limit`;
      return undefined;
    }
    const dflt = this.defaultTypeOf(def.fromObjectTypeId, def.toObjectTypeId);
    const cap = (dflt && candidate.get(dflt.typeId)) ?? max;
    if (value > cap) return `maxToObjectIds must be between 1 and ${cap} for this association type (a label limit may not exceed the unlabeled limit of ${cap})`;
    return undefined;
  }

  purgeLimits(from: ObjectType, to: ObjectType, inputs: Array<{ category: unknown; typeId: unknown }>): void {
    const defs = inputs.map((i) => this.typeFor(i.category, i.typeId, from, to)); // all-or-nothing: a bad type fails the call
    for (const d of defs) this.limits.delete(d.typeId);
    if (defs.length > 0) this.onChange();
  }

  // ---------- records ----------

  private recordMap(objectTypeId: string): Map<string, CrmRecord> {
    let m = this.records.get(objectTypeId);
    if (!m) {
      m = new Map();
      this.records.set(objectTypeId, m);
    }
    return m;
  }

  createRecord(type: ObjectType, properties: Record<string, unknown>): CrmRecord {
    const now = new Date().toISOString();
    const r: CrmRecord = { objectTypeId: type.objectTypeId, id: String(this.nextRecordId++), properties: { ...properties }, createdAt: now, updatedAt: now };
    this.recordMap(type.objectTypeId).set(r.id, r);
    this.onChange();
    return r;
  }

  getRecord(type: ObjectType, id: string): CrmRecord | undefined {
    return this.records.get(type.objectTypeId)?.get(id);
  }

  requireRecord(type: ObjectType, id: string): void {
    if (!/^[0-9]+$/.test(id)) throw validationError(`Invalid ${type.singular} id '${id}': ids are numeric`, { context: { id: [id] } });
    if (!this.settings.requireExistingRecords) return;
    if (!this.getRecord(type, id)) {
      throw notFoundError(`No ${type.singular} with id ${id} exists`, { context: { id: [id], objectType: [type.singular] } });
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
      m?.delete(toId);
      if (m && m.size === 0) this.edges.delete(k);
      return;
    }
    if (!m) {
      m = new Map();
      this.edges.set(k, m);
    }
    m.set(toId, types);
  }

  typesOn(from: ObjectType, fromId: string, to: ObjectType, toId: string): Set<number> {
    return new Set(this.edges.get(this.key(from.objectTypeId, fromId, to.objectTypeId))?.get(toId) ?? []);
  }

  private inverseOf(typeId: number): number {
    return this.defs.get(typeId)?.inverseTypeId ?? typeId;
  }

  private countWithType(fromType: string, fromId: string, toType: string, typeId: number, exceptId: string): number {
    let n = 0;
    for (const [toId, types] of this.edges.get(this.key(fromType, fromId, toType)) ?? []) if (toId !== exceptId && types.has(typeId)) n++;
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
          context: { fromObjectId: [fromId], fromObjectType: [from.singular], toObjectType: [to.singular], typeId: [String(typeId)], maxToObjectIds: [String(limit)] },
        },
      );
    }
  }

  /**
   * Writes the types between two records (both directions). `replace` = R2/B2 semantics (the body is the
   * new label set); `add` keeps existing types. The unlabeled default is always implied.
   */
  associate(from: ObjectType, fromId: string, to: ObjectType, toId: string, types: AssociationDefinition[], mode: "replace" | "add"): Set<number> {
    this.requireRecord(from, fromId);
    this.requireRecord(to, toId);
    if (from.objectTypeId === to.objectTypeId && fromId === toId) throw validationError(`A ${from.singular} cannot be associated with itself`);
    const dflt = this.requireDefault(from, to);
    const current = this.typesOn(from, fromId, to, toId);
    const next = mode === "replace" ? new Set<number>() : new Set(current);
    next.add(dflt.typeId);
    for (const t of types) next.add(t.typeId);
    const reverseCurrent = this.typesOn(to, toId, from, fromId);
    const reverse = new Set([...next].map((t) => this.inverseOf(t)));
    for (const t of next) if (!current.has(t)) this.checkLimit(from, fromId, to, toId, t);
    for (const t of reverse) if (!reverseCurrent.has(t)) this.checkLimit(to, toId, from, fromId, t);
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, next);
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, reverse);
    this.onChange();
    return next;
  }

  /** Removes the given types; removing the default type removes everything between the two records. */
  removeTypes(from: ObjectType, fromId: string, to: ObjectType, toId: string, types: AssociationDefinition[]): void {
    const current = this.typesOn(from, fromId, to, toId);
    if (current.size === 0) return;
    if (types.some((t) => t.kind === "default")) return this.removeAll(from, fromId, to, toId);
    for (const t of types) current.delete(t.typeId);
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, current);
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, new Set([...current].map((t) => this.inverseOf(t))));
    this.onChange();
  }

  removeAll(from: ObjectType, fromId: string, to: ObjectType, toId: string): void {
    const had = this.typesOn(from, fromId, to, toId).size > 0;
    this.setEdge(from.objectTypeId, fromId, to.objectTypeId, toId, new Set());
    this.setEdge(to.objectTypeId, toId, from.objectTypeId, fromId, new Set());
    if (had) this.onChange();
  }

  /** Associations of one record to one object type, ordered by numeric id. */
  listAssociations(from: ObjectType, fromId: string, to: ObjectType): Array<{ toId: string; types: SpecWithLabel[] }> {
    const m = this.edges.get(this.key(from.objectTypeId, fromId, to.objectTypeId));
    if (!m) return [];
    return [...m.entries()]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([toId, types]) => ({
        toId,
        types: [...types]
          .sort((x, y) => x - y)
          .map((t) => this.defs.get(t))
          .filter((d): d is AssociationDefinition => d !== undefined)
          .map(PortalState.spec),
      }));
  }

  labelsOf(types: Set<number>): string[] {
    return [...types]
      .sort((a, b) => a - b)
      .map((t) => this.defs.get(t)?.label)
      .filter((l): l is string => typeof l === "string");
  }
}
