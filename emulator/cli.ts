// `hubspot-associations emulator [...]`: parse flags, start the server, print URL and token, run until
// SIGINT/SIGTERM. Exit codes: 0 ok, 1 user error (bad state file, port in use), 2 usage.
import { startEmulator } from "./start";
import { EmulatorOptions } from "./types";

export const EMULATOR_USAGE = `Usage: hubspot-associations emulator [options]

Run the local HubSpot emulator (association labels, limits, records) until interrupted.

Options:
  --port N          TCP port on 127.0.0.1 (default 0 = any free port)
  --host H          listen address (default 127.0.0.1)
  --state FILE      load state from FILE at start and persist changes to it (atomic writes)
  --token T         accepted bearer token (repeatable; each gets every scope).
                    Default: a fixed development token, printed at start
  --portal-id N     portal id reported by /account-info/v3/details (default 12345678)
  --rate-limit N    requests per rolling 10 s per token (default 100; 0 disables)
  --daily-limit N   requests per day per token (default 250000; 0 disables)
  --help            show this help
`;

class UsageError extends Error {}

function intArg(flag: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined || !/^[0-9]+$/.test(v)) throw new UsageError(`${flag} needs a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return n;
}

export function parseEmulatorArgs(argv: string[]): EmulatorOptions | "help" {
  const opts: EmulatorOptions = {};
  const tokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (a) {
      case "--help":
      case "-h":
        return "help";
      case "--port":
        opts.port = intArg(a, next(), 0, 65535);
        break;
      case "--host": {
        const v = next();
        if (!v) throw new UsageError("--host needs a value");
        opts.host = v;
        break;
      }
      case "--state": {
        const v = next();
        if (!v) throw new UsageError("--state needs a file name");
        opts.stateFile = v;
        break;
      }
      case "--token": {
        const v = next();
        if (!v) throw new UsageError("--token needs a value");
        tokens.push(v);
        break;
      }
      case "--portal-id":
        opts.portalId = intArg(a, next(), 1, Number.MAX_SAFE_INTEGER);
        break;
      case "--rate-limit":
        opts.rateLimitPer10s = intArg(a, next(), 0, 1_000_000);
        break;
      case "--daily-limit":
        opts.dailyLimit = intArg(a, next(), 0, 1_000_000_000);
        break;
      default:
        throw new UsageError(`unknown argument '${argv[i]}'`);
    }
  }
  if (tokens.length > 0) opts.tokens = tokens;
  return opts;
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Resolves when the process should stop; default waits for SIGINT/SIGTERM. */
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

export async function runEmulatorCli(argv: string[], io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let opts: EmulatorOptions | "help";
  try {
    opts = parseEmulatorArgs(argv);
  } catch (e) {
    io.err(`hubspot-associations emulator: ${(e as Error).message}\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  if (opts === "help") {
    io.out(EMULATOR_USAGE);
    return 0;
  }
  let emu;
  try {
    emu = await startEmulator(opts);
  } catch (e) {
    io.err(`hubspot-associations emulator: ${(e as Error).message}\n`);
    return 1;
  }
  io.out(`HubSpot emulator listening on ${emu.url}\n`);
  io.out(`portal id: ${emu.portalId}\n`);
  io.out(`token: ${emu.token}\n`);
  io.out(`export HUBSPOT_BASE_URL=${emu.url} HUBSPOT_ACCESS_TOKEN=${emu.token}\n`);
  if (opts.stateFile) io.out(`state file: ${opts.stateFile}\n`);
  await (io.waitForStop ?? waitForSignal)();
  await emu.close();
  io.out("emulator stopped\n");
  return 0;
}
