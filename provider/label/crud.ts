// AssociationLabel's dynamic-provider methods: thin adapters from Pulumi's property bags to the label logic.

import type * as pulumi from "@pulumi/pulumi";
import { formatLabelId } from "../ids";
import { SessionSource } from "../object-types";
import { resolvePairInputs } from "../pair-inputs";
import { optionalString, PropertyBag, STATE_SCHEMA_VERSION, withoutProvider } from "../values";
import { updateLabelText, deleteStoredLabel } from "./change";
import { adoptLabel, createNewLabel, describeLabel } from "./create";
import { diffLabel } from "./diff";
import { Halves, otherHalf } from "./halves";
import { parseLabelInputs, requireLabelInputs } from "./inputs";
import { storedLabel } from "./state";

function outputsOf(inputs: PropertyBag, fromId: string, toId: string, halves: Halves): PropertyBag {
  const outs = withoutProvider(inputs);
  delete outs.inverseTypeId;
  Object.assign(outs, {
    schemaVersion: STATE_SCHEMA_VERSION,
    typeId: halves.typeId,
    category: "USER_DEFINED",
    fromObjectTypeId: fromId,
    toObjectTypeId: toId,
  });
  if (halves.inverseTypeId !== undefined) outs.inverseTypeId = halves.inverseTypeId;
  return outs;
}

function idOf(fromId: string, toId: string, typeId: number): string {
  return formatLabelId({ fromObjectTypeId: fromId, toObjectTypeId: toId, typeId });
}

export async function checkLabel(session: SessionSource, news: PropertyBag): Promise<pulumi.dynamic.CheckResult> {
  const { inputs, failures } = parseLabelInputs(news);
  if (inputs) failures.push(...(await resolvePairInputs(session, inputs.from, inputs.to)).failures);
  // Inputs are returned unchanged: normalizing spellings (contact -> contacts) would show as a diff for users.
  return { inputs: news, failures };
}

export async function diffLabelResource(
  session: SessionSource,
  id: string,
  olds: PropertyBag,
  news: PropertyBag,
): Promise<pulumi.dynamic.DiffResult> {
  return diffLabel(session, storedLabel(id, olds), news);
}

export async function createLabel(session: SessionSource, news: PropertyBag): Promise<pulumi.dynamic.CreateResult> {
  const inputs = requireLabelInputs(news);
  const { fromId, toId } = await resolvePairInputs(session, inputs.from, inputs.to).then((r) => r.require());
  const s = session();
  const holder = `${describeLabel(inputs.label, fromId, toId)} (name "${inputs.name}")`;
  const release = s.ledger.claimLabel(fromId, toId, inputs.name, inputs.adoptTypeId, holder);
  let halves: Halves;
  try {
    const target = { fromId, toId, inputs, holder };
    halves =
      inputs.adoptTypeId !== undefined
        ? await adoptLabel(s, target, inputs.adoptTypeId)
        : await createNewLabel(s, target);
  } catch (e) {
    release();
    throw e;
  }
  return { id: idOf(fromId, toId, halves.typeId), outs: outputsOf(news, fromId, toId, halves) };
}

export async function readLabel(
  session: SessionSource,
  id: string,
  props?: PropertyBag,
): Promise<pulumi.dynamic.ReadResult> {
  const stored = storedLabel(id, props);
  const { fromId, toId, typeId } = stored;
  const s = session();
  const forward = await s.pairs.labelsOf(fromId, toId);
  const live = forward.find((l) => l.typeId === typeId);
  if (!live || live.category !== "USER_DEFINED") return { id: "" };
  const p = props ?? {};
  const inputs: PropertyBag = {
    // Keep the user's spelling of object types and the write-only name: HubSpot cannot tell us those.
    fromObjectType: optionalString(p.fromObjectType) ?? fromId,
    toObjectType: optionalString(p.toObjectType) ?? toId,
    label: live.label ?? "",
  };
  if (stored.name !== undefined) inputs.name = stored.name;
  let inverseTypeId = stored.inverseTypeId;
  if (stored.paired) {
    // Only a paired label's other half has text of its own to refresh (a single label's reverse half repeats the
    // forward text), so only then is the reverse pair read (one GET per reverse pair, shared by all its labels).
    const reverse = fromId === toId ? forward : await s.pairs.labelsOf(toId, fromId);
    const inverse =
      stored.inverseTypeId !== undefined
        ? reverse.find((l) => l.typeId === stored.inverseTypeId && l.category === "USER_DEFINED")
        : otherHalf(reverse, typeId);
    inverseTypeId = inverse?.typeId ?? stored.inverseTypeId;
    // If the inverse half vanished on its own, keep the stored text: the forward half still says "paired".
    inputs.inverseLabel = inverse?.label ?? stored.inverseLabel ?? "";
  }
  if (stored.adoptTypeId !== undefined) inputs.adoptTypeId = stored.adoptTypeId;
  const halves = { typeId, inverseTypeId };
  return { id: idOf(fromId, toId, typeId), props: outputsOf(inputs, fromId, toId, halves), inputs };
}

export async function updateLabel(
  session: SessionSource,
  id: string,
  olds: PropertyBag,
  news: PropertyBag,
): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = requireLabelInputs(news);
  const stored = storedLabel(id, olds);
  const s = session();
  let inverseTypeId = stored.inverseTypeId;
  if (inputs.inverseLabel !== undefined && inverseTypeId === undefined) {
    // State written before inverse type ids were stored: find the other half.
    inverseTypeId = otherHalf(await s.pairs.labelsOf(stored.toId, stored.fromId), stored.typeId)?.typeId;
  }
  const textChanged =
    inputs.label !== stored.label || (inputs.inverseLabel !== undefined && inputs.inverseLabel !== stored.inverseLabel);
  if (textChanged) await updateLabelText(s, { ...stored, inverseTypeId }, inputs.label, inputs.inverseLabel);
  // Full outputs: the host stores only what update returns (a partial answer would wipe typeId and friends).
  return { outs: outputsOf(news, stored.fromId, stored.toId, { typeId: stored.typeId, inverseTypeId }) };
}

export async function deleteLabel(session: SessionSource, id: string, props: PropertyBag): Promise<void> {
  const stored = storedLabel(id, props);
  const s = session();
  const holder = s.ledger.adopterOf(stored.fromId, stored.toId, stored.typeId);
  if (holder !== undefined) {
    s.notice(
      `not deleting ${describeLabel(stored.label ?? String(stored.typeId), stored.fromId, stored.toId)} (typeId ${stored.typeId}): ` +
        `${holder} of this deployment holds it now (it adopted it); it stays`,
    );
    return;
  }
  await deleteStoredLabel(s, stored);
}
