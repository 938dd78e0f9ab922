// Object types as the provider reads them from inputs and stored state. The tables are the domain's (model/);
// resolving a custom object's name needs the session (one schemas read per run).

import { isUnknown, parseObjectTypeRef, resolveObjectType } from "../model";
import type { ObjectTypeLookup } from "./object-type-resolver";
import type { Session } from "./session";
import { optionalString, PropertyBag } from "./values";

/** A session, obtained only when something needs HubSpot (it throws the missing-token error). */
export type SessionSource = () => Session;

/** Standard names and ids offline; a custom object's name through the session's schemas read. */
export async function resolveObjectTypeValue(session: SessionSource, value: unknown): Promise<ObjectTypeLookup> {
  const parsed = parseObjectTypeRef(value);
  if (!parsed.ok) return parsed;
  if (parsed.ref.kind === "id") return { ok: true, id: parsed.ref.id };
  return session().objectTypes.resolve(parsed.ref);
}

/**
 * Which object-type inputs force a replacement: an unknown value, or one resolving to another id than the stored one.
 * `contact`, `contacts` and `0-1` are no change, nor are a custom object's id and its name: only the resolved id
 * matters.
 */
export async function objectTypeReplaces(
  session: SessionSource,
  news: PropertyBag,
  storedFromId: string,
  storedToId: string,
): Promise<string[]> {
  const replaces: string[] = [];
  for (const [key, storedId] of [
    ["fromObjectType", storedFromId],
    ["toObjectType", storedToId],
  ] as const) {
    const v = news[key];
    if (isUnknown(v)) {
      replaces.push(key);
      continue;
    }
    const r = await resolveObjectTypeValue(session, v);
    if (!r.ok || r.id !== storedId) replaces.push(key);
  }
  return replaces;
}

/**
 * The object type ids of a resource's stored state, whatever its shape: the stored ids, else those in the
 * resource id, else the stored object type names resolved (state written before ids were stored).
 */
export function storedPairIds(
  olds: PropertyBag,
  parsedId: { fromObjectTypeId: string; toObjectTypeId: string } | undefined,
): { fromId?: string; toId?: string } {
  const resolveOld = (v: unknown): string | undefined => {
    const r = resolveObjectType(v);
    return r.ok ? r.id : undefined;
  };
  return {
    fromId: optionalString(olds.fromObjectTypeId) ?? parsedId?.fromObjectTypeId ?? resolveOld(olds.fromObjectType),
    toId: optionalString(olds.toObjectTypeId) ?? parsedId?.toObjectTypeId ?? resolveOld(olds.toObjectType),
  };
}
