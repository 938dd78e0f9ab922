// What the provider takes from its surroundings, in one place: the HubSpot client it builds, where its notices go,
// the environment settings fall back to, and the stack config `configure()` delivered. The provider process has
// one ProviderHost; tests build their own with a runtime of their choosing, which is the only test seam.

import type { HubSpotApi } from "./hubspot/api";
import {
  ConfigSource,
  ExplicitSettings,
  HubSpotSettings,
  RawSettings,
  requireAccessToken,
  resolveSettings,
  settingsFromConfig,
} from "./config";
import { Session, sessionKey } from "./session";

/** @internal */
export interface ClientOptions {
  accessToken: string;
  baseUrl: string;
  maxRequestsPer10s: number;
}

/** @internal */
export interface ProviderRuntime {
  createClient(options: ClientOptions): HubSpotApi;
  /** One line for the user; the provider's stdout reaches the CLI's output (Pulumi >= 3.146). */
  notice(message: string): void;
  env: NodeJS.ProcessEnv;
}

/** Loaded lazily: check and diff mostly need no client, and previews must stay cheap. */
function createHubSpotClient(options: ClientOptions): HubSpotApi {
  const hubspot: typeof import("./hubspot") = require("./hubspot");
  return new hubspot.HubSpotClient(options);
}

/** @internal */
export function defaultRuntime(): ProviderRuntime {
  return {
    createClient: createHubSpotClient,
    notice: (message) => console.log(`hubspot: ${message}`),
    env: process.env,
  };
}

/**
 * One per provider process (and one per program process, for the lookups).
 * @internal
 */
export class ProviderHost {
  private configured: RawSettings | undefined;
  private readonly sessions = new Map<string, Session>();

  constructor(readonly runtime: ProviderRuntime) {}

  /** From the provider's `configure()`: both resource kinds receive the same stack config. */
  configure(config: ConfigSource): void {
    this.configured = settingsFromConfig(config);
  }

  settings(explicit?: ExplicitSettings): HubSpotSettings {
    return resolveSettings({ explicit, config: this.configured, env: this.runtime.env });
  }

  /** The session for the current settings; throws the missing-token error when there is no token. */
  session(explicit?: ExplicitSettings): Session {
    const settings = this.settings(explicit);
    const accessToken = requireAccessToken(settings);
    const key = sessionKey(settings);
    let session = this.sessions.get(key);
    if (!session) {
      const api = this.runtime.createClient({
        accessToken,
        baseUrl: settings.baseUrl,
        maxRequestsPer10s: settings.maxRequestsPer10s,
      });
      session = new Session(api, settings, this.runtime);
      this.sessions.set(key, session);
    }
    return session;
  }
}
