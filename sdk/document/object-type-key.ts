// How the document names an object type, and the one key under which every spelling of it meets: `contact`,
// `Contacts` and `0-1` are `0-1`; a custom object named `cars`, `p_cars`, `P_Cars` or `p123_cars` is `p_cars` (the
// form HubSpot's paths accept in every portal). A custom object's id (`2-123`) and its name cannot be matched
// offline: they are different keys. The AssociationSchema component derives its child names from these keys.
import { ObjectTypeRef, parseObjectTypeRef } from "../../model";

export interface ObjectSide {
  ref: ObjectTypeRef;
  /** `0-1`, `2-123`, or `p_cars` for a custom object given by name. */
  key: string;
  /** The object type id, when the reference is one (a standard type, or a custom object by id). */
  id?: string;
}

export type ObjectSideParse = { ok: true; side: ObjectSide } | { ok: false; reason: string };

export function objectTypeSide(value: unknown): ObjectSideParse {
  const parsed = parseObjectTypeRef(value);
  if (!parsed.ok) return parsed;
  const ref = parsed.ref;
  if (ref.kind === "id") return { ok: true, side: { ref, key: ref.id, id: ref.id } };
  return { ok: true, side: { ref, key: `p_${ref.name}` } };
}
