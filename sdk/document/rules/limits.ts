// Rules about limits: a label's limit never exceeds the unlabeled limit of its direction (HubSpot's rule, reference
// Q7); `inverseMaxToObjectIds` names a label's to -> from half, which a single label has only between two different
// object types; `limits:` names HubSpot-defined types of its directed pair only (a user-defined label's limit is set
// on the label); and no association type is limited twice, however the two declarations name it.
import { HubSpotDefinedType, hubspotDefinedTypes, pairKey } from "../../../model";
import { Finding, formatPath, PathSegment } from "../problems";
import { closest } from "../../../model/spelling";
import {
  asBag,
  asInt,
  asList,
  asText,
  display,
  DocumentEntries,
  isResolved,
  isSameObject,
  LabelEntry,
  ResolvedPair,
  reverseDisplay,
} from "./entries";

function aboveUnlabeled(value: number, max: number, maxPath: PathSegment[], direction: string): string {
  return (
    `${value} is above the unlabeled limit ${max} of ${direction} (${formatPath(maxPath)}); ` +
    "HubSpot requires a label's limit to be at most the unlabeled limit of its direction"
  );
}

/** The entry holding the unlabeled limit of to -> from: the pair itself when it is a same-object pair. */
function reverseEntry(pair: ResolvedPair, byDirection: Map<string, ResolvedPair>): ResolvedPair | undefined {
  return isSameObject(pair) ? pair : byDirection.get(pairKey(pair.to.key, pair.from.key));
}

export function checkLabelLimits({ labels, byDirection }: DocumentEntries, findings: Finding[]): void {
  for (const l of labels) {
    const { pair, raw } = l;
    const forward = asInt(raw.maxToObjectIds);
    if (forward !== undefined && pair.unlabeledMax !== undefined && forward > pair.unlabeledMax) {
      findings.push({
        path: [...l.path, "maxToObjectIds"],
        reason: aboveUnlabeled(forward, pair.unlabeledMax, [...pair.path, "maxToObjectIds"], display(pair)),
      });
    }
    if (raw.inverseMaxToObjectIds === undefined) continue;
    if (raw.inverseLabel === undefined && isSameObject(pair)) {
      findings.push({
        path: [...l.path, "inverseMaxToObjectIds"],
        at: "key",
        reason:
          `a single label of a same-object pair has one association type for both directions: its maxToObjectIds limits it ` +
          "(add inverseLabel to make it paired, with a limit per half, or remove this)",
      });
      continue;
    }
    const inverse = asInt(raw.inverseMaxToObjectIds);
    const reverse = reverseEntry(pair, byDirection);
    if (inverse !== undefined && reverse?.unlabeledMax !== undefined && inverse > reverse.unlabeledMax) {
      findings.push({
        path: [...l.path, "inverseMaxToObjectIds"],
        reason: aboveUnlabeled(
          inverse,
          reverse.unlabeledMax,
          [...reverse.path, "maxToObjectIds"],
          reverseDisplay(pair),
        ),
      });
    }
  }
}

const describeType = (t: HubSpotDefinedType): string =>
  t.label === null ? `${t.typeId} unlabeled (limit it with the pair's maxToObjectIds)` : `${t.typeId} "${t.label}"`;

function knownTypes(pair: ResolvedPair, types: readonly HubSpotDefinedType[]): string {
  if (types.length === 0)
    return `no HubSpot-defined type of ${display(pair)} is known offline (custom-object pairs have only their unlabeled type)`;
  return `the HubSpot-defined types of ${display(pair)} are ${types.map(describeType).join(", ")}`;
}

const USER_LABEL_HINT =
  "a user-defined label's limit is set on the label: maxToObjectIds, or inverseMaxToObjectIds for its to -> from half";

/** Where the document declares a user label whose text in this direction is `text`, and which field limits it. */
function userLabelHint(pair: ResolvedPair, text: string, labels: LabelEntry[]): string | undefined {
  for (const l of labels) {
    const here = l.pair.from.key === pair.from.key && l.pair.to.key === pair.to.key;
    const reverse = l.pair.from.key === pair.to.key && l.pair.to.key === pair.from.key;
    const inverseText = asText(l.raw.inverseLabel) ?? (isSameObject(l.pair) ? undefined : asText(l.raw.label));
    if (here && asText(l.raw.label) === text)
      return `"${text}" is the label at ${formatPath(l.path)}: set maxToObjectIds there`;
    if (reverse && inverseText === text)
      return `"${text}" is the to -> from half of the label at ${formatPath(l.path)}: set inverseMaxToObjectIds there`;
  }
  return undefined;
}

function unknownText(
  pair: ResolvedPair,
  text: string,
  types: readonly HubSpotDefinedType[],
  labels: LabelEntry[],
): string {
  const texts = types.map((t) => t.label).filter((t): t is string => t !== null);
  const near = closest(text, texts);
  const inReverse =
    pair.from.id && pair.to.id && !isSameObject(pair)
      ? hubspotDefinedTypes(pair.to.id, pair.from.id).find((t) => t.label === text)
      : undefined;
  const hint =
    userLabelHint(pair, text, labels) ??
    (inReverse
      ? `"${text}" is a HubSpot-defined type of ${reverseDisplay(pair)}: limit it under that pair`
      : USER_LABEL_HINT);
  return `"${text}" is not a HubSpot-defined type of ${display(pair)}${near ? ` (did you mean "${near}"?)` : ""}; ${knownTypes(pair, types)}. ${capital(hint)}`;
}

function unknownTypeId(
  pair: ResolvedPair,
  typeId: number,
  types: readonly HubSpotDefinedType[],
  labels: LabelEntry[],
): string {
  const adopted = labels.find((l) => l.pair === pair && asInt(l.raw.adoptTypeId) === typeId);
  const hint = adopted
    ? `${typeId} is adopted by the label at ${formatPath(adopted.path)}: set maxToObjectIds there`
    : USER_LABEL_HINT;
  return `${typeId} is not a HubSpot-defined type of ${display(pair)}; ${knownTypes(pair, types)}. ${capital(hint)}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const nameOf = (t: HubSpotDefinedType): string =>
  t.label === null ? `the unlabeled type (${t.typeId})` : `"${t.label}" (typeId ${t.typeId})`;

function checkPairLimits(pair: ResolvedPair, labels: LabelEntry[], findings: Finding[]): void {
  const types = pair.from.id && pair.to.id ? hubspotDefinedTypes(pair.from.id, pair.to.id) : [];
  const unlabeled = types.find((t) => t.label === null);
  // Where each type of this direction is limited first: a second declaration of the same type is refused.
  const limited = new Map<number, PathSegment[]>();
  if (unlabeled && pair.unlabeledMax !== undefined) limited.set(unlabeled.typeId, [...pair.path, "maxToObjectIds"]);
  asList(pair.raw.limits).forEach((item, i) => {
    const raw = asBag(item);
    if (!raw) return;
    const path: PathSegment[] = [...pair.path, "limits", i];
    const text = asText(raw.label);
    const typeId = asInt(raw.typeId);
    const max = asInt(raw.maxToObjectIds);
    if (max !== undefined && pair.unlabeledMax !== undefined && max > pair.unlabeledMax) {
      findings.push({
        path: [...path, "maxToObjectIds"],
        reason: aboveUnlabeled(max, pair.unlabeledMax, [...pair.path, "maxToObjectIds"], display(pair)),
      });
    }
    if ((text === undefined) === (typeId === undefined)) return; // neither or both: the schema's oneOf says so
    const field = text !== undefined ? "label" : "typeId";
    let type: HubSpotDefinedType | undefined;
    if (text !== undefined) {
      const matches = types.filter((t) => t.label === text);
      if (matches.length === 1) type = matches[0];
      else if (matches.length > 1)
        findings.push({
          path: [...path, field],
          reason: `"${text}" names ${matches.length} types of ${display(pair)}: give its typeId instead`,
        });
      else findings.push({ path: [...path, field], reason: unknownText(pair, text, types, labels) });
    } else if (typeId !== undefined) {
      type = types.find((t) => t.typeId === typeId);
      if (!type) findings.push({ path: [...path, field], reason: unknownTypeId(pair, typeId, types, labels) });
      else if (type.label === null && !limited.has(type.typeId)) {
        findings.push({
          path: [...path, field],
          reason: `${typeId} is the pair's unlabeled type: set maxToObjectIds on the pair instead`,
        });
        return;
      }
    }
    if (!type) return;
    const earlier = limited.get(type.typeId);
    if (earlier) {
      findings.push({
        path: [...path, field],
        reason: `${nameOf(type)} of ${display(pair)} is already limited at ${formatPath(earlier)}; one limit per association type`,
      });
    } else limited.set(type.typeId, path);
  });
}

export function checkDefinedLimits({ pairs, labels }: DocumentEntries, findings: Finding[]): void {
  for (const pair of pairs) if (isResolved(pair)) checkPairLimits(pair, labels, findings);
}
