// Reads what a portal has for a set of object types: one labels GET and one configurations GET per directed pair
// (same-object pairs included). Pairs HubSpot cannot associate at all answer 400; they are skipped, not fatal.
import { pairKey } from "../../../model";
import { AssociationTypeInfo, HubSpotApi, HubSpotApiError, LimitConfiguration } from "../../../provider/hubspot";

export interface PairSnapshot {
  fromId: string;
  toId: string;
  labels: AssociationTypeInfo[];
  limits: LimitConfiguration[];
}

export interface PortalSnapshot {
  portalId: number;
  /** The object type ids read, in the order given (the exported document follows it). */
  objectTypeIds: string[];
  /** Keyed by `from/to`. */
  pairs: Map<string, PairSnapshot>;
  /** The document's name of each custom object read (export/object-types.ts); one missing here is written by id. */
  customObjectNames?: ReadonlyMap<string, string>;
}

async function readPair(api: HubSpotApi, fromId: string, toId: string): Promise<PairSnapshot | undefined> {
  let labels: AssociationTypeInfo[];
  try {
    labels = await api.listLabels(fromId, toId);
  } catch (e) {
    if (e instanceof HubSpotApiError && e.status === 400) return undefined;
    throw e;
  }
  const limits = await api.listLimits(fromId, toId);
  return { fromId, toId, labels, limits };
}

export async function readPortal(api: HubSpotApi, objectTypeIds: string[]): Promise<PortalSnapshot> {
  const { portalId } = await api.getAccountDetails();
  const pairs = new Map<string, PairSnapshot>();
  // Sequential on purpose: a handful of pairs, and the client's rate limiter stays predictable for the portal.
  for (const fromId of objectTypeIds) {
    for (const toId of objectTypeIds) {
      const snap = await readPair(api, fromId, toId);
      if (snap) pairs.set(pairKey(fromId, toId), snap);
    }
  }
  return { portalId, objectTypeIds, pairs };
}
