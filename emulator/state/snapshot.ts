// The emulator's state document (`GET /__emulator/state`, the state file) parsed from `unknown` once: every field is
// checked here, with the path of the first bad one in the message, so the rest of the emulator works on typed data.
import {
  AssociationDefinition,
  AssociationEdge,
  Category,
  CrmRecord,
  CustomObjectRecord,
  DefinitionKind,
  EmulatorStateSnapshot,
  LimitRecord,
  SchemaProperty,
} from "../types";

export class StateDocumentError extends Error {}

const CATEGORIES: readonly Category[] = ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"];
const KINDS: readonly DefinitionKind[] = ["default", "system", "paired", "single"];
const OBJECT_TYPE_ID = /^[02]-[0-9]+$/;
const RECORD_ID = /^[0-9]+$/;

/** Reads one JSON value at a path; every failure names the path. */
class Field {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  fail(what: string): never {
    throw new StateDocumentError(`emulator state: ${this.path} ${what}`);
  }

  get(key: string): Field {
    return new Field(this.object()[key], this.path ? `${this.path}.${key}` : key);
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value))
      this.fail("must be an object");
    return this.value as Record<string, unknown>;
  }

  items(): Field[] {
    if (!Array.isArray(this.value)) this.fail("must be an array");
    return (this.value as unknown[]).map((v, i) => new Field(v, `${this.path}[${i}]`));
  }

  /** An array, or [] when the field is absent (older documents lack newer collections). */
  optionalItems(): Field[] {
    return this.value === undefined ? [] : this.items();
  }

  int(min = Number.MIN_SAFE_INTEGER): number {
    if (typeof this.value !== "number" || !Number.isSafeInteger(this.value)) this.fail("must be an integer");
    if ((this.value as number) < min) this.fail(`must be at least ${min}`);
    return this.value as number;
  }

  string(pattern?: RegExp): string {
    if (typeof this.value !== "string") this.fail("must be a string");
    const s = this.value as string;
    if (pattern && !pattern.test(s)) this.fail(`'${s}' is malformed`);
    return s;
  }

  optionalString(): string | undefined {
    return this.value === undefined ? undefined : this.string();
  }

  optionalInt(min?: number): number | undefined {
    return this.value === undefined ? undefined : this.int(min);
  }

  nullableString(): string | null {
    return this.value === null ? null : this.string();
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const s = this.string();
    if (!(allowed as readonly string[]).includes(s)) this.fail(`must be one of ${allowed.join(", ")}`);
    return s as T;
  }
}

function schemaProperty(f: Field): SchemaProperty {
  const p: SchemaProperty = {
    name: f.get("name").string(/^.+$/),
    label: f.get("label").string(),
    type: f.get("type").string(),
    fieldType: f.get("fieldType").string(),
  };
  for (const key of ["description", "groupName"] as const) {
    const v = f.get(key).optionalString();
    if (v !== undefined) p[key] = v;
  }
  if (f.get("options").value !== undefined) {
    p.options = f
      .get("options")
      .items()
      .map((o) => {
        const option: NonNullable<SchemaProperty["options"]>[number] = {
          label: o.get("label").string(),
          value: o.get("value").string(),
        };
        const displayOrder = o.get("displayOrder").optionalInt();
        if (displayOrder !== undefined) option.displayOrder = displayOrder;
        if (typeof o.get("hidden").value === "boolean") option.hidden = o.get("hidden").value as boolean;
        return option;
      });
  }
  return p;
}

function customObject(f: Field): CustomObjectRecord {
  const r: CustomObjectRecord = {
    objectTypeId: f.get("objectTypeId").string(/^2-[1-9][0-9]*$/),
    name: f.get("name").string(/^.+$/),
  };
  for (const key of ["singular", "plural", "primaryDisplayProperty", "createdAt", "updatedAt"] as const) {
    const v = f.get(key).optionalString();
    if (v !== undefined) r[key] = v;
  }
  if (f.get("requiredProperties").value !== undefined)
    r.requiredProperties = f
      .get("requiredProperties")
      .items()
      .map((x) => x.string());
  if (f.get("properties").value !== undefined) r.properties = f.get("properties").items().map(schemaProperty);
  if (f.get("associatedObjects").value !== undefined)
    r.associatedObjects = f
      .get("associatedObjects")
      .items()
      .map((x) => x.string(OBJECT_TYPE_ID));
  return r;
}

function definition(f: Field): AssociationDefinition {
  const d: AssociationDefinition = {
    typeId: f.get("typeId").int(1),
    category: f.get("category").oneOf(CATEGORIES),
    fromObjectTypeId: f.get("fromObjectTypeId").string(OBJECT_TYPE_ID),
    toObjectTypeId: f.get("toObjectTypeId").string(OBJECT_TYPE_ID),
    label: f.get("label").nullableString(),
    inverseTypeId: f.get("inverseTypeId").value === null ? null : f.get("inverseTypeId").int(1),
    kind: f.get("kind").oneOf(KINDS),
  };
  const name = f.get("name").optionalString();
  if (name !== undefined) d.name = name;
  return d;
}

function limit(f: Field): LimitRecord {
  return {
    typeId: f.get("typeId").int(1),
    category: f.get("category").oneOf(CATEGORIES),
    fromObjectTypeId: f.get("fromObjectTypeId").string(OBJECT_TYPE_ID),
    toObjectTypeId: f.get("toObjectTypeId").string(OBJECT_TYPE_ID),
    maxToObjectIds: f.get("maxToObjectIds").int(1),
  };
}

function record(f: Field): CrmRecord {
  return {
    objectTypeId: f.get("objectTypeId").string(OBJECT_TYPE_ID),
    id: f.get("id").string(RECORD_ID),
    properties: { ...f.get("properties").object() },
    createdAt: f.get("createdAt").string(),
    updatedAt: f.get("updatedAt").string(),
  };
}

function edge(f: Field): AssociationEdge {
  return {
    fromObjectTypeId: f.get("fromObjectTypeId").string(OBJECT_TYPE_ID),
    fromId: f.get("fromId").string(RECORD_ID),
    toObjectTypeId: f.get("toObjectTypeId").string(OBJECT_TYPE_ID),
    toId: f.get("toId").string(RECORD_ID),
    typeIds: f
      .get("typeIds")
      .items()
      .map((t) => t.int(1)),
  };
}

/** The one place a state document from outside (file or control endpoint) becomes an EmulatorStateSnapshot. */
export function parseStateSnapshot(raw: unknown): EmulatorStateSnapshot {
  const doc = new Field(raw, "");
  doc.object();
  if (doc.get("version").value !== 1)
    throw new StateDocumentError("emulator state: not an emulator state document (version must be 1)");
  return {
    version: 1,
    portalId: doc.get("portalId").int(1),
    nextTypeId: doc.get("nextTypeId").int(1),
    nextRecordId: doc.get("nextRecordId").int(1),
    ...(doc.get("nextCustomObjectId").value === undefined
      ? {}
      : { nextCustomObjectId: doc.get("nextCustomObjectId").int(1) }),
    customObjects: doc.get("customObjects").optionalItems().map(customObject),
    definitions: doc.get("definitions").optionalItems().map(definition),
    limits: doc.get("limits").optionalItems().map(limit),
    records: doc.get("records").optionalItems().map(record),
    associations: doc.get("associations").optionalItems().map(edge),
  };
}
