// AssociationLimits' dynamic-provider methods: thin adapters from Pulumi's property bags to the limits logic.

import type * as pulumi from "@pulumi/pulumi";
import { pairDisplay } from "../../model";
import { formatLimitsId } from "../ids";
import { SessionSource } from "../object-types";
import { resolvePairInputs } from "../pair-inputs";
import { optionalString, PropertyBag, STATE_SCHEMA_VERSION, withoutProvider } from "../values";
import { applyLimits } from "./apply";
import { diffLimits } from "./diff";
import { parseLimitsInputs, requireLimitsInputs } from "./inputs";
import { purgeLimits } from "./purge";
import { liveLimits } from "./read";
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
  const { limits, resolved } = await liveLimits(session(), stored);
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
  await purgeLimits(s, stored.fromId, stored.toId, keys);
}
