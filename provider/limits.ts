// AssociationLimits: the whole set of custom limits of one directed object pair. The resource owns the set: types
// limited at HubSpot but not declared are purged.

import type * as pulumi from "@pulumi/pulumi";
import type { AssociationCategory, AssociationTypeInfo, BatchResult, LimitConfiguration } from "./hubspot/api";
import { apiErrorOf, isNotFound, isOutcomeUnknown, withContext } from "./errors";
import { formatLimitsId, tryParseLimitsId } from "./ids";
import { checkObjectTypeProperty } from "./label";
import { notice } from "./log";
import { LimitsPlanError, PlanCall, PlanLimit, planLimits } from "./limits-plan";
import {
  containsUnknown,
  hubspotDefinedTypes,
  isHubSpotDefinedForPair,
  isUnknown,
  pairDisplay,
  pairsOfHubSpotDefinedType,
  parsePairKey,
  resolveObjectType,
  unlabeledTypeId,
} from "../model";
import { objectTypeReplaces, storedPairIds } from "./object-types";
import { getSession, Session } from "./session";
import { optionalNumber, optionalString, PropertyBag, STATE_SCHEMA_VERSION, withoutProvider } from "./values";

export const MIN_LIMIT = 1;
export const MAX_LIMIT = 10000;
const CATEGORIES = ["HUBSPOT_DEFINED", "USER_DEFINED"] as const;

export interface LimitEntry {
  maxToObjectIds: number;
  typeId?: number;
  label?: string;
  unlabeled?: boolean;
  category?: "HUBSPOT_DEFINED" | "USER_DEFINED";
}

export interface ResolvedLimit {
  category: AssociationCategory;
  typeId: number;
  label: string | null;
  maxToObjectIds: number;
}

type Failure = pulumi.dynamic.CheckFailure;

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** How an entry names its target; `undefined` when an unknown value hides it. */
type TargetKey = string | undefined;

function targetKey(e: PropertyBag, unlabeledId: number | undefined): TargetKey {
  if (e.unlabeled === true) return "unlabeled";
  if (isSet(e.typeId)) {
    if (isUnknown(e.typeId)) return undefined;
    return e.typeId === unlabeledId ? "unlabeled" : `typeId:${String(e.typeId)}`;
  }
  if (isSet(e.label)) return isUnknown(e.label) ? undefined : `label:${String(e.label)}`;
  return undefined;
}

// ------------------------------------------------------------------------------------------------- check

export function checkLimitsInputs(news: PropertyBag): Failure[] {
  const failures: Failure[] = [];
  const fromId = checkObjectTypeProperty(news.fromObjectType, "fromObjectType", failures);
  const toId = checkObjectTypeProperty(news.toObjectType, "toObjectType", failures);
  const limits = news.limits;
  if (isUnknown(limits)) return failures;
  if (!Array.isArray(limits)) {
    failures.push({ property: "limits", reason: "limits must be a list of { maxToObjectIds, typeId | label | unlabeled: true }" });
    return failures;
  }
  const unlabeledId = fromId && toId ? unlabeledTypeId(fromId, toId) : undefined;
  const seen = new Map<string, number>();
  let unlabeledMax: number | undefined;
  const labelMaxes: { index: number; max: number }[] = [];

  limits.forEach((raw: unknown, i: number) => {
    const path = `limits[${i}]`;
    if (isUnknown(raw)) return;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      failures.push({ property: path, reason: `${path} must be an object { maxToObjectIds, typeId | label | unlabeled: true }` });
      return;
    }
    const e = raw as PropertyBag;
    const given = [isSet(e.typeId) ? "typeId" : "", isSet(e.label) ? "label" : "", e.unlabeled === true ? "unlabeled" : ""].filter(Boolean);
    if (given.length !== 1) {
      failures.push({
        property: path,
        reason: `${path} must name exactly one association type: typeId, label or unlabeled: true (${given.length === 0 ? "none given" : `got ${given.join(" and ")}`})`,
      });
    }
    if (isSet(e.unlabeled) && !isUnknown(e.unlabeled) && typeof e.unlabeled !== "boolean") {
      failures.push({ property: `${path}.unlabeled`, reason: `${path}.unlabeled must be true or false` });
    }
    if (isSet(e.category) && !isUnknown(e.category) && !(CATEGORIES as readonly unknown[]).includes(e.category)) {
      failures.push({ property: `${path}.category`, reason: `${path}.category must be HUBSPOT_DEFINED or USER_DEFINED` });
    }
    if (isSet(e.label) && !isUnknown(e.label) && (typeof e.label !== "string" || e.label.trim() === "")) {
      failures.push({ property: `${path}.label`, reason: `${path}.label must be a non-empty label text` });
    }
    if (isSet(e.typeId) && !isUnknown(e.typeId)) {
      const t = e.typeId;
      if (typeof t !== "number" || !Number.isInteger(t) || t <= 0) {
        failures.push({ property: `${path}.typeId`, reason: `${path}.typeId must be a positive integer, got ${JSON.stringify(t)}` });
      } else if (fromId && toId && !isHubSpotDefinedForPair(fromId, toId, t) && e.category !== "USER_DEFINED") {
        const others = pairsOfHubSpotDefinedType(t);
        if (others.length > 0) {
          const where = others
            .map(parsePairKey)
            .map((p) => (p ? pairDisplay(p.fromId, p.toId) : ""))
            .join(", ");
          failures.push({
            property: `${path}.typeId`,
            reason:
              `${path}.typeId ${t} is a HubSpot-defined association type of ${where}, not of ${pairDisplay(fromId, toId)}; ` +
              `this pair's HubSpot-defined types are ${describeDefined(fromId, toId)}. ` +
              "If it is the typeId of one of your own labels on this pair, add category: USER_DEFINED",
          });
        }
      }
    }
    const max = e.maxToObjectIds;
    if (!isUnknown(max)) {
      if (typeof max !== "number" || !Number.isInteger(max) || max < MIN_LIMIT || max > MAX_LIMIT) {
        failures.push({
          property: `${path}.maxToObjectIds`,
          reason: `${path}.maxToObjectIds must be an integer from ${MIN_LIMIT} to ${MAX_LIMIT}, got ${JSON.stringify(max)}`,
        });
      }
    }
    const key = targetKey(e, unlabeledId);
    if (key !== undefined && given.length === 1) {
      const first = seen.get(key);
      if (first !== undefined) {
        failures.push({ property: path, reason: `${path} limits the same association type as limits[${first}] (${key.replace(":", " ")})` });
      } else seen.set(key, i);
      if (typeof max === "number" && Number.isInteger(max)) {
        if (key === "unlabeled") unlabeledMax = max;
        else labelMaxes.push({ index: i, max });
      }
    }
  });

  if (unlabeledMax !== undefined) {
    for (const { index, max } of labelMaxes) {
      if (max > unlabeledMax) {
        failures.push({
          property: `limits[${index}].maxToObjectIds`,
          reason:
            `limits[${index}].maxToObjectIds ${max} is above the pair's unlabeled limit ${unlabeledMax}: HubSpot requires every ` +
            "label limit to be at most the unlabeled limit",
        });
      }
    }
  }
  return failures;
}

function describeDefined(fromId: string, toId: string): string {
  const types = hubspotDefinedTypes(fromId, toId);
  if (types.length === 0) return "not in our table (custom or uncommon pair)";
  return types.map((t) => `${t.typeId}${t.label ? ` "${t.label}"` : " (unlabeled)"}`).join(", ");
}

export async function checkLimits(_olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.CheckResult> {
  return { inputs: news, failures: checkLimitsInputs(news) };
}

// ------------------------------------------------------------------------------------------------- stored state

interface StoredLimits {
  fromId: string;
  toId: string;
  resolved: ResolvedLimit[];
}

function asEntries(v: unknown): PropertyBag[] {
  return Array.isArray(v) ? v.filter((x): x is PropertyBag => !!x && typeof x === "object" && !Array.isArray(x)) : [];
}

function asResolved(v: unknown): ResolvedLimit[] {
  return asEntries(v)
    .map((r) => ({
      category: (optionalString(r.category) ?? "USER_DEFINED") as AssociationCategory,
      typeId: optionalNumber(r.typeId) ?? NaN,
      label: typeof r.label === "string" ? r.label : null,
      maxToObjectIds: optionalNumber(r.maxToObjectIds) ?? NaN,
    }))
    .filter((r) => Number.isFinite(r.typeId));
}

/** Accepts state of any earlier shape (no schemaVersion, no object type ids, no `resolved`). */
export function storedLimits(id: string, olds: PropertyBag | undefined): StoredLimits {
  const o = olds ?? {};
  const { fromId, toId } = storedPairIds(o, tryParseLimitsId(id));
  if (!fromId || !toId) throw new Error(`AssociationLimits state for id "${id}" has no usable object types; expected an id like 0-1/0-2`);
  let resolved = asResolved(o.resolved);
  if (!Array.isArray(o.resolved)) {
    // Earlier shape without `resolved`: the entries given by typeId (or unlabeled, on standard pairs) are all we know.
    const u = unlabeledTypeId(fromId, toId);
    resolved = asEntries(o.limits).flatMap((e) => {
      const typeId = e.unlabeled === true ? u : optionalNumber(e.typeId);
      const max = optionalNumber(e.maxToObjectIds);
      if (typeId === undefined || max === undefined) return [];
      const category = (optionalString(e.category) ??
        (isHubSpotDefinedForPair(fromId, toId, typeId) ? "HUBSPOT_DEFINED" : "USER_DEFINED")) as AssociationCategory;
      return [{ category, typeId, label: e.unlabeled === true ? null : (optionalString(e.label) ?? null), maxToObjectIds: max }];
    });
  }
  return { fromId, toId, resolved };
}

// ------------------------------------------------------------------------------------------------- diff

/** The stored resolved entry a new entry refers to, by typeId / label text / unlabeled, without any API call. */
function matchStored(e: PropertyBag, stored: StoredLimits): ResolvedLimit | undefined {
  const u = unlabeledTypeId(stored.fromId, stored.toId);
  if (e.unlabeled === true) {
    return stored.resolved.find((r) => (u !== undefined ? r.typeId === u : r.label === null));
  }
  if (isSet(e.typeId)) return stored.resolved.find((r) => r.typeId === e.typeId);
  if (typeof e.label === "string") return stored.resolved.find((r) => r.label === e.label);
  return undefined;
}

export async function diffLimits(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.DiffResult> {
  const stored = storedLimits(id, olds);
  const replaces = objectTypeReplaces(news, stored.fromId, stored.toId);
  let changes = replaces.length > 0;
  const limits = news.limits;
  if (isUnknown(limits) || !Array.isArray(limits)) changes = true;
  else {
    const matched = new Set<number>();
    const storedInputs = asEntries(olds.limits);
    for (const [i, raw] of limits.entries()) {
      let e = (raw ?? {}) as PropertyBag;
      if (containsUnknown(e)) {
        // In a preview, editing a label's text in place makes its `typeId` output unknown (the engine predicts
        // an updated resource's outputs from its inputs). Label typeIds never change in place, so an entry whose
        // only unknown is the typeId, at the position where the stored inputs had a typeId entry with the same
        // limit, is taken to be that entry: otherwise every text edit would show every limits resource as
        // changing. If the label is in fact replaced, `up` diffs again with the real typeId and updates.
        const prev = storedInputs[i];
        const rest = { ...e, typeId: undefined };
        const sameShape =
          isUnknown(e.typeId) &&
          !containsUnknown(rest) &&
          prev !== undefined &&
          typeof prev.typeId === "number" &&
          prev.maxToObjectIds === e.maxToObjectIds &&
          (prev.category ?? null) === (e.category ?? null);
        if (!sameShape) {
          changes = true;
          continue;
        }
        e = { ...e, typeId: prev.typeId };
      }
      const r = matchStored(e, stored);
      if (!r || matched.has(r.typeId)) {
        changes = true;
        continue;
      }
      matched.add(r.typeId);
      if (r.maxToObjectIds !== e.maxToObjectIds) changes = true;
      if (isSet(e.category) && e.category !== r.category) changes = true;
    }
    if (stored.resolved.some((r) => !matched.has(r.typeId))) changes = true;
  }
  return { changes, replaces };
}

// ------------------------------------------------------------------------------------------------- resolution

class PairContext {
  private labelsPromise?: Promise<AssociationTypeInfo[]>;

  constructor(
    readonly s: Session,
    readonly fromId: string,
    readonly toId: string,
  ) {}

  labels(): Promise<AssociationTypeInfo[]> {
    this.labelsPromise ??= this.s.pairs.labelsOf(this.fromId, this.toId);
    return this.labelsPromise;
  }

  get display(): string {
    return pairDisplay(this.fromId, this.toId);
  }
}

interface UnlabeledType {
  typeId: number;
  category: AssociationCategory;
}

/**
 * The pair's unlabeled default type. Standard pairs: from the table (HUBSPOT_DEFINED). Custom-object pairs: the
 * type HubSpot lists with `label: null` (its category is whatever HubSpot says; custom-object defaults may be
 * USER_DEFINED), found in the current limits or, when needed, in the pair's labels.
 */
async function unlabeledOf(ctx: PairContext, current: LimitConfiguration[], needed: boolean): Promise<UnlabeledType | undefined> {
  const fromTable = unlabeledTypeId(ctx.fromId, ctx.toId);
  if (fromTable !== undefined) return { typeId: fromTable, category: "HUBSPOT_DEFINED" };
  const inConfig = current.find((c) => c.label === null);
  if (inConfig) return { typeId: inConfig.typeId, category: inConfig.category };
  if (!needed) return undefined;
  const fromLabels = (await ctx.labels()).find((l) => l.label === null);
  if (!fromLabels) throw new Error(`${ctx.display} has no unlabeled default association type at HubSpot; remove the unlabeled entry`);
  return { typeId: fromLabels.typeId, category: fromLabels.category };
}

async function resolveEntries(ctx: PairContext, entries: LimitEntry[], current: LimitConfiguration[]): Promise<{ resolved: ResolvedLimit[]; unlabeledId?: number }> {
  const unlabeled = await unlabeledOf(ctx, current, entries.some((e) => e.unlabeled === true));
  const unlabeledId = unlabeled?.typeId;
  const resolved: ResolvedLimit[] = [];
  for (const [i, e] of entries.entries()) {
    const where = `limits[${i}]`;
    if (e.unlabeled === true) {
      const u = unlabeled as UnlabeledType;
      resolved.push({ category: e.category ?? u.category, typeId: u.typeId, label: null, maxToObjectIds: e.maxToObjectIds });
    } else if (e.typeId !== undefined && e.typeId !== null) {
      const typeId = e.typeId;
      const known = hubspotDefinedTypes(ctx.fromId, ctx.toId).find((t) => t.typeId === typeId);
      const cur = current.find((c) => c.typeId === typeId);
      let category: AssociationCategory | undefined = e.category ?? (known ? "HUBSPOT_DEFINED" : cur?.category);
      let label: string | null = cur?.label ?? (known ? known.label : null);
      if (category === undefined || (!known && !cur)) {
        // Not in our table nor limited yet: a label this process created is known without a read (limits usually
        // follow their labels in the same run, and label creates no longer read the pair first); otherwise ask the
        // pair's labels (one cached GET) for its category and existence.
        const live = ctx.s.pairs.writtenLabel(ctx.fromId, ctx.toId, typeId) ?? (await ctx.labels()).find((l) => l.typeId === typeId);
        if (!live) {
          throw new Error(`${where}: ${ctx.display} has no association type ${typeId}; ${await availableTypes(ctx)}`);
        }
        category = e.category ?? live.category;
        label = live.label;
      }
      resolved.push({ category, typeId, label: typeId === unlabeledId ? null : label, maxToObjectIds: e.maxToObjectIds });
    } else if (typeof e.label === "string") {
      const text = e.label;
      const matches = (await ctx.labels()).filter((l) => l.label === text);
      // Own labels first; among equal texts the lowest typeId (a paired label's forward half is allocated first).
      matches.sort((a, b) => Number(b.category === "USER_DEFINED") - Number(a.category === "USER_DEFINED") || a.typeId - b.typeId);
      const m = matches[0];
      if (!m) throw new Error(`${where}: ${ctx.display} has no association label "${text}"; ${await availableTypes(ctx)}`);
      resolved.push({ category: e.category ?? m.category, typeId: m.typeId, label: m.label, maxToObjectIds: e.maxToObjectIds });
    } else {
      throw new Error(`${where} names no association type`);
    }
  }
  const seen = new Map<number, number>();
  resolved.forEach((r, i) => {
    const j = seen.get(r.typeId);
    if (j !== undefined) throw new Error(`limits[${i}] and limits[${j}] both limit association type ${r.typeId} of ${ctx.display}`);
    seen.set(r.typeId, i);
  });
  return { resolved, unlabeledId };
}

async function availableTypes(ctx: PairContext): Promise<string> {
  const labels = await ctx.labels();
  return `its types are: ${labels.map((l) => `${l.typeId} ${l.label === null ? "(unlabeled)" : `"${l.label}"`} ${l.category}`).join(", ")}`;
}

function entriesOf(v: unknown): LimitEntry[] {
  return asEntries(v).map((e) => {
    const entry: LimitEntry = { maxToObjectIds: Number(e.maxToObjectIds) };
    if (isSet(e.typeId)) entry.typeId = Number(e.typeId);
    if (typeof e.label === "string") entry.label = e.label;
    if (e.unlabeled === true) entry.unlabeled = true;
    if (e.category === "HUBSPOT_DEFINED" || e.category === "USER_DEFINED") entry.category = e.category;
    return entry;
  });
}

// ------------------------------------------------------------------------------------------------- apply

function batchFailure(op: string, ctx: PairContext, r: BatchResult<unknown>): Error | undefined {
  if (r.status !== "CANCELED" && r.numErrors === 0 && (r.errors ?? []).length === 0 && r.httpStatus !== 207) return undefined;
  const items = (r.errors ?? []).map((e) => `${e.message}${e.category ? ` [${e.category}${e.subCategory ? `/${e.subCategory}` : ""}]` : ""}`);
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
  const r = call.op === "create" ? await s.api.createLimits(fromId, toId, call.inputs) : await s.api.updateLimits(fromId, toId, call.inputs);
  const failure = batchFailure(call.op, ctx, r);
  if (failure) throw failure;
}

function toPlan(c: LimitConfiguration): PlanLimit | undefined {
  if (c.userEnforcedMaxToObjectIds === undefined) return undefined;
  return { category: c.category, typeId: c.typeId, maxToObjectIds: c.userEnforcedMaxToObjectIds };
}

/** Makes HubSpot's set for the pair equal `entries`; returns the resolved set as written. */
async function applyLimits(s: Session, fromId: string, toId: string, entries: LimitEntry[]): Promise<ResolvedLimit[]> {
  const ctx = new PairContext(s, fromId, toId);
  await s.beforeWrite();
  for (let attempt = 1; ; attempt++) {
    const current = await s.pairs.limitsOf(fromId, toId, { fresh: attempt > 1 });
    const { resolved, unlabeledId } = await resolveEntries(ctx, entries, current);
    let plan: PlanCall[];
    try {
      plan = planLimits({
        current: current.map(toPlan).filter((p): p is PlanLimit => p !== undefined),
        desired: resolved,
        unlabeledTypeId: unlabeledId,
      });
    } catch (e) {
      if (e instanceof LimitsPlanError) throw new Error(`limits for ${ctx.display}: ${e.message}`);
      throw e;
    }
    try {
      for (const call of plan) await runCall(ctx, call);
    } catch (e) {
      s.pairs.invalidateLimits(fromId, toId);
      // Re-read and re-plan: nothing is created twice. Up to 5 plans, as many attempts as an idempotent call gets
      // (it was 3 with no pause: a short burst of 5xx on batch/create failed the up; reliability soak).
      if (isOutcomeUnknown(e) && attempt < 5) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2)));
        continue;
      }
      throw withContext(e, `setting limits for ${ctx.display}`);
    }
    const written = resolved.map((r) => ({ ...r })).sort((a, b) => a.typeId - b.typeId);
    s.pairs.setLimits(
      fromId,
      toId,
      written.map((r) => ({ category: r.category, typeId: r.typeId, label: r.label, userEnforcedMaxToObjectIds: r.maxToObjectIds })),
    );
    return written;
  }
}

function outputsOf(inputs: PropertyBag, fromId: string, toId: string, resolved: ResolvedLimit[]): PropertyBag {
  return {
    ...withoutProvider(inputs),
    schemaVersion: STATE_SCHEMA_VERSION,
    fromObjectTypeId: fromId,
    toObjectTypeId: toId,
    resolved: [...resolved].sort((a, b) => a.typeId - b.typeId),
  };
}

function resolveOrThrow(v: unknown): string {
  const r = resolveObjectType(v);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

/**
 * Directed pairs whose limits a create of this provider process (one Pulumi operation) set, per session. The
 * resource owns the pair's whole set, so two AssociationLimits created for one pair in one program would race:
 * depending on timing the second failed with HubSpot's LIMIT_ALREADY_EXISTS, or silently purged the first one's
 * limits (reliability suite, bad input "duplicate pairs"). A resource is created at most once per operation, so a
 * second create of the same pair in one process is a second declaration: refuse it before any request.
 */
const createdPairs = new WeakMap<Session, Set<string>>();

export async function createLimits(news: PropertyBag): Promise<pulumi.dynamic.CreateResult> {
  const failures = checkLimitsInputs(news);
  if (failures.length > 0) throw new Error(`invalid AssociationLimits inputs: ${failures.map((f) => f.reason).join("; ")}`);
  const fromId = resolveOrThrow(news.fromObjectType);
  const toId = resolveOrThrow(news.toObjectType);
  const s = getSession();
  let pairs = createdPairs.get(s);
  if (!pairs) createdPairs.set(s, (pairs = new Set()));
  const key = `${fromId}/${toId}`;
  if (pairs.has(key)) {
    throw new Error(
      `the limits of ${pairDisplay(fromId, toId)} are declared by another AssociationLimits in this program: one resource ` +
        "owns a directed pair's whole set of limits; put all of the pair's limits in one AssociationLimits",
    );
  }
  pairs.add(key);
  let resolved: ResolvedLimit[];
  try {
    resolved = await applyLimits(s, fromId, toId, entriesOf(news.limits));
  } catch (e) {
    pairs.delete(key); // a failed create declared nothing
    throw e;
  }
  return { id: formatLimitsId({ fromObjectTypeId: fromId, toObjectTypeId: toId }), outs: outputsOf(news, fromId, toId, resolved) };
}

export async function updateLimits(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.UpdateResult> {
  const failures = checkLimitsInputs(news);
  if (failures.length > 0) throw new Error(`invalid AssociationLimits inputs: ${failures.map((f) => f.reason).join("; ")}`);
  const stored = storedLimits(id, olds);
  const resolved = await applyLimits(getSession(), stored.fromId, stored.toId, entriesOf(news.limits));
  return { outs: outputsOf(news, stored.fromId, stored.toId, resolved) };
}

// ------------------------------------------------------------------------------------------------- read

export async function readLimits(id: string, props?: PropertyBag): Promise<pulumi.dynamic.ReadResult> {
  const stored = storedLimits(id, props);
  const s = getSession();
  const live = (await s.pairs.limitsOf(stored.fromId, stored.toId))
    .filter((c) => c.userEnforcedMaxToObjectIds !== undefined)
    .sort((a, b) => a.typeId - b.typeId);
  const resolved: ResolvedLimit[] = live.map((c) => ({
    category: c.category,
    typeId: c.typeId,
    label: c.label ?? null,
    maxToObjectIds: c.userEnforcedMaxToObjectIds as number,
  }));
  const u = unlabeledTypeId(stored.fromId, stored.toId);
  const isUnlabeled = (r: ResolvedLimit): boolean => (u !== undefined ? r.typeId === u : r.label === null);

  // Entries keep the user's form (label text / typeId / unlabeled) for the types they named; types HubSpot has
  // that the state did not name are appended; types without a limit anymore disappear.
  const p = props ?? {};
  const limits: PropertyBag[] = [];
  const used = new Set<number>();
  for (const e of asEntries(p.limits)) {
    const was = matchStored(e, stored);
    const now = was ? resolved.find((r) => r.typeId === was.typeId) : undefined;
    if (!now || used.has(now.typeId)) continue;
    used.add(now.typeId);
    const entry: PropertyBag = { maxToObjectIds: now.maxToObjectIds };
    if (e.unlabeled === true) entry.unlabeled = true;
    else if (typeof e.label === "string") entry.label = now.label ?? e.label;
    else entry.typeId = now.typeId;
    if (isSet(e.category)) entry.category = e.category;
    limits.push(entry);
  }
  for (const r of resolved) {
    if (used.has(r.typeId)) continue;
    limits.push(isUnlabeled(r) ? { unlabeled: true, maxToObjectIds: r.maxToObjectIds } : { typeId: r.typeId, maxToObjectIds: r.maxToObjectIds });
  }
  const inputs: PropertyBag = {
    fromObjectType: optionalString(p.fromObjectType) ?? stored.fromId,
    toObjectType: optionalString(p.toObjectType) ?? stored.toId,
    limits,
  };
  return {
    // An empty set is a valid state: the resource is never "gone".
    id: formatLimitsId({ fromObjectTypeId: stored.fromId, toObjectTypeId: stored.toId }),
    props: outputsOf(inputs, stored.fromId, stored.toId, resolved),
    inputs,
  };
}

// ------------------------------------------------------------------------------------------------- delete

export async function deleteLimits(id: string, props: PropertyBag): Promise<void> {
  const stored = storedLimits(id, props);
  const keys = stored.resolved.map((r) => ({ category: r.category, typeId: r.typeId }));
  if (keys.length === 0) return;
  const s = getSession();
  // A resource renamed without an alias: the engine creates the new one (which wrote the pair's whole set) and then
  // deletes the old one. Purging here would remove the limits just declared; the pair now belongs to the new one.
  if (createdPairs.get(s)?.has(`${stored.fromId}/${stored.toId}`)) {
    notice(
      `not removing the limits of ${pairDisplay(stored.fromId, stored.toId)}: another AssociationLimits of this deployment has ` +
        "just taken the pair over (a resource renamed without an alias); its limits stand",
    );
    return;
  }
  await s.beforeWrite();
  try {
    await s.api.purgeLimits(stored.fromId, stored.toId, keys);
  } catch (e) {
    s.pairs.invalidateLimits(stored.fromId, stored.toId);
    if (isNotFound(e)) return;
    if (apiErrorOf(e)?.status === 400) {
      // One managed type vanished (e.g. its label was deleted) and HubSpot refused the whole batch: purge what is
      // still there. A type that no longer exists has no limit left to remove.
      const still = (await s.pairs.limitsOf(stored.fromId, stored.toId, { fresh: true })).filter((c) => keys.some((k) => k.typeId === c.typeId));
      if (still.length === 0) return;
      try {
        await s.api.purgeLimits(stored.fromId, stored.toId, still.map((c) => ({ category: c.category, typeId: c.typeId })));
      } catch (e2) {
        s.pairs.invalidateLimits(stored.fromId, stored.toId);
        if (isNotFound(e2)) return;
        throw withContext(e2, `removing the limits of ${pairDisplay(stored.fromId, stored.toId)}`);
      }
      s.pairs.invalidateLimits(stored.fromId, stored.toId);
      return;
    }
    throw withContext(e, `removing the limits of ${pairDisplay(stored.fromId, stored.toId)}`);
  }
  // Write-through: the managed types are gone from the pair's set.
  s.pairs.removeLimits(stored.fromId, stored.toId, keys.map((k) => k.typeId));
}
