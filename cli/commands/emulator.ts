// `hubspot-associations emulator [...]`: start the local HubSpot emulator, print its URL and token, run until
// SIGINT/SIGTERM. Exit codes: 0 ok (or --help), 1 user error (unreadable state file, port in use), 2 usage.
import { CustomObjectSpec, EmulatorOptions, startEmulator } from "../../emulator";
import { isLoopbackHost } from "../../emulator/request-guards";
import { flagValue, flagValues, parseArgs, ParsedArgs } from "./args";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";

export const EMULATOR_USAGE = `Usage: hubspot-associations emulator [options]

Run the local HubSpot emulator (association labels, limits, records) until interrupted.

Options:
  --port N          TCP port (default 0 = any free port)
  --host H          listen address (default 127.0.0.1; anything else is reachable from other machines)
  --state FILE      load state from FILE at start and persist every change to it before answering
  --token T         accepted bearer token (repeatable; each gets every scope).
                    Default: a fixed development token, printed at start
  --portal-id N     portal id reported by /account-info/v3/details (default 12345678)
  --rate-limit N    requests per rolling 10 s per token (default 100; 0 disables)
  --daily-limit N   requests per day per token (default 250000; 0 disables)
  --custom-object NAME[:SINGULAR[:PLURAL]]
                    a custom object to start with (repeatable); it gets a 2-<n> id of its own,
                    printed at start, and is addressed as 2-<n>, p_NAME or p<portalId>_NAME
  --help            show this help

The control endpoints (/__emulator/...) take the same token as the API.
`;

const FLAGS = ["port", "host", "state", "token", "portal-id", "rate-limit", "daily-limit", "custom-object"].map(
  (name) => ({ name, takesValue: true }),
);

class UsageError extends Error {}

function intFlag(args: ParsedArgs, flag: string, min: number, max: number): number | undefined {
  const v = flagValue(args, flag);
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v)) throw new UsageError(`--${flag} needs a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`--${flag} must be between ${min} and ${max}`);
  return n;
}

/** `NAME[:SINGULAR[:PLURAL]]`; the name's own rules are the emulator's (a bad one fails the start, exit 1). */
function customObjectFlag(value: string): CustomObjectSpec {
  const parts = value.split(":");
  if (parts.length > 3 || parts.some((p) => p.trim() === ""))
    throw new UsageError(`--custom-object takes NAME[:SINGULAR[:PLURAL]], got '${value}'`);
  const [name = "", singular, plural] = parts;
  return { name, ...(singular !== undefined ? { singular } : {}), ...(plural !== undefined ? { plural } : {}) };
}

/** The options the flags ask for, or "help". Throws UsageError. */
export function emulatorOptionsFromArgs(argv: string[]): EmulatorOptions | "help" {
  const parsed = parseArgs(argv, FLAGS);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const args = parsed.args;
  if (args.help) return "help";
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const opts: EmulatorOptions = {};
  const set = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined): void => {
    if (value !== undefined) opts[key] = value;
  };
  set("port", intFlag(args, "port", 0, 65535));
  set("host", flagValue(args, "host"));
  set("stateFile", flagValue(args, "state"));
  set("portalId", intFlag(args, "portal-id", 1, Number.MAX_SAFE_INTEGER));
  set("rateLimitPer10s", intFlag(args, "rate-limit", 0, 1_000_000));
  set("dailyLimit", intFlag(args, "daily-limit", 0, 1_000_000_000));
  const tokens = flagValues(args, "token");
  if (tokens.length > 0) opts.tokens = tokens;
  const customObjects = flagValues(args, "custom-object").map(customObjectFlag);
  if (customObjects.length > 0) opts.customObjects = customObjects;
  return opts;
}

export interface EmulatorCommandIo extends Pick<CommandIo, "out" | "err"> {
  /** Resolves when the emulator should stop; default waits for SIGINT/SIGTERM. */
  waitForStop?: () => Promise<void>;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function runEmulatorCommand(argv: string[], io: EmulatorCommandIo): Promise<number> {
  let opts: EmulatorOptions | "help";
  try {
    opts = emulatorOptionsFromArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`hubspot-associations emulator: ${e.message}\n\n${EMULATOR_USAGE}`);
    return EXIT_USAGE;
  }
  if (opts === "help") {
    io.out(EMULATOR_USAGE);
    return EXIT_OK;
  }
  if (opts.host !== undefined && !isLoopbackHost(opts.host)) {
    io.err(
      `hubspot-associations emulator: warning: --host ${opts.host} makes the emulator reachable from other machines. ` +
        `Anyone who can reach it and knows a token can read and change its state, and the token is printed below. ` +
        `Use it only on a network you trust, with a token of your own (--token).\n`,
    );
  }
  let emu;
  try {
    emu = await startEmulator(opts);
  } catch (e) {
    io.err(`hubspot-associations emulator: ${(e as Error).message}\n`);
    return EXIT_USER_ERROR;
  }
  io.out(`HubSpot emulator listening on ${emu.url}\n`);
  io.out(`portal id: ${emu.portalId}\n`);
  io.out(`token: ${emu.token}\n`);
  io.out(`export HUBSPOT_BASE_URL=${emu.url} HUBSPOT_ACCESS_TOKEN=${emu.token}\n`);
  for (const c of emu.state().customObjects)
    io.out(`custom object: ${c.name} ${c.objectTypeId} (p_${c.name}, p${emu.portalId}_${c.name})\n`);
  if (opts.stateFile) io.out(`state file: ${opts.stateFile}\n`);
  await (io.waitForStop ?? waitForSignal)();
  await emu.close();
  io.out("emulator stopped\n");
  return EXIT_OK;
}
