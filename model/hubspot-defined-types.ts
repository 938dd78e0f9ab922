// HubSpot-defined association types per directed pair: the one table on the provider's side of the wire.
// Source: shared/reference/hubspot-associations-v4.md §7.2 (ids and direction, from HubSpot's docs). Label texts
// other than "Primary" are not documented for the API; they are read at run time and never matched by the
// provider. 13/14 follow the rule the documented "Primary" types show: a label names the record it points to, so
// 13 (parent -> child) reads "Child Company" and 14 (child -> parent) "Parent Company". The emulator keeps its own
// copy of this table on purpose; test/emulator/tables-crosscheck.test.ts compares the two.

import { objectTypeId } from "./object-types";
import { pairKey, parsePairKey } from "./pairs";

export interface HubSpotDefinedType {
  typeId: number;
  /** `null` = the pair's unlabeled default type. */
  label: string | null;
}

interface DefinedRow {
  from: string;
  to: string;
  /** A->B unlabeled default type id. */
  forward?: number;
  /** B->A unlabeled default type id. */
  reverse?: number;
  /** Labeled HUBSPOT_DEFINED types: [A->B id, B->A id, label, B->A label when it differs]. */
  labeled?: [number | undefined, number | undefined, string, string?][];
}

// Ids by object name to keep the table readable; converted to ids below.
const DEFINED_ROWS: DefinedRow[] = [
  {
    from: "contacts",
    to: "companies",
    forward: 279,
    reverse: 280,
    labeled: [
      [1, 2, "Primary"],
      [931, 930, "Billing contact"],
    ],
  },
  { from: "contacts", to: "deals", forward: 4, reverse: 3 },
  { from: "contacts", to: "tickets", forward: 15, reverse: 16 },
  { from: "companies", to: "deals", forward: 342, reverse: 341, labeled: [[6, 5, "Primary"]] },
  { from: "companies", to: "tickets", forward: 340, reverse: 339, labeled: [[25, 26, "Primary"]] },
  { from: "deals", to: "tickets", forward: 27, reverse: 28 },
  { from: "deals", to: "line_items", forward: 19, reverse: 20 },
  { from: "deals", to: "quotes", forward: 63, reverse: 64 },
  { from: "quotes", to: "line_items", forward: 67, reverse: 68 },
  {
    from: "quotes",
    to: "contacts",
    forward: 69,
    reverse: 70,
    labeled: [
      [702, 703, "Signer"],
      [1226, 1227, "Billing contact"],
    ],
  },
  { from: "quotes", to: "companies", forward: 71, reverse: 72 },
  // Same-object pairs: one unlabeled id, shared by both directions (symmetric).
  { from: "contacts", to: "contacts", forward: 449 },
  { from: "companies", to: "companies", forward: 450, labeled: [[13, 14, "Child Company", "Parent Company"]] },
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
  const key = pairKey(fromId, toId);
  let entry = DEFINED_BY_PAIR.get(key);
  if (!entry) DEFINED_BY_PAIR.set(key, (entry = { types: [] }));
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
  // A same-object pair has one symmetric unlabeled id, and both halves of a labeled type are listed under A->A.
  if (row.reverse !== undefined && a !== b) addDefined(b, a, row.reverse, null);
  for (const [f, r, label, reverseLabel] of row.labeled ?? []) {
    if (f !== undefined) addDefined(a, b, f, label);
    if (r !== undefined) addDefined(b, a, r, reverseLabel ?? label);
  }
}

/** HubSpot-defined types known for the directed pair (empty for unknown or custom-object pairs). */
export function hubspotDefinedTypes(fromId: string, toId: string): readonly HubSpotDefinedType[] {
  return DEFINED_BY_PAIR.get(pairKey(fromId, toId))?.types ?? [];
}

/** The pair's unlabeled default type id when the table knows it (standard pairs); undefined otherwise. */
export function unlabeledTypeId(fromId: string, toId: string): number | undefined {
  return DEFINED_BY_PAIR.get(pairKey(fromId, toId))?.unlabeled;
}

export function isHubSpotDefinedForPair(fromId: string, toId: string, typeId: number): boolean {
  return hubspotDefinedTypes(fromId, toId).some((t) => t.typeId === typeId);
}

/** Directed pairs (as `0-1/0-2`) for which `typeId` is a known HubSpot-defined type. */
export function pairsOfHubSpotDefinedType(typeId: number): readonly string[] {
  return DEFINED_ID_PAIRS.get(typeId) ?? [];
}

/** Directed pairs (`[fromId, toId]`) the table knows that involve the object type on the given side. */
export function knownPairs(side: { fromId?: string; toId?: string }): [string, string][] {
  const out: [string, string][] = [];
  for (const key of DEFINED_BY_PAIR.keys()) {
    const p = parsePairKey(key);
    if (!p) continue;
    if ((side.fromId === undefined || side.fromId === p.fromId) && (side.toId === undefined || side.toId === p.toId))
      out.push([p.fromId, p.toId]);
  }
  return out;
}
