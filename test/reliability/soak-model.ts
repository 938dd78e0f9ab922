// The soak's declaration: N AssociationLabels spread over several object pairs (at most 50 per pair, HubSpot's
// cap), half of them paired, plus one AssociationLimits per pair that limits the unlabeled type and a few labels.
// A seeded PRNG edits the model between cycles: label texts (in-place PUT), internal names (replace: DELETE then
// POST), single <-> paired (replace) and limits (batch create / update / purge). The model is plain data so that
// the test can compare it with the emulator's state after every cycle.
import { AssociationLabel, AssociationLimits } from "../../sdk";
import { Prng } from "./prng";

export const SOAK_PAIRS: readonly [string, string][] = [
  ["contacts", "companies"],
  ["contacts", "deals"],
  ["companies", "deals"],
  ["deals", "tickets"],
  ["contacts", "tickets"],
  ["companies", "tickets"],
];

/** The object types of SOAK_PAIRS[index]. */
export function soakPair(index: number): readonly [string, string] {
  const pair = SOAK_PAIRS[index];
  if (pair === undefined) throw new Error(`no soak pair ${index}: there are ${SOAK_PAIRS.length}`);
  return pair;
}

export interface LabelSlot {
  key: string; // the Pulumi resource name, stable for the slot
  pair: number;
  name: string;
  label: string;
  inverseLabel?: string;
  /** Set as a user does after an error asks for it: take this existing label over. */
  adoptTypeId?: number;
  /** Earlier resource names of the slot (Pulumi aliases), as a user adds them after renaming a resource. */
  aliases?: string[];
}

export interface LimitsModel {
  unlabeled: number;
  /** Slot keys of labels whose forward typeId is limited, with the limit. */
  labels: { slot: string; max: number }[];
}

export interface SoakModel {
  slots: LabelSlot[];
  limits: LimitsModel[]; // one per pair
  version: number;
}

export function initialModel(totalLabels: number, pairs = SOAK_PAIRS.length): SoakModel {
  const perPair = Math.ceil(totalLabels / pairs);
  if (perPair > 50) throw new Error(`${perPair} labels per pair exceeds HubSpot's cap of 50`);
  const slots: LabelSlot[] = [];
  for (let i = 0; i < totalLabels; i++) {
    const pair = i % pairs;
    const n = Math.floor(i / pairs);
    const paired = n % 2 === 0; // half paired, on every pair, whatever the number of pairs
    slots.push({
      key: `p${pair}-l${n}`,
      pair,
      name: `p${pair}_l${n}`,
      label: `P${pair} label ${n}`,
      ...(paired ? { inverseLabel: `P${pair} inverse ${n}` } : {}),
    });
  }
  const limits: LimitsModel[] = [];
  for (let p = 0; p < pairs; p++) {
    const mine = slots.filter((s) => s.pair === p).slice(0, 3);
    limits.push({ unlabeled: 20, labels: mine.map((s, j) => ({ slot: s.key, max: 2 + j })) });
  }
  return { slots, limits, version: 0 };
}

export interface EditSummary {
  texts: number;
  renames: number;
  pairings: number;
  limits: number;
}

/**
 * One cycle's edits. Label texts stay unique within a pair (the provider recognises an interrupted create by its
 * text), and limits stay valid (every label limit <= the unlabeled limit).
 */
export function editModel(
  m: SoakModel,
  rng: Prng,
  sizes = { texts: 12, renames: 2, pairings: 1, limits: 2 },
): EditSummary {
  m.version++;
  const v = m.version;
  const limited = new Set(m.limits.flatMap((l) => l.labels.map((x) => x.slot)));
  const pick = (n: number, avoidLimited: boolean): LabelSlot[] =>
    rng.sample(
      m.slots.filter((s) => !avoidLimited || !limited.has(s.key)),
      n,
    );
  for (const s of pick(sizes.texts, false)) {
    s.label = `${s.label.replace(/ v\d+$/, "")} v${v}`;
    if (s.inverseLabel !== undefined) s.inverseLabel = `${s.inverseLabel.replace(/ v\d+$/, "")} v${v}`;
  }
  for (const s of pick(sizes.renames, false)) s.name = `${s.name.replace(/_r\d+$/, "")}_r${v}`;
  // Pairing changes only on labels no limit refers to by typeId (a replaced label gets a new typeId, which the
  // limits resource follows anyway, but keeping them apart makes every cycle's expectations easy to state).
  for (const s of pick(sizes.pairings, true)) {
    if (s.inverseLabel === undefined) s.inverseLabel = s.label.replace(/label/, "inverse");
    else delete s.inverseLabel;
  }
  for (const [p, l] of rng.sample([...m.limits.entries()], sizes.limits)) {
    l.unlabeled = rng.int(5, 30);
    // drop one entry, add one, change the rest; all <= unlabeled
    if (l.labels.length > 1 && rng.next() < 0.5) l.labels.splice(rng.int(0, l.labels.length - 1), 1);
    const candidates = m.slots.filter((s) => s.pair === p && !l.labels.some((x) => x.slot === s.key));
    if (l.labels.length < 4 && candidates.length > 0) l.labels.push({ slot: rng.pick(candidates).key, max: 1 });
    for (const x of l.labels) x.max = rng.int(1, l.unlabeled);
  }
  return { ...sizes };
}

/** The Pulumi program for the model. Outputs: every slot's typeId (and inverseTypeId) for the checks. */
export function soakProgram(m: SoakModel): Record<string, unknown> {
  const byKey = new Map<string, AssociationLabel>();
  for (const s of m.slots) {
    const [from, to] = soakPair(s.pair);
    byKey.set(
      s.key,
      new AssociationLabel(
        s.key,
        {
          fromObjectType: from,
          toObjectType: to,
          name: s.name,
          label: s.label,
          ...(s.inverseLabel !== undefined ? { inverseLabel: s.inverseLabel } : {}),
          ...(s.adoptTypeId !== undefined ? { adoptTypeId: s.adoptTypeId } : {}),
        },
        s.aliases ? { aliases: s.aliases.map((name) => ({ name })) } : undefined,
      ),
    );
  }
  m.limits.forEach((l, p) => {
    const [from, to] = soakPair(p);
    new AssociationLimits(`limits-p${p}`, {
      fromObjectType: from,
      toObjectType: to,
      limits: [
        { unlabeled: true, maxToObjectIds: l.unlabeled },
        ...l.labels.map((x) => ({ typeId: (byKey.get(x.slot) as AssociationLabel).typeId, maxToObjectIds: x.max })),
      ],
    });
  });
  const out: Record<string, unknown> = {};
  for (const [k, r] of byKey) out[k] = r.typeId;
  return out;
}
