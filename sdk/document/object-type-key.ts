// How the document names an object type, and the one key under which every spelling of it meets: `contact`,
// `Contacts` and `0-1` are `0-1`; a custom object named `cars`, `p_cars`, `P_Cars` or `p123_cars` is `p_cars` (the
// form HubSpot's paths accept in every portal). A custom object's id (`2-123`) and its name cannot be matched
// offline: they are different keys. The AssociationSchema component derives its child names from these keys.
import { ObjectTypeRef, parseObjectTypeRef, STANDARD_OBJECT_TYPES } from "../../model";
import { closest } from "./spelling";

export interface ObjectSide {
  ref: ObjectTypeRef;
  /** `0-1`, `2-123`, or `p_cars` for a custom object given by name. */
  key: string;
  /** The object type id, when the reference is one (a standard type, or a custom object by id). */
  id?: string;
}

export type ObjectSideParse = { ok: true; side: ObjectSide } | { ok: false; reason: string };

const STANDARD_SPELLINGS = STANDARD_OBJECT_TYPES.flatMap((t) => [t.name, ...t.aliases]);

export function objectTypeSide(value: unknown): ObjectSideParse {
  const parsed = parseObjectTypeRef(value);
  if (!parsed.ok) return parsed;
  const ref = parsed.ref;
  if (ref.kind === "id") return { ok: true, side: { ref, key: ref.id, id: ref.id } };
  // A custom object's name cannot be checked offline, and a preview makes no API call: a typo such as `companeis`
  // would pass validate and preview and fail only in the middle of `pulumi up`. So a plain name of six letters or
  // more one edit (two from ten letters) away from a standard type is refused as a likely typo; a custom object of
  // that name is still reachable, spelled unambiguously as p_<name>. Short names are left alone: `cars` is one edit
  // from `carts` and a fine custom object name.
  const written = String(value).trim().toLowerCase();
  if (!/^p[0-9]*_/.test(written) && written.length >= 6) {
    const near = closest(written, STANDARD_SPELLINGS, written.length >= 10 ? 2 : 1);
    if (near !== undefined) {
      return { ok: false, reason: `unknown object type "${String(value)}" (did you mean "${near}"?); a custom object of that name is written p_${written}` };
    }
  }
  return { ok: true, side: { ref, key: `p_${ref.name}` } };
}
