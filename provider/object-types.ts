// The one table of HubSpot's standard object types and HubSpot-defined association types.
// Source: shared/reference/hubspot-associations-v4.md §7.1 (object type ids) and §7.2 (HUBSPOT_DEFINED typeIds,
// direction matters). The emulator keeps its own copy on purpose, so a disagreement shows up in tests.

import { isUnknown, optionalString, PropertyBag } from "./values";
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
const CUSTOM_ID = /^2-[1-9][0-9]*$/;

export type ObjectTypeResolution = { ok: true; id: string } | { ok: false; reason: string };

/**
 * `contacts`, `contact`, `Contacts`, `0-1` -> `0-1`; `2-123` -> `2-123` (custom objects are only accepted by id:
 * HubSpot rejects a custom object's plain name on association paths, and `p_<name>` is unconfirmed).
 */
export function resolveObjectType(value: unknown): ObjectTypeResolution {
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, reason: `must be an object type name or id, e.g. "contacts" or "0-1"; ${acceptedNamesHint()}` };
  }
  const v = value.trim().toLowerCase();
  if (CUSTOM_ID.test(v)) return { ok: true, id: v };
  if (STANDARD_ID.test(v)) {
    if (BY_ID.has(v)) return { ok: true, id: v };
    return { ok: false, reason: `unknown standard object type id "${value}"; ${acceptedNamesHint()}` };
  }
  const t = BY_SPELLING.get(v);
  if (t) return { ok: true, id: t.id };
  return { ok: false, reason: `unknown object type "${value}"; ${acceptedNamesHint()}` };
}

/** Like resolveObjectType but throws; for code paths where check already validated the value. */
export function objectTypeId(value: unknown): string {
  const r = resolveObjectType(value);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

export function acceptedNamesHint(): string {
  const names = STANDARD_OBJECT_TYPES.map((t) => t.name).join(", ");
  return `accepted names: ${names} (singular forms too), or an object type id like 0-1; custom objects are given by their id 2-N (e.g. 2-123)`;
}

/** Plural name for display, or the id itself for custom objects. */
export function objectTypeName(id: string): string {
  return BY_ID.get(id)?.name ?? id;
}

export function isStandardObjectTypeId(id: string): boolean {
  return BY_ID.has(id);
}

// ---------------------------------------------------------------------------------------------------------------
// HubSpot-defined association types per directed pair.

export interface HubSpotDefinedType {
  typeId: number;
  /** `null` = the pair's unlabeled default type. Label texts other than "Primary" are our descriptive names. */
  label: string | null;
}

interface DefinedRow {
  from: string;
  to: string;
  /** A->B unlabeled default type id. */
  forward?: number;
  /** B->A unlabeled default type id. */
  reverse?: number;
  /** Labeled HUBSPOT_DEFINED types: [A->B id, B->A id, label]. */
  labeled?: [number | undefined, number | undefined, string][];
}

// Ids by object name to keep the table readable; converted to ids below.
const DEFINED_ROWS: DefinedRow[] = [
  { from: "contacts", to: "companies", forward: 279, reverse: 280, labeled: [[1, 2, "Primary"], [931, 930, "Billing contact"]] },
  { from: "contacts", to: "deals", forward: 4, reverse: 3 },
  { from: "contacts", to: "tickets", forward: 15, reverse: 16 },
  { from: "companies", to: "deals", forward: 342, reverse: 341, labeled: [[6, 5, "Primary"]] },
  { from: "companies", to: "tickets", forward: 340, reverse: 339, labeled: [[25, 26, "Primary"]] },
  { from: "deals", to: "tickets", forward: 27, reverse: 28 },
  { from: "deals", to: "line_items", forward: 19, reverse: 20 },
  { from: "deals", to: "quotes", forward: 63, reverse: 64 },
  { from: "quotes", to: "line_items", forward: 67, reverse: 68 },
  { from: "quotes", to: "contacts", forward: 69, reverse: 70, labeled: [[702, 703, "Signer"], [1226, 1227, "Billing contact"]] },
  { from: "quotes", to: "companies", forward: 71, reverse: 72 },
  // Same-object pairs: one unlabeled id, shared by both directions (symmetric).
  { from: "contacts", to: "contacts", forward: 449 },
  { from: "companies", to: "companies", forward: 450, labeled: [[13, undefined, "Parent company"], [14, undefined, "Child company"]] },
  { from: "deals", to: "deals", forward: 451 },
  { from: "tickets", to: "tickets", forward: 452 },
  { from: "contacts", to: "calls", forward: 193, reverse: 194 },
  { from: "contacts", to: "emails", forward: 197, reverse: 198 },
  { from: "contacts", to: "meetings", forward: 199, reverse: 200 },
  { from: "contacts", to: "notes", forward: 201, reverse: 202 },
  { from: "contacts", to: "tasks", forward: 203, reverse: 204 },
  { from: "companies", to: "calls", forward: 181, reverse: 182 },
  { from: "companies", to: "emails", forward: 185, reverse: 186 },
  { from: "companies", to: "meetings", forward: 187, reverse: 188 },
  { from: "companies", to: "notes", forward: 189, reverse: 190 },
  { from: "companies", to: "tasks", forward: 191, reverse: 192 },
  { from: "deals", to: "calls", forward: 205, reverse: 206 },
  { from: "deals", to: "emails", forward: 209, reverse: 210 },
  { from: "deals", to: "meetings", forward: 211, reverse: 212 },
  { from: "deals", to: "notes", forward: 213, reverse: 214 },
  { from: "deals", to: "tasks", forward: 215, reverse: 216 },
  { from: "tickets", to: "calls", forward: 219, reverse: 220 },
  { from: "tickets", to: "emails", forward: 223, reverse: 224 },
  { from: "tickets", to: "meetings", forward: 225, reverse: 226 },
  { from: "tickets", to: "notes", forward: 227, reverse: 228 },
  { from: "tickets", to: "tasks", forward: 229, reverse: 230 },
  { from: "contacts", to: "communications", forward: 82, reverse: 81 },
  { from: "companies", to: "communications", forward: 88, reverse: 87 },
  { from: "deals", to: "communications", forward: 86, reverse: 85 },
  { from: "tickets", to: "communications", forward: 84, reverse: 83 },
  { from: "contacts", to: "postal_mail", forward: 454, reverse: 453 },
  { from: "companies", to: "postal_mail", forward: 460, reverse: 459 },
  { from: "deals", to: "postal_mail", forward: 458, reverse: 457 },
  { from: "tickets", to: "postal_mail", forward: 456, reverse: 455 },
  { from: "contacts", to: "feedback_submissions", forward: 97, reverse: 98 },
  { from: "tickets", to: "feedback_submissions", forward: 99, reverse: 100 },
  { from: "contacts", to: "leads", forward: 609, reverse: 608, labeled: [[undefined, 578, "Primary"]] },
  { from: "companies", to: "leads", forward: 611, reverse: 610, labeled: [[undefined, 580, "Primary"]] },
  { from: "deals", to: "leads", forward: 1038, reverse: 1037, labeled: [[583, 582, "Primary"]] },
  { from: "quotes", to: "discounts", forward: 362 },
  { from: "quotes", to: "fees", forward: 364 },
  { from: "quotes", to: "taxes", forward: 366 },
  { from: "quotes", to: "tasks", forward: 217, reverse: 218 },
  { from: "calls", to: "meetings", forward: 399, reverse: 400 },
];

interface PairTypes {
  unlabeled?: number;
  types: HubSpotDefinedType[];
}

const DEFINED_BY_PAIR = new Map<string, PairTypes>();
/** Every HubSpot-defined id -> the directed pairs (`from/to`) it belongs to. */
const DEFINED_ID_PAIRS = new Map<number, string[]>();

function addDefined(fromId: string, toId: string, typeId: number, label: string | null): void {
  const key = `${fromId}/${toId}`;
  let entry = DEFINED_BY_PAIR.get(key);
  if (!entry) {
    entry = { types: [] };
    DEFINED_BY_PAIR.set(key, entry);
  }
  if (entry.types.some((t) => t.typeId === typeId)) return;
  entry.types.push({ typeId, label });
  if (label === null) entry.unlabeled = typeId;
  const pairs = DEFINED_ID_PAIRS.get(typeId) ?? [];
  pairs.push(key);
  DEFINED_ID_PAIRS.set(typeId, pairs);
}

for (const row of DEFINED_ROWS) {
  const a = objectTypeId(row.from);
  const b = objectTypeId(row.to);
  if (row.forward !== undefined) addDefined(a, b, row.forward, null);
  if (a === b) {
    // A same-object pair has a single symmetric unlabeled id; labeled ones (parent/child) are both A->A.
    for (const [f, r, label] of row.labeled ?? []) {
      if (f !== undefined) addDefined(a, a, f, label);
      if (r !== undefined) addDefined(a, a, r, label);
    }
    continue;
  }
  if (row.reverse !== undefined) addDefined(b, a, row.reverse, null);
  for (const [f, r, label] of row.labeled ?? []) {
    if (f !== undefined) addDefined(a, b, f, label);
    if (r !== undefined) addDefined(b, a, r, label);
  }
}

/** HubSpot-defined types known for the directed pair (empty for unknown or custom-object pairs). */
export function hubspotDefinedTypes(fromId: string, toId: string): readonly HubSpotDefinedType[] {
  return DEFINED_BY_PAIR.get(`${fromId}/${toId}`)?.types ?? [];
}

/** The pair's unlabeled default type id when the table knows it (standard pairs); undefined otherwise. */
export function unlabeledTypeId(fromId: string, toId: string): number | undefined {
  return DEFINED_BY_PAIR.get(`${fromId}/${toId}`)?.unlabeled;
}

export function isHubSpotDefinedForPair(fromId: string, toId: string, typeId: number): boolean {
  return hubspotDefinedTypes(fromId, toId).some((t) => t.typeId === typeId);
}

/** Directed pairs (as `0-1/0-2`) for which `typeId` is a known HubSpot-defined type. */
export function pairsOfHubSpotDefinedType(typeId: number): readonly string[] {
  return DEFINED_ID_PAIRS.get(typeId) ?? [];
}

export function pairDisplay(fromId: string, toId: string): string {
  return `${objectTypeName(fromId)} -> ${objectTypeName(toId)}`;
}

/** Directed pairs (`[fromId, toId]`) our table knows that involve the object type on the given side. */
export function knownPairs(side: { fromId?: string; toId?: string }): [string, string][] {
  const out: [string, string][] = [];
  for (const key of DEFINED_BY_PAIR.keys()) {
    const [f, t] = key.split("/");
    if ((side.fromId === undefined || side.fromId === f) && (side.toId === undefined || side.toId === t)) out.push([f, t]);
  }
  return out;
}

/**
 * Which object-type inputs force a replacement: an unknown value, or one resolving to another id than the stored
 * one. `contact` vs `contacts` vs `0-1` is no change: only the resolved id matters.
 */
export function objectTypeReplaces(news: Record<string, unknown>, storedFromId: string, storedToId: string): string[] {
  const replaces: string[] = [];
  for (const [key, storedId] of [
    ["fromObjectType", storedFromId],
    ["toObjectType", storedToId],
  ] as const) {
    const v = news[key];
    if (isUnknown(v)) replaces.push(key);
    else {
      const r = resolveObjectType(v);
      if (!r.ok || r.id !== storedId) replaces.push(key);
    }
  }
  return replaces;
}

/**
 * The object type ids of a resource's stored state, whatever its shape: the stored ids, else those in the
 * resource id, else the stored object type names resolved (state written before ids were stored).
 */
export function storedPairIds(olds: PropertyBag, parsedId: { fromObjectTypeId: string; toObjectTypeId: string } | undefined): { fromId?: string; toId?: string } {
  const resolveOld = (v: unknown): string | undefined => {
    const r = resolveObjectType(v);
    return r.ok ? r.id : undefined;
  };
  return {
    fromId: optionalString(olds.fromObjectTypeId) ?? parsedId?.fromObjectTypeId ?? resolveOld(olds.fromObjectType),
    toId: optionalString(olds.toObjectTypeId) ?? parsedId?.toObjectTypeId ?? resolveOld(olds.toObjectType),
  };
}
