// The document's pairs and labels as the rules read them: over data of any shape (the rules run beside the schema
// check, on data that may be malformed), every value checked for its type before use, malformed parts skipped
// (the schema reports them).
import { pairDisplay, pairKey, unorderedPairKey } from "../../../model";
import { objectTypeSide, ObjectSide } from "../object-type-key";
import { Finding, PathSegment } from "../problems";

export type Bag = Record<string, unknown>;

export const asBag = (v: unknown): Bag | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Bag) : undefined;
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asInt = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
export const asText = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export interface PairEntry {
  path: PathSegment[];
  raw: Bag;
  from?: ObjectSide;
  to?: ObjectSide;
  unlabeledMax?: number;
}

/** A pair whose two object types are known. */
export interface ResolvedPair extends PairEntry {
  from: ObjectSide;
  to: ObjectSide;
}

export const isResolved = (p: PairEntry): p is ResolvedPair => p.from !== undefined && p.to !== undefined;

export interface LabelEntry {
  pair: ResolvedPair;
  path: PathSegment[];
  raw: Bag;
}

/** What the rules share: every pair, every label of a resolved pair, and the pairs by direction. */
export interface DocumentEntries {
  pairs: PairEntry[];
  labels: LabelEntry[];
  /** The first entry of each directed pair, by `pairKey` of the sides' keys. */
  byDirection: Map<string, ResolvedPair>;
}

export const directedKey = (p: ResolvedPair): string => pairKey(p.from.key, p.to.key);
export const unorderedKey = (p: ResolvedPair): string => unorderedPairKey(p.from.key, p.to.key);
export const display = (p: ResolvedPair): string => pairDisplay(p.from.key, p.to.key);
export const reverseDisplay = (p: ResolvedPair): string => pairDisplay(p.to.key, p.from.key);
export const isSameObject = (p: ResolvedPair): boolean => p.from.key === p.to.key;

export function readEntries(root: Bag, findings: Finding[]): DocumentEntries {
  const pairs: PairEntry[] = [];
  asList(root.associations).forEach((item, index) => {
    const raw = asBag(item);
    if (!raw) return;
    const path: PathSegment[] = ["associations", index];
    const entry: PairEntry = { path, raw, unlabeledMax: asInt(raw.maxToObjectIds) };
    for (const side of ["from", "to"] as const) {
      const value = asText(raw[side]);
      if (value === undefined || value === "") continue;
      const r = objectTypeSide(value);
      if (r.ok) entry[side] = r.side;
      else findings.push({ path: [...path, side], reason: r.reason });
    }
    pairs.push(entry);
  });
  const labels: LabelEntry[] = [];
  const byDirection = new Map<string, ResolvedPair>();
  for (const pair of pairs) {
    if (!isResolved(pair)) continue;
    if (!byDirection.has(directedKey(pair))) byDirection.set(directedKey(pair), pair);
    asList(pair.raw.labels).forEach((item, i) => {
      const raw = asBag(item);
      if (raw) labels.push({ pair, path: [...pair.path, "labels", i], raw });
    });
  }
  return { pairs, labels, byDirection };
}
