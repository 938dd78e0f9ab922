// Object types as the provider reads them from inputs and stored state. The tables themselves are the domain's
// (model/); only what is about Pulumi inputs and state lives here.

import { isUnknown, resolveObjectType } from "../model";
import { optionalString, PropertyBag } from "./values";

/**
 * Which object-type inputs force a replacement: an unknown value, or one resolving to another id than the stored
 * one. `contact` vs `contacts` vs `0-1` is no change: only the resolved id matters.
 */
export function objectTypeReplaces(news: Record<string, unknown>, storedFromId: string, storedToId: string): string[] {
  const replaces: string[] = [];
  for (const [key, storedId] of [
    ["fromObjectType", storedFromId],
    ["toObjectType", storedToId],
  ] as const) {
    const v = news[key];
    if (isUnknown(v)) replaces.push(key);
    else {
      const r = resolveObjectType(v);
      if (!r.ok || r.id !== storedId) replaces.push(key);
    }
  }
  return replaces;
}

/**
 * The object type ids of a resource's stored state, whatever its shape: the stored ids, else those in the
 * resource id, else the stored object type names resolved (state written before ids were stored).
 */
export function storedPairIds(olds: PropertyBag, parsedId: { fromObjectTypeId: string; toObjectTypeId: string } | undefined): { fromId?: string; toId?: string } {
  const resolveOld = (v: unknown): string | undefined => {
    const r = resolveObjectType(v);
    return r.ok ? r.id : undefined;
  };
  return {
    fromId: optionalString(olds.fromObjectTypeId) ?? parsedId?.fromObjectTypeId ?? resolveOld(olds.fromObjectType),
    toId: optionalString(olds.toObjectTypeId) ?? parsedId?.toObjectTypeId ?? resolveOld(olds.toObjectType),
  };
}
