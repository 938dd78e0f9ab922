// HubSpot's standard object types: the one table of ids and the names people and paths use for them.
// Source: shared/reference/hubspot-associations-v4.md §7.1. The emulator keeps its own copy on purpose
// (test/emulator/tables-crosscheck.test.ts keeps the two honest).

export interface StandardObjectType {
  /** `0-N` */
  id: string;
  /** The plural name HubSpot uses in paths, e.g. `contacts`. */
  name: string;
  /** Other accepted spellings (singular forms). */
  aliases: string[];
}

const OBJECT_TYPE_ROWS: [id: string, name: string, ...aliases: string[]][] = [
  ["0-1", "contacts", "contact"],
  ["0-2", "companies", "company"],
  ["0-3", "deals", "deal"],
  ["0-5", "tickets", "ticket"],
  ["0-7", "products", "product"],
  ["0-8", "line_items", "line_item"],
  ["0-14", "quotes", "quote"],
  ["0-18", "communications", "communication"],
  ["0-19", "feedback_submissions", "feedback_submission"],
  ["0-27", "tasks", "task"],
  ["0-46", "notes", "note"],
  ["0-47", "meetings", "meeting"],
  ["0-48", "calls", "call"],
  ["0-49", "emails", "email"],
  ["0-53", "invoices", "invoice"],
  ["0-54", "marketing_events", "marketing_event"],
  ["0-69", "subscriptions", "subscription"],
  ["0-74", "goals", "goal"],
  ["0-84", "discounts", "discount"],
  ["0-85", "fees", "fee"],
  ["0-86", "taxes", "tax"],
  ["0-101", "payments", "payment"],
  ["0-115", "users", "user"],
  ["0-116", "postal_mail"],
  ["0-123", "orders", "order"],
  ["0-136", "leads", "lead"],
  ["0-142", "carts", "cart"],
  ["0-162", "services", "service"],
  ["0-410", "courses", "course"],
  ["0-420", "listings", "listing"],
  ["0-421", "appointments", "appointment"],
  ["0-970", "projects", "project"],
];

export const STANDARD_OBJECT_TYPES: readonly StandardObjectType[] = OBJECT_TYPE_ROWS.map(([id, name, ...aliases]) => ({
  id,
  name,
  aliases,
}));

const BY_SPELLING = new Map<string, StandardObjectType>();
const BY_ID = new Map<string, StandardObjectType>();
for (const t of STANDARD_OBJECT_TYPES) {
  BY_ID.set(t.id, t);
  BY_SPELLING.set(t.name, t);
  for (const a of t.aliases) BY_SPELLING.set(a, t);
}

const STANDARD_ID = /^0-[1-9][0-9]*$/;
export const CUSTOM_OBJECT_ID = /^2-[1-9][0-9]*$/;

export type ObjectTypeResolution = { ok: true; id: string } | { ok: false; reason: string };

/**
 * The ids that need no portal: `contacts`, `contact`, `Contacts`, `0-1` -> `0-1`; a custom object's id `2-123` ->
 * `2-123`. A custom object's name needs the portal's schemas (custom-objects.ts).
 */
export function resolveObjectType(value: unknown): ObjectTypeResolution {
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, reason: `must be an object type name or id, e.g. "contacts" or "0-1"; ${acceptedNamesHint()}` };
  }
  const v = value.trim().toLowerCase();
  if (CUSTOM_OBJECT_ID.test(v)) return { ok: true, id: v };
  if (STANDARD_ID.test(v)) {
    if (BY_ID.has(v)) return { ok: true, id: v };
    return { ok: false, reason: `unknown standard object type id "${value}"; ${acceptedNamesHint()}` };
  }
  const t = BY_SPELLING.get(v);
  if (t) return { ok: true, id: t.id };
  return { ok: false, reason: `unknown object type "${value}"; ${acceptedNamesHint()}` };
}

/** Like resolveObjectType but throws: for values a check already accepted. */
export function objectTypeId(value: unknown): string {
  const r = resolveObjectType(value);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

export function acceptedNamesHint(): string {
  const names = STANDARD_OBJECT_TYPES.map((t) => t.name).join(", ");
  return `accepted names: ${names} (singular forms too), or an object type id like 0-1; a custom object by its name (cars), p_<name>, its fully qualified name (p<portalId>_<name>) or its id 2-N`;
}

/** Plural path name (`contacts`), or the id itself for custom objects. */
export function objectTypeName(id: string): string {
  return BY_ID.get(id)?.name ?? id;
}

export function isStandardObjectTypeId(id: string): boolean {
  return BY_ID.has(id);
}

/** How people read an object type: `0-1` or `contact` -> `Contacts`, `line_items` -> `Line items`; others as given. */
export function objectTypeDisplayName(value: string): string {
  const r = resolveObjectType(value);
  if (!r.ok) return value;
  const name = objectTypeName(r.id);
  if (name === r.id) return r.id;
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
