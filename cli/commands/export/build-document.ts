// Turns a portal snapshot into a document that reproduces it: every user-defined label with adoptTypeId, and
// every custom limit where the document says it. A user-defined type's limit is written on its label entry
// (`maxToObjectIds` for the label's own half, `inverseMaxToObjectIds` for the other half), the unlabeled type's on
// the pair entry, and `limits:` names HubSpot-defined types only, as the loader requires. A limit the document
// cannot say (a HubSpot-defined type this tool does not know, a half no label explains) is reported, not written:
// nothing declares it, so `pulumi up` leaves it as it is.
import { hubspotDefinedTypes, objectTypeName, pairDisplay, pairKey, unlabeledTypeId } from "../../../model";
import { LimitConfiguration } from "../../../provider/hubspot";
import {
  AssociationLabelEntry,
  AssociationPair,
  AssociationSchemaDocument,
  HubSpotDefinedLimit,
} from "../../../sdk/document";
import { groupLabels } from "./group-labels";
import { NameAllocator } from "./label-names";
import { PairSnapshot, PortalSnapshot } from "./portal-snapshot";

export const EXPORT_HEURISTICS = [
  "Label names: HubSpot never returns a label's internal `name`, so each name below was derived from the label",
  "text (lower case; runs of other characters become `_`; `label_` before a leading digit; `_2`, `_3`, ... when",
  "two labels of a pair and its reverse would share a name). Keep them: renaming a label later replaces it.",
  "",
  "Single or paired: HubSpot lists each half of a label under its own direction and allocates the two typeIds",
  "consecutively. A USER_DEFINED type n in one direction and n+1 in the reverse direction are read as one label",
  "declared under the direction of n: the same text on both halves is a single label (HubSpot shows a single",
  "label's text from both sides), different texts are a paired label (label = n, inverseLabel = n+1). On a",
  "same-object pair both halves are listed under the one pair, so consecutive ids there are one paired label",
  "(check those: two single labels created one after the other look the same).",
  "",
  "Limits: a label's limits are on the label, maxToObjectIds for its own half and inverseMaxToObjectIds for the",
  "other half (a paired label's inverse, or a single label's reverse half); the unlabeled type's on the pair;",
  "`limits:` holds HubSpot-defined types, by the label text this tool knows for them, else by typeId.",
];

/** A custom limit the document cannot express; it stays unmanaged. */
export interface SkippedLimit {
  fromId: string;
  toId: string;
  /** The pair's object types as the document names them. */
  fromName: string;
  toName: string;
  category: string;
  typeId: number;
  label: string | null;
  max: number;
  reason: string;
}

export interface ExportResult {
  document: AssociationSchemaDocument;
  skipped: SkippedLimit[];
}

type Configured = LimitConfiguration & { userEnforcedMaxToObjectIds: number };

/** The portal's custom limits not yet written anywhere, per directed pair and `(category, typeId)`. */
class PendingLimits {
  private readonly byPair = new Map<string, Map<string, Configured>>();

  constructor(snapshot: PortalSnapshot) {
    for (const [key, snap] of snapshot.pairs) {
      const m = new Map<string, Configured>();
      for (const c of snap.limits) {
        const max = c.userEnforcedMaxToObjectIds;
        if (max !== undefined) m.set(`${c.category}:${c.typeId}`, { ...c, userEnforcedMaxToObjectIds: max });
      }
      this.byPair.set(key, m);
    }
  }

  take(fromId: string, toId: string, typeId: number, category = "USER_DEFINED"): number | undefined {
    const m = this.byPair.get(pairKey(fromId, toId));
    const c = m?.get(`${category}:${typeId}`);
    m?.delete(`${category}:${typeId}`);
    return c?.userEnforcedMaxToObjectIds;
  }

  remaining(fromId: string, toId: string): Configured[] {
    return [...(this.byPair.get(pairKey(fromId, toId))?.values() ?? [])].sort((x, y) => x.typeId - y.typeId);
  }
}

/**
 * The pair's unlabeled type: in the HubSpot-defined table, or listed without text (a custom object's unlabeled
 * type may be USER_DEFINED) unless a label took it as its text-less second half.
 */
function isUnlabeled(snap: PairSnapshot, typeId: number, halves: ReadonlySet<number>): boolean {
  if (unlabeledTypeId(snap.fromId, snap.toId) === typeId) return true;
  return !halves.has(typeId) && snap.labels.some((l) => l.typeId === typeId && l.label === null);
}

/** Where a limit no label took goes: the pair's own field, a `limits:` entry, or nowhere (reported). */
function placeOtherLimit(
  pair: AssociationPair,
  snap: PairSnapshot,
  c: Configured,
  halves: ReadonlySet<number>,
  skipped: SkippedLimit[],
): HubSpotDefinedLimit | undefined {
  const max = c.userEnforcedMaxToObjectIds;
  const live = snap.labels.find((l) => l.typeId === c.typeId && l.category === c.category);
  const skip = (reason: string): undefined => {
    const label = live?.label ?? c.label ?? null;
    skipped.push({
      fromId: snap.fromId,
      toId: snap.toId,
      fromName: pair.from,
      toName: pair.to,
      category: c.category,
      typeId: c.typeId,
      label,
      max,
      reason,
    });
    return undefined;
  };
  if (isUnlabeled(snap, c.typeId, halves)) {
    pair.maxToObjectIds = max;
    return undefined;
  }
  if (c.category !== "HUBSPOT_DEFINED") return skip("no label of the document has this type as a half it can limit");
  const known = hubspotDefinedTypes(snap.fromId, snap.toId).find((t) => t.typeId === c.typeId);
  if (!known) return skip("a HubSpot-defined type this tool's table does not know, which `limits:` cannot name");
  const text = live?.label ?? c.label;
  return known.label !== null && text === known.label
    ? { label: known.label, maxToObjectIds: max }
    : { typeId: c.typeId, maxToObjectIds: max };
}

function labelEntry(
  l: ReturnType<typeof groupLabels>[number],
  names: NameAllocator,
  limits: PendingLimits,
): AssociationLabelEntry {
  const out: AssociationLabelEntry = { name: names.allocate(l.label), label: l.label };
  if (l.paired && l.otherHalf) out.inverseLabel = l.otherHalf.label as string;
  const max = limits.take(l.fromId, l.toId, l.typeId);
  if (max !== undefined) out.maxToObjectIds = max;
  if (l.otherHalf) {
    const inverseMax = limits.take(l.toId, l.fromId, l.otherHalf.typeId);
    if (inverseMax !== undefined) out.inverseMaxToObjectIds = inverseMax;
  }
  out.adoptTypeId = l.typeId;
  return out;
}

/** How the document names an object type: a standard one by its plural name, a custom one by its own name. */
export function exportedName(snapshot: PortalSnapshot, id: string): string {
  return snapshot.customObjectNames?.get(id) ?? objectTypeName(id);
}

export function buildExportDocument(snapshot: PortalSnapshot): ExportResult {
  const ids = snapshot.objectTypeIds;
  const limits = new PendingLimits(snapshot);
  const skipped: SkippedLimit[] = [];
  const entries = new Map<string, AssociationPair>();
  const entry = (fromId: string, toId: string): AssociationPair => {
    const key = pairKey(fromId, toId);
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { from: exportedName(snapshot, fromId), to: exportedName(snapshot, toId) }));
    return e;
  };

  /** Every type that is a label's half, text-less ones included. */
  const halves = new Set<number>();
  ids.forEach((a, i) => {
    for (const b of ids.slice(i)) {
      const names = new NameAllocator();
      for (const l of groupLabels(snapshot, a, b)) {
        const e = entry(l.fromId, l.toId);
        e.labels = [...(e.labels ?? []), labelEntry(l, names, limits)];
        for (const h of [l.typeId, l.otherHalf?.typeId, l.textlessHalf?.typeId]) if (h !== undefined) halves.add(h);
      }
    }
  });

  for (const fromId of ids) {
    for (const toId of ids) {
      const snap = snapshot.pairs.get(pairKey(fromId, toId));
      if (!snap) continue;
      const defined: HubSpotDefinedLimit[] = [];
      for (const c of limits.remaining(fromId, toId)) {
        const placed = placeOtherLimit(entry(fromId, toId), snap, c, halves, skipped);
        if (placed) defined.push(placed);
      }
      if (defined.length > 0) entry(fromId, toId).limits = defined;
    }
  }

  // Deterministic order: pairs in the order of the object types given, fields in the schema's order.
  const associations: AssociationPair[] = [];
  for (const fromId of ids) {
    for (const toId of ids) {
      const e = entries.get(pairKey(fromId, toId));
      if (!e || (e.maxToObjectIds === undefined && !e.labels && !e.limits)) continue;
      const ordered: AssociationPair = { from: e.from, to: e.to };
      if (e.maxToObjectIds !== undefined) ordered.maxToObjectIds = e.maxToObjectIds;
      if (e.labels) ordered.labels = e.labels;
      if (e.limits) ordered.limits = e.limits;
      associations.push(ordered);
    }
  }
  return { document: { version: 1, associations }, skipped };
}

/** One line per skipped limit, for the file's header and the command's warning. */
export function describeSkipped(s: SkippedLimit): string {
  const type = `${s.category} type ${s.typeId}${s.label ? ` "${s.label}"` : ""}`;
  return `${pairDisplay(s.fromName, s.toName)}: limit ${s.max} on ${type} (${s.reason})`;
}
