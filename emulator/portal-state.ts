// One HubSpot portal: its tables (definitions, limits, records and associations, custom object schemas) behind one
// handle, with the operations that span several of them, the seed, and the state document (load / snapshot).
// Handlers translate HTTP to these calls; every refusal is a HubSpotError shaped like HubSpot's.
import { unknownObjectTypeError, validationError } from "./errors";
import { hubspotDefinedTypes } from "./hubspot-defined-types";
import { CUSTOM_OBJECT_ID, ObjectType } from "./object-types";
import { CustomObjectSchemas } from "./state/custom-objects";
import { DefinitionTable } from "./state/definitions";
import { LimitTable } from "./state/limits";
import { FIRST_RECORD_ID, RecordGraph, StateBounds } from "./state/records";
import { parseSchemaCreate } from "./state/schema-input";
import { StateDocumentError } from "./state/snapshot";
import {
  AssociationDefinition,
  CustomObjectRecord,
  CustomObjectSpec,
  EmulatorStateSnapshot,
  LimitRecord,
} from "./types";

export interface PortalSettings extends StateBounds {
  portalId: number;
  maxLabelsPerPair: number;
  maxLimitValue: number;
  customObjects: CustomObjectSpec[];
  maxCustomObjects: number;
  requireExistingRecords: boolean;
  firstTypeId: number;
  /** Deleting one half of a two-typeId label deletes the other half too (HubSpot unconfirmed, reference Q1). */
  pairedDeleteCascades: boolean;
}

/** The object types a custom object is associated with when nothing says otherwise (seeds, older state files). */
const STANDARD_PARTNERS = ["0-1", "0-2", "0-3", "0-5"];

export class PortalState {
  readonly definitions: DefinitionTable;
  readonly limits: LimitTable;
  readonly graph: RecordGraph;
  readonly customObjects: CustomObjectSchemas;
  /** Bumped by every change; the server compares it around a request to know whether to persist. */
  version = 0;
  /** The options' custom objects, with their ids (given or allocated once). */
  private seedCustomObjects: CustomObjectRecord[];
  /** The options' custom objects' default types, allocated once: a reset brings back these very typeIds. */
  private seedDefaults: AssociationDefinition[] = [];

  constructor(readonly settings: PortalSettings) {
    const changed = (): void => {
      this.version++;
    };
    this.definitions = new DefinitionTable(settings.firstTypeId, changed);
    this.limits = new LimitTable(this.definitions, settings.maxLimitValue, changed);
    this.graph = new RecordGraph(this.definitions, this.limits, settings.requireExistingRecords, settings, changed);
    this.customObjects = new CustomObjectSchemas(settings.portalId, settings.maxCustomObjects);
    this.seedCustomObjects = this.resolveSeeds(settings.customObjects);
    this.reset();
    this.captureSeedDefaults();
  }

  /** The options' custom objects as records: names checked, ids given or allocated. */
  private resolveSeeds(specs: CustomObjectSpec[]): CustomObjectRecord[] {
    const now = new Date().toISOString();
    const given = new Set<string>();
    const names = new Set<string>();
    for (const s of specs) {
      if (typeof s.name !== "string" || !/^[A-Za-z][A-Za-z0-9_]*$/.test(s.name))
        throw new Error(
          `emulator: custom object name '${String(s.name)}' must start with a letter and hold letters, digits and underscores`,
        );
      if (names.has(s.name.toLowerCase())) throw new Error(`emulator: two custom objects are named '${s.name}'`);
      names.add(s.name.toLowerCase());
      if (s.objectTypeId === undefined) continue;
      if (!CUSTOM_OBJECT_ID.test(s.objectTypeId))
        throw new Error(`emulator: custom object id must look like 2-123, got ${s.objectTypeId}`);
      if (given.has(s.objectTypeId)) throw new Error(`emulator: two custom objects have the id ${s.objectTypeId}`);
      given.add(s.objectTypeId);
    }
    const records = specs.map((s): CustomObjectRecord => {
      let id = s.objectTypeId;
      while (id === undefined || (s.objectTypeId === undefined && given.has(id))) id = this.customObjects.allocateId();
      const r: CustomObjectRecord = {
        objectTypeId: id,
        name: s.name,
        requiredProperties: [],
        properties: [],
        createdAt: now,
        updatedAt: now,
      };
      if (s.singular !== undefined) r.singular = s.singular;
      if (s.plural !== undefined) r.plural = s.plural;
      return r;
    });
    return withSeedPartners(records);
  }

  /** Remembers the seed custom objects' default types as they are now (after the first reset or a state load). */
  private captureSeedDefaults(): void {
    const seeds = new Set(this.seedCustomObjects.map((c) => c.objectTypeId));
    this.seedDefaults = this.definitions
      .all()
      .filter(
        (d) =>
          d.kind === "default" &&
          d.category === "USER_DEFINED" &&
          (seeds.has(d.fromObjectTypeId) || seeds.has(d.toObjectTypeId)),
      )
      .map((d) => ({ ...d }));
  }

  objectType(raw: string): ObjectType {
    const t = this.customObjects.registry.resolve(raw);
    if (!t) throw unknownObjectTypeError(raw);
    return t;
  }

  /**
   * Deletes a USER_DEFINED label and its limit; refused while a record association uses it. A label with two typeIds
   * (paired, or single between two object types) loses both halves when pairedDeleteCascades (the default);
   * otherwise only the half named, and the other half stays on its own (no inverse).
   */
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
        {
          subCategory: "crm.associations.ASSOCIATION_LABEL_IN_USE",
          context: { associationTypeId: [String(d.typeId)] },
        },
      );
    }
    const removed = this.settings.pairedDeleteCascades ? halves : [d.typeId];
    this.limits.forget(removed);
    this.definitions.remove(removed);
  }

  /** POST /crm/v3/schemas: a new custom object and its default association types with `associatedObjects`. */
  createCustomObject(body: Record<string, unknown>): CustomObjectRecord {
    const input = parseSchemaCreate(body, this.customObjects.registry);
    const record = this.customObjects.create(input, new Date().toISOString());
    this.addCustomDefaults(record);
    this.version++;
    return record;
  }

  // ---------- lifecycle ----------

  /** Back to the seed: HubSpot's types and the options' custom objects. The typeId counter stays where it is. */
  reset(): void {
    this.replaceState({
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.settings.firstTypeId,
      nextRecordId: FIRST_RECORD_ID,
      customObjects: this.seedCustomObjects,
      definitions: this.seedDefaults,
      limits: [],
      records: [],
      associations: [],
    });
  }

  /** Replaces the whole state with a document (state file, PUT /__emulator/state); the options' custom objects join it. */
  load(s: EmulatorStateSnapshot): void {
    const { customObjects, seeds } = this.mergeSeeds(s.customObjects);
    this.replaceState({ ...s, customObjects });
    this.seedCustomObjects = seeds;
    this.captureSeedDefaults();
  }

  /** A seed already in the document (same name) keeps the document's id, unless the options pinned another one. */
  private mergeSeeds(loaded: CustomObjectRecord[]): {
    customObjects: CustomObjectRecord[];
    seeds: CustomObjectRecord[];
  } {
    const out = [...loaded];
    const pinned = new Map(
      this.settings.customObjects
        .filter((c) => c.objectTypeId !== undefined)
        .map((c) => [c.name.toLowerCase(), c.objectTypeId]),
    );
    const taken = new Set(loaded.map((r) => r.objectTypeId));
    const seeds = this.seedCustomObjects.map((seed) => {
      const existing = loaded.find((r) => r.name.toLowerCase() === seed.name.toLowerCase());
      const pin = pinned.get(seed.name.toLowerCase());
      if (existing) {
        if (pin !== undefined && pin !== existing.objectTypeId)
          throw new StateDocumentError(
            `emulator state: custom object '${seed.name}' is ${existing.objectTypeId} in the state but ${pin} in the options`,
          );
        return { ...seed, objectTypeId: existing.objectTypeId };
      }
      let id = seed.objectTypeId;
      if (taken.has(id)) {
        if (pin !== undefined)
          throw new StateDocumentError(
            `emulator state: custom object id ${pin} of '${seed.name}' (options) belongs to another custom object in the state`,
          );
        while (taken.has(id)) id = this.customObjects.allocateId();
      }
      taken.add(id);
      return { ...seed, objectTypeId: id };
    });
    const merged = withSeedPartners(seeds);
    for (const seed of merged) if (!loaded.some((r) => r.objectTypeId === seed.objectTypeId)) out.push(seed);
    return { customObjects: out, seeds: merged };
  }

  /**
   * Checks everything first and swaps at the end, so a bad document changes nothing. The next USER_DEFINED typeId is
   * a high-water mark: never lowered by a document, a reset or a restart, so a typeId is never given out twice.
   */
  private replaceState(s: EmulatorStateSnapshot): void {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const c of s.customObjects) {
      if (ids.has(c.objectTypeId))
        throw new StateDocumentError(`emulator state: two custom objects have the id ${c.objectTypeId}`);
      if (names.has(c.name.toLowerCase()))
        throw new StateDocumentError(`emulator state: two custom objects are named '${c.name}'`);
      ids.add(c.objectTypeId);
      names.add(c.name.toLowerCase());
    }
    const customs = s.customObjects.map((c) =>
      c.associatedObjects ? c : { ...c, associatedObjects: [...STANDARD_PARTNERS, ...ids] },
    );
    const defs = new Map(hubspotDefinedTypes().map((d) => [d.typeId, d]));
    for (const d of s.definitions) defs.set(d.typeId, d);
    for (const l of s.limits)
      if (!defs.has(l.typeId))
        throw new StateDocumentError(`emulator state: a limit names typeId ${l.typeId}, which no definition has`);
    const highest = Math.max(0, ...s.definitions.map((d) => d.typeId));
    this.customObjects.replace(customs, s.nextCustomObjectId);
    this.definitions.replace(defs.values(), Math.max(this.definitions.counter, s.nextTypeId, highest + 1));
    this.limits.replace(s.limits.map((l) => [l.typeId, l.maxToObjectIds]));
    this.graph.replace(s.records, s.associations, s.nextRecordId);
    for (const c of customs) this.addCustomDefaults(c);
    this.version++;
  }

  /**
   * A custom object's unlabeled default types with each of its associated objects (both directions; one symmetric
   * type with itself). HubSpot files these as USER_DEFINED with label null; here they behave as default types.
   */
  private addCustomDefaults(c: CustomObjectRecord): void {
    for (const p of c.associatedObjects ?? []) {
      if (this.definitions.defaultOf(c.objectTypeId, p) || !this.customObjects.registry.byObjectTypeId(p)) continue;
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

  snapshot(): EmulatorStateSnapshot {
    const seeded = new Set(hubspotDefinedTypes().map((d) => d.typeId));
    const limits: LimitRecord[] = [];
    for (const [typeId, max] of this.limits.entries()) {
      const d = this.definitions.get(typeId);
      if (d)
        limits.push({
          typeId,
          category: d.category,
          fromObjectTypeId: d.fromObjectTypeId,
          toObjectTypeId: d.toObjectTypeId,
          maxToObjectIds: max,
        });
    }
    return {
      version: 1,
      portalId: this.settings.portalId,
      nextTypeId: this.definitions.counter,
      nextRecordId: this.graph.counter,
      nextCustomObjectId: this.customObjects.counter,
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
}

/** The options' custom objects are associated with the standard four, with each other and with themselves. */
function withSeedPartners(seeds: CustomObjectRecord[]): CustomObjectRecord[] {
  const partners = [...STANDARD_PARTNERS, ...seeds.map((s) => s.objectTypeId)];
  return seeds.map((s) => ({ ...s, associatedObjects: partners }));
}

function defaultType(typeId: number, from: string, to: string, inverseTypeId: number): AssociationDefinition {
  return {
    typeId,
    category: "USER_DEFINED",
    fromObjectTypeId: from,
    toObjectTypeId: to,
    label: null,
    inverseTypeId,
    kind: "default",
  };
}
