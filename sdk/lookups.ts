// Lookups: plain async functions that run in the PROGRAM process (not the provider process), over the same client
// code. Settings: explicit options (for scripts) > stack config `hubspot:*` (inside a Pulumi program) > environment.
import * as pulumi from "@pulumi/pulumi";
import { knownPairs } from "../model";
import { defaultRuntime, ProviderHost } from "../provider";
import type { ConfigSource } from "../provider/config";
import type { AssociationCategory } from "../provider/hubspot/api";
import { resolveObjectTypeValue } from "../provider/object-types";
import type { Session } from "../provider/session";

export interface LookupOptions {
  accessToken?: string;
  baseUrl?: string;
  maxRequestsPer10s?: number;
}

export interface AssociationLabelInfo {
  fromObjectTypeId: string;
  toObjectTypeId: string;
  category: AssociationCategory;
  typeId: number;
  /** null for the pair's unlabeled default type. */
  label: string | null;
}

export interface AssociationLimitInfo {
  /** Absent only for `getAssociationLimits({})`: HubSpot's portal-wide listing does not say which pair. */
  fromObjectTypeId?: string;
  toObjectTypeId?: string;
  category: AssociationCategory;
  typeId: number;
  label: string | null;
  maxToObjectIds: number;
}

let programHost: ProviderHost | undefined;

/** The stack's `hubspot:*` config inside a Pulumi program; nothing outside one. */
function programConfig(): ConfigSource {
  return {
    get(key: string): unknown {
      try {
        const [namespace, name] = key.split(":");
        return new pulumi.Config(namespace).get(name ?? "");
      } catch {
        return undefined; // outside a Pulumi program there is no stack config
      }
    },
  };
}

/** The lookups' session in this (program) process: options over stack config over the environment. */
function session(opts?: LookupOptions): Session {
  programHost ??= new ProviderHost(defaultRuntime());
  programHost.configure(programConfig());
  return programHost.session({
    accessToken: opts?.accessToken,
    baseUrl: opts?.baseUrl,
    maxRequestsPer10s: opts?.maxRequestsPer10s,
  });
}

async function objectTypeIdOf(s: Session, v: string, what: string): Promise<string> {
  const r = await resolveObjectTypeValue(() => s, v);
  if (!r.ok) throw new Error(`${what}: ${r.reason}`);
  return r.id;
}

/** Every association type (HubSpot-defined and user-defined labels) of a directed pair, sorted by typeId. */
export async function getAssociationLabels(
  args: { fromObjectType: string; toObjectType: string },
  opts?: LookupOptions,
): Promise<AssociationLabelInfo[]> {
  const s = session(opts);
  const fromId = await objectTypeIdOf(s, args.fromObjectType, "fromObjectType");
  const toId = await objectTypeIdOf(s, args.toObjectType, "toObjectType");
  const labels = await s.pairs.labelsOf(fromId, toId, { fresh: true });
  return labels
    .map((l) => ({
      fromObjectTypeId: fromId,
      toObjectTypeId: toId,
      category: l.category,
      typeId: l.typeId,
      label: l.label,
    }))
    .sort((a, b) => a.typeId - b.typeId);
}

/**
 * Custom limits. Both object types: that pair (one request). One of them: every standard pair on that side our
 * table knows (one request per pair). Neither: the portal-wide listing (one request; no pair ids in it).
 */
export async function getAssociationLimits(
  args: { fromObjectType?: string; toObjectType?: string } = {},
  opts?: LookupOptions,
): Promise<AssociationLimitInfo[]> {
  const s = session(opts);
  const fromId =
    args.fromObjectType !== undefined ? await objectTypeIdOf(s, args.fromObjectType, "fromObjectType") : undefined;
  const toId = args.toObjectType !== undefined ? await objectTypeIdOf(s, args.toObjectType, "toObjectType") : undefined;
  const toInfo = (c: {
    category: AssociationCategory;
    typeId: number;
    label?: string | null;
    userEnforcedMaxToObjectIds?: number;
  }) => ({
    category: c.category,
    typeId: c.typeId,
    label: c.label ?? null,
    maxToObjectIds: c.userEnforcedMaxToObjectIds as number,
  });
  if (fromId === undefined && toId === undefined) {
    const all = await s.api.listAllLimits();
    return all.filter((c) => c.userEnforcedMaxToObjectIds !== undefined).map(toInfo);
  }
  const pairs: [string, string][] =
    fromId !== undefined && toId !== undefined ? [[fromId, toId]] : knownPairs({ fromId, toId });
  const perPair = await Promise.all(
    pairs.map(async ([f, t]) =>
      (await s.pairs.limitsOf(f, t, { fresh: true }))
        .filter((c) => c.userEnforcedMaxToObjectIds !== undefined)
        .map((c) => ({ fromObjectTypeId: f, toObjectTypeId: t, ...toInfo(c) }))
        .sort((a, b) => a.typeId - b.typeId),
    ),
  );
  return perPair.flat();
}
