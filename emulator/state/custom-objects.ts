// The portal's custom object schemas, the allocation of their ids, and the name lookup over them and the standard
// table. A new custom object gets `2-<n>` from a counter that starts at a random point in every emulator instance,
// so two emulators give the same object different ids, as a sandbox and its production portal do (reference Q6).
import { randomInt } from "node:crypto";
import { HubSpotError, stateLimitError } from "../errors";
import { CUSTOM_OBJECT_ID, ObjectType, ObjectTypeRegistry } from "../object-types";
import { CustomObjectRecord } from "../types";
import { SchemaCreate } from "./schema-input";

/** The bounds of the random start: 8-digit ids, as HubSpot's look (2-30931773). */
const ID_BASE_MIN = 10_000_000;
const ID_BASE_MAX = 90_000_000;
/** A stored schema (properties included) as JSON: keeps one schema from taking a large part of the state. */
export const MAX_SCHEMA_BYTES = 64 * 1024;

export function idNumber(objectTypeId: string): number {
  return Number(objectTypeId.slice(2));
}

export class CustomObjectSchemas {
  private records = new Map<string, CustomObjectRecord>();
  private nextId = randomInt(ID_BASE_MIN, ID_BASE_MAX);
  registry: ObjectTypeRegistry;

  constructor(
    private readonly portalId: number,
    private readonly maxCustomObjects: number,
  ) {
    this.registry = new ObjectTypeRegistry([], portalId);
  }

  get counter(): number {
    return this.nextId;
  }

  /** Replaces every schema; the id counter only moves forward (ids are never given out twice). */
  replace(records: CustomObjectRecord[], nextId: number | undefined): void {
    this.records = new Map(records.map((r) => [r.objectTypeId, structuredClone(r)]));
    const highest = Math.max(0, ...records.map((r) => idNumber(r.objectTypeId)));
    this.nextId = Math.max(this.nextId, nextId ?? 0, highest + 1);
    this.registry = new ObjectTypeRegistry(this.all(), this.portalId);
  }

  all(): CustomObjectRecord[] {
    return [...this.records.values()].map((r) => structuredClone(r));
  }

  get(objectTypeId: string): CustomObjectRecord | undefined {
    const r = this.records.get(objectTypeId);
    return r && structuredClone(r);
  }

  byName(name: string): CustomObjectRecord | undefined {
    const n = name.toLowerCase();
    for (const r of this.records.values()) if (r.name.toLowerCase() === n) return structuredClone(r);
    return undefined;
  }

  /** A custom object by objectTypeId, `p_<name>` or fully qualified name (not its plain name, nor a standard object). */
  find(raw: string): CustomObjectRecord | undefined {
    const t: ObjectType | undefined = this.registry.resolve(raw);
    return t?.custom ? this.get(t.objectTypeId) : undefined;
  }

  allocateId(): string {
    while (this.records.has(`2-${this.nextId}`)) this.nextId++;
    return `2-${this.nextId++}`;
  }

  /** Adds a schema; the caller adds its association types. 409 for a name the portal has (case-insensitively). */
  create(input: SchemaCreate, now: string): CustomObjectRecord {
    if (this.byName(input.name)) {
      throw new HubSpotError(409, {
        status: "error",
        message: `An object schema named '${input.name}' already exists in this portal (names are unique, case-insensitively)`,
        category: "CONFLICT",
        context: { name: [input.name] },
      });
    }
    if (this.records.size >= this.maxCustomObjects)
      throw stateLimitError(
        `The emulator holds at most ${this.maxCustomObjects} custom object schemas (maxCustomObjects)`,
      );
    const record: CustomObjectRecord = {
      objectTypeId: this.allocateId(),
      name: input.name,
      singular: input.singular,
      plural: input.plural,
      requiredProperties: input.requiredProperties,
      properties: input.properties,
      associatedObjects: input.associatedObjects,
      createdAt: now,
      updatedAt: now,
    };
    if (input.primaryDisplayProperty !== undefined) record.primaryDisplayProperty = input.primaryDisplayProperty;
    const size = Buffer.byteLength(JSON.stringify(record));
    if (size > MAX_SCHEMA_BYTES)
      throw stateLimitError(
        `A custom object schema may take at most ${MAX_SCHEMA_BYTES} bytes as JSON; this one takes ${size}`,
      );
    this.add(record);
    return structuredClone(record);
  }

  /** Adds a record whose id is known (seeding); the id must look like 2-123 and be free. */
  add(record: CustomObjectRecord): void {
    if (!CUSTOM_OBJECT_ID.test(record.objectTypeId))
      throw new Error(`emulator: custom object id must look like 2-123, got ${record.objectTypeId}`);
    this.records.set(record.objectTypeId, structuredClone(record));
    this.registry = new ObjectTypeRegistry(this.all(), this.portalId);
  }
}
