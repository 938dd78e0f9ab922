// Removing the limits an AssociationLimits managed: one batch/purge, and a second, narrower one when HubSpot refuses
// the batch because one of the types is gone.

import { pairDisplay } from "../../model";
import { apiErrorOf, isNotFound, withContext } from "../errors";
import type { Session } from "../session";
import { ResolvedLimit } from "./state";

export async function purgeLimits(
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
