// The rules schema.json cannot express, because they relate entries to each other or to HubSpot's tables:
// object types, duplicate pairs / names / adoptTypeIds, the inverse fields, and HubSpot's rule that a label's
// limit never exceeds the unlabeled limit of its direction. They run on data that may also have schema errors,
// so every value is checked for its type before use and malformed parts are skipped (the schema reports them).
import { hubspotDefinedTypes, pairDisplay, pairKey, resolveObjectType, unorderedPairKey, unlabeledTypeId } from "../../model";
import { Finding, formatPath, PathSegment } from "./problems";

type Bag = Record<string, unknown>;

const asBag = (v: unknown): Bag | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Bag) : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asInt = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
const asText = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

interface PairEntry {
  index: number;
  path: PathSegment[];
  fromId?: string;
  toId?: string;
  raw: Bag;
  unlabeledMax?: number;
}

function resolvePairs(root: Bag, findings: Finding[]): PairEntry[] {
  const pairs: PairEntry[] = [];
  asList(root.associations).forEach((item, index) => {
    const raw = asBag(item);
    if (!raw) return;
    const path: PathSegment[] = ["associations", index];
    const entry: PairEntry = { index, path, raw, unlabeledMax: asInt(raw.maxToObjectIds) };
    for (const side of ["from", "to"] as const) {
      const value = asText(raw[side]);
      if (value === undefined || value === "") continue;
      const r = resolveObjectType(value);
      if (r.ok) entry[side === "from" ? "fromId" : "toId"] = r.id;
      else findings.push({ path: [...path, side], reason: r.reason });
    }
    pairs.push(entry);
  });
  return pairs;
}


function checkDuplicatePairs(pairs: PairEntry[], findings: Finding[]): void {
  const first = new Map<string, PairEntry>();
  for (const p of pairs) {
    if (!p.fromId || !p.toId) continue;
    const key = pairKey(p.fromId, p.toId);
    const earlier = first.get(key);
    if (earlier) {
      findings.push({
        path: [...p.path, "from"],
        reason: `${pairDisplay(p.fromId, p.toId)} is already declared at ${formatPath(earlier.path)}; put its labels and limits in one entry`,
      });
    } else first.set(key, p);
  }
}

interface LabelEntry {
  pair: PairEntry;
  path: PathSegment[];
  raw: Bag;
}

function labelsOf(pair: PairEntry): LabelEntry[] {
  const out: LabelEntry[] = [];
  asList(pair.raw.labels).forEach((item, i) => {
    const raw = asBag(item);
    if (raw) out.push({ pair, path: [...pair.path, "labels", i], raw });
  });
  return out;
}

/** HubSpot refuses a second label with the same internal name on a pair, in either direction. */
function checkDuplicateNames(labels: LabelEntry[], findings: Finding[]): void {
  const first = new Map<string, LabelEntry>();
  for (const l of labels) {
    const name = asText(l.raw.name);
    if (!name || !l.pair.fromId || !l.pair.toId) continue;
    const key = `${unorderedPairKey(l.pair.fromId, l.pair.toId)}:${name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, l);
      continue;
    }
    const sameDirection = earlier.pair.fromId === l.pair.fromId && earlier.pair.toId === l.pair.toId;
    findings.push({
      path: [...l.path, "name"],
      reason:
        `duplicate label name "${name}" (also at ${formatPath([...earlier.path, "name"])})` +
        (sameDirection ? "" : `: HubSpot requires names to be unique on ${pairDisplay(l.pair.fromId, l.pair.toId)} and its reverse`),
    });
  }
}

function checkDuplicateAdoptTypeIds(labels: LabelEntry[], findings: Finding[]): void {
  const first = new Map<number, LabelEntry>();
  for (const l of labels) {
    const id = asInt(l.raw.adoptTypeId);
    if (id === undefined) continue;
    const earlier = first.get(id);
    if (earlier) {
      findings.push({
        path: [...l.path, "adoptTypeId"],
        reason: `adoptTypeId ${id} is already adopted at ${formatPath([...earlier.path, "adoptTypeId"])}; one label can be managed once`,
      });
    } else first.set(id, l);
  }
}

function checkAdoptNotHubSpotDefined(labels: LabelEntry[], findings: Finding[]): void {
  for (const l of labels) {
    const id = asInt(l.raw.adoptTypeId);
    const { fromId, toId } = l.pair;
    if (id === undefined || !fromId || !toId) continue;
    const defined = hubspotDefinedTypes(fromId, toId).find((t) => t.typeId === id);
    if (defined) {
      findings.push({
        path: [...l.path, "adoptTypeId"],
        reason:
          `${id} is the HubSpot-defined ${defined.label ? `"${defined.label}" type` : "unlabeled type"} of ${pairDisplay(fromId, toId)}; ` +
          "only user-defined labels can be adopted (limit HubSpot-defined types under `limits:`)",
      });
    }
  }
}

/** The unlabeled limit of the direction to -> from: the same entry on a same-object pair, else the reverse entry's. */
function reverseUnlabeledMax(pair: PairEntry, byDirection: Map<string, PairEntry>): { max?: number; path?: PathSegment[] } {
  if (!pair.fromId || !pair.toId) return {};
  const reverse = pair.fromId === pair.toId ? pair : byDirection.get(pairKey(pair.toId, pair.fromId));
  if (!reverse || reverse.unlabeledMax === undefined) return {};
  return { max: reverse.unlabeledMax, path: [...reverse.path, "maxToObjectIds"] };
}

function aboveUnlabeled(value: number, max: number, maxPath: PathSegment[], direction: string): string {
  return (
    `${value} is above the unlabeled limit ${max} of ${direction} (${formatPath(maxPath)}); ` +
    "HubSpot requires a label's limit to be at most the unlabeled limit of its direction"
  );
}

function checkLabelLimits(labels: LabelEntry[], byDirection: Map<string, PairEntry>, findings: Finding[]): void {
  for (const l of labels) {
    const { pair, raw } = l;
    const forward = asInt(raw.maxToObjectIds);
    if (forward !== undefined && pair.unlabeledMax !== undefined && forward > pair.unlabeledMax && pair.fromId && pair.toId) {
      findings.push({
        path: [...l.path, "maxToObjectIds"],
        reason: aboveUnlabeled(forward, pair.unlabeledMax, [...pair.path, "maxToObjectIds"], pairDisplay(pair.fromId, pair.toId)),
      });
    }
    const inverse = asInt(raw.inverseMaxToObjectIds);
    if (raw.inverseMaxToObjectIds !== undefined && raw.inverseLabel === undefined) {
      findings.push({
        path: [...l.path, "inverseMaxToObjectIds"],
        at: "key",
        reason: "needs inverseLabel: a single label has no inverse label to limit (add inverseLabel to make it paired, or remove this)",
      });
      continue;
    }
    const reverse = reverseUnlabeledMax(pair, byDirection);
    if (inverse !== undefined && reverse.max !== undefined && reverse.path && inverse > reverse.max && pair.fromId && pair.toId) {
      findings.push({
        path: [...l.path, "inverseMaxToObjectIds"],
        reason: aboveUnlabeled(inverse, reverse.max, reverse.path, pairDisplay(pair.toId, pair.fromId)),
      });
    }
  }
}

/** `limits:` names HubSpot-defined types; the unlabeled type and the document's own labels have their own fields. */
function checkDefinedLimits(pair: PairEntry, labels: LabelEntry[], findings: Finding[]): void {
  const ownTexts = new Set(labels.filter((l) => l.pair === pair).map((l) => asText(l.raw.label)));
  const adopted = new Set(labels.map((l) => asInt(l.raw.adoptTypeId)).filter((id): id is number => id !== undefined));
  const unlabeled = pair.fromId && pair.toId ? unlabeledTypeId(pair.fromId, pair.toId) : undefined;
  const seen = new Map<string, PathSegment[]>();
  asList(pair.raw.limits).forEach((item, i) => {
    const raw = asBag(item);
    if (!raw) return;
    const path: PathSegment[] = [...pair.path, "limits", i];
    const text = asText(raw.label);
    const typeId = asInt(raw.typeId);
    if (text !== undefined && ownTexts.has(text)) {
      findings.push({ path: [...path, "label"], reason: `"${text}" is a label of this pair: set maxToObjectIds on that label instead` });
    }
    if (typeId !== undefined && typeId === unlabeled) {
      findings.push({ path: [...path, "typeId"], reason: `${typeId} is the pair's unlabeled type: set maxToObjectIds on the pair instead` });
    }
    if (typeId !== undefined && adopted.has(typeId)) {
      findings.push({ path: [...path, "typeId"], reason: `${typeId} is a label's adoptTypeId: set maxToObjectIds on that label instead` });
    }
    const key = text !== undefined ? `label:${text}` : typeId !== undefined ? `typeId:${typeId}` : undefined;
    if (key) {
      const earlier = seen.get(key);
      const field = text !== undefined ? "label" : "typeId";
      if (earlier) findings.push({ path: [...path, field], reason: `this association type already has a limit at ${formatPath(earlier)}` });
      else seen.set(key, path);
    }
    const max = asInt(raw.maxToObjectIds);
    if (max !== undefined && pair.unlabeledMax !== undefined && max > pair.unlabeledMax && pair.fromId && pair.toId) {
      findings.push({
        path: [...path, "maxToObjectIds"],
        reason: aboveUnlabeled(max, pair.unlabeledMax, [...pair.path, "maxToObjectIds"], pairDisplay(pair.fromId, pair.toId)),
      });
    }
  });
}

/** Every rule beyond the schema, over data of any shape. */
export function semanticFindings(data: unknown): Finding[] {
  const root = asBag(data);
  if (!root) return [];
  const findings: Finding[] = [];
  const pairs = resolvePairs(root, findings);
  checkDuplicatePairs(pairs, findings);
  const byDirection = new Map<string, PairEntry>();
  for (const p of pairs) if (p.fromId && p.toId && !byDirection.has(pairKey(p.fromId, p.toId))) byDirection.set(pairKey(p.fromId, p.toId), p);
  const labels = pairs.flatMap(labelsOf);
  checkDuplicateNames(labels, findings);
  checkDuplicateAdoptTypeIds(labels, findings);
  checkAdoptNotHubSpotDefined(labels, findings);
  checkLabelLimits(labels, byDirection, findings);
  for (const p of pairs) checkDefinedLimits(p, labels, findings);
  return findings;
}
