import { expect } from "chai";
import { LimitsPlanError, PlanCall, PlanLimit, planLimits } from "../../provider/limits/plan";

const U = 279;
const LABELS = [1, 931, 145, 146, 147, 148];

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomState(r: () => number): PlanLimit[] {
  const out: PlanLimit[] = [];
  const hasU = r() < 0.7;
  const u = 1 + Math.floor(r() * 20);
  if (hasU) out.push({ category: "HUBSPOT_DEFINED", typeId: U, maxToObjectIds: u });
  for (const t of LABELS) {
    if (r() < 0.5) continue;
    const max = 1 + Math.floor(r() * (hasU ? u : 25));
    out.push({ category: t < 100 || t === 931 ? "HUBSPOT_DEFINED" : "USER_DEFINED", typeId: t, maxToObjectIds: max });
  }
  return out;
}

type State = Map<number, number>;

/** HubSpot's rule, checked the way HubSpot would: after every single write. */
function ruleHolds(state: State): boolean {
  const u = state.get(U);
  if (u === undefined) return true;
  return [...state.entries()].every(([t, m]) => t === U || m <= u);
}

function shuffle<T>(items: T[], r: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!]; // 0 <= j <= i < a.length
  }
  return a;
}

/** Applies the plan item by item in random order within each call, like an emulator of HubSpot would. */
function simulate(current: PlanLimit[], plan: PlanCall[], r: () => number): State {
  let state: State = new Map(current.map((c) => [c.typeId, c.maxToObjectIds]));
  for (const call of plan) {
    const ids = call.inputs.map((i) => i.typeId);
    expect(new Set(ids).size, "no type twice in one call").to.equal(ids.length);
    for (const input of shuffle(call.inputs, r)) {
      if (call.op === "create") expect(state.has(input.typeId), `create of existing ${input.typeId}`).to.equal(false);
      if (call.op === "update" || call.op === "purge")
        expect(state.has(input.typeId), `${call.op} of missing ${input.typeId}`).to.equal(true);
      state = new Map(state);
      if (call.op === "purge") state.delete(input.typeId);
      else state.set(input.typeId, (input as unknown as { maxToObjectIds: number }).maxToObjectIds);
      expect(ruleHolds(state), `rule broken during ${call.op} ${JSON.stringify(call.inputs)}`).to.equal(true);
    }
  }
  return state;
}

describe("unit: limits planner", () => {
  it("holds HubSpot's rule after every step over 3000 random cases, in any item order, and reaches the target", () => {
    const r = rng(42);
    for (let n = 0; n < 3000; n++) {
      const current = randomState(r);
      const desired = randomState(r);
      const plan = planLimits({ current, desired, unlabeledTypeId: U });
      for (let k = 0; k < 4; k++) {
        const final = simulate(current, plan, r);
        expect(Object.fromEntries(final), `case ${n}`).to.deep.equal(
          Object.fromEntries(desired.map((d) => [d.typeId, d.maxToObjectIds])),
        );
      }
      expect(plan.length, `case ${n}: ${JSON.stringify({ current, desired, plan })}`).to.be.at.most(5);
      for (const call of plan) expect(call.inputs.length).to.be.greaterThan(0);
    }
  });

  const l = (typeId: number, maxToObjectIds: number): PlanLimit => ({
    category: typeId === U || typeId === 1 ? "HUBSPOT_DEFINED" : "USER_DEFINED",
    typeId,
    maxToObjectIds,
  });
  const ops = (plan: PlanCall[]) => plan.map((c) => `${c.op}:${c.inputs.map((i) => i.typeId).join(",")}`);

  it("no changes: no calls", () => {
    expect(
      planLimits({ current: [l(U, 5), l(145, 2)], desired: [l(U, 5), l(145, 2)], unlabeledTypeId: U }),
    ).to.deep.equal([]);
  });

  it("a fresh pair is one batch/create", () => {
    expect(ops(planLimits({ current: [], desired: [l(U, 10), l(145, 1), l(1, 1)], unlabeledTypeId: U }))).to.deep.equal(
      ["create:279,1,145"],
    );
  });

  it("raising everything: unlabeled first, then labels above the old unlabeled limit (2 calls)", () => {
    const plan = planLimits({ current: [l(U, 5), l(145, 5)], desired: [l(U, 20), l(145, 20)], unlabeledTypeId: U });
    expect(ops(plan)).to.deep.equal(["update:279", "update:145"]);
  });

  it("raising within the old unlabeled limit is one batch/update", () => {
    const plan = planLimits({
      current: [l(U, 50), l(145, 5), l(146, 5)],
      desired: [l(U, 60), l(145, 20), l(146, 30)],
      unlabeledTypeId: U,
    });
    expect(ops(plan)).to.deep.equal(["update:279,145,146"]);
  });

  it("lowering everything: labels first, then the unlabeled limit (2 calls)", () => {
    const plan = planLimits({ current: [l(U, 20), l(145, 20)], desired: [l(U, 5), l(145, 5)], unlabeledTypeId: U });
    expect(ops(plan)).to.deep.equal(["update:145", "update:279"]);
  });

  it("lowering the unlabeled limit while labels already fit is one call", () => {
    expect(
      ops(planLimits({ current: [l(U, 20), l(145, 2)], desired: [l(U, 5), l(145, 1)], unlabeledTypeId: U })),
    ).to.deep.equal(["update:145,279"]);
  });

  it("raised and lowered in one plan", () => {
    const plan = planLimits({
      current: [l(U, 10), l(145, 10), l(146, 2)],
      desired: [l(U, 6), l(145, 3), l(146, 6)],
      unlabeledTypeId: U,
    });
    expect(ops(plan)).to.deep.equal(["update:145,146", "update:279"]);
    const plan2 = planLimits({
      current: [l(U, 10), l(145, 10), l(146, 2)],
      desired: [l(U, 30), l(145, 3), l(146, 25)],
      unlabeledTypeId: U,
    });
    expect(ops(plan2)).to.deep.equal(["update:145,279", "update:146"]);
  });

  it("purges what is not declared (one batch/purge for everything)", () => {
    expect(ops(planLimits({ current: [l(U, 10), l(145, 1)], desired: [], unlabeledTypeId: U }))).to.deep.equal([
      "purge:145,279",
    ]);
  });

  it("an unlabeled limit created below existing label limits goes after lowering them", () => {
    const plan = planLimits({ current: [l(145, 8)], desired: [l(U, 3), l(145, 2), l(146, 3)], unlabeledTypeId: U });
    expect(ops(plan)).to.deep.equal(["update:145", "create:279,146"]);
  });

  it("without an unlabeled type everything fits in one call per kind", () => {
    const plan = planLimits({ current: [l(145, 1), l(146, 9)], desired: [l(145, 5), l(146, 2), l(147, 1)] });
    expect(ops(plan)).to.deep.equal(["update:146,145", "create:147"]);
  });

  it("refuses a target that breaks the rule, and duplicates", () => {
    expect(() => planLimits({ current: [], desired: [l(U, 2), l(145, 3)], unlabeledTypeId: U })).to.throw(
      LimitsPlanError,
      /cannot exceed.*145 \(3\)/,
    );
    expect(() => planLimits({ current: [], desired: [l(145, 3), l(145, 2)], unlabeledTypeId: U })).to.throw(
      LimitsPlanError,
      /twice/,
    );
    expect(() => planLimits({ current: [], desired: [l(145, 0)], unlabeledTypeId: U })).to.throw(
      LimitsPlanError,
      /positive integer/,
    );
  });
});
