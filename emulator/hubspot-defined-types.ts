// HUBSPOT_DEFINED association types (reference §7.2). Each row is one type in both directions: the A→B id, the
// B→A id (equal for symmetric same-object types; undefined where the reference gives only one direction) and each
// direction's API label (null = the pair's unlabeled default type). Direction matters: 279 is contact→company, 280
// the reverse. Label texts other than "Primary" are not documented for the API; 13 (parent→child) reads "Child
// Company" and 14 "Parent Company" (a label names the record it points to, as the documented Primary types do).
// The emulator keeps this copy on purpose; test/emulator/tables-crosscheck.test.ts compares it with model/.
import { AssociationDefinition } from "./types";

type Row = [
  from: string,
  to: string,
  aToB: number | undefined,
  bToA: number | undefined,
  labelAB: string | null,
  labelBA: string | null,
];

const P = "Primary";

const ROWS: Row[] = [
  ["0-1", "0-2", 279, 280, null, null],
  ["0-1", "0-2", 1, 2, P, P],
  ["0-1", "0-2", 931, 930, "Billing contact", "Billing contact"],
  ["0-1", "0-3", 4, 3, null, null],
  ["0-1", "0-5", 15, 16, null, null],
  ["0-2", "0-3", 342, 341, null, null],
  ["0-2", "0-3", 6, 5, P, P],
  ["0-2", "0-5", 340, 339, null, null],
  ["0-2", "0-5", 25, 26, P, P],
  ["0-3", "0-5", 27, 28, null, null],
  ["0-3", "0-8", 19, 20, null, null],
  ["0-3", "0-14", 63, 64, null, null],
  ["0-14", "0-8", 67, 68, null, null],
  ["0-14", "0-1", 69, 70, null, null],
  ["0-14", "0-1", 702, 703, "Signer", "Signer"],
  ["0-14", "0-1", 1226, 1227, "Billing contact", "Billing contact"],
  ["0-14", "0-2", 71, 72, null, null],
  // Quote extras: the reference gives only the quote→discount/fee/tax direction.
  ["0-14", "0-84", 362, undefined, null, null],
  ["0-14", "0-85", 364, undefined, null, null],
  ["0-14", "0-86", 366, undefined, null, null],
  ["0-14", "0-27", 217, 218, null, null],
  // Company hierarchy: 13 parent→child, 14 child→parent; listed under companies→companies together with 450.
  ["0-2", "0-2", 13, 14, "Child Company", "Parent Company"],
  ["0-1", "0-1", 449, 449, null, null],
  ["0-2", "0-2", 450, 450, null, null],
  ["0-3", "0-3", 451, 451, null, null],
  ["0-5", "0-5", 452, 452, null, null],
  // Activities: calls 0-48, emails 0-49, meetings 0-47, notes 0-46, tasks 0-27.
  ["0-1", "0-48", 193, 194, null, null],
  ["0-1", "0-49", 197, 198, null, null],
  ["0-1", "0-47", 199, 200, null, null],
  ["0-1", "0-46", 201, 202, null, null],
  ["0-1", "0-27", 203, 204, null, null],
  ["0-2", "0-48", 181, 182, null, null],
  ["0-2", "0-49", 185, 186, null, null],
  ["0-2", "0-47", 187, 188, null, null],
  ["0-2", "0-46", 189, 190, null, null],
  ["0-2", "0-27", 191, 192, null, null],
  ["0-3", "0-48", 205, 206, null, null],
  ["0-3", "0-49", 209, 210, null, null],
  ["0-3", "0-47", 211, 212, null, null],
  ["0-3", "0-46", 213, 214, null, null],
  ["0-3", "0-27", 215, 216, null, null],
  ["0-5", "0-48", 219, 220, null, null],
  ["0-5", "0-49", 223, 224, null, null],
  ["0-5", "0-47", 225, 226, null, null],
  ["0-5", "0-46", 227, 228, null, null],
  ["0-5", "0-27", 229, 230, null, null],
  ["0-48", "0-47", 399, 400, null, null],
  // Communications (SMS/WhatsApp/LinkedIn), postal mail, feedback submissions.
  ["0-1", "0-18", 82, 81, null, null],
  ["0-2", "0-18", 88, 87, null, null],
  ["0-3", "0-18", 86, 85, null, null],
  ["0-5", "0-18", 84, 83, null, null],
  ["0-1", "0-116", 454, 453, null, null],
  ["0-2", "0-116", 460, 459, null, null],
  ["0-3", "0-116", 458, 457, null, null],
  ["0-5", "0-116", 456, 455, null, null],
  ["0-1", "0-19", 97, 98, null, null],
  ["0-5", "0-19", 99, 100, null, null],
  // Leads: the Primary types to contacts and companies are documented from the lead's side only.
  ["0-1", "0-136", 609, 608, null, null],
  ["0-136", "0-1", 578, undefined, P, null],
  ["0-2", "0-136", 611, 610, null, null],
  ["0-136", "0-2", 580, undefined, P, null],
  ["0-3", "0-136", 1038, 1037, null, null],
  ["0-3", "0-136", 583, 582, P, P],
];

/** Every HUBSPOT_DEFINED type as a directed definition. */
export function hubspotDefinedTypes(): AssociationDefinition[] {
  const out: AssociationDefinition[] = [];
  const def = (
    typeId: number,
    from: string,
    to: string,
    label: string | null,
    inverseTypeId: number | undefined,
  ): AssociationDefinition => ({
    typeId,
    category: "HUBSPOT_DEFINED",
    fromObjectTypeId: from,
    toObjectTypeId: to,
    label,
    inverseTypeId: inverseTypeId ?? null,
    kind: label === null ? "default" : "system",
  });
  for (const [from, to, ab, ba, labelAB, labelBA] of ROWS) {
    if (ab !== undefined) out.push(def(ab, from, to, labelAB, ba));
    if (ba !== undefined && ba !== ab) out.push(def(ba, to, from, labelBA, ab));
  }
  return out;
}

/** Every seeded id; user-defined ids skip them so that typeId alone identifies a type. */
export const SEEDED_TYPE_IDS: ReadonlySet<number> = new Set(
  ROWS.flatMap((r) => [r[2], r[3]]).filter((id): id is number => id !== undefined),
);
