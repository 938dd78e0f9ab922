// Creating an AssociationLabel, or taking an existing one over. A label is taken over only when it must be ours:
//   - `adoptTypeId` names it, and it is a USER_DEFINED label of the pair;
//   - or HubSpot's answer to our POST was lost, and exactly one label with our texts appeared on the pair that was
//     not there before this run's first POST on the pair and that no other resource of this run holds.
// Anything else that finds our name or text already taken stops with the candidates and what to do. HubSpot never
// returns a label's internal name, so text and "new since our snapshot" are all the proof there is.

import { errorMessage, pairDisplay, pairKey } from "../../model";
import type { AssociationTypeInfo } from "../hubspot/api";
import { apiErrorOf, isOutcomeUnknown, withContext } from "../errors";
import type { Session } from "../session";
import { Halves, halvesOfCreateAnswer, otherHalf } from "./halves";
import type { LabelInputs } from "./inputs";

export interface LabelTarget {
  fromId: string;
  toId: string;
  inputs: LabelInputs;
  /** Who holds the label, for the run's ledger and messages: the label's description. */
  holder: string;
}

export function describeLabel(text: string, fromId: string, toId: string): string {
  return `association label "${text}" on ${pairDisplay(fromId, toId)}`;
}

function describeCandidates(labels: readonly AssociationTypeInfo[]): string {
  return labels.map((l) => `typeId ${l.typeId} "${l.label ?? ""}"`).join(", ");
}

/** The to -> from list; on a same-object pair both halves are listed under A -> A. */
async function reverseList(
  s: Session,
  fromId: string,
  toId: string,
  forward: readonly AssociationTypeInfo[],
  fresh: boolean,
): Promise<readonly AssociationTypeInfo[]> {
  return fromId === toId ? forward : s.pairs.labelsOf(toId, fromId, { fresh });
}

export async function adoptLabel(s: Session, t: LabelTarget, adoptTypeId: number): Promise<Halves> {
  const { fromId, toId, inputs } = t;
  const forward = await s.pairs.labelsOf(fromId, toId);
  const found = forward.find((l) => l.typeId === adoptTypeId);
  if (!found) {
    const mine = forward.filter((l) => l.category === "USER_DEFINED");
    throw new Error(
      `adoptTypeId ${adoptTypeId}: ${pairDisplay(fromId, toId)} has no association type ${adoptTypeId}; ` +
        `user-defined labels on this pair: ${mine.length > 0 ? describeCandidates(mine) : "none"}`,
    );
  }
  if (found.category !== "USER_DEFINED") {
    throw new Error(
      `adoptTypeId ${adoptTypeId} on ${pairDisplay(fromId, toId)} is ${found.category} ("${found.label ?? "unlabeled"}"): ` +
        "HubSpot-defined types can't be managed; only USER_DEFINED labels can be adopted",
    );
  }
  const reverse = await reverseList(s, fromId, toId, forward, false);
  // A paired label's other half is found by position (its text may be about to change); a single label's reverse half
  // carries the same text.
  const inverse =
    inputs.inverseLabel !== undefined
      ? (otherHalf(reverse, adoptTypeId, inputs.inverseLabel) ?? otherHalf(reverse, adoptTypeId))
      : otherHalf(reverse, adoptTypeId, found.label ?? undefined);
  if (inputs.inverseLabel !== undefined && !inverse) {
    throw new Error(
      `adoptTypeId ${adoptTypeId} on ${pairDisplay(fromId, toId)} is a single label, but inverseLabel is set: declare it without ` +
        "inverseLabel, or adopt a paired label",
    );
  }
  s.ledger.holdTypeId(fromId, toId, adoptTypeId, t.holder, true);
  const textDiffers =
    found.label !== inputs.label || (inputs.inverseLabel !== undefined && inverse?.label !== inputs.inverseLabel);
  if (textDiffers) {
    await s.verifyPortal();
    try {
      await s.api.updateLabel(fromId, toId, {
        associationTypeId: adoptTypeId,
        label: inputs.label,
        inverseLabel: inputs.inverseLabel,
      });
    } catch (e) {
      s.pairs.invalidateLabels(fromId, toId);
      s.pairs.invalidateLabels(toId, fromId);
      throw withContext(
        e,
        `adopting ${describeLabel(inputs.label, fromId, toId)} (typeId ${adoptTypeId}): updating its text failed`,
      );
    }
    s.pairs.setLabelText(fromId, toId, adoptTypeId, inputs.label);
    if (inverse && inputs.inverseLabel !== undefined)
      s.pairs.setLabelText(toId, fromId, inverse.typeId, inputs.inverseLabel);
  }
  s.notice(
    `adopted existing ${describeLabel(inputs.label, fromId, toId)} (typeId ${adoptTypeId}${inverse ? `, inverse ${inverse.typeId}` : ""})` +
      (textDiffers ? ", text updated" : ""),
  );
  return inverse ? { typeId: adoptTypeId, inverseTypeId: inverse.typeId } : { typeId: adoptTypeId };
}

/** HubSpot refuses a second label with the same internal name on a pair. */
function isNameTaken(e: unknown): boolean {
  const err = apiErrorOf(e);
  return (
    err?.status === 400 &&
    (/DUPLICATE/i.test(err.subCategory ?? "") ||
      /already exists|conflicts with/i.test(err.hubspotMessage ?? err.message))
  );
}

async function post(s: Session, t: LabelTarget): Promise<Halves> {
  const { fromId, toId, inputs } = t;
  const results = await s.api.createLabel(fromId, toId, {
    name: inputs.name,
    label: inputs.label,
    inverseLabel: inputs.inverseLabel,
  });
  const halves = halvesOfCreateAnswer(results, fromId, toId, inputs);
  s.pairs.addLabels(fromId, toId, [{ category: "USER_DEFINED", typeId: halves.typeId, label: inputs.label }]);
  if (halves.inverseTypeId !== undefined) {
    s.pairs.addLabels(toId, fromId, [
      { category: "USER_DEFINED", typeId: halves.inverseTypeId, label: inputs.inverseLabel ?? inputs.label },
    ]);
  }
  return halves;
}

/** New labels with our texts since the snapshot, held by no other resource of this run. */
async function newLabelsWithOurText(s: Session, t: LabelTarget, before: ReadonlySet<number>): Promise<Halves[]> {
  const { fromId, toId, inputs } = t;
  const forward = await s.pairs.labelsOf(fromId, toId, { fresh: true });
  const reverse = await reverseList(s, fromId, toId, forward, true);
  const found: Halves[] = [];
  for (const l of forward) {
    if (l.category !== "USER_DEFINED" || l.label !== inputs.label || before.has(l.typeId)) continue;
    if (s.ledger.isHeld(fromId, toId, l.typeId)) continue;
    const inverse = otherHalf(reverse, l.typeId, inputs.inverseLabel ?? inputs.label);
    if (inputs.inverseLabel !== undefined && !inverse) continue;
    found.push(inverse ? { typeId: l.typeId, inverseTypeId: inverse.typeId } : { typeId: l.typeId });
  }
  return found;
}

function nameTakenError(e: unknown, t: LabelTarget, sameText: readonly AssociationTypeInfo[]): Error {
  const { fromId, toId, inputs } = t;
  return withContext(
    e,
    `creating ${describeLabel(inputs.label, fromId, toId)}: HubSpot already has a label named "${inputs.name}" on this pair ` +
      `(in one direction or the other). It is not taken over without proof that it is this resource's. ` +
      (sameText.length > 0 ? `Labels with this text: ${describeCandidates(sameText)}. ` : "") +
      "If it is this resource's label (for example one an interrupted run created), set adoptTypeId to its typeId; if you " +
      "renamed this resource in your program, add the old name to its `aliases`; otherwise choose another name",
  );
}

export async function createNewLabel(s: Session, t: LabelTarget): Promise<Halves> {
  const { fromId, toId, inputs } = t;
  const before = await s.ledger.typeIdsBeforeCreates(fromId, toId, async () => {
    const labels = await s.pairs.labelsOf(fromId, toId);
    return new Set(labels.filter((l) => l.category === "USER_DEFINED").map((l) => l.typeId));
  });
  await s.verifyPortal();
  return s.ledger.withTextLock(fromId, toId, inputs.label, async () => {
    for (let attempt = 1; ; attempt++) {
      let lost: unknown;
      try {
        const halves = await post(s, t);
        s.ledger.holdTypeId(fromId, toId, halves.typeId, t.holder, false);
        return halves;
      } catch (e) {
        s.pairs.invalidateLabels(fromId, toId);
        s.pairs.invalidateLabels(toId, fromId);
        if (isNameTaken(e)) {
          const labels = await s.pairs.labelsOf(fromId, toId, { fresh: true }).catch(() => []);
          throw nameTakenError(
            e,
            t,
            labels.filter((l) => l.category === "USER_DEFINED" && l.label === inputs.label),
          );
        }
        if (!isOutcomeUnknown(e)) throw withContext(e, `creating ${describeLabel(inputs.label, fromId, toId)}`);
        lost = e;
      }
      let made: Halves[];
      try {
        made = await newLabelsWithOurText(s, t, before);
      } catch (readError) {
        throw withContext(
          readError,
          `creating ${describeLabel(inputs.label, fromId, toId)}: HubSpot's answer to the create was lost (${errorMessage(lost)}) and ` +
            "reading the pair to verify it failed, so the label may have been created. Run the update again: a label this " +
            "run made is found again, and none is ever created twice. The verification read failed with",
        );
      }
      const [only, ...more] = made;
      if (only && more.length === 0) {
        s.ledger.holdTypeId(fromId, toId, only.typeId, t.holder, false);
        s.notice(
          `${describeLabel(inputs.label, fromId, toId)} was created although HubSpot's answer was lost (typeId ${only.typeId})`,
        );
        return only;
      }
      if (more.length > 0) {
        throw new Error(
          `creating ${describeLabel(inputs.label, fromId, toId)}: HubSpot's answer was lost, and ${made.length} new labels with this ` +
            `text appeared on ${pairKey(fromId, toId)} since this run began (typeIds ${made.map((h) => h.typeId).join(", ")}): which one ` +
            "is this resource's cannot be told. Set adoptTypeId to the right one (and delete the other in HubSpot if it is a duplicate)",
          { cause: lost },
        );
      }
      if (!(await s.retry.beforeReplan(attempt + 1))) {
        throw withContext(
          lost,
          `creating ${describeLabel(inputs.label, fromId, toId)}: the outcome stayed unknown ${attempt} times and no new label ` +
            "appeared; run the update again",
        );
      }
    }
  });
}
