// How a command reaches a live portal: the provider's own settings resolution (provider/config.ts), with the
// command's flags as explicit settings over the environment over the defaults, and the provider's session, so that
// the portal guard (`HUBSPOT_PORTAL_ID`), the rate limiter and the retries are the ones `pulumi up` uses. The token
// comes from the environment only (a flag would leave it in the shell history); `--token-env` names another variable.
import { errorMessage } from "../../model";
import { DEFAULT_BASE_URL, ExplicitSettings, SETTING_KEYS } from "../../provider/config";
import { defaultRuntime, ProviderHost } from "../../provider/runtime";
import type { Session } from "../../provider/session";
import { FlagSpec, flagValue, ParsedArgs } from "./args";
import { CommandIo } from "./io";

export const PORTAL_FLAGS: readonly FlagSpec[] = [
  { name: "base-url", takesValue: true },
  { name: "token-env", takesValue: true },
];

export const PORTAL_FLAGS_USAGE = `  --base-url URL        HubSpot API base URL (default: $${SETTING_KEYS.baseUrl.env}, else ${DEFAULT_BASE_URL})
  --token-env NAME      environment variable holding the token (default: ${SETTING_KEYS.accessToken.env})`;

/** Whether the command line gave a portal flag (a usage error where the command reads no portal). */
export function portalFlagGiven(args: ParsedArgs): string | undefined {
  return PORTAL_FLAGS.map((f) => f.name).find((name) => args.flags.has(name));
}

export type PortalConnection = { ok: true; session: Session } | { ok: false; message: string };

/**
 * The session for the settings the command line and environment give; `purpose` completes "... is not set; ...".
 * Builds nothing that talks to HubSpot yet: the first request is the caller's.
 */
export function connectPortal(args: ParsedArgs, io: CommandIo, purpose: string): PortalConnection {
  const tokenEnv = flagValue(args, "token-env");
  const variable = tokenEnv ?? SETTING_KEYS.accessToken.env;
  // `--token-env NAME` means that variable and no other: an unset NAME must not fall back to HUBSPOT_ACCESS_TOKEN.
  const token = io.env[variable]?.trim();
  if (!token) return { ok: false, message: `${variable} is not set; ${purpose} with a private-app or OAuth token` };
  const explicit: ExplicitSettings = { accessToken: token, baseUrl: flagValue(args, "base-url") };
  const host = new ProviderHost({
    ...defaultRuntime(),
    env: io.env,
    notice: (m) => io.err(`hubspot-associations: ${m}\n`),
  });
  try {
    return { ok: true, session: host.session(explicit) };
  } catch (e) {
    // resolveSettings refuses a malformed HUBSPOT_MAX_REQUESTS_PER_10S, naming it.
    return { ok: false, message: errorMessage(e) };
  }
}
