// Pure planner for AssociationLimits: turns "what HubSpot has" and "what is declared" for one directed pair into
// an ordered list of batch calls (create / update / purge).
//
// HubSpot's rule: a label's limit may never exceed the limit of the pair's unlabeled type (no unlabeled limit =
// no constraint). HubSpot checks it on every write, so the rule has to hold after EVERY call, whether limits go up
// or down. We also do not know in which order HubSpot applies the items of one batch, so a call is only considered
// safe when the rule holds after any subset of its items has been applied.
//
// Phases (each may be empty and is then skipped):
//   1. label decreases (update) and label purges, plus the unlabeled limit if it rises (update) or goes (purge);
//   2. the unlabeled limit if it falls (create, or update);
//   3. label increases (update) and label creates.
// Then calls of the same kind are merged into an earlier one whenever the whole plan stays safe, which gives the
// minimal number of calls in the common cases (a fresh pair is one batch/create, a pure raise or a pure lowering
// within the unlabeled limit is one batch/update).

import type { AssociationCategory, LimitInput, LimitKey } from "../hubspot/api";

export interface PlanLimit {
  category: AssociationCategory;
  typeId: number;
  maxToObjectIds: number;
}

export type PlanCall = { op: "purge"; inputs: LimitKey[] } | { op: "create" | "update"; inputs: LimitInput[] };

export interface PlanRequest {
  /** Limits configured at HubSpot now. */
  current: PlanLimit[];
  /** Limits the resource declares (the whole set: anything else is purged). */
  desired: PlanLimit[];
  /** The pair's unlabeled type, when known. Unknown means no unlabeled limit is involved. */
  unlabeledTypeId?: number;
}

export class LimitsPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitsPlanError";
  }
}

type State = Map<number, number>;

function stateOf(limits: PlanLimit[]): State {
  return new Map(limits.map((l) => [l.typeId, l.maxToObjectIds]));
}

function touched(call: PlanCall): Set<number> {
  return new Set(call.inputs.map((i) => i.typeId));
}

export function applyCall(state: State, call: PlanCall): State {
  const next = new Map(state);
  for (const input of call.inputs) {
    if (call.op === "purge") next.delete(input.typeId);
    else next.set(input.typeId, (input as LimitInput).maxToObjectIds);
  }
  return next;
}

/** Label type ids whose limit exceeds the unlabeled limit in `state`. */
export function ruleViolations(state: State, unlabeledTypeId: number | undefined): number[] {
  if (unlabeledTypeId === undefined) return [];
  const u = state.get(unlabeledTypeId);
  if (u === undefined) return [];
  return [...state.entries()].filter(([t, m]) => t !== unlabeledTypeId && m > u).map(([t]) => t);
}

/** True when the rule holds after any subset of the call's items is applied to `state`. */
export function callIsSafe(state: State, call: PlanCall, unlabeledTypeId: number | undefined): boolean {
  if (unlabeledTypeId === undefined) return true;
  const after = applyCall(state, call);
  const inCall = touched(call);
  const uBefore = state.get(unlabeledTypeId) ?? Infinity;
  const uAfter = after.get(unlabeledTypeId) ?? Infinity;
  const uMin = inCall.has(unlabeledTypeId) ? Math.min(uBefore, uAfter) : uBefore;
  const types = new Set([...state.keys(), ...after.keys()]);
  for (const t of types) {
    if (t === unlabeledTypeId) continue;
    const before = state.get(t) ?? -Infinity;
    const worst = inCall.has(t) ? Math.max(before, after.get(t) ?? -Infinity) : before;
    if (worst > uMin) return false;
  }
  return true;
}

export function planIsSafe(current: PlanLimit[], calls: PlanCall[], unlabeledTypeId: number | undefined): boolean {
  let state = stateOf(current);
  for (const call of calls) {
    if (!callIsSafe(state, call, unlabeledTypeId)) return false;
    state = applyCall(state, call);
  }
  return true;
}

function validateDesired(req: PlanRequest): void {
  const seen = new Set<number>();
  for (const d of req.desired) {
    if (seen.has(d.typeId)) throw new LimitsPlanError(`association type ${d.typeId} is limited twice`);
    seen.add(d.typeId);
    if (!Number.isInteger(d.maxToObjectIds) || d.maxToObjectIds < 1) {
      throw new LimitsPlanError(
        `maxToObjectIds for association type ${d.typeId} must be a positive integer, got ${d.maxToObjectIds}`,
      );
    }
  }
  const bad = ruleViolations(stateOf(req.desired), req.unlabeledTypeId);
  if (bad.length > 0) {
    const u = req.desired.find((d) => d.typeId === req.unlabeledTypeId)?.maxToObjectIds;
    const list = bad.map((t) => `${t} (${req.desired.find((d) => d.typeId === t)?.maxToObjectIds})`).join(", ");
    throw new LimitsPlanError(
      `label limits cannot exceed the limit of the pair's unlabeled type ${req.unlabeledTypeId} (${u}); HubSpot rejects it. Too high: ${list}`,
    );
  }
}

export function planLimits(req: PlanRequest): PlanCall[] {
  validateDesired(req);
  const U = req.unlabeledTypeId;
  const cur = new Map(req.current.map((c) => [c.typeId, c]));
  const des = new Map(req.desired.map((d) => [d.typeId, d]));
  const input = (d: PlanLimit): LimitInput => ({
    category: d.category,
    typeId: d.typeId,
    maxToObjectIds: d.maxToObjectIds,
  });

  const p1Update: LimitInput[] = [];
  const p1Purge: LimitKey[] = [];
  const p2: { op: "create" | "update"; inputs: LimitInput[] } = { op: "update", inputs: [] };
  const p3Update: LimitInput[] = [];
  const p3Create: LimitInput[] = [];

  // Iterate in typeId order so that plans (and request bodies) are deterministic.
  for (const c of [...cur.values()].sort((a, b) => a.typeId - b.typeId)) {
    if (!des.has(c.typeId)) p1Purge.push({ category: c.category, typeId: c.typeId });
  }
  for (const d of [...des.values()].sort((a, b) => a.typeId - b.typeId)) {
    const c = cur.get(d.typeId);
    const isU = d.typeId === U;
    if (!c) {
      if (isU) {
        p2.op = "create";
        p2.inputs.push(input(d));
      } else p3Create.push(input(d));
    } else if (c.maxToObjectIds !== d.maxToObjectIds || c.category !== d.category) {
      const rises = d.maxToObjectIds > c.maxToObjectIds;
      if (isU) {
        if (rises) p1Update.push(input(d));
        else p2.inputs.push(input(d));
      } else if (rises) p3Update.push(input(d));
      else p1Update.push(input(d));
    }
  }

  const phased: PlanCall[] = [
    { op: "update" as const, inputs: p1Update },
    { op: "purge" as const, inputs: p1Purge },
    p2,
    { op: "update" as const, inputs: p3Update },
    { op: "create" as const, inputs: p3Create },
  ].filter((c) => c.inputs.length > 0);

  if (!planIsSafe(req.current, phased, U)) {
    // Only possible when HubSpot's current state already breaks the rule; send the phases as they are and let
    // HubSpot judge rather than guess.
    return phased;
  }

  // Greedy merge: fold each call into the earliest call of the same kind when the plan stays safe.
  const calls = phased.map((c) => ({ ...c, inputs: [...c.inputs] }) as PlanCall);
  for (let i = 1; i < calls.length; i++) {
    const later = calls[i]!; // i < calls.length
    for (const [j, earlier] of calls.slice(0, i).entries()) {
      if (earlier.op !== later.op) continue;
      const merged = { op: earlier.op, inputs: [...earlier.inputs, ...later.inputs] } as PlanCall;
      const candidate = [...calls.slice(0, j), merged, ...calls.slice(j + 1, i), ...calls.slice(i + 1)];
      if (planIsSafe(req.current, candidate, U)) {
        calls.splice(0, calls.length, ...candidate);
        i--;
        break;
      }
    }
  }
  return calls;
}
