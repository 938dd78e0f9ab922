// What an AssociationLimits holds at HubSpot, in the form its program declared: `refresh` and `import` read this.

import { unlabeledTypeId } from "../../model";
import type { Session } from "../session";
import { PropertyBag } from "../values";
import { matchStored } from "./diff";
import { ResolvedLimit, StoredLimits } from "./state";

/**
 * The pair's live limits as the resource's entries. Entries keep the user's form (label text / typeId / unlabeled) for
 * the types they named. An exclusive resource also shows the types HubSpot limits that it does not declare (the next
 * preview shows them going); a non-exclusive one shows only what it manages. Types without a limit anymore disappear.
 */
export async function liveLimits(
  s: Session,
  stored: StoredLimits,
): Promise<{ limits: PropertyBag[]; resolved: ResolvedLimit[] }> {
  const live = (await s.pairs.limitsOf(stored.fromId, stored.toId))
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
  return { limits, resolved };
}
