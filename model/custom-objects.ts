// Custom objects by name. A custom object's id (2-30931773) and its fully qualified name (p<portalId>_cars) differ
// from portal to portal; only its plain name (cars, or p_cars) is the same in a sandbox and in production
// (shared/reference/hubspot-open-questions.md Q6). A name is resolved against one portal's schemas; this module
// only parses references and matches them, the reading is the caller's.

import { resolveObjectType, STANDARD_OBJECT_TYPES } from "./object-types";
import { closest } from "./spelling";

/** How an object type was named: an id (standard or custom), or a custom object's name to resolve per portal. */
export type ObjectTypeRef =
  | { kind: "id"; id: string }
  | {
      kind: "custom-name";
      /** The plain name, lowercased: `cars` for `cars`, `p_cars`, `P123_Cars`. */
      name: string;
      /** Set when the reference was a fully qualified name `p<portalId>_<name>`. */
      portalId?: string;
    };

export type ObjectTypeRefParse = { ok: true; ref: ObjectTypeRef } | { ok: false; reason: string };

const PLAIN_NAME = /^[a-z][a-z0-9_]*$/;
const STANDARD_SPELLINGS = STANDARD_OBJECT_TYPES.flatMap((t) => [t.name, ...t.aliases]);
const SHORT_NAME = /^p_([a-z][a-z0-9_]*)$/;
const QUALIFIED_NAME = /^p([0-9]+)_([a-z][a-z0-9_]*)$/;

/**
 * Standard names and ids first (they always win over a custom object's name, as on HubSpot), then custom object
 * ids, then `p<portalId>_<name>`, `p_<name>` and a plain `<name>`. Case-insensitive, as HubSpot's names are.
 */
export function parseObjectTypeRef(value: unknown): ObjectTypeRefParse {
  const standard = resolveObjectType(value);
  if (standard.ok) return { ok: true, ref: { kind: "id", id: standard.id } };
  if (typeof value !== "string") return { ok: false, reason: standard.reason };
  const v = value.trim().toLowerCase();
  if (/^[0-9]+-/.test(v) || v === "") return { ok: false, reason: standard.reason };
  const qualified = QUALIFIED_NAME.exec(v);
  if (qualified)
    return { ok: true, ref: { kind: "custom-name", name: qualified[2] as string, portalId: qualified[1] as string } };
  const short = SHORT_NAME.exec(v);
  if (short) return { ok: true, ref: { kind: "custom-name", name: short[1] as string } };
  if (PLAIN_NAME.test(v)) {
    // A custom object's name cannot be checked offline, and a preview makes no API call for standard pairs: a typo
    // such as `companeis` would otherwise pass validate and fail later. A plain name of six letters or more one edit
    // (two from ten letters) away from a standard type is refused as a likely typo; a custom object of that name is
    // still reachable, spelled p_<name>. Short names are left alone: `cars` is one edit from `carts`.
    const near = v.length >= 6 ? closest(v, STANDARD_SPELLINGS, v.length >= 10 ? 2 : 1) : undefined;
    if (near !== undefined) {
      return {
        ok: false,
        reason: `unknown object type "${String(value)}" (did you mean "${near}"?); a custom object of that name is written p_${v}`,
      };
    }
    return { ok: true, ref: { kind: "custom-name", name: v } };
  }
  return {
    ok: false,
    reason:
      `"${value}" is neither a standard object type nor a custom object's name (letters, digits and underscore, ` +
      `starting with a letter; also p_<name>, p<portalId>_<name> or its id 2-N)`,
  };
}

/** What a portal says about one custom object (`GET /crm/v3/schemas`). */
export interface CustomObjectSchema {
  objectTypeId: string;
  name: string;
  fullyQualifiedName?: string;
}

export type CustomObjectMatch = { ok: true; id: string } | { ok: false; reason: string };

/** Resolves a custom object's name against one portal's schemas. */
export function matchCustomObject(
  ref: { name: string; portalId?: string },
  schemas: readonly CustomObjectSchema[],
): CustomObjectMatch {
  const found = schemas.find((s) => s.name.toLowerCase() === ref.name);
  const spelled = ref.portalId !== undefined ? `p${ref.portalId}_${ref.name}` : ref.name;
  if (!found) {
    const names = schemas.map((s) => `${s.name} (${s.objectTypeId})`);
    return {
      ok: false,
      reason:
        `no custom object named "${spelled}" in this portal; ` +
        (names.length > 0 ? `its custom objects are: ${names.join(", ")}` : "it has no custom objects"),
    };
  }
  if (
    ref.portalId !== undefined &&
    found.fullyQualifiedName !== undefined &&
    found.fullyQualifiedName.toLowerCase() !== spelled
  ) {
    return {
      ok: false,
      reason:
        `"${spelled}" is a fully qualified name from another portal: here the object is ${found.fullyQualifiedName} ` +
        `(${found.objectTypeId}). Name it "${found.name}" to use one file for every portal`,
    };
  }
  return { ok: true, id: found.objectTypeId };
}
