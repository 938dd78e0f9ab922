// Provider settings: stack config (delivered through the dynamic provider's `configure()`) wins over the
// environment of the provider process. Nothing here is ever captured into the serialized provider: the shim only
// forwards `configure(req)` at run time, and the token lives in this process's memory only.

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

type SettingName = keyof typeof SETTING_KEYS;
type RawSettings = Partial<Record<SettingName, string>>;

export interface HubSpotSettings {
  /** Undefined when neither config nor env holds one; only an API call needs it (see requireAccessToken). */
  accessToken?: string;
  baseUrl: string;
  portalId?: string;
  maxRequestsPer10s: number;
}

/** What `configure(req)` hands us: Pulumi's dynamic ConfigureRequest.config (values are strings, secrets unwrapped). */
export interface ConfigSource {
  get(key: string): unknown;
}

// Process-wide: both resource kinds receive the same stack config, so the last configure() wins harmlessly.
let configured: RawSettings | undefined;

function asSetting(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
  return s !== undefined && s.trim() !== "" ? s.trim() : undefined;
}

/** Called from the provider's `configure()`. */
export function applyProviderConfig(config: ConfigSource): void {
  const raw: RawSettings = {};
  for (const name of Object.keys(SETTING_KEYS) as SettingName[]) {
    const v = asSetting(config.get(SETTING_KEYS[name].config));
    if (v !== undefined) raw[name] = v;
  }
  configured = raw;
}

/** Tests only: forget what configure() delivered. */
export function resetProviderConfig(): void {
  configured = undefined;
}

/**
 * Resolves the effective settings: stack config (when configure() ran) over the environment over defaults.
 * `explicit` (lookups called from scripts) wins over both.
 */
export function resolveSettings(explicit?: Partial<Record<SettingName, string | number | undefined>>, env: NodeJS.ProcessEnv = process.env): HubSpotSettings {
  const pick = (name: SettingName): string | undefined =>
    asSetting(explicit?.[name]) ?? configured?.[name] ?? asSetting(env[SETTING_KEYS[name].env]);
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
