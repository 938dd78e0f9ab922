// HubSpot names a pair's unlabeled association `<from singular>_to_<to singular>` (`contact_to_company`; v3
// responses show `company_to_company`) and refuses a label whose internal name equals it, compared
// case-insensitively, at least on same-object pairs (shared/reference/hubspot-open-questions.md Q3). Refusing such a
// name on every pair is safe whichever way HubSpot decides the others.

import { ObjectTypeRef } from "./custom-objects";
import { STANDARD_OBJECT_TYPES } from "./object-types";

/**
 * The singular name HubSpot uses for an object type in association names: `contact` for 0-1, `postal_mail`;
 * for a custom object named by its name, that name (its singular is not known offline); undefined for a custom
 * object given by id.
 */
export function associationNameOf(ref: ObjectTypeRef): string | undefined {
  if (ref.kind === "custom-name") return ref.name;
  const standard = STANDARD_OBJECT_TYPES.find((t) => t.id === ref.id);
  return standard ? (standard.aliases[0] ?? standard.name) : undefined;
}

/** The unlabeled association's names of the pair in both directions, lower case (one on a same-object pair). */
export function unlabeledAssociationNames(from: ObjectTypeRef, to: ObjectTypeRef): string[] {
  const a = associationNameOf(from);
  const b = associationNameOf(to);
  if (a === undefined || b === undefined) return [];
  return [...new Set([`${a}_to_${b}`, `${b}_to_${a}`])];
}

/** True when a label's internal name would collide with the pair's unlabeled association name. */
export function isUnlabeledAssociationName(name: string, from: ObjectTypeRef, to: ObjectTypeRef): boolean {
  return unlabeledAssociationNames(from, to).includes(name.toLowerCase());
}
