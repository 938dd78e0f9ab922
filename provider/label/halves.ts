// Which association type is which half of a label. HubSpot answers a label create with one entry per direction, in
// no stable order; the two halves have consecutive typeIds (model/pairs.ts), matched by text, or by the
// from/to object type ids that newer API versions add.

import { otherHalfCandidates, pairDisplay } from "../../model";
import type { AssociationTypeInfo } from "../hubspot/api";

export interface Halves {
  typeId: number;
  /** The to -> from half: a paired label's inverse, or a single cross-object label's reverse half. */
  inverseTypeId?: number;
}

export interface LabelTexts {
  label: string;
  inverseLabel?: string;
}

/**
 * The other half of `typeId` in the to -> from list: a USER_DEFINED type at typeId +/- 1 (the more likely first),
 * with the given text when one is given.
 */
export function otherHalf(
  reverse: readonly AssociationTypeInfo[],
  typeId: number,
  text?: string,
): AssociationTypeInfo | undefined {
  for (const candidate of otherHalfCandidates(typeId)) {
    const found = reverse.find(
      (l) => l.category === "USER_DEFINED" && l.typeId === candidate && (text === undefined || l.label === text),
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * Which of a create answer's entries is which half. When several entries carry the forward text (a single
 * cross-object label comes back once per direction; a paired label may have label == inverseLabel) the forward half
 * is the lower typeId: HubSpot allocates the forward one first in every example. The answer's texts are HubSpot's;
 * the client has already redacted anything secret in them.
 */
export function halvesOfCreateAnswer(
  results: readonly AssociationTypeInfo[],
  fromId: string,
  toId: string,
  texts: LabelTexts,
): Halves {
  const direction = (r: AssociationTypeInfo, f: string, t: string): boolean =>
    r.fromObjectTypeId === undefined ||
    r.toObjectTypeId === undefined ||
    (r.fromObjectTypeId === f && r.toObjectTypeId === t);
  const byId = (a: AssociationTypeInfo, b: AssociationTypeInfo): number => a.typeId - b.typeId;
  const forward = results.filter((r) => r.label === texts.label && direction(r, fromId, toId)).sort(byId)[0];
  if (!forward) {
    throw new Error(
      `HubSpot's answer to creating the label "${texts.label}" on ${pairDisplay(fromId, toId)} does not contain a label with that text: ` +
        JSON.stringify(results.map((r) => ({ typeId: r.typeId, label: r.label }))),
    );
  }
  const inverseText = texts.inverseLabel ?? texts.label;
  const others = results.filter(
    (r) => r.typeId !== forward.typeId && r.label === inverseText && direction(r, toId, fromId),
  );
  const inverse = otherHalf(others, forward.typeId) ?? others.sort(byId)[0];
  if (!inverse && texts.inverseLabel !== undefined) {
    throw new Error(
      `HubSpot's answer to creating the paired label "${texts.label}" on ${pairDisplay(fromId, toId)} does not contain the inverse label "${texts.inverseLabel}"`,
    );
  }
  return inverse ? { typeId: forward.typeId, inverseTypeId: inverse.typeId } : { typeId: forward.typeId };
}
