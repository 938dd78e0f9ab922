// Which USER_DEFINED halves form one label. HubSpot lists each half under its own direction and never says which
// halves belong together; its typeIds for one label are consecutive. EXPORT_HEURISTICS (build-document.ts) states
// the rule for the exported file's reader.
import { AssociationTypeInfo } from "../../../provider/hubspot";
import { PortalSnapshot } from "./portal-snapshot";
import { pairKey } from "../../../model";

/** One label as exported, before it is placed in its pair entry. */
export interface GroupedLabel {
  fromId: string;
  toId: string;
  typeId: number;
  label: string;
  /** The to -> from half: a paired label's inverse, or a single cross-object label's reverse half (same text). */
  otherHalf?: AssociationTypeInfo;
  /** True when the other half carries an inverse label (different text, or any text on a same-object pair). */
  paired: boolean;
  /** A text-less type consumed as this label's second half: not the pair's unlabeled type. */
  textlessHalf?: AssociationTypeInfo;
}

// Halves without text are kept: a third-party capture shows HubSpot listing a same-object single label as its type
// and a second, text-less type (reference Q2); such a half is consumed as part of its label, never a label itself.
const userHalves = (snapshot: PortalSnapshot, fromId: string, toId: string): AssociationTypeInfo[] =>
  (snapshot.pairs.get(pairKey(fromId, toId))?.labels ?? []).filter((l) => l.category === "USER_DEFINED");

/**
 * The labels of the unordered pair {a, b}, lowest typeId first. A half n pairs with the half n+1 listed in the
 * reverse direction (for a same-object pair, the pair itself); the label is declared under the direction of n.
 * Between different object types the same text on both halves is a single label, different texts a paired one; on
 * a same-object pair a single label has one type (or a text-less second one), so two halves with text are a paired
 * label. That is ambiguous on a same-object pair: a single label whose id is followed by another label's reads as
 * one paired label (EXPORT_HEURISTICS says so in the file).
 */
export function groupLabels(snapshot: PortalSnapshot, a: string, b: string): GroupedLabel[] {
  const tagged = [
    ...userHalves(snapshot, a, b).map((l) => ({ l, fromId: a, toId: b })),
    ...(a === b ? [] : userHalves(snapshot, b, a).map((l) => ({ l, fromId: b, toId: a }))),
  ].sort((x, y) => x.l.typeId - y.l.typeId);
  const consumed = new Set<number>();
  const out: GroupedLabel[] = [];
  for (const half of tagged) {
    if (consumed.has(half.l.typeId) || half.l.label === null) continue;
    consumed.add(half.l.typeId);
    const partner = tagged.find(
      (t) =>
        t.l.typeId === half.l.typeId + 1 &&
        !consumed.has(t.l.typeId) &&
        t.fromId === half.toId &&
        t.toId === half.fromId,
    );
    const entry: GroupedLabel = {
      fromId: half.fromId,
      toId: half.toId,
      typeId: half.l.typeId,
      label: half.l.label,
      paired: false,
    };
    if (partner) consumed.add(partner.l.typeId);
    if (partner && partner.l.label === null) entry.textlessHalf = partner.l;
    if (partner && partner.l.label !== null) {
      entry.otherHalf = partner.l;
      entry.paired = a === b || partner.l.label !== half.l.label;
    }
    out.push(entry);
  }
  return out;
}
