// One HubSpot portal: its tables (definitions, limits, records and associations, custom objects) behind one
// handle, with the operations that span several of them, the seed, and the state document (load / snapshot).
// Handlers translate HTTP to these calls; every refusal is a HubSpotError shaped like HubSpot's.
import { unknownObjectTypeError, validationError } from "./errors";
import { hubspotDefinedTypes } from "./hubspot-defined-types";
import { CUSTOM_OBJECT_ID, ObjectType } from "./object-types";
import { CustomObjects } from "./state/custom-objects";
import { DefinitionTable } from "./state/definitions";
import { LimitTable } from "./state/limits";
import { FIRST_RECORD_ID, RecordGraph, StateBounds } from "./state/records";
import { StateDocumentError } from "./state/snapshot";
import { AssociationDefinition, CustomObjectSpec, EmulatorStateSnapshot, LimitRecord } from "./types";

export interface PortalSettings extends StateBounds {
  portalId: number;
  maxLabelsPerPair: number;
  maxLimitValue: number;
  customObjects: CustomObjectSpec[];
  requireExistingRecords: boolean;
  firstTypeId: number;
}

export class PortalState {
  readonly definitions: DefinitionTable;
  readonly limits: LimitTable;
  readonly graph: RecordGraph;
  readonly customObjects: CustomObjects;
  /** Bumped by every change; the server compares it around a request to know whether to persist. */
  version = 0;
  /** The options' custom objects' default types, allocated once: a reset brings back these very typeIds. */
  private seedDefaults: AssociationDefinition[] = [];

  constructor(readonly settings: PortalSettings) {
    const changed = (): void => {
      this.version++;
    };
    this.definitions = new DefinitionTable(settings.firstTypeId, changed);
    this.limits = new LimitTable(this.definitions, settings.maxLimitValue, changed);
    this.graph = new RecordGraph(this.definitions, this.limits, settings.requireExistingRecords, settings, changed);
    this.customObjects = new CustomObjects(settings.portalId);
    for (const c of settings.customObjects) {
      if (typeof c.objectTypeId !== "string" || !CUSTOM_OBJECT_ID.test(c.objectTypeId)) throw new Error(`emulator: custom object id must look like 2-123, got ${String(c.objectTypeId)}`);
      if (typeof c.name !== "string" || c.name.length === 0) throw new Error(`emulator: custom object ${c.objectTypeId} needs a name`);
    }
    this.reset();
    this.captureSeedDefaults();
  }

  /** Remembers the seed custom objects' default types as they are now (after the first reset or a state load). */
  private captureSeedDefaults(): void {
    const seeds = new Set(this.settings.customObjects.map((c) => c.objectTypeId));
    this.seedDefaults = this.definitions
      .all()
      .filter((d) => d.kind === "default" && d.category === "USER_DEFINED" && (seeds.has(d.fromObjectTypeId) || seeds.has(d.toObjectTypeId)))
      .map((d) => ({ ...d }));
  }

  objectType(raw: string): ObjectType {
    const t = this.customObjects.registry.resolve(raw);
    if (!t) throw unknownObjectTypeError(raw);
    return t;
  }

  /** Deletes a USER_DEFINED label (both halves) and their limits; refused while a record association uses it. */
  deleteLabel(from: ObjectType, to: ObjectType, rawId: string): void {
    const typeId = /^[0-9]+$/.test(rawId) ? Number(rawId) : NaN;
    if (!Number.isSafeInteger(typeId)) throw validationError(`associationTypeId must be an integer, got '${rawId}'`);
    const d = this.definitions.editableLabel(from, to, typeId, "deleted");
    const halves = this.definitions.halvesOf(d);
    const inUse = this.graph.usageCount(halves);
    if (inUse > 0) {
      // Directed edges are stored both ways, so halve the count for cross-object and asymmetric labels.
      const associations = halves.length === 2 || from.objectTypeId !== to.objectTypeId ? Math.ceil(inUse / 2) : inUse;
      throw validationError(
        `The association label '${d.label}' (typeId ${d.typeId}) is in use by ${associations} record association(s); remove it from those records before deleting it`,
        { subCategory: "crm.associations.ASSOCIATION_LABEL_IN_USE", context: { associationTypeId: [String(d.typeId)] } },
      );
    }
    this.limits.forget(halves);
    this.definitions.remove(halves);
  }

  // ---------- lifecycle ----------

  /** Back to the seed: HubSpot's types and the options' custom objects. The typeId counter stays where it is. */
  reset(): void {
    this.replaceState({
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.settings.firstTypeId,
      nextRecordId: FIRST_RECORD_ID,
      customObjects: [],
      definitions: this.seedDefaults,
      limits: [],
      records: [],
      associations: [],
    });
  }

  /** Replaces the whole state with a document (state file, PUT /__emulator/state). */
  load(s: EmulatorStateSnapshot): void {
    this.replaceState(s);
    this.captureSeedDefaults();
  }

  /**
   * Checks everything first and swaps at the end, so a bad document changes nothing. The next USER_DEFINED typeId is
   * a high-water mark: never lowered by a document, a reset or a restart, so a typeId is never given out twice.
   */
  private replaceState(s: EmulatorStateSnapshot): void {
    const customs = new Map<string, CustomObjectSpec>();
    for (const c of [...s.customObjects, ...this.settings.customObjects]) customs.set(c.objectTypeId, c);
    const defs = new Map(hubspotDefinedTypes().map((d) => [d.typeId, d]));
    for (const d of s.definitions) defs.set(d.typeId, d);
    for (const l of s.limits) if (!defs.has(l.typeId)) throw new StateDocumentError(`emulator state: a limit names typeId ${l.typeId}, which no definition has`);
    this.customObjects.replace([...customs.values()]);
    const highest = Math.max(0, ...s.definitions.map((d) => d.typeId));
    this.definitions.replace(defs.values(), Math.max(this.definitions.counter, s.nextTypeId, highest + 1));
    this.limits.replace(s.limits.map((l) => [l.typeId, l.maxToObjectIds]));
    this.graph.replace(s.records, s.associations, s.nextRecordId);
    this.seedCustomObjectTypes();
    this.version++;
  }

  snapshot(): EmulatorStateSnapshot {
    const seeded = new Set(hubspotDefinedTypes().map((d) => d.typeId));
    const limits: LimitRecord[] = [];
    for (const [typeId, max] of this.limits.entries()) {
      const d = this.definitions.get(typeId);
      if (d) limits.push({ typeId, category: d.category, fromObjectTypeId: d.fromObjectTypeId, toObjectTypeId: d.toObjectTypeId, maxToObjectIds: max });
    }
    return {
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.definitions.counter,
      nextRecordId: this.graph.counter,
      customObjects: this.customObjects.all(),
      definitions: this.definitions
        .all()
        .filter((d) => !seeded.has(d.typeId))
        .map((d) => ({ ...d })),
      limits,
      records: this.graph.allRecords(),
      associations: this.graph.allEdges(),
    };
  }

  /**
   * Custom objects get an unlabeled default type with the standard CRM objects, each other and themselves.
   * HubSpot files these as USER_DEFINED with label null; they behave as default types here (not deletable).
   */
  private seedCustomObjectTypes(): void {
    const customs = this.customObjects.all();
    const partners = ["0-1", "0-2", "0-3", "0-5", ...customs.map((c) => c.objectTypeId)];
    for (const c of customs) {
      for (const p of partners) {
        if (this.definitions.defaultOf(c.objectTypeId, p)) continue;
        if (c.objectTypeId === p) {
          const id = this.definitions.allocateTypeId();
          this.definitions.add(defaultType(id, p, p, id));
        } else {
          const [a, b] = this.definitions.allocatePair();
          this.definitions.add(defaultType(a, c.objectTypeId, p, b));
          this.definitions.add(defaultType(b, p, c.objectTypeId, a));
        }
      }
    }
  }
}

function defaultType(typeId: number, from: string, to: string, inverseTypeId: number): AssociationDefinition {
  return { typeId, category: "USER_DEFINED", fromObjectTypeId: from, toObjectTypeId: to, label: null, inverseTypeId, kind: "default" };
}
