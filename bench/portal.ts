// The synthetic portal the benchmark and the scale tests declare: N labels (half of them paired) spread
// round-robin over directed object pairs, every directed pair with an AssociationLimits resource.
//
// Layout. Directed pairs come in both directions of a few unordered pairs (contacts->companies and
// companies->contacts, ...): 20 directed pairs = 10 unordered pairs. HubSpot's cap of 50 labels counts per
// UNORDERED pair (a label made on A->B is listed under B->A too), so N = 500 puts exactly 50 on each unordered
// pair; names and texts are unique per unordered pair, as HubSpot requires.
//
// Limits of each directed pair: the unlabeled type, and the pair's first label by `typeId` (an output of that
// label, so the limits resource depends on it, as in a real program).

import type * as pulumi from "@pulumi/pulumi";
import { pairKey } from "../model";
import * as localSdk from "../sdk";
import { ROUTES } from "../test/e2e/emulator-ops";

/** Unordered pairs with an unlabeled default type in both directions (HubSpot-defined table). */
export const UNORDERED_PAIRS: readonly [string, string][] = [
  ["contacts", "companies"],
  ["contacts", "deals"],
  ["contacts", "tickets"],
  ["companies", "deals"],
  ["companies", "tickets"],
  ["deals", "tickets"],
  ["deals", "line_items"],
  ["deals", "quotes"],
  ["quotes", "line_items"],
  ["quotes", "companies"],
];

export interface LabelSpec {
  /** Pulumi resource name (stable key). */
  key: string;
  from: string;
  to: string;
  name: string;
  label: string;
  inverseLabel?: string;
}

export interface LimitsSpec {
  key: string;
  from: string;
  to: string;
  unlabeledMax: number;
  /** Key of the label whose typeId gets a limit (the pair's first label), when the pair has labels. */
  labelKey?: string;
  labelMax: number;
}

export interface PortalSpec {
  labels: LabelSpec[];
  limits: LimitsSpec[];
}

export interface PortalOptions {
  /** Number of labels. */
  n: number;
  /** Number of directed pairs: an even number up to 2 x UNORDERED_PAIRS.length (default 20). */
  directedPairs?: number;
  /** One label in k is single, the others paired (default 2: half paired), alternating within every pair. */
  singleEvery?: number;
  /** Only the first direction of each unordered pair (then the reverse pairs are read on refresh but not managed). */
  oneDirection?: boolean;
}

export function directedPairs(count: number, oneDirection = false): [string, string][] {
  if (oneDirection) {
    if (count < 1 || count > UNORDERED_PAIRS.length)
      throw new Error(`directedPairs must be 1..${UNORDERED_PAIRS.length} with oneDirection`);
    return UNORDERED_PAIRS.slice(0, count).map(([a, b]) => [a, b]);
  }
  if (count % 2 !== 0 || count < 2 || count > 2 * UNORDERED_PAIRS.length) {
    throw new Error(`directedPairs must be even, 2..${2 * UNORDERED_PAIRS.length}`);
  }
  return UNORDERED_PAIRS.slice(0, count / 2).flatMap(([a, b]) => [
    [a, b],
    [b, a],
  ]);
}

export function makePortal(o: PortalOptions): PortalSpec {
  const pairs = directedPairs(o.directedPairs ?? 20, o.oneDirection);
  const singleEvery = o.singleEvery ?? 2;
  const labels: LabelSpec[] = [];
  for (let i = 0; i < o.n; i++) {
    const [from, to] = pairs[i % pairs.length] ?? ["contacts", "companies"];
    // Alternate per round over the pairs, so that every pair gets both kinds (not all single on one pair).
    const paired = (i + Math.floor(i / pairs.length)) % singleEvery !== 0;
    const spec: LabelSpec = { key: `label-${i}`, from, to, name: `bench_${i}`, label: `L${i} ${from}>${to}` };
    if (paired) spec.inverseLabel = `L${i} ${to}<${from}`;
    labels.push(spec);
  }
  const limits: LimitsSpec[] = pairs.map(([from, to]) => ({
    key: `limits-${from}-${to}`,
    from,
    to,
    unlabeledMax: 100,
    labelKey: labels.find((l) => l.from === from && l.to === to)?.key,
    labelMax: 5,
  }));
  return { labels, limits };
}

/** Edits the display text (and the inverse text of paired labels) of every `1 / fraction`-th label. */
export function editPortal(
  spec: PortalSpec,
  fraction: number,
  tag = "edited",
): { spec: PortalSpec; edited: LabelSpec[] } {
  const every = Math.max(1, Math.round(1 / fraction));
  const edited: LabelSpec[] = [];
  const labels = spec.labels.map((l, i) => {
    if (i % every !== every - 1) return l;
    const e: LabelSpec = { ...l, label: `${l.label} ${tag}` };
    if (l.inverseLabel !== undefined) e.inverseLabel = `${l.inverseLabel} ${tag}`;
    edited.push(e);
    return e;
  });
  return { spec: { labels, limits: spec.limits }, edited };
}

/**
 * The Pulumi program declaring `spec` (inline program for the Automation API). `sdk`: the repository's own by default;
 * the bench passes the installed copy (bench/installed.ts) so that the state it measures is a user's.
 */
export function portalProgram(getSpec: () => PortalSpec, sdk: typeof localSdk = localSdk): pulumi.automation.PulumiFn {
  const { AssociationLabel, AssociationLimits } = sdk;
  return async () =>
    declarePortal(getSpec(), {
      label: (key, args) => new AssociationLabel(key, args),
      limits: (key, args) => new AssociationLimits(key, args),
    });
}

/** How to declare one label and one limits resource: this package's resources, or the baseline's no-op ones. */
export interface PortalResources {
  label(key: string, args: localSdk.AssociationLabelArgs): { typeId: pulumi.Output<number> };
  limits(key: string, args: localSdk.AssociationLimitsArgs): unknown;
}

/** The portal's resource graph: every label, then each pair's limits, the first one naming its label's typeId. */
export function declarePortal(spec: PortalSpec, make: PortalResources): { labels: number; limits: number } {
  const made = new Map<string, { typeId: pulumi.Output<number> }>();
  for (const l of spec.labels) {
    made.set(
      l.key,
      make.label(l.key, {
        fromObjectType: l.from,
        toObjectType: l.to,
        name: l.name,
        label: l.label,
        ...(l.inverseLabel !== undefined ? { inverseLabel: l.inverseLabel } : {}),
      }),
    );
  }
  for (const m of spec.limits) {
    const label = m.labelKey !== undefined ? made.get(m.labelKey) : undefined;
    make.limits(m.key, {
      fromObjectType: m.from,
      toObjectType: m.to,
      limits: [
        { unlabeled: true, maxToObjectIds: m.unlabeledMax },
        ...(label ? [{ typeId: label.typeId, maxToObjectIds: m.labelMax }] : []),
      ],
    });
  }
  return { labels: spec.labels.length, limits: spec.limits.length };
}

// ------------------------------------------------------------------------------------------------ lower bounds
//
// The fewest requests an operation can take for a provider with this project's guarantees: it knows nothing about
// the portal except the Pulumi state and what it reads or writes in this run; it adopts no label without proof, so
// before its first create on a pair it lists that pair once (a lost create answer is then settled by what is new
// since); it leaves limits it did not declare alone, so it reads a pair's configurations before writing them; every
// HubSpot object it changes costs one write. Definitions (bench/README.md repeats them):
//   D' = directed pairs that carry managed labels, plus the reverse of every pair with a paired label (the inverse
//        text of a paired label is listed only under the reverse pair; a same-object pair is its own reverse);
//   D  = directed pairs that carry managed labels;
//   P  = pairs with an AssociationLimits resource;  N = labels;  E = labels edited;
//   H  = labels with another half (every cross-object label, and paired same-object labels).
//   up from empty     N POST labels + |D| GET labels (the snapshot before a pair's first create)
//                     + |P| GET configurations + |P| POST batch/create
//                     (each pair's limits fit one batch/create from an empty set; the limit on a label names the
//                     typeId its create returned)
//   preview unchanged 0 (check and diff never call HubSpot)
//   refresh unchanged |D'| GET labels + |P| GET configurations
//   up after edits    E PUT labels (one PUT sets a label's text and its inverse text; the state holds typeIds,
//                     so nothing has to be read)
//   destroy           whether one DELETE removes both halves is open for HubSpot (reference/hubspot-open-questions.md),
//                     so the first delete of a label with another half finds out: 1 GET labels of the reverse pair,
//                     then both DELETEs (the second answers 404 where HubSpot cascades). After that, 1 DELETE per
//                     label where it cascades (the emulator's default), 2 where it does not:
//                     cascading  N + 1 DELETE labels + 1 GET labels + |P| POST batch/purge   (when H > 0)
//                     otherwise  N + H DELETE labels + 1 GET labels + |P| POST batch/purge
export interface LowerBound {
  total: number;
  byRoute: Record<string, number>;
}

function bound(parts: [string, number][]): LowerBound {
  const byRoute: Record<string, number> = {};
  for (const [k, v] of parts) if (v > 0) byRoute[k] = (byRoute[k] ?? 0) + v;
  return { total: Object.values(byRoute).reduce((a, b) => a + b, 0), byRoute };
}

export function pairsWithLabels(spec: PortalSpec): Set<string> {
  return new Set(spec.labels.map((l) => pairKey(l.from, l.to)));
}

/** D': pairs with labels plus the reverse of every pair that has a paired label (same-object pairs are their own reverse). */
export function pairsToReadOnRefresh(spec: PortalSpec): Set<string> {
  const s = pairsWithLabels(spec);
  for (const l of spec.labels) if (l.inverseLabel !== undefined) s.add(pairKey(l.to, l.from));
  return s;
}

export type Operation = "up" | "preview" | "refresh" | "upEdit" | "destroy";

/** Whether the portal removes a paired label's other half with one DELETE (the emulator's default does). */
export type DeleteWorld = "cascading" | "halves";

export function lowerBound(op: Operation, spec: PortalSpec, edited = 0, world: DeleteWorld = "cascading"): LowerBound {
  const n = spec.labels.length;
  const h = spec.labels.filter((l) => l.inverseLabel !== undefined || l.from !== l.to).length;
  const p = spec.limits.length;
  switch (op) {
    case "up":
      return bound([
        [`POST ${ROUTES.labels}`, n],
        [`GET ${ROUTES.labels}`, pairsWithLabels(spec).size],
        [`GET ${ROUTES.limits}`, p],
        [`POST ${ROUTES.limitsCreate}`, p],
      ]);
    case "preview":
      return bound([]);
    case "refresh":
      return bound([
        [`GET ${ROUTES.labels}`, pairsToReadOnRefresh(spec).size],
        [`GET ${ROUTES.limits}`, p],
      ]);
    case "upEdit":
      return bound([[`PUT ${ROUTES.labels}`, edited]]);
    case "destroy":
      return bound([
        [`DELETE ${ROUTES.label}`, n + (h === 0 ? 0 : world === "cascading" ? 1 : h)],
        [`GET ${ROUTES.labels}`, h === 0 ? 0 : 1],
        [`POST ${ROUTES.limitsPurge}`, p],
      ]);
  }
}
