// AssociationLabel inputs, parsed once: `check` reports the failures, `create` and `update` take the typed result.
// During a preview any input may be the unknown sentinel; what is known is still checked.

import {
  isHubSpotDefinedForPair,
  hubspotDefinedTypes,
  isUnknown,
  isUnlabeledAssociationName,
  MAX_TEXT_LENGTH,
  NAME_PATTERN,
  ObjectTypeRef,
  pairDisplay,
  parseObjectTypeRef,
  textLength,
  unlabeledAssociationNames,
} from "../../model";
import type { PropertyBag } from "../values";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface LabelInputs {
  /** The object types as written (kept in state: the user's spelling is no change). */
  fromObjectType: string;
  toObjectType: string;
  from: ObjectTypeRef;
  to: ObjectTypeRef;
  name: string;
  label: string;
  /** Set for a paired label. */
  inverseLabel?: string;
  adoptTypeId?: number;
}

export interface ParsedLabelInputs {
  /** Undefined when a failure or an unknown value leaves them incomplete. */
  inputs?: LabelInputs;
  failures: CheckFailure[];
}

export function parseObjectTypeInput(
  value: unknown,
  property: string,
  failures: CheckFailure[],
): ObjectTypeRef | undefined {
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) {
    failures.push({ property, reason: `${property} is required` });
    return undefined;
  }
  const parsed = parseObjectTypeRef(value);
  if (!parsed.ok) {
    failures.push({ property, reason: parsed.reason });
    return undefined;
  }
  return parsed.ref;
}

function parseText(value: unknown, property: string, failures: CheckFailure[], required: boolean): string | undefined {
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) {
    if (required) failures.push({ property, reason: `${property} is required` });
    return undefined;
  }
  if (typeof value !== "string") {
    failures.push({ property, reason: `${property} must be a string` });
    return undefined;
  }
  if (value.trim() === "") {
    failures.push({ property, reason: `${property} must not be empty or only whitespace` });
    return undefined;
  }
  if (textLength(value) > MAX_TEXT_LENGTH) {
    failures.push({
      property,
      reason: `${property} must be at most ${MAX_TEXT_LENGTH} characters, counted in UTF-16 units (got ${textLength(value)})`,
    });
    return undefined;
  }
  return value;
}

function parseName(
  value: unknown,
  from: ObjectTypeRef | undefined,
  to: ObjectTypeRef | undefined,
  failures: CheckFailure[],
): string | undefined {
  const name = parseText(value, "name", failures, true);
  if (name === undefined) return undefined;
  if (NAME_PATTERN.test(name)) {
    if (from && to && isUnlabeledAssociationName(name, from, to)) {
      failures.push({
        property: "name",
        reason: `name "${name}" is the name HubSpot gives the pair's unlabeled association (${unlabeledAssociationNames(from, to).join(", ")}); choose another`,
      });
      return undefined;
    }
    return name;
  }
  const why = /^[0-9]/.test(name)
    ? "must not start with a digit"
    : /[-\s]/.test(name)
      ? "must not contain hyphens or spaces"
      : "may contain only letters, digits and underscores";
  failures.push({
    property: "name",
    reason: `name "${name}" ${why} (HubSpot internal names: letters, digits and underscores, no leading digit)`,
  });
  return undefined;
}

function parseAdoptTypeId(
  value: unknown,
  from: ObjectTypeRef | undefined,
  to: ObjectTypeRef | undefined,
  failures: CheckFailure[],
): number | undefined {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    failures.push({
      property: "adoptTypeId",
      reason: `adoptTypeId must be a positive integer (an existing label's typeId), got ${JSON.stringify(value)}`,
    });
    return undefined;
  }
  if (from?.kind === "id" && to?.kind === "id" && isHubSpotDefinedForPair(from.id, to.id, value)) {
    const defined = hubspotDefinedTypes(from.id, to.id).find((t) => t.typeId === value);
    failures.push({
      property: "adoptTypeId",
      reason:
        `adoptTypeId ${value} is a HubSpot-defined association type of ${pairDisplay(from.id, to.id)}` +
        `${defined?.label ? ` ("${defined.label}")` : " (the unlabeled default type)"}; HubSpot-defined types cannot be managed, only USER_DEFINED labels can be adopted`,
    });
    return undefined;
  }
  return value;
}

export function parseLabelInputs(news: PropertyBag): ParsedLabelInputs {
  const failures: CheckFailure[] = [];
  const from = parseObjectTypeInput(news.fromObjectType, "fromObjectType", failures);
  const to = parseObjectTypeInput(news.toObjectType, "toObjectType", failures);
  const name = parseName(news.name, from, to, failures);
  const label = parseText(news.label, "label", failures, true);
  const inverseLabel = parseText(news.inverseLabel, "inverseLabel", failures, false);
  const adoptTypeId = parseAdoptTypeId(news.adoptTypeId, from, to, failures);
  const complete =
    failures.length === 0 &&
    from !== undefined &&
    to !== undefined &&
    name !== undefined &&
    label !== undefined &&
    !isUnknown(news.inverseLabel) &&
    !isUnknown(news.adoptTypeId);
  if (!complete) return { failures };
  const inputs: LabelInputs = {
    fromObjectType: String(news.fromObjectType),
    toObjectType: String(news.toObjectType),
    from,
    to,
    name,
    label,
  };
  if (inverseLabel !== undefined) inputs.inverseLabel = inverseLabel;
  if (adoptTypeId !== undefined) inputs.adoptTypeId = adoptTypeId;
  return { inputs, failures };
}

/** For create and update, which only ever see inputs `check` accepted: a failure here is a bug or tampered state. */
export function requireLabelInputs(news: PropertyBag): LabelInputs {
  const { inputs, failures } = parseLabelInputs(news);
  if (!inputs)
    throw new Error(`invalid AssociationLabel inputs: ${failures.map((f) => f.reason).join("; ") || "unknown values"}`);
  return inputs;
}
