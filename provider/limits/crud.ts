// AssociationLimits' dynamic-provider methods: thin adapters from Pulumi's property bags to the limits logic.

import type * as pulumi from "@pulumi/pulumi";
import { pairDisplay, unlabeledTypeId } from "../../model";
import { apiErrorOf, isNotFound, withContext } from "../errors";
import { formatLimitsId } from "../ids";
import { SessionSource } from "../object-types";
import { resolvePairInputs } from "../pair-inputs";
import type { Session } from "../session";
import { optionalString, PropertyBag, STATE_SCHEMA_VERSION, withoutProvider } from "../values";
import { applyLimits } from "./apply";
import { diffLimits, matchStored } from "./diff";
import { parseLimitsInputs, requireLimitsInputs } from "./inputs";
import { ResolvedLimit, storedLimits } from "./state";

function outputsOf(inputs: PropertyBag, fromId: string, toId: string, resolved: readonly ResolvedLimit[]): PropertyBag {
  return {
    ...withoutProvider(inputs),
    schemaVersion: STATE_SCHEMA_VERSION,
    fromObjectTypeId: fromId,
    toObjectTypeId: toId,
    resolved: [...resolved].sort((a, b) => a.typeId - b.typeId),
  };
}

const idOf = (fromId: string, toId: string): string =>
  formatLimitsId({ fromObjectTypeId: fromId, toObjectTypeId: toId });

export async function checkLimits(session: SessionSource, news: PropertyBag): Promise<pulumi.dynamic.CheckResult> {
  const { inputs, failures } = parseLimitsInputs(news);
  if (inputs) failures.push(...(await resolvePairInputs(session, inputs.from, inputs.to)).failures);
  return { inputs: news, failures };
}

export async function diffLimitsResource(
  session: SessionSource,
  id: string,
  olds: PropertyBag,
  news: PropertyBag,
): Promise<pulumi.dynamic.DiffResult> {
  return diffLimits(session, storedLimits(id, olds), news);
}

export async function createLimits(session: SessionSource, news: PropertyBag): Promise<pulumi.dynamic.CreateResult> {
  const inputs = requireLimitsInputs(news);
  const { fromId, toId } = (await resolvePairInputs(session, inputs.from, inputs.to)).require();
  const s = session();
  const release = s.ledger.claimLimitsPair(fromId, toId);
  let resolved: ResolvedLimit[];
  try {
    resolved = await applyLimits(s, {
      fromId,
      toId,
      entries: inputs.limits,
      exclusive: inputs.exclusive,
      managedBefore: [],
    });
  } catch (e) {
    release();
    throw e;
  }
  s.ledger.recordLimitTypes(
    fromId,
    toId,
    resolved.map((r) => r.typeId),
  );
  return { id: idOf(fromId, toId), outs: outputsOf(news, fromId, toId, resolved) };
}

export async function updateLimits(
  session: SessionSource,
  id: string,
  olds: PropertyBag,
  news: PropertyBag,
): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = requireLimitsInputs(news);
  const stored = storedLimits(id, olds);
  const resolved = await applyLimits(session(), {
    fromId: stored.fromId,
    toId: stored.toId,
    entries: inputs.limits,
    exclusive: inputs.exclusive,
    managedBefore: stored.resolved,
  });
  return { outs: outputsOf(news, stored.fromId, stored.toId, resolved) };
}

export async function readLimits(
  session: SessionSource,
  id: string,
  props?: PropertyBag,
): Promise<pulumi.dynamic.ReadResult> {
  const stored = storedLimits(id, props);
  const live = (await session().pairs.limitsOf(stored.fromId, stored.toId))
    .filter((c) => c.userEnforcedMaxToObjectIds !== undefined)
    .sort((a, b) => a.typeId - b.typeId)
    .map((c): ResolvedLimit => ({
      category: c.category,
      typeId: c.typeId,
      label: c.label ?? null,
      maxToObjectIds: c.userEnforcedMaxToObjectIds as number,
    }));
  const u = unlabeledTypeId(stored.fromId, stored.toId);
  const isUnlabeled = (r: ResolvedLimit): boolean => (u !== undefined ? r.typeId === u : r.label === null);
  const managed = new Set(stored.resolved.map((r) => r.typeId));

  // Entries keep the user's form (label text / typeId / unlabeled) for the types they named. An exclusive resource also
  // shows the types HubSpot limits that it does not declare (the next preview shows them going); types without a
  // limit anymore disappear.
  const limits: PropertyBag[] = [];
  const used = new Set<number>();
  const resolved: ResolvedLimit[] = [];
  for (const e of stored.entries) {
    const was = matchStored(e, stored);
    const now = was ? live.find((r) => r.typeId === was.typeId) : undefined;
    if (!now || used.has(now.typeId)) continue;
    used.add(now.typeId);
    resolved.push(now);
    const entry: PropertyBag = { maxToObjectIds: now.maxToObjectIds };
    if (e.unlabeled === true) entry.unlabeled = true;
    else if (typeof e.label === "string") entry.label = now.label ?? e.label;
    else entry.typeId = now.typeId;
    if (e.category !== undefined && e.category !== null) entry.category = e.category;
    limits.push(entry);
  }
  for (const r of live) {
    if (used.has(r.typeId) || !(stored.exclusive || managed.has(r.typeId))) continue;
    resolved.push(r);
    limits.push(
      isUnlabeled(r)
        ? { unlabeled: true, maxToObjectIds: r.maxToObjectIds }
        : { typeId: r.typeId, maxToObjectIds: r.maxToObjectIds },
    );
  }
  const p = props ?? {};
  const inputs: PropertyBag = {
    fromObjectType: optionalString(p.fromObjectType) ?? stored.fromId,
    toObjectType: optionalString(p.toObjectType) ?? stored.toId,
    limits,
  };
  if (stored.exclusive) inputs.exclusive = true;
  // An empty set is a valid state: the resource is never "gone".
  return {
    id: idOf(stored.fromId, stored.toId),
    props: outputsOf(inputs, stored.fromId, stored.toId, resolved),
    inputs,
  };
}

async function purge(
  s: Session,
  fromId: string,
  toId: string,
  keys: { category: ResolvedLimit["category"]; typeId: number }[],
): Promise<void> {
  try {
    await s.api.purgeLimits(fromId, toId, keys);
    s.pairs.removeLimits(
      fromId,
      toId,
      keys.map((k) => k.typeId),
    );
  } catch (e) {
    s.pairs.invalidateLimits(fromId, toId);
    if (isNotFound(e)) return;
    if (apiErrorOf(e)?.status !== 400) throw withContext(e, `removing the limits of ${pairDisplay(fromId, toId)}`);
    // One managed type vanished (e.g. its label was deleted) and HubSpot refused the whole batch: purge what is still
    // there. A type that no longer exists has no limit left to remove.
    const still = (await s.pairs.limitsOf(fromId, toId, { fresh: true })).filter((c) =>
      keys.some((k) => k.typeId === c.typeId),
    );
    if (still.length === 0) return;
    try {
      await s.api.purgeLimits(
        fromId,
        toId,
        still.map((c) => ({ category: c.category, typeId: c.typeId })),
      );
    } catch (e2) {
      if (isNotFound(e2)) return;
      throw withContext(e2, `removing the limits of ${pairDisplay(fromId, toId)}`);
    } finally {
      s.pairs.invalidateLimits(fromId, toId);
    }
  }
}

export async function deleteLimits(session: SessionSource, id: string, props: PropertyBag): Promise<void> {
  const stored = storedLimits(id, props);
  const s = session();
  // A resource renamed without an alias: the engine creates the new one and then deletes the old one. The types the
  // new one declared in this run are its now; the old one removes only the rest of what it managed.
  const takenOver = s.ledger.limitTypesDeclared(stored.fromId, stored.toId);
  const keys = stored.resolved
    .filter((r) => !takenOver.has(r.typeId))
    .map((r) => ({ category: r.category, typeId: r.typeId }));
  if (takenOver.size > 0 && keys.length < stored.resolved.length) {
    s.notice(
      `not removing the limits of ${pairDisplay(stored.fromId, stored.toId)} that another AssociationLimits of this deployment has just declared (a resource renamed without an alias); they stand`,
    );
  }
  if (keys.length === 0) return;
  await s.verifyPortal();
  await purge(s, stored.fromId, stored.toId, keys);
}
