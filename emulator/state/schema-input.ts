// The body of POST /crm/v3/schemas (HubSpot's ObjectSchemaEgg) checked field by field: name, labels,
// properties, requiredProperties and associatedObjects are required (as in HubSpot's spec), primaryDisplayProperty
// optional. Every problem is a 400 VALIDATION_ERROR naming the field. The character and size rules are the
// emulator's choice (HubSpot does not document them): names start with a letter and hold letters, digits and
// underscores; at most 100 properties.
import { validationError } from "../errors";
import { ObjectTypeRegistry } from "../object-types";
import { SchemaProperty } from "../types";

export interface SchemaCreate {
  name: string;
  singular: string;
  plural: string;
  primaryDisplayProperty?: string;
  requiredProperties: string[];
  properties: SchemaProperty[];
  /** Resolved object type ids. */
  associatedObjects: string[];
}

export const SCHEMA_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const PROPERTY_TYPES = ["string", "number", "date", "datetime", "enumeration", "bool"];
const MAX_PROPERTIES = 100;
const MAX_TEXT = 1000;

function fieldError(field: string, message: string): never {
  throw validationError(`${field}: ${message}`, { context: { [field]: [message] } });
}

function text(v: unknown, field: string, required: boolean): string | undefined {
  if (v === undefined || v === null) return required ? fieldError(field, "is required") : undefined;
  if (typeof v !== "string" || v.trim() === "") return fieldError(field, "must be a non-empty string");
  if (v.length > MAX_TEXT) return fieldError(field, `may be at most ${MAX_TEXT} characters long`);
  return v;
}

function list(v: unknown, field: string): unknown[] {
  if (v === undefined || v === null) return fieldError(field, "is required");
  if (!Array.isArray(v)) return fieldError(field, "must be an array");
  return v;
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return fieldError(field, "must be an object");
  return v as Record<string, unknown>;
}

function property(v: unknown, i: number): SchemaProperty {
  const at = `properties[${i}]`;
  const p = object(v, at);
  const name = text(p.name, `${at}.name`, true)!;
  if (!PROPERTY_NAME.test(name))
    fieldError(
      `${at}.name`,
      `'${name}' must start with a letter and hold only letters, digits and underscores (at most 100)`,
    );
  const type = text(p.type, `${at}.type`, true)!;
  if (!PROPERTY_TYPES.includes(type)) fieldError(`${at}.type`, `must be one of ${PROPERTY_TYPES.join(", ")}`);
  const out: SchemaProperty = {
    name,
    label: text(p.label, `${at}.label`, true)!,
    type,
    fieldType: text(p.fieldType, `${at}.fieldType`, true)!,
  };
  const description = p.description === "" ? "" : text(p.description, `${at}.description`, false);
  if (description !== undefined) out.description = description;
  const groupName = text(p.groupName, `${at}.groupName`, false);
  if (groupName !== undefined) out.groupName = groupName;
  if (p.options !== undefined) {
    out.options = list(p.options, `${at}.options`).map((o, j) => {
      const opt = object(o, `${at}.options[${j}]`);
      const option: NonNullable<SchemaProperty["options"]>[number] = {
        label: text(opt.label, `${at}.options[${j}].label`, true)!,
        value: text(opt.value, `${at}.options[${j}].value`, true)!,
      };
      if (typeof opt.displayOrder === "number" && Number.isInteger(opt.displayOrder))
        option.displayOrder = opt.displayOrder;
      if (typeof opt.hidden === "boolean") option.hidden = opt.hidden;
      return option;
    });
  }
  return out;
}

export function parseSchemaCreate(body: Record<string, unknown>, registry: ObjectTypeRegistry): SchemaCreate {
  const name = text(body.name, "name", true)!;
  if (!SCHEMA_NAME.test(name))
    fieldError(
      "name",
      `'${name}' must start with a letter and hold only letters, digits and underscores (at most 100)`,
    );
  const labels = object(body.labels ?? fieldError("labels", "is required"), "labels");
  const rawProperties = list(body.properties, "properties");
  if (rawProperties.length > MAX_PROPERTIES) fieldError("properties", `at most ${MAX_PROPERTIES} properties`);
  const properties = rawProperties.map(property);
  const names = new Set<string>();
  for (const p of properties) {
    if (names.has(p.name)) fieldError("properties", `property '${p.name}' is defined twice`);
    names.add(p.name);
  }
  const requiredProperties = list(body.requiredProperties, "requiredProperties").map((r, i) => {
    const field = `requiredProperties[${i}]`;
    const n = text(r, field, true)!;
    if (!names.has(n)) fieldError(field, `'${n}' is not one of the schema's properties`);
    return n;
  });
  const primaryDisplayProperty = text(body.primaryDisplayProperty, "primaryDisplayProperty", false);
  if (primaryDisplayProperty !== undefined && !names.has(primaryDisplayProperty))
    fieldError("primaryDisplayProperty", `'${primaryDisplayProperty}' is not one of the schema's properties`);
  const associatedObjects = list(body.associatedObjects, "associatedObjects").map((a, i) => {
    const field = `associatedObjects[${i}]`;
    const raw = text(a, field, true)!;
    const t = registry.resolveAssociatedObject(raw);
    if (!t) fieldError(field, `Unable to infer object type from: ${raw}`);
    return t.objectTypeId;
  });
  const out: SchemaCreate = {
    name,
    singular: text(labels.singular, "labels.singular", true)!,
    plural: text(labels.plural, "labels.plural", true)!,
    requiredProperties,
    properties,
    associatedObjects: [...new Set(associatedObjects)],
  };
  if (primaryDisplayProperty !== undefined) out.primaryDisplayProperty = primaryDisplayProperty;
  return out;
}
