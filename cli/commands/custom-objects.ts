// Custom objects as the commands that read a portal see them: a reference (`cars`, `p_cars`, `p123_cars` or `2-123`)
// matched against the portal's schemas, and the one spelling a document should use for a custom object: its plain
// name, the same in a sandbox and in production, where its `2-N` id and fully qualified name differ
// (shared/reference/hubspot-open-questions.md Q6).
import {
  CUSTOM_OBJECT_ID,
  CustomObjectMatch,
  CustomObjectSchema,
  matchCustomObject,
  ObjectTypeRef,
  parseObjectTypeRef,
} from "../../model";

/** Whether a reference needs the portal's schemas: a custom object's name, or its id (to check it and name it). */
export function isCustomReference(ref: ObjectTypeRef): boolean {
  return ref.kind === "custom-name" || CUSTOM_OBJECT_ID.test(ref.id);
}

/**
 * The reference's object type id in this portal. Names match as the provider matches them (model's
 * matchCustomObject); an id must be one of the portal's custom objects, since ids differ between portals.
 */
export function matchCustomReference(ref: ObjectTypeRef, schemas: readonly CustomObjectSchema[]): CustomObjectMatch {
  if (ref.kind === "custom-name") return matchCustomObject(ref, schemas);
  if (!CUSTOM_OBJECT_ID.test(ref.id) || schemas.some((s) => s.objectTypeId === ref.id)) return { ok: true, id: ref.id };
  const names = schemas.map((s) => `${s.name} (${s.objectTypeId})`);
  return {
    ok: false,
    reason:
      `no custom object with id ${ref.id} in this portal (a custom object's id differs between portals: name it by its name); ` +
      (names.length > 0 ? `its custom objects are: ${names.join(", ")}` : "it has no custom objects"),
  };
}

/**
 * How a document names a custom object: its plain name (`cars`) when that reads back as the same custom object;
 * otherwise `p_<name>`, for a name that a plain reference would take for something else (a standard object such as
 * `deal`, a likely typo of one, or a name that looks like `p_x` or `p123_x` itself). The id only as a last resort.
 */
export function documentName(schema: CustomObjectSchema): string {
  const wanted = schema.name.toLowerCase();
  for (const spelling of [schema.name, `p_${schema.name}`]) {
    const parsed = parseObjectTypeRef(spelling);
    if (
      parsed.ok &&
      parsed.ref.kind === "custom-name" &&
      parsed.ref.portalId === undefined &&
      parsed.ref.name === wanted
    )
      return spelling;
  }
  return schema.objectTypeId;
}
