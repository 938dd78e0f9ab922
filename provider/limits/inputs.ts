// AssociationLimits inputs, parsed once: `check` reports the failures, `create` and `update` take the typed result.
// During a preview an entry (or the whole list) may be unknown; what is known is still checked.

import {
  containsUnknown,
  hubspotDefinedTypes,
  isHubSpotDefinedForPair,
  isUnknown,
  MAX_LIMIT,
  MIN_LIMIT,
  ObjectTypeRef,
  pairDisplay,
  pairsOfHubSpotDefinedType,
  parsePairKey,
  unlabeledTypeId,
} from "../../model";
import { CheckFailure, parseObjectTypeInput } from "../label/inputs";
import type { PropertyBag } from "../values";

const CATEGORIES = ["HUBSPOT_DEFINED", "USER_DEFINED"] as const;
type EntryCategory = (typeof CATEGORIES)[number];

/** One declared limit: the association type it limits, named exactly one way, and the limit. */
export type LimitTarget = { kind: "unlabeled" } | { kind: "typeId"; typeId: number } | { kind: "label"; label: string };

export interface LimitEntry {
  target: LimitTarget;
  maxToObjectIds: number;
  category?: EntryCategory;
}

export interface LimitsInputs {
  fromObjectType: string;
  toObjectType: string;
  from: ObjectTypeRef;
  to: ObjectTypeRef;
  limits: LimitEntry[];
  /** The resource owns the pair's whole set: limits it does not declare are removed. */
  exclusive: boolean;
}

export interface ParsedLimitsInputs {
  inputs?: LimitsInputs;
  failures: CheckFailure[];
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

function describeDefined(fromId: string, toId: string): string {
  const types = hubspotDefinedTypes(fromId, toId);
  if (types.length === 0) return "not in our table (custom or uncommon pair)";
  return types.map((t) => `${t.typeId}${t.label ? ` "${t.label}"` : " (unlabeled)"}`).join(", ");
}

function checkTypeId(
  t: unknown,
  path: string,
  pair: { fromId: string; toId: string } | undefined,
  category: unknown,
  failures: CheckFailure[],
): number | undefined {
  if (typeof t !== "number" || !Number.isInteger(t) || t <= 0) {
    failures.push({
      property: `${path}.typeId`,
      reason: `${path}.typeId must be a positive integer, got ${JSON.stringify(t)}`,
    });
    return undefined;
  }
  if (pair && !isHubSpotDefinedForPair(pair.fromId, pair.toId, t) && category !== "USER_DEFINED") {
    const others = pairsOfHubSpotDefinedType(t).map(parsePairKey);
    if (others.length > 0) {
      const where = others.map((p) => (p ? pairDisplay(p.fromId, p.toId) : "")).join(", ");
      failures.push({
        property: `${path}.typeId`,
        reason:
          `${path}.typeId ${t} is a HubSpot-defined association type of ${where}, not of ${pairDisplay(pair.fromId, pair.toId)}; ` +
          `this pair's HubSpot-defined types are ${describeDefined(pair.fromId, pair.toId)}. ` +
          "If it is the typeId of one of your own labels on this pair, add category: USER_DEFINED",
      });
      return undefined;
    }
  }
  return t;
}

function parseEntry(
  raw: unknown,
  path: string,
  pair: { fromId: string; toId: string } | undefined,
  failures: CheckFailure[],
): LimitEntry | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    failures.push({
      property: path,
      reason: `${path} must be an object { maxToObjectIds, typeId | label | unlabeled: true }`,
    });
    return undefined;
  }
  const e = raw as PropertyBag;
  const before = failures.length;
  const given = [
    isSet(e.typeId) ? "typeId" : "",
    isSet(e.label) ? "label" : "",
    e.unlabeled === true ? "unlabeled" : "",
  ].filter(Boolean);
  if (given.length !== 1) {
    failures.push({
      property: path,
      reason: `${path} must name exactly one association type: typeId, label or unlabeled: true (${given.length === 0 ? "none given" : `got ${given.join(" and ")}`})`,
    });
  }
  if (isSet(e.unlabeled) && !isUnknown(e.unlabeled) && typeof e.unlabeled !== "boolean") {
    failures.push({ property: `${path}.unlabeled`, reason: `${path}.unlabeled must be true or false` });
  }
  let category: EntryCategory | undefined;
  if (isSet(e.category) && !isUnknown(e.category)) {
    if ((CATEGORIES as readonly unknown[]).includes(e.category)) category = e.category as EntryCategory;
    else
      failures.push({
        property: `${path}.category`,
        reason: `${path}.category must be HUBSPOT_DEFINED or USER_DEFINED`,
      });
  }
  if (isSet(e.label) && !isUnknown(e.label) && (typeof e.label !== "string" || e.label.trim() === "")) {
    failures.push({ property: `${path}.label`, reason: `${path}.label must be a non-empty label text` });
  }
  const typeId =
    isSet(e.typeId) && !isUnknown(e.typeId) ? checkTypeId(e.typeId, path, pair, e.category, failures) : undefined;
  const max = e.maxToObjectIds;
  if (!isUnknown(max) && (typeof max !== "number" || !Number.isInteger(max) || max < MIN_LIMIT || max > MAX_LIMIT)) {
    failures.push({
      property: `${path}.maxToObjectIds`,
      reason: `${path}.maxToObjectIds must be an integer from ${MIN_LIMIT} to ${MAX_LIMIT}, got ${JSON.stringify(max)}`,
    });
  }
  if (failures.length > before || containsUnknown(e) || typeof max !== "number") return undefined;
  const target: LimitTarget =
    e.unlabeled === true
      ? { kind: "unlabeled" }
      : typeId !== undefined
        ? { kind: "typeId", typeId }
        : { kind: "label", label: e.label as string };
  return category === undefined ? { target, maxToObjectIds: max } : { target, maxToObjectIds: max, category };
}

/** How an entry names its type, for duplicate detection offline; the unlabeled id of a standard pair is "unlabeled". */
function targetKey(t: LimitTarget, unlabeledId: number | undefined): string {
  if (t.kind === "unlabeled" || (t.kind === "typeId" && t.typeId === unlabeledId)) return "the unlabeled type";
  return t.kind === "typeId" ? `typeId ${t.typeId}` : `label "${t.label}"`;
}

export function parseLimitsInputs(news: PropertyBag): ParsedLimitsInputs {
  const failures: CheckFailure[] = [];
  const from = parseObjectTypeInput(news.fromObjectType, "fromObjectType", failures);
  const to = parseObjectTypeInput(news.toObjectType, "toObjectType", failures);
  const pair = from?.kind === "id" && to?.kind === "id" ? { fromId: from.id, toId: to.id } : undefined;
  const exclusive = news.exclusive;
  if (isSet(exclusive) && !isUnknown(exclusive) && typeof exclusive !== "boolean") {
    failures.push({ property: "exclusive", reason: "exclusive must be true or false" });
  }
  const raw = news.limits;
  if (isUnknown(raw)) return { failures };
  if (!Array.isArray(raw)) {
    failures.push({
      property: "limits",
      reason: "limits must be a list of { maxToObjectIds, typeId | label | unlabeled: true }",
    });
    return { failures };
  }
  const unlabeledId = pair ? unlabeledTypeId(pair.fromId, pair.toId) : undefined;
  const entries: LimitEntry[] = [];
  const seen = new Map<string, number>();
  let complete = true;
  raw.forEach((item: unknown, i: number) => {
    const path = `limits[${i}]`;
    if (isUnknown(item)) {
      complete = false;
      return;
    }
    const entry = parseEntry(item, path, pair, failures);
    if (!entry) {
      complete = false;
      return;
    }
    const key = targetKey(entry.target, unlabeledId);
    const first = seen.get(key);
    if (first !== undefined)
      failures.push({
        property: path,
        reason: `${path} limits the same association type as limits[${first}] (${key})`,
      });
    else seen.set(key, i);
    entries.push(entry);
  });
  const unlabeledMax = entries.find((e) => targetKey(e.target, unlabeledId) === "the unlabeled type")?.maxToObjectIds;
  if (unlabeledMax !== undefined) {
    entries.forEach((e, i) => {
      if (targetKey(e.target, unlabeledId) !== "the unlabeled type" && e.maxToObjectIds > unlabeledMax) {
        failures.push({
          property: `limits[${i}].maxToObjectIds`,
          reason: `limits[${i}].maxToObjectIds ${e.maxToObjectIds} is above the pair's unlabeled limit ${unlabeledMax}: HubSpot requires every label limit to be at most the unlabeled limit`,
        });
      }
    });
  }
  if (failures.length > 0 || !complete || !from || !to || isUnknown(exclusive)) return { failures };
  return {
    inputs: {
      fromObjectType: String(news.fromObjectType),
      toObjectType: String(news.toObjectType),
      from,
      to,
      limits: entries,
      exclusive: exclusive === true,
    },
    failures,
  };
}

export function requireLimitsInputs(news: PropertyBag): LimitsInputs {
  const { inputs, failures } = parseLimitsInputs(news);
  if (!inputs)
    throw new Error(
      `invalid AssociationLimits inputs: ${failures.map((f) => f.reason).join("; ") || "unknown values"}`,
    );
  return inputs;
}
