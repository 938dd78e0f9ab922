// A resource's `fromObjectType` and `toObjectType`, resolved to ids for this portal: standard types offline, custom
// objects by name through the session's one schemas read. Shared by both resource kinds.

import { CUSTOM_OBJECT_ID, ObjectTypeRef } from "../model";
import type { CheckFailure } from "./label/inputs";
import { SessionSource } from "./object-types";

export interface ResolvedPair {
  fromId?: string;
  toId?: string;
  failures: CheckFailure[];
  /** The ids, or one error listing the failures (for create, whose inputs check accepted). */
  require(): { fromId: string; toId: string };
}

export async function resolvePairInputs(
  session: SessionSource,
  from: ObjectTypeRef,
  to: ObjectTypeRef,
): Promise<ResolvedPair> {
  const failures: CheckFailure[] = [];
  const one = async (ref: ObjectTypeRef, property: string): Promise<string | undefined> => {
    if (ref.kind === "id" && !CUSTOM_OBJECT_ID.test(ref.id)) return ref.id;
    const r = await session().objectTypes.resolve(ref);
    if (r.ok) return r.id;
    failures.push({ property, reason: r.reason });
    return undefined;
  };
  const fromId = await one(from, "fromObjectType");
  const toId = await one(to, "toObjectType");
  return {
    fromId,
    toId,
    failures,
    require() {
      if (fromId === undefined || toId === undefined)
        throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
      return { fromId, toId };
    },
  };
}
