// Changing and removing an AssociationLabel at HubSpot: text updates, and deletes that leave nothing behind whether
// or not HubSpot removes both halves of a paired label with one DELETE (undocumented; hubspot-open-questions.md Q1).

import { apiErrorOf, hubspotDetails, isNotFound, withContext } from "../errors";
import type { Session } from "../session";
import { describeLabel } from "./create";
import { otherHalf } from "./halves";
import type { StoredLabel } from "./state";

export async function updateLabelText(
  s: Session,
  stored: StoredLabel,
  label: string,
  inverseLabel: string | undefined,
): Promise<void> {
  const { fromId, toId, typeId, inverseTypeId } = stored;
  await s.verifyPortal();
  try {
    await s.api.updateLabel(fromId, toId, { associationTypeId: typeId, label, inverseLabel });
  } catch (e) {
    s.pairs.invalidateLabels(fromId, toId);
    s.pairs.invalidateLabels(toId, fromId);
    throw withContext(e, `updating ${describeLabel(label, fromId, toId)} (typeId ${typeId})`);
  }
  s.pairs.setLabelText(fromId, toId, typeId, label);
  if (inverseTypeId !== undefined) s.pairs.setLabelText(toId, fromId, inverseTypeId, inverseLabel ?? label);
}

type DeleteOutcome = "deleted" | "already-gone";

async function deleteHalf(
  s: Session,
  fromId: string,
  toId: string,
  typeId: number,
  text: string,
): Promise<DeleteOutcome> {
  try {
    await s.api.deleteLabel(fromId, toId, typeId);
  } catch (e) {
    if (isNotFound(e)) {
      s.pairs.removeLabel(fromId, toId, typeId);
      return "already-gone";
    }
    s.pairs.invalidateLabels(fromId, toId);
    if (apiErrorOf(e)?.status === 400) {
      throw new Error(
        `HubSpot refused to delete ${describeLabel(text, fromId, toId)} (typeId ${typeId}). HubSpot refuses to delete a label that ` +
          "records still use: remove the label from those record associations first (in HubSpot, or with the associations " +
          `API's labels/archive), then run the delete again. ${hubspotDetails(e)}`,
        { cause: e },
      );
    }
    throw withContext(e, `deleting ${describeLabel(text, fromId, toId)} (typeId ${typeId})`);
  }
  s.pairs.removeLabel(fromId, toId, typeId);
  return "deleted";
}

class InconclusiveProbe extends Error {}

/**
 * Deletes the label and its other half (a paired label's inverse, a single cross-object label's reverse half). The
 * first such delete of the session that can tell (the other half is listed right before) deletes the forward half,
 * then the other: a 404 there means HubSpot removed both with one DELETE. Later deletes then send one DELETE when
 * HubSpot cascades, and two when it does not.
 */
export async function deleteStoredLabel(s: Session, stored: StoredLabel): Promise<void> {
  const { fromId, toId, typeId } = stored;
  const text = stored.label ?? String(typeId);
  const inverseText = stored.inverseLabel ?? text;
  await s.verifyPortal();
  let inverseTypeId = stored.inverseTypeId;
  if (inverseTypeId === undefined && stored.paired) {
    // State written before inverse type ids were stored.
    inverseTypeId = otherHalf(
      await s.pairs.labelsOf(toId, fromId, { fresh: true }),
      typeId,
      stored.inverseLabel,
    )?.typeId;
  }
  if (inverseTypeId === undefined) {
    await deleteHalf(s, fromId, toId, typeId, text);
    return;
  }
  const otherId = inverseTypeId;
  let probed = false;
  const probe = async (): Promise<boolean> => {
    probed = true;
    const listedBefore = (await s.pairs.labelsOf(toId, fromId, { fresh: true })).some((l) => l.typeId === otherId);
    await deleteHalf(s, fromId, toId, typeId, text);
    const second = await deleteHalf(s, toId, fromId, otherId, inverseText);
    if (!listedBefore) throw new InconclusiveProbe();
    return second === "already-gone";
  };
  let cascades: boolean;
  try {
    cascades = await s.pairedDeleteCascades(probe);
  } catch (e) {
    if (probed && e instanceof InconclusiveProbe) return; // both halves are gone; the question stays open
    if (probed) throw e;
    cascades = false; // another delete's probe failed: delete both halves
  }
  if (probed) return;
  await deleteHalf(s, fromId, toId, typeId, text);
  if (cascades) s.pairs.removeLabel(toId, fromId, otherId);
  else await deleteHalf(s, toId, fromId, otherId, inverseText);
}
