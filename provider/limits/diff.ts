// AssociationLimits diff: stored outputs against new inputs, without an API call.

import { containsUnknown, isUnknown, unlabeledTypeId } from "../../model";
import { objectTypeReplaces, SessionSource } from "../object-types";
import type { PropertyBag } from "../values";
import { ResolvedLimit, StoredLimits } from "./state";

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** The stored resolved limit an entry refers to, by typeId, label text or unlabeled, without any API call. */
export function matchStored(e: PropertyBag, stored: StoredLimits): ResolvedLimit | undefined {
  const u = unlabeledTypeId(stored.fromId, stored.toId);
  if (e.unlabeled === true) return stored.resolved.find((r) => (u !== undefined ? r.typeId === u : r.label === null));
  if (isSet(e.typeId)) return stored.resolved.find((r) => r.typeId === e.typeId);
  if (typeof e.label === "string") return stored.resolved.find((r) => r.label === e.label);
  return undefined;
}

/**
 * In a preview, editing a label's text in place makes its `typeId` output unknown (the engine predicts an updated
 * resource's outputs from its inputs). Label typeIds never change in place, so an entry whose only unknown is the
 * typeId, at the position where the stored inputs had a typeId entry with the same limit, is taken to be that entry;
 * if the label is in fact replaced, `up` diffs again with the real typeId and updates.
 */
function assumeSameTypeId(e: PropertyBag, prev: PropertyBag | undefined): PropertyBag | undefined {
  const rest = { ...e, typeId: undefined };
  const same =
    isUnknown(e.typeId) &&
    !containsUnknown(rest) &&
    prev !== undefined &&
    typeof prev.typeId === "number" &&
    prev.maxToObjectIds === e.maxToObjectIds &&
    (prev.category ?? null) === (e.category ?? null);
  return same ? { ...e, typeId: prev.typeId } : undefined;
}

export async function diffLimits(
  session: SessionSource,
  stored: StoredLimits,
  news: PropertyBag,
): Promise<{ changes: boolean; replaces: string[] }> {
  const replaces = await objectTypeReplaces(session, news, stored.fromId, stored.toId);
  let changes = replaces.length > 0;
  if (isUnknown(news.exclusive) || (news.exclusive === true) !== stored.exclusive) changes = true;
  const limits = news.limits;
  if (isUnknown(limits) || !Array.isArray(limits)) return { changes: true, replaces };
  const matched = new Set<number>();
  for (const [i, raw] of limits.entries()) {
    let e = (raw ?? {}) as PropertyBag;
    if (containsUnknown(e)) {
      const assumed = assumeSameTypeId(e, stored.entries[i]);
      if (!assumed) {
        changes = true;
        continue;
      }
      e = assumed;
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
  return { changes, replaces };
}
