// Provider settings: stack config (delivered through the dynamic provider's `configure()`) wins over the
// environment of the process, which wins over defaults. The one resolution used by the provider, the lookups and
// the CLI. Nothing here is ever captured into the serialized provider: the shim only forwards `configure(req)` at
// run time, and the token lives in this process's memory only.

export const DEFAULT_BASE_URL = "https://api.hubapi.com";
export const DEFAULT_MAX_REQUESTS_PER_10S = 100;

export const MISSING_TOKEN_MESSAGE =
  "No HubSpot access token: set it with `pulumi config set --secret hubspot:accessToken ...` or the HUBSPOT_ACCESS_TOKEN environment variable";

/** The config keys and the environment variables they fall back to. */
export const SETTING_KEYS = {
  accessToken: { config: "hubspot:accessToken", env: "HUBSPOT_ACCESS_TOKEN" },
  baseUrl: { config: "hubspot:baseUrl", env: "HUBSPOT_BASE_URL" },
  portalId: { config: "hubspot:portalId", env: "HUBSPOT_PORTAL_ID" },
  maxRequestsPer10s: { config: "hubspot:maxRequestsPer10s", env: "HUBSPOT_MAX_REQUESTS_PER_10S" },
} as const;

export type SettingName = keyof typeof SETTING_KEYS;
/** Settings given directly (options of the lookups and the CLI), over every other source. */
export type ExplicitSettings = Partial<Record<SettingName, string | number | undefined>>;
/** Settings as given (strings), before defaults and checks. */
export type RawSettings = Partial<Record<SettingName, string>>;

export interface HubSpotSettings {
  /** Undefined when no source holds one; only an API call needs it (see requireAccessToken). */
  accessToken?: string;
  baseUrl: string;
  portalId?: string;
  maxRequestsPer10s: number;
}

/** What `configure(req)` hands us: Pulumi's dynamic ConfigureRequest.config (values are strings, secrets unwrapped). */
export interface ConfigSource {
  get(key: string): unknown;
}

function asSetting(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
  return s !== undefined && s.trim() !== "" ? s.trim() : undefined;
}

/** The `hubspot:*` keys of a stack config (from `configure()` or, in a program, `pulumi.Config`). */
export function settingsFromConfig(config: ConfigSource): RawSettings {
  const raw: RawSettings = {};
  for (const name of Object.keys(SETTING_KEYS) as SettingName[]) {
    const v = asSetting(config.get(SETTING_KEYS[name].config));
    if (v !== undefined) raw[name] = v;
  }
  return raw;
}

/**
 * The effective settings, source by source and key by key: `explicit` (options of lookups and the CLI) over `config`
 * (stack config) over `env` over defaults.
 */
export function resolveSettings(
  sources: { explicit?: ExplicitSettings; config?: RawSettings; env?: NodeJS.ProcessEnv } = {},
): HubSpotSettings {
  const env = sources.env ?? process.env;
  const pick = (name: SettingName): string | undefined =>
    asSetting(sources.explicit?.[name]) ?? sources.config?.[name] ?? asSetting(env[SETTING_KEYS[name].env]);
  const baseUrl = (pick("baseUrl") ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const budgetText = pick("maxRequestsPer10s");
  let maxRequestsPer10s = DEFAULT_MAX_REQUESTS_PER_10S;
  if (budgetText !== undefined) {
    const n = Number(budgetText);
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(
        `hubspot:maxRequestsPer10s (or HUBSPOT_MAX_REQUESTS_PER_10S) must be a positive integer, got "${budgetText}"`,
      );
    }
    maxRequestsPer10s = n;
  }
  return { accessToken: pick("accessToken"), baseUrl, portalId: pick("portalId"), maxRequestsPer10s };
}

export function requireAccessToken(settings: HubSpotSettings): string {
  if (!settings.accessToken) throw new Error(MISSING_TOKEN_MESSAGE);
  return settings.accessToken;
}
