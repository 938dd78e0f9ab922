// AssociationLabel: one USER_DEFINED association label, single or paired, on a directed object pair.
//
// Identity: `<fromObjectTypeId>/<toObjectTypeId>/<typeId>` (ids.ts). HubSpot never returns a label's internal
// `name`, so adoption and crash recovery match labels by their display text on the pair.

import type * as pulumi from "@pulumi/pulumi";
import type { AssociationTypeInfo } from "./hubspot/api";
import { apiErrorOf, hubspotDetails, isNotFound, isOutcomeUnknown, messageOf, withContext } from "./errors";
import { formatLabelId, tryParseLabelId } from "./ids";
import { notice } from "./log";
import { containsUnknown, hubspotDefinedTypes, isHubSpotDefinedForPair, isUnknown, pairDisplay, resolveObjectType } from "../model";
import { objectTypeReplaces, storedPairIds } from "./object-types";
import { getSession, Session } from "./session";
import { optionalNumber, optionalString, PropertyBag, STATE_SCHEMA_VERSION, withoutProvider } from "./values";

export const MAX_TEXT_LENGTH = 100;
/** Letters, digits and underscore; no leading digit (HubSpot refuses hyphens and a leading digit). */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface LabelInputs {
  fromObjectType: string;
  toObjectType: string;
  name: string;
  label: string;
  inverseLabel?: string;
  adoptTypeId?: number;
}

export interface LabelOutputs extends LabelInputs {
  schemaVersion: number;
  typeId: number;
  inverseTypeId?: number;
  category: string;
  fromObjectTypeId: string;
  toObjectTypeId: string;
}

type Failure = pulumi.dynamic.CheckFailure;

// ------------------------------------------------------------------------------------------------- check

function checkText(value: unknown, property: string, failures: Failure[], required: boolean): void {
  if (isUnknown(value)) return;
  if (value === undefined || value === null) {
    if (required) failures.push({ property, reason: `${property} is required` });
    return;
  }
  if (typeof value !== "string") {
    failures.push({ property, reason: `${property} must be a string` });
    return;
  }
  if (value.trim() === "") failures.push({ property, reason: `${property} must not be empty or only whitespace` });
  else if (value.length > MAX_TEXT_LENGTH) {
    failures.push({ property, reason: `${property} must be at most ${MAX_TEXT_LENGTH} characters (got ${value.length})` });
  }
}

export function checkObjectTypeProperty(value: unknown, property: string, failures: Failure[]): string | undefined {
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) {
    failures.push({ property, reason: `${property} is required` });
    return undefined;
  }
  const r = resolveObjectType(value);
  if (!r.ok) {
    failures.push({ property, reason: r.reason });
    return undefined;
  }
  return r.id;
}

export function checkLabelInputs(news: PropertyBag): Failure[] {
  const failures: Failure[] = [];
  const fromId = checkObjectTypeProperty(news.fromObjectType, "fromObjectType", failures);
  const toId = checkObjectTypeProperty(news.toObjectType, "toObjectType", failures);

  const name = news.name;
  if (!isUnknown(name)) {
    if (name === undefined || name === null || name === "") failures.push({ property: "name", reason: "name is required" });
    else if (typeof name !== "string") failures.push({ property: "name", reason: "name must be a string" });
    else if (name.length > MAX_TEXT_LENGTH) {
      failures.push({ property: "name", reason: `name must be at most ${MAX_TEXT_LENGTH} characters (got ${name.length})` });
    } else if (!NAME_PATTERN.test(name)) {
      const why = /^[0-9]/.test(name)
        ? "must not start with a digit"
        : /[-\s]/.test(name)
          ? "must not contain hyphens or spaces"
          : "may contain only letters, digits and underscores";
      failures.push({
        property: "name",
        reason: `name "${name}" ${why} (HubSpot internal names: letters, digits and underscores, no leading digit)`,
      });
    }
  }

  checkText(news.label, "label", failures, true);
  checkText(news.inverseLabel, "inverseLabel", failures, false);

  const adopt = news.adoptTypeId;
  if (adopt !== undefined && adopt !== null && !isUnknown(adopt)) {
    if (typeof adopt !== "number" || !Number.isInteger(adopt) || adopt <= 0) {
      failures.push({ property: "adoptTypeId", reason: `adoptTypeId must be a positive integer (an existing label's typeId), got ${JSON.stringify(adopt)}` });
    } else if (fromId && toId && isHubSpotDefinedForPair(fromId, toId, adopt)) {
      const t = hubspotDefinedTypes(fromId, toId).find((x) => x.typeId === adopt);
      failures.push({
        property: "adoptTypeId",
        reason:
          `adoptTypeId ${adopt} is a HubSpot-defined association type of ${pairDisplay(fromId, toId)}` +
          `${t?.label ? ` ("${t.label}")` : " (the unlabeled default type)"}; HubSpot-defined types cannot be managed, only USER_DEFINED labels can be adopted`,
      });
    }
  }
  return failures;
}

export async function checkLabel(_olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.CheckResult> {
  // Inputs are returned unchanged: normalizing spellings (contact -> contacts) would show as a diff for users.
  return { inputs: news, failures: checkLabelInputs(news) };
}

// ------------------------------------------------------------------------------------------------- stored state

interface StoredLabel {
  fromId: string;
  toId: string;
  typeId: number;
  inverseTypeId?: number;
  paired: boolean;
}

/** Reads what we need from stored outputs of any earlier shape (no schemaVersion, no *ObjectTypeId, ...). */
export function storedLabel(id: string, olds: PropertyBag | undefined): StoredLabel {
  const o = olds ?? {};
  const parsed = tryParseLabelId(id);
  const { fromId, toId } = storedPairIds(o, parsed);
  const typeId = optionalNumber(o.typeId) ?? parsed?.typeId;
  if (!fromId || !toId || typeId === undefined) {
    throw new Error(`AssociationLabel state for id "${id}" has no usable object types or typeId; expected an id like 0-1/0-2/145`);
  }
  const inverseTypeId = optionalNumber(o.inverseTypeId);
  const paired = inverseTypeId !== undefined || (typeof o.inverseLabel === "string" && o.inverseLabel !== "");
  return { fromId, toId, typeId, inverseTypeId, paired };
}

// ------------------------------------------------------------------------------------------------- diff

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export async function diffLabel(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.DiffResult> {
  const stored = storedLabel(id, olds);
  const replaces = objectTypeReplaces(news, stored.fromId, stored.toId);
  let changes = false;

  if (isUnknown(news.name) || news.name !== olds.name) replaces.push("name");

  // Single <-> paired is a different HubSpot object (paired labels are created with both halves at once).
  // An unknown inverseLabel is most likely a string (paired): replace only when the stored label is single.
  const newPaired = isUnknown(news.inverseLabel) || isPresent(news.inverseLabel);
  if (newPaired !== stored.paired) replaces.push("inverseLabel");
  else if (newPaired && (isUnknown(news.inverseLabel) || news.inverseLabel !== olds.inverseLabel)) changes = true;

  const adopt = news.adoptTypeId;
  if (isUnknown(adopt)) replaces.push("adoptTypeId");
  else if (isPresent(adopt) && adopt !== stored.typeId) replaces.push("adoptTypeId");

  if (isUnknown(news.label) || news.label !== olds.label) changes = true;
  if (containsUnknown(withoutProvider(news))) changes = true;

  if (replaces.length > 0) changes = true;
  const samePair = !replaces.includes("fromObjectType") && !replaces.includes("toObjectType");
  return {
    changes,
    replaces,
    // On the same pair the replacement could otherwise adopt the very label about to be deleted (create matches
    // existing labels by text); deleting first also fails early, before any new label exists, when records use it.
    deleteBeforeReplace: replaces.length > 0 && samePair && !replaces.includes("adoptTypeId"),
  };
}

// ------------------------------------------------------------------------------------------------- helpers

function inputsOf(bag: PropertyBag): LabelInputs {
  const v: LabelInputs = {
    fromObjectType: String(bag.fromObjectType),
    toObjectType: String(bag.toObjectType),
    name: String(bag.name),
    label: String(bag.label),
  };
  if (typeof bag.inverseLabel === "string") v.inverseLabel = bag.inverseLabel;
  const adopt = optionalNumber(bag.adoptTypeId);
  if (adopt !== undefined) v.adoptTypeId = adopt;
  return v;
}

function outputsOf(inputs: PropertyBag, ids: { fromId: string; toId: string; typeId: number; inverseTypeId?: number }): LabelOutputs & PropertyBag {
  const outs: PropertyBag = withoutProvider(inputs);
  delete outs.inverseTypeId;
  Object.assign(outs, {
    schemaVersion: STATE_SCHEMA_VERSION,
    typeId: ids.typeId,
    category: "USER_DEFINED",
    fromObjectTypeId: ids.fromId,
    toObjectTypeId: ids.toId,
  });
  if (ids.inverseTypeId !== undefined) outs.inverseTypeId = ids.inverseTypeId;
  return outs as LabelOutputs & PropertyBag;
}

function describe(label: string, fromId: string, toId: string): string {
  return `association label "${label}" on ${pairDisplay(fromId, toId)}`;
}

/** The other half of a paired label: HubSpot allocates the two ids consecutively. */
function findInverse(reverse: AssociationTypeInfo[], typeId: number, text?: string): AssociationTypeInfo | undefined {
  const candidates = reverse.filter(
    (l) => l.category === "USER_DEFINED" && l.typeId !== typeId && (l.typeId === typeId + 1 || l.typeId === typeId - 1),
  );
  const byText = text === undefined ? candidates : candidates.filter((l) => l.label === text);
  return byText.find((l) => l.typeId === typeId + 1) ?? byText[0];
}

async function reverseList(s: Session, fromId: string, toId: string, forward: AssociationTypeInfo[], fresh?: boolean): Promise<AssociationTypeInfo[]> {
  // On a same-object pair both halves are listed under A->A.
  return fromId === toId ? forward : s.pairs.labelsOf(toId, fromId, { fresh });
}

interface Found {
  typeId: number;
  inverseTypeId?: number;
}

/** A USER_DEFINED label with exactly this text (and, paired, its other half with exactly the inverse text). */
async function findExisting(s: Session, fromId: string, toId: string, inputs: LabelInputs, fresh: boolean): Promise<Found | undefined> {
  const forward = await s.pairs.labelsOf(fromId, toId, { fresh });
  // Lowest typeId first: when both halves carry the same text, HubSpot allocated the forward one first.
  const candidates = forward.filter((l) => l.category === "USER_DEFINED" && l.label === inputs.label).sort((a, b) => a.typeId - b.typeId);
  if (candidates.length === 0) return undefined;
  if (inputs.inverseLabel === undefined) return { typeId: candidates[0].typeId };
  const reverse = await reverseList(s, fromId, toId, forward, fresh);
  for (const c of candidates) {
    const inv = findInverse(reverse, c.typeId, inputs.inverseLabel);
    if (inv) return { typeId: c.typeId, inverseTypeId: inv.typeId };
  }
  return undefined;
}

/**
 * Which of POST's results is which. Matched by text (HubSpot's order is not stable). When several results carry
 * the forward text -- a single cross-object label comes back once per direction, and a paired label may have
 * label == inverseLabel -- the forward half is the LOWER typeId: HubSpot allocates the ids consecutively, forward
 * first. Newer API versions also send from/to object type ids, which settle it when present.
 */
export function parseCreateResult(results: AssociationTypeInfo[], fromId: string, toId: string, inputs: LabelInputs): Found & { reverseSingle?: number } {
  const direction = (r: AssociationTypeInfo, f: string, t: string): boolean =>
    r.fromObjectTypeId === undefined || r.toObjectTypeId === undefined || (r.fromObjectTypeId === f && r.toObjectTypeId === t);
  const byId = (a: AssociationTypeInfo, b: AssociationTypeInfo): number => a.typeId - b.typeId;
  const forward = results.filter((r) => r.label === inputs.label && direction(r, fromId, toId)).sort(byId)[0];
  if (!forward) {
    throw new Error(
      `HubSpot's answer to creating ${describe(inputs.label, fromId, toId)} does not contain a label with that text: ` +
        JSON.stringify(results.map((r) => ({ typeId: r.typeId, label: r.label }))),
    );
  }
  if (inputs.inverseLabel === undefined) {
    const other = results.filter((r) => r.typeId !== forward.typeId && r.label === inputs.label).sort(byId)[0];
    return { typeId: forward.typeId, reverseSingle: other?.typeId };
  }
  const inverses = results.filter((r) => r.typeId !== forward.typeId && r.label === inputs.inverseLabel && direction(r, toId, fromId)).sort(byId);
  const inverse = inverses.find((r) => r.typeId === forward.typeId + 1) ?? inverses[0];
  if (!inverse) {
    throw new Error(
      `HubSpot's answer to creating paired ${describe(inputs.label, fromId, toId)} does not contain the inverse label "${inputs.inverseLabel}"`,
    );
  }
  return { typeId: forward.typeId, inverseTypeId: inverse.typeId };
}

// ------------------------------------------------------------------------------------------------- create

/**
 * Labels that a create of this provider process (one Pulumi operation) took over rather than made: adopted by
 * adoptTypeId, or found under its name after HubSpot refused the name as taken. Renaming a resource in the program
 * (a new URN, no alias) runs the new resource's create, which takes the label over, and THEN the old resource's
 * delete, which deleted the label the new resource had just recorded as its own (reliability suite: "a resource
 * renamed in the program"). A delete in the same operation leaves such a label to its new owner.
 */
const takenOver = new WeakMap<Session, Set<number>>();

function recordTakeOver(s: Session, typeId: number): void {
  let set = takenOver.get(s);
  if (!set) takenOver.set(s, (set = new Set()));
  set.add(typeId);
}

async function adoptExplicit(s: Session, fromId: string, toId: string, inputs: LabelInputs, adoptTypeId: number): Promise<Found> {
  const forward = await s.pairs.labelsOf(fromId, toId);
  const found = forward.find((l) => l.typeId === adoptTypeId);
  if (!found) {
    const existing = forward.filter((l) => l.category === "USER_DEFINED").map((l) => `${l.typeId} "${l.label}"`);
    throw new Error(
      `adoptTypeId ${adoptTypeId}: ${pairDisplay(fromId, toId)} has no association type ${adoptTypeId}; ` +
        `user-defined labels on this pair: ${existing.length > 0 ? existing.join(", ") : "none"}`,
    );
  }
  if (found.category !== "USER_DEFINED") {
    throw new Error(
      `adoptTypeId ${adoptTypeId} on ${pairDisplay(fromId, toId)} is ${found.category} ("${found.label ?? "unlabeled"}"): ` +
        "HubSpot-defined types can't be managed; only USER_DEFINED labels can be adopted",
    );
  }
  let inverse: AssociationTypeInfo | undefined;
  if (inputs.inverseLabel !== undefined) {
    const reverse = await reverseList(s, fromId, toId, forward);
    inverse = findInverse(reverse, adoptTypeId);
    if (!inverse) {
      throw new Error(
        `adoptTypeId ${adoptTypeId} on ${pairDisplay(fromId, toId)} is not a paired label: no USER_DEFINED label with typeId ` +
          `${adoptTypeId + 1} or ${adoptTypeId - 1} on ${pairDisplay(toId, fromId)}. Remove inverseLabel to adopt it as a single label.`,
      );
    }
  }
  const textDiffers = found.label !== inputs.label || (inverse !== undefined && inverse.label !== inputs.inverseLabel);
  if (textDiffers) {
    // Converge the text in one PUT; never POST when adopting.
    try {
      await s.api.updateLabel(fromId, toId, { associationTypeId: adoptTypeId, label: inputs.label, inverseLabel: inputs.inverseLabel });
    } catch (e) {
      s.pairs.invalidateLabels(fromId, toId);
      s.pairs.invalidateLabels(toId, fromId);
      throw withContext(e, `adopting ${describe(inputs.label, fromId, toId)} (typeId ${adoptTypeId}): updating its text failed`);
    }
    s.pairs.setLabelText(fromId, toId, adoptTypeId, inputs.label);
    if (inverse && inputs.inverseLabel !== undefined) s.pairs.setLabelText(toId, fromId, inverse.typeId, inputs.inverseLabel);
  }
  notice(
    `adopted existing ${describe(inputs.label, fromId, toId)} (typeId ${adoptTypeId}${inverse ? `, inverse ${inverse.typeId}` : ""})` +
      (textDiffers ? ", text updated" : ""),
  );
  recordTakeOver(s, adoptTypeId);
  return { typeId: adoptTypeId, inverseTypeId: inverse?.typeId };
}

async function post(s: Session, fromId: string, toId: string, inputs: LabelInputs): Promise<Found> {
  const results = await s.api.createLabel(fromId, toId, { name: inputs.name, label: inputs.label, inverseLabel: inputs.inverseLabel });
  const parsed = parseCreateResult(results, fromId, toId, inputs);
  const entry = (typeId: number, label: string): AssociationTypeInfo => ({ category: "USER_DEFINED", typeId, label });
  s.pairs.addLabels(fromId, toId, [entry(parsed.typeId, inputs.label)]);
  if (parsed.inverseTypeId !== undefined && inputs.inverseLabel !== undefined) {
    s.pairs.addLabels(toId, fromId, [entry(parsed.inverseTypeId, inputs.inverseLabel)]);
  }
  if (parsed.reverseSingle !== undefined) s.pairs.addLabels(toId, fromId, [entry(parsed.reverseSingle, inputs.label)]);
  return { typeId: parsed.typeId, inverseTypeId: parsed.inverseTypeId };
}

/**
 * HubSpot refuses a second label with the same internal name on a pair. That refusal is what makes a create
 * retried after an interrupted run safe: the label our name already made is the one to take over.
 */
function isDuplicateName(e: unknown): boolean {
  const err = apiErrorOf(e) as { status?: number; subCategory?: string; message?: string } | undefined;
  return err?.status === 400 && (/DUPLICATE/i.test(err.subCategory ?? "") || /already exists/i.test(err.message ?? ""));
}

/**
 * Sends of one create whose outcome stayed unknown (5xx or a broken connection, and the read after it shows no such
 * label). Re-sending is safe: the pair is read before every re-send, and HubSpot refuses a second label with the
 * same name anyway. It was 2, so two 503s in a row on one create failed the whole `up` while every idempotent call
 * gets 5 (reliability soak: 5 % random faults).
 */
const MAX_CREATE_ATTEMPTS = 4;

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2)));
}

async function createOrAdopt(s: Session, fromId: string, toId: string, inputs: LabelInputs): Promise<Found> {
  // POST first, and look for an existing label only when HubSpot says this name is taken. Looking first and
  // matching by text (HubSpot never returns names) would be wrong on a rename: the new label would take over the
  // old one that Pulumi is about to delete, since both carry the same text.
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(s, fromId, toId, inputs);
    } catch (e) {
      s.pairs.invalidateLabels(fromId, toId);
      s.pairs.invalidateLabels(toId, fromId);
      if (isDuplicateName(e)) {
        // A create retried after an interrupted run: the label with our name exists. Take it over when its text
        // is ours; otherwise the name belongs to a label we can't identify, and the user must choose.
        const mine = await findExisting(s, fromId, toId, inputs, true);
        if (mine) {
          notice(`adopted existing ${describe(inputs.label, fromId, toId)} (typeId ${mine.typeId}): HubSpot already has a label named "${inputs.name}"`);
          recordTakeOver(s, mine.typeId);
          return mine;
        }
        throw withContext(
          e,
          `creating ${describe(inputs.label, fromId, toId)}: HubSpot already has a label named "${inputs.name}" on this pair ` +
            "with other text; adopt it with adoptTypeId or choose another name",
        );
      }
      if (!isOutcomeUnknown(e)) throw withContext(e, `creating ${describe(inputs.label, fromId, toId)}`);
      // The POST may have happened: read the pair fresh and adopt what it made, else try once more.
      let made: Found | undefined;
      try {
        made = await findExisting(s, fromId, toId, inputs, true);
      } catch (readError) {
        // Without this context the user saw only "503 on GET .../labels" and could not know that HubSpot may
        // already hold the label (reliability suite: lost create answer + failing verification read).
        throw withContext(
          readError,
          `creating ${describe(inputs.label, fromId, toId)}: HubSpot's answer to the create was lost (${messageOf(e)}) and ` +
            "reading the pair to verify it failed, so the label may have been created. Run the update again: it adopts " +
            "the label if HubSpot made it, and never creates a second one. The verification read failed with",
        );
      }
      if (made) {
        notice(`${describe(inputs.label, fromId, toId)} was created although HubSpot's answer was lost (typeId ${made.typeId})`);
        return made;
      }
      if (attempt >= MAX_CREATE_ATTEMPTS) {
        throw withContext(
          e,
          `creating ${describe(inputs.label, fromId, toId)}: the outcome stayed unknown ${attempt} times; run the update again ` +
            "(it adopts the label if HubSpot made it)",
        );
      }
      await backoff(attempt);
    }
  }
}

/**
 * Labels declared by the creates of this provider process, i.e. of one Pulumi operation, per session. HubSpot keeps
 * one label per internal name on an object pair (either direction), and the create path adopts the label when
 * HubSpot says the name is taken. So two AssociationLabel resources declaring the same name on one pair (or the
 * same adoptTypeId) would both be created "successfully" and both own one label; deleting either would delete it
 * for both (reliability suite, bad input "duplicate names"). A resource is created at most once per operation, so
 * a second claim in one process is always a second declaration: refuse it before any request.
 */
const declared = new WeakMap<Session, Map<string, string>>();

/** Claims the label for this create; returns the release, for a create that fails (it declared nothing). */
function claimDeclaration(s: Session, fromId: string, toId: string, inputs: LabelInputs): () => void {
  let seen = declared.get(s);
  if (!seen) declared.set(s, (seen = new Map()));
  const what = `${describe(inputs.label, fromId, toId)} (name "${inputs.name}")`;
  const keys = [`name:${[fromId, toId].sort().join("|")}:${inputs.name}`];
  if (inputs.adoptTypeId !== undefined) keys.push(`adopt:${fromId}/${toId}:${inputs.adoptTypeId}`);
  for (const key of keys) {
    const first = seen.get(key);
    if (first !== undefined) {
      throw new Error(
        `${what} duplicates ${first} declared by another AssociationLabel in this program: HubSpot keeps one label ` +
          `per internal name on ${pairDisplay(fromId, toId)} (in either direction)` +
          (key.startsWith("adopt:") ? ` and one resource per adopted typeId ${inputs.adoptTypeId}` : "") +
          "; declare it once",
      );
    }
  }
  for (const key of keys) seen.set(key, what);
  return () => {
    for (const key of keys) seen.delete(key);
  };
}

export async function createLabel(news: PropertyBag): Promise<pulumi.dynamic.CreateResult> {
  const failures = checkLabelInputs(news);
  if (failures.length > 0) throw new Error(`invalid AssociationLabel inputs: ${failures.map((f) => f.reason).join("; ")}`);
  const inputs = inputsOf(news);
  const fromId = resolveOrThrow(inputs.fromObjectType);
  const toId = resolveOrThrow(inputs.toObjectType);
  const s = getSession();
  const release = claimDeclaration(s, fromId, toId, inputs);
  let found: Found;
  try {
    await s.beforeWrite();
    found = inputs.adoptTypeId !== undefined ? await adoptExplicit(s, fromId, toId, inputs, inputs.adoptTypeId) : await createOrAdopt(s, fromId, toId, inputs);
  } catch (e) {
    release();
    throw e;
  }
  const ids = { fromId, toId, typeId: found.typeId, inverseTypeId: found.inverseTypeId };
  return { id: formatLabelId({ fromObjectTypeId: fromId, toObjectTypeId: toId, typeId: found.typeId }), outs: outputsOf(news, ids) };
}

function resolveOrThrow(v: string): string {
  const r = resolveObjectType(v);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

// ------------------------------------------------------------------------------------------------- read

export async function readLabel(id: string, props?: PropertyBag): Promise<pulumi.dynamic.ReadResult> {
  const stored = storedLabel(id, props);
  const s = getSession();
  const forward = await s.pairs.labelsOf(stored.fromId, stored.toId);
  const live = forward.find((l) => l.typeId === stored.typeId);
  if (!live || live.category !== "USER_DEFINED") return { id: "" };

  const p = props ?? {};
  const inputs: PropertyBag = {
    // Keep the user's spelling of object types and the write-only name: HubSpot cannot tell us those.
    fromObjectType: optionalString(p.fromObjectType) ?? stored.fromId,
    toObjectType: optionalString(p.toObjectType) ?? stored.toId,
    label: live.label ?? "",
  };
  if (typeof p.name === "string") inputs.name = p.name;
  let inverseTypeId: number | undefined;
  if (stored.paired) {
    const reverse = await reverseList(s, stored.fromId, stored.toId, forward);
    const inv =
      stored.inverseTypeId !== undefined
        ? reverse.find((l) => l.typeId === stored.inverseTypeId && l.category === "USER_DEFINED")
        : findInverse(reverse, stored.typeId);
    inverseTypeId = inv?.typeId ?? stored.inverseTypeId;
    // If the inverse half vanished on its own, keep the stored text: the forward half still says "paired".
    inputs.inverseLabel = inv?.label ?? optionalString(p.inverseLabel) ?? "";
  }
  if (optionalNumber(p.adoptTypeId) !== undefined) inputs.adoptTypeId = optionalNumber(p.adoptTypeId);
  const outs = outputsOf(inputs, { fromId: stored.fromId, toId: stored.toId, typeId: stored.typeId, inverseTypeId });
  return {
    id: formatLabelId({ fromObjectTypeId: stored.fromId, toObjectTypeId: stored.toId, typeId: stored.typeId }),
    props: outs,
    inputs,
  };
}

// ------------------------------------------------------------------------------------------------- update

export async function updateLabel(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.UpdateResult> {
  const failures = checkLabelInputs(news);
  if (failures.length > 0) throw new Error(`invalid AssociationLabel inputs: ${failures.map((f) => f.reason).join("; ")}`);
  const stored = storedLabel(id, olds);
  const inputs = inputsOf(news);
  const s = getSession();
  let inverseTypeId = stored.inverseTypeId;
  if (inputs.inverseLabel !== undefined && inverseTypeId === undefined) {
    // State from an earlier shape without inverseTypeId: find the other half.
    const forward = await s.pairs.labelsOf(stored.fromId, stored.toId);
    inverseTypeId = findInverse(await reverseList(s, stored.fromId, stored.toId, forward), stored.typeId)?.typeId;
  }
  const textChanged = inputs.label !== olds.label || (inputs.inverseLabel !== undefined && inputs.inverseLabel !== olds.inverseLabel);
  if (textChanged) {
    await s.beforeWrite();
    try {
      await s.api.updateLabel(stored.fromId, stored.toId, {
        associationTypeId: stored.typeId,
        label: inputs.label,
        inverseLabel: inputs.inverseLabel,
      });
    } catch (e) {
      s.pairs.invalidateLabels(stored.fromId, stored.toId);
      s.pairs.invalidateLabels(stored.toId, stored.fromId);
      throw withContext(e, `updating ${describe(inputs.label, stored.fromId, stored.toId)} (typeId ${stored.typeId})`);
    }
    s.pairs.setLabelText(stored.fromId, stored.toId, stored.typeId, inputs.label);
    if (inputs.inverseLabel !== undefined && inverseTypeId !== undefined) {
      s.pairs.setLabelText(stored.toId, stored.fromId, inverseTypeId, inputs.inverseLabel);
    }
  }
  // Full outputs: the host stores only what update returns (a partial answer would wipe typeId and friends).
  return { outs: outputsOf(news, { fromId: stored.fromId, toId: stored.toId, typeId: stored.typeId, inverseTypeId }) };
}

// ------------------------------------------------------------------------------------------------- delete

async function deleteHalf(s: Session, fromId: string, toId: string, typeId: number, text: string): Promise<void> {
  try {
    await s.api.deleteLabel(fromId, toId, typeId);
  } catch (e) {
    if (isNotFound(e)) {
      s.pairs.removeLabel(fromId, toId, typeId);
      return; // already gone: done
    }
    s.pairs.invalidateLabels(fromId, toId);
    const api = apiErrorOf(e);
    if (api?.status === 400) {
      throw new Error(
        `HubSpot refused to delete ${describe(text, fromId, toId)} (typeId ${typeId}). HubSpot refuses to delete a label that ` +
          "records still use: remove the label from those record associations first (in HubSpot, or with the associations " +
          `API's labels/archive), then run the delete again. ${hubspotDetails(e)}`,
        { cause: e },
      );
    }
    throw withContext(e, `deleting ${describe(text, fromId, toId)} (typeId ${typeId})`);
  }
  s.pairs.removeLabel(fromId, toId, typeId);
}

export async function deleteLabel(id: string, props: PropertyBag): Promise<void> {
  const stored = storedLabel(id, props);
  const text = optionalString(props?.label) ?? String(stored.typeId);
  const s = getSession();
  if (takenOver.get(s)?.has(stored.typeId)) {
    notice(
      `not deleting ${describe(text, stored.fromId, stored.toId)} (typeId ${stored.typeId}): another resource of this ` +
        "deployment has just taken it over (a resource renamed without an alias); it stays, owned by that resource",
    );
    return;
  }
  await s.beforeWrite();
  await deleteHalf(s, stored.fromId, stored.toId, stored.typeId, text);
  if (stored.paired) {
    let inverseTypeId = stored.inverseTypeId;
    if (inverseTypeId === undefined) {
      // Earlier state shape: locate the other half by position and text.
      const reverse = await s.pairs.labelsOf(stored.toId, stored.fromId, { fresh: true });
      inverseTypeId = findInverse(reverse, stored.typeId, optionalString(props?.inverseLabel))?.typeId;
    }
    // HubSpot may or may not delete both halves with the first call; a 404 here means it did.
    if (inverseTypeId !== undefined) {
      await deleteHalf(s, stored.toId, stored.fromId, inverseTypeId, optionalString(props?.inverseLabel) ?? String(inverseTypeId));
    }
  }
}
