// Everything one Pulumi operation shares, passed explicitly into every CRUD function: one HubSpot client (so one
// rate limiter), the pair read cache, the object type resolver, the run's ledger, the re-plan policy, the notice
// channel, and the portal guard.

import { errorMessage } from "../model";
import { createHash } from "node:crypto";
import type { HubSpotApi, RetryTiming } from "./hubspot/api";
import type { HubSpotSettings } from "./config";
import { RunLedger } from "./ledger";
import { ObjectTypeResolver } from "./object-type-resolver";
import { PairCache } from "./pair-cache";
import { SharedOnce } from "./shared-once";

/** Hashed so that the map key is not one more copy of the token lying around in memory dumps. */
export function sessionKey(s: HubSpotSettings): string {
  return createHash("sha256")
    .update(JSON.stringify([s.accessToken, s.baseUrl, s.maxRequestsPer10s, s.portalId ?? ""]))
    .digest("hex");
}

export class PortalMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(
      `Refusing to work on HubSpot portal ${actual}: the access token belongs to portal ${actual}, but hubspot:portalId ` +
        `(or HUBSPOT_PORTAL_ID) says ${expected}. Use the token of portal ${expected}, or correct the portal id.`,
    );
    this.name = "PortalMismatchError";
  }
}

export class Session {
  readonly pairs: PairCache;
  readonly objectTypes: ObjectTypeResolver;
  readonly ledger = new RunLedger();
  /** The settings without the token. */
  readonly settings: Omit<HubSpotSettings, "accessToken">;
  private readonly portalCheck = new SharedOnce<void>();
  private readonly pairedDelete = new SharedOnce<boolean>();

  constructor(
    readonly api: HubSpotApi,
    settings: HubSpotSettings,
    private readonly runtime: { notice(message: string): void },
  ) {
    this.pairs = new PairCache(api);
    this.objectTypes = new ObjectTypeResolver(() => api.listCustomObjectSchemas());
    this.settings = {
      baseUrl: settings.baseUrl,
      portalId: settings.portalId,
      maxRequestsPer10s: settings.maxRequestsPer10s,
    };
  }

  /** The client's retry and time policy, for re-plans after a write whose outcome stayed unknown. */
  get retry(): RetryTiming {
    return this.api.retry;
  }

  notice(message: string): void {
    this.runtime.notice(message);
  }

  /**
   * Resolves when the token belongs to the configured portal (always, when none is configured). Called by `check`,
   * so that a stack pointed at the wrong portal fails its preview, and before every write. One account read per
   * session; a network failure is not cached, a mismatch is.
   */
  verifyPortal(): Promise<void> {
    const expected = this.settings.portalId?.trim();
    if (expected === undefined) return Promise.resolve();
    return this.portalCheck.get(
      () => this.checkPortal(expected),
      (err) => err instanceof PortalMismatchError,
    );
  }

  /**
   * Whether deleting one half of a paired label removes the other at this portal (HubSpot does not document it).
   * The first paired delete of the session that can tell finds out (see label/delete.ts); `probe` runs at most once
   * at a time, and an inconclusive probe (it throws) leaves the question open for the next delete.
   */
  pairedDeleteCascades(probe: () => Promise<boolean>): Promise<boolean> {
    return this.pairedDelete.get(probe);
  }

  private async checkPortal(expected: string): Promise<void> {
    let portalId: number;
    try {
      portalId = (await this.api.getAccountDetails()).portalId;
    } catch (err) {
      throw new Error(`Could not verify the HubSpot portal (hubspot:portalId is ${expected}): ${errorMessage(err)}`, {
        cause: err,
      });
    }
    if (String(portalId) !== expected) throw new PortalMismatchError(expected, String(portalId));
  }
}
