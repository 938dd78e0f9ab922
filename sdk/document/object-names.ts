// Object types as people name them in messages and review tables: Contacts, Companies, Line items, 2-123.
// The table of names and ids is the provider's (provider/object-types.ts); this only words it.
import { objectTypeName, resolveObjectType } from "../../provider/object-types";

/** `0-1`, `contacts` or `contact` -> `Contacts`; custom ids (`2-123`) and unknown values as given. */
export function objectTypeDisplayName(value: string): string {
  const r = resolveObjectType(value);
  if (!r.ok) return value;
  const name = objectTypeName(r.id);
  if (name === r.id) return r.id;
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Contacts → Companies`. */
export function pairDisplayName(from: string, to: string): string {
  return `${objectTypeDisplayName(from)} → ${objectTypeDisplayName(to)}`;
}
