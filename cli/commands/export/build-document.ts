// Turns a portal snapshot into a document that reproduces it. The one judgement call is which USER_DEFINED
// types belong together (HubSpot lists each half of a label under its own direction and never says which halves
// form one label); EXPORT_HEURISTICS below is the rule, and the exported file's header repeats it.
import { AssociationTypeInfo } from "../../../provider/hubspot";
import { objectTypeName, unlabeledTypeId } from "../../../model";
import { AssociationLabelEntry, AssociationPair, AssociationSchemaDocument, HubSpotDefinedLimit } from "../../../sdk/document";
import { NameAllocator } from "./label-names";
import { pairKey, PairSnapshot, PortalSnapshot } from "./portal-snapshot";

export const EXPORT_HEURISTICS = [
  "Label names: HubSpot never returns a label's internal `name`, so each name below was derived from the label",
  "text (lower case; runs of other characters become `_`; `label_` before a leading digit; `_2`, `_3`, ... when",
  "two labels of a pair and its reverse would share a name). Keep them: renaming a label later replaces it.",
  "",
  "Single or paired: HubSpot lists each half of a label under its own direction and allocates the two typeIds",
  "consecutively. A USER_DEFINED type n in one direction and n+1 in the reverse direction are read as one label",
  "declared under the direction of n: the same text on both halves is a single label (HubSpot shows a single",
  "label's text from both sides), different texts are a paired label (label = n, inverseLabel = n+1). On a",
  "same-object pair both halves are listed under the one pair, so consecutive ids there are one paired label.",
  "A limit on the reverse half of a single label is listed under `limits:` of the reverse pair, by its text.",
];

/** One label as exported, before it is placed in its pair entry. */
interface ExportedLabel {
  fromId: string;
  toId: string;
  typeId: number;
  label: string;
  /** Paired: the other half. */
  inverse?: AssociationTypeInfo;
  /** Single cross-object label: the reverse half, same text. */
  reverseHalf?: AssociationTypeInfo;
}

const userLabels = (snap: PairSnapshot | undefined): AssociationTypeInfo[] =>
  (snap?.labels ?? []).filter((l) => l.category === "USER_DEFINED" && typeof l.label === "string").sort((a, b) => a.typeId - b.typeId);

/** Groups the USER_DEFINED halves of the unordered pair {a, b} into labels (see EXPORT_HEURISTICS). */
function groupLabels(snapshot: PortalSnapshot, a: string, b: string): ExportedLabel[] {
  const tagged = [
    ...userLabels(snapshot.pairs.get(pairKey(a, b))).map((l) => ({ l, fromId: a, toId: b })),
    ...(a === b ? [] : userLabels(snapshot.pairs.get(pairKey(b, a))).map((l) => ({ l, fromId: b, toId: a }))),
  ].sort((x, y) => x.l.typeId - y.l.typeId);
  const consumed = new Set<number>();
  const out: ExportedLabel[] = [];
  for (const half of tagged) {
    if (consumed.has(half.l.typeId)) continue;
    consumed.add(half.l.typeId);
    // The other half lives in the reverse direction, which for a same-object pair is the pair itself.
    const partner = tagged.find((t) => t.l.typeId === half.l.typeId + 1 && !consumed.has(t.l.typeId) && t.fromId === half.toId && t.toId === half.fromId);
    const entry: ExportedLabel = { fromId: half.fromId, toId: half.toId, typeId: half.l.typeId, label: half.l.label as string };
    if (partner) {
      consumed.add(partner.l.typeId);
      if (partner.l.label === half.l.label && a !== b) entry.reverseHalf = partner.l;
      else entry.inverse = partner.l;
    }
    out.push(entry);
  }
  return out;
}

const displayObjectType = (id: string): string => objectTypeName(id);

function limitMap(snap: PairSnapshot | undefined): Map<number, number> {
  const m = new Map<number, number>();
  for (const c of snap?.limits ?? []) if (c.userEnforcedMaxToObjectIds !== undefined) m.set(c.typeId, c.userEnforcedMaxToObjectIds);
  return m;
}

/** The pair's unlabeled type: listed with `label: null` by HubSpot, or known from the HubSpot-defined table. */
function isUnlabeled(snap: PairSnapshot, typeId: number): boolean {
  const listed = snap.labels.find((l) => l.typeId === typeId);
  if (listed) return listed.label === null;
  return unlabeledTypeId(snap.fromId, snap.toId) === typeId;
}

export function buildExportDocument(snapshot: PortalSnapshot): AssociationSchemaDocument {
  const ids = snapshot.objectTypeIds;
  const entries = new Map<string, AssociationPair>();
  const entry = (fromId: string, toId: string): AssociationPair => {
    const key = pairKey(fromId, toId);
    let e = entries.get(key);
    if (!e) {
      e = { from: displayObjectType(fromId), to: displayObjectType(toId) };
      entries.set(key, e);
    }
    return e;
  };
  // Limits not yet attributed, per directed pair; each rule below takes what it explains.
  const pendingLimits = new Map<string, Map<number, number>>();
  for (const [key, snap] of snapshot.pairs) pendingLimits.set(key, limitMap(snap));
  const take = (fromId: string, toId: string, typeId: number): number | undefined => {
    const m = pendingLimits.get(pairKey(fromId, toId));
    const v = m?.get(typeId);
    m?.delete(typeId);
    return v;
  };

  const labelsByPair = new Map<string, AssociationLabelEntry[]>();
  const reverseHalfTexts = new Map<string, Map<number, string>>();
  ids.forEach((a, i) => {
    for (const b of ids.slice(i)) {
      const names = new NameAllocator();
      for (const l of groupLabels(snapshot, a, b)) {
        const out: AssociationLabelEntry = { name: names.allocate(l.label), label: l.label };
        if (l.inverse) out.inverseLabel = l.inverse.label as string;
        const max = take(l.fromId, l.toId, l.typeId);
        if (max !== undefined) out.maxToObjectIds = max;
        if (l.inverse) {
          const inverseMax = take(l.toId, l.fromId, l.inverse.typeId);
          if (inverseMax !== undefined) out.inverseMaxToObjectIds = inverseMax;
        }
        if (l.reverseHalf) {
          const texts = reverseHalfTexts.get(pairKey(l.toId, l.fromId)) ?? new Map<number, string>();
          texts.set(l.reverseHalf.typeId, l.label);
          reverseHalfTexts.set(pairKey(l.toId, l.fromId), texts);
        }
        out.adoptTypeId = l.typeId;
        const key = pairKey(l.fromId, l.toId);
        labelsByPair.set(key, [...(labelsByPair.get(key) ?? []), out]);
      }
    }
  });

  for (const fromId of ids) {
    for (const toId of ids) {
      const key = pairKey(fromId, toId);
      const snap = snapshot.pairs.get(key);
      const labels = labelsByPair.get(key);
      if (labels) entry(fromId, toId).labels = labels;
      if (!snap) continue;
      const remaining = [...(pendingLimits.get(key) ?? new Map<number, number>())].sort((x, y) => x[0] - y[0]);
      const limits: HubSpotDefinedLimit[] = [];
      for (const [typeId, max] of remaining) {
        if (isUnlabeled(snap, typeId)) {
          entry(fromId, toId).maxToObjectIds = max;
          continue;
        }
        // By text where the text names one type of the pair (readable, and the same in every portal); else by id.
        const text = reverseHalfTexts.get(key)?.get(typeId) ?? snap.labels.find((l) => l.typeId === typeId)?.label ?? undefined;
        const unique = text !== undefined && snap.labels.filter((l) => l.label === text).length === 1;
        limits.push(unique ? { label: text, maxToObjectIds: max } : { typeId, maxToObjectIds: max });
      }
      if (limits.length > 0) entry(fromId, toId).limits = limits;
    }
  }

  // Deterministic order: pairs in the order of the object types given, fields in the schema's order.
  const associations: AssociationPair[] = [];
  for (const fromId of ids) {
    for (const toId of ids) {
      const e = entries.get(pairKey(fromId, toId));
      if (!e) continue;
      const ordered: AssociationPair = { from: e.from, to: e.to };
      if (e.maxToObjectIds !== undefined) ordered.maxToObjectIds = e.maxToObjectIds;
      if (e.labels) ordered.labels = e.labels;
      if (e.limits) ordered.limits = e.limits;
      associations.push(ordered);
    }
  }
  return { version: 1, associations };
}
