// One HubSpot client (and so one rate limiter and one read cache) per provider process and settings, shared by
// both resource kinds and by the lookups. Also the portal guard: before the first write of the process, check that
// the token belongs to the configured portal.

import { createHash } from "node:crypto";
import type { HubSpotApi } from "./hubspot/api";
import { HubSpotSettings, requireAccessToken, resolveSettings } from "./config";
import { PairCache } from "./pair-cache";

export interface ClientOptions {
  accessToken: string;
  baseUrl: string;
  maxRequestsPer10s: number;
}

export type ClientFactory = (opts: ClientOptions) => HubSpotApi;

export interface Session {
  readonly api: HubSpotApi;
  readonly pairs: PairCache;
  readonly settings: HubSpotSettings;
  /** Resolves once writes are allowed (portal guard passed); rejects with a clear error otherwise. */
  beforeWrite(): Promise<void>;
}

// Loaded lazily: check/diff never need the client, and previews must stay cheap.
const defaultFactory: ClientFactory = (opts) => {
  const mod: typeof import("./hubspot") = require("./hubspot");
  return new mod.HubSpotClient(opts);
};

let factory: ClientFactory = defaultFactory;
const sessions = new Map<string, Session>();

/** Tests only: substitute the client implementation (undefined restores the real one) and forget sessions. */
export function setClientFactory(f: ClientFactory | undefined): void {
  factory = f ?? defaultFactory;
  sessions.clear();
}

/** Tests only: forget every client, cache and portal check. */
export function resetSessions(): void {
  sessions.clear();
}

function keyOf(s: HubSpotSettings): string {
  // Hashed so that the map key is not one more copy of the token lying around in memory dumps.
  return createHash("sha256").update(JSON.stringify([s.accessToken, s.baseUrl, s.maxRequestsPer10s, s.portalId ?? ""])).digest("hex");
}

/** The session for the current settings (stack config over env); throws the missing-token error when needed. */
export function getSession(settings: HubSpotSettings = resolveSettings()): Session {
  const accessToken = requireAccessToken(settings);
  const key = keyOf(settings);
  const existing = sessions.get(key);
  if (existing) return existing;
  const api = factory({ accessToken, baseUrl: settings.baseUrl, maxRequestsPer10s: settings.maxRequestsPer10s });
  let guard: Promise<void> | undefined;
  const session: Session = {
    api,
    pairs: new PairCache(api),
    settings: { ...settings, accessToken: undefined },
    beforeWrite(): Promise<void> {
      if (settings.portalId === undefined) return Promise.resolve();
      if (!guard) {
        guard = checkPortal(api, settings.portalId).catch((err: unknown) => {
          // A network failure must not poison the guard for the rest of the process; a mismatch stays cached
          // by re-throwing the same verdict on every call (the check itself is cheap to repeat only on errors).
          if (!(err instanceof PortalMismatchError)) guard = undefined;
          throw err;
        });
      }
      return guard;
    },
  };
  sessions.set(key, session);
  return session;
}

export class PortalMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(
      `Refusing to write to HubSpot: the access token belongs to portal ${actual}, but hubspot:portalId ` +
        `(or HUBSPOT_PORTAL_ID) says ${expected}. Use the token of portal ${expected}, or correct the portal id.`,
    );
    this.name = "PortalMismatchError";
  }
}

async function checkPortal(api: HubSpotApi, expected: string): Promise<void> {
  let details;
  try {
    details = await api.getAccountDetails();
  } catch (err) {
    throw new Error(
      `Could not verify the HubSpot portal before writing (hubspot:portalId is ${expected}): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const actual = String(details.portalId);
  if (actual !== expected.trim()) throw new PortalMismatchError(expected.trim(), actual);
}
