// Makes HubSpot's limits of one directed pair match a declaration. A resource manages the entries it declares and
// removes only entries it managed before, unless it is `exclusive` and owns the pair's whole set; limits someone set
// in HubSpot's UI are otherwise kept, and the plan keeps HubSpot's rule (label <= unlabeled) with them in place.

import type { BatchResult, LimitConfiguration } from "../hubspot/api";
import { isOutcomeUnknown, withContext } from "../errors";
import type { Session } from "../session";
import type { LimitEntry } from "./inputs";
import { LimitsPlanError, PlanCall, PlanLimit, planLimits } from "./plan";
import { PairContext, resolveEntries } from "./resolve";
import type { ResolvedLimit } from "./state";

export interface LimitsTarget {
  fromId: string;
  toId: string;
  entries: readonly LimitEntry[];
  exclusive: boolean;
  /** The limits the resource managed before this change (empty for a create). */
  managedBefore: readonly ResolvedLimit[];
}

function batchFailure(op: string, ctx: PairContext, r: BatchResult<unknown>): Error | undefined {
  if (r.status !== "CANCELED" && r.numErrors === 0 && (r.errors ?? []).length === 0 && r.httpStatus !== 207)
    return undefined;
  const items = (r.errors ?? []).map(
    (e) => `${e.message}${e.category ? ` [${e.category}${e.subCategory ? `/${e.subCategory}` : ""}]` : ""}`,
  );
  return new Error(
    `HubSpot rejected the limits batch/${op} for ${ctx.display} (status ${r.status}, HTTP ${r.httpStatus}): ` +
      (items.length > 0 ? items.join("; ") : "no item messages"),
  );
}

async function runCall(ctx: PairContext, call: PlanCall): Promise<void> {
  const { s, fromId, toId } = ctx;
  if (call.op === "purge") {
    await s.api.purgeLimits(fromId, toId, call.inputs);
    return;
  }
  const r =
    call.op === "create"
      ? await s.api.createLimits(fromId, toId, call.inputs)
      : await s.api.updateLimits(fromId, toId, call.inputs);
  const failure = batchFailure(call.op, ctx, r);
  if (failure) throw failure;
}

function toPlan(c: LimitConfiguration): PlanLimit | undefined {
  if (c.userEnforcedMaxToObjectIds === undefined) return undefined;
  return { category: c.category, typeId: c.typeId, maxToObjectIds: c.userEnforcedMaxToObjectIds };
}

/** The pair's whole set after the change: what the resource declares, plus what it leaves alone. */
function desiredSet(
  t: LimitsTarget,
  current: readonly PlanLimit[],
  declared: readonly ResolvedLimit[],
): { desired: PlanLimit[]; removedUndeclared: PlanLimit[] } {
  const declaredIds = new Set(declared.map((r) => r.typeId));
  const managedIds = new Set(t.managedBefore.map((r) => r.typeId));
  const others = current.filter((c) => !declaredIds.has(c.typeId));
  const kept = t.exclusive ? [] : others.filter((c) => !managedIds.has(c.typeId));
  const removedUndeclared = t.exclusive ? others.filter((c) => !managedIds.has(c.typeId)) : [];
  return { desired: [...kept, ...declared], removedUndeclared };
}

/** Applies the declaration; returns the managed limits as written, sorted by typeId. */
export async function applyLimits(s: Session, t: LimitsTarget): Promise<ResolvedLimit[]> {
  const { fromId, toId } = t;
  const ctx = new PairContext(s, fromId, toId);
  await s.verifyPortal();
  for (let attempt = 1; ; attempt++) {
    const configs = await s.pairs.limitsOf(fromId, toId, { fresh: attempt > 1 });
    const current = configs.map(toPlan).filter((p): p is PlanLimit => p !== undefined);
    const { resolved, unlabeledId } = await resolveEntries(ctx, t.entries, configs);
    const { desired, removedUndeclared } = desiredSet(t, current, resolved);
    let plan: PlanCall[];
    try {
      plan = planLimits({ current, desired, unlabeledTypeId: unlabeledId });
    } catch (e) {
      if (e instanceof LimitsPlanError) {
        throw new Error(
          `limits for ${ctx.display}: ${e.message}${t.exclusive ? "" : " (limits this resource does not declare are kept as HubSpot has them)"}`,
        );
      }
      throw e;
    }
    if (attempt === 1 && removedUndeclared.length > 0) {
      s.notice(
        `${ctx.display}: removing limits this exclusive AssociationLimits does not declare: typeIds ${removedUndeclared.map((r) => `${r.typeId} (max ${r.maxToObjectIds})`).join(", ")}`,
      );
    }
    try {
      for (const call of plan) await runCall(ctx, call);
    } catch (e) {
      s.pairs.invalidateLimits(fromId, toId);
      // Re-read and re-plan: nothing is created twice.
      if (isOutcomeUnknown(e) && (await s.retry.beforeReplan(attempt + 1))) continue;
      throw withContext(e, `setting limits for ${ctx.display}`);
    }
    s.pairs.setLimits(
      fromId,
      toId,
      desired.map((d) => {
        const label =
          resolved.find((x) => x.typeId === d.typeId)?.label ??
          configs.find((c) => c.typeId === d.typeId)?.label ??
          null;
        return { category: d.category, typeId: d.typeId, label, userEnforcedMaxToObjectIds: d.maxToObjectIds };
      }),
    );
    return resolved.map((r) => ({ ...r })).sort((a, b) => a.typeId - b.typeId);
  }
}
