// Shared by the demo, the end-to-end tests and the benchmark: the pinned Pulumi CLI and an offline environment.
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import * as auto from "@pulumi/pulumi/automation";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

let commandPromise: Promise<auto.PulumiCommand> | undefined;

/** The SDK's runtime settings module, as far as isolateEngineChannels() reads it (all of it is SDK-internal). */
export interface RuntimeSettingsModule {
  grpcClientOptions?: unknown;
  grpcChannelOptions?: unknown;
}

const SUBCHANNEL_POOL = "grpc.use_local_subchannel_pool";
const installedSettings = runtimeSettings as unknown as RuntimeSettingsModule;

/**
 * The option objects the installed SDK creates its engine and resource-monitor channels with. They are internal to
 * @pulumi/pulumi: `runtime/settings.grpcClientOptions` (3.248 and 3.276: it adds a tracing interceptor and is built
 * once from grpcChannelOptions, so both are set) and `grpcChannelOptions` (what 3.216 passes). Empty when the SDK
 * exports neither.
 */
export function runtimeChannelOptions(settings: RuntimeSettingsModule = installedSettings): Record<string, unknown>[] {
  return [settings.grpcClientOptions, settings.grpcChannelOptions].filter(
    (o): o is Record<string, unknown> => typeof o === "object" && o !== null && !Array.isArray(o),
  );
}

let warnedUnsupported = false;

/**
 * Keeps the gRPC channels of successive inline-program runs in one process apart. Without this, a run can start
 * with its program never invoked and the Automation API still report success, so that the engine deletes every
 * resource of the stack (seen in this repo's tests: "delete: 35" from an `up` of an unchanged program).
 *
 * How: for each run the SDK's in-process language runtime opens channels to that run's resource monitor and
 * engine, and never closes them. grpc-js shares connections ("subchannels") between channels to the same address
 * through a process-wide pool. When a later run's CLI happens to listen on a port an earlier, finished CLI used
 * (ephemeral ports come round), the new channel picks up the old subchannel, still backing off after failing to
 * reconnect to the dead CLI, and its first calls fail at once with `UNAVAILABLE: No connection established. Last
 * error: null`. Those first calls are the feature queries made before the program starts; the SDK takes UNAVAILABLE
 * for "the engine is shutting down" and ends the run without an error. A channel-local pool removes the sharing.
 * Reproduced in test/e2e/engine-channels.test.ts, which shows the bug in 3.216.0, 3.248.0 and 3.276.0.
 * Plain `pulumi up` with the Node.js language host runs one program per process and is not affected.
 *
 * Decided by what the SDK has, not by its version: where its channel options already ask for a local pool there is
 * nothing to do; where it exports no channel options the workaround cannot apply, and that is said once on stderr
 * (runs still work; only the port-reuse case above is exposed again), never thrown.
 * Returns what it did: "isolated", "already isolated" or "unsupported".
 */
export function isolateEngineChannels(
  settings: RuntimeSettingsModule = installedSettings,
): "isolated" | "already isolated" | "unsupported" {
  const all = runtimeChannelOptions(settings);
  if (all.length === 0) {
    if (!warnedUnsupported) {
      warnedUnsupported = true;
      console.error(
        "pulumi-hubspot-associations: this @pulumi/pulumi exports no runtime gRPC channel options " +
          "(runtime/settings.grpcClientOptions or grpcChannelOptions), so inline runs in one process keep sharing " +
          "engine connections; a run whose CLI reuses an earlier run's port may end without running its program. " +
          "See isolateEngineChannels() in examples/support/automation.ts.",
      );
    }
    return "unsupported";
  }
  if (all.every((o) => o[SUBCHANNEL_POOL] === 1)) return "already isolated";
  for (const o of all) o[SUBCHANNEL_POOL] = 1;
  return "isolated";
}

/** The pinned Pulumi CLI (from PATH, the cache, or built once from Go modules by scripts/pulumi-cli.sh). */
export function pulumiCommand(): Promise<auto.PulumiCommand> {
  // Everything here that runs the CLI runs inline programs, often many in one process.
  isolateEngineChannels();
  if (!commandPromise) {
    const root = execFileSync("bash", [path.join(repoRoot, "scripts", "pulumi-cli.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    }).trim();
    commandPromise = auto.PulumiCommand.get({ root, skipVersionCheck: false });
  }
  return commandPromise;
}

/**
 * The directory holding the Node.js language host (`pulumi-language-nodejs`) for the CLI that pulumiCommand() uses,
 * for running a project directory the way users do (`pulumi up` with `runtime: nodejs`); put it first on the CLI's
 * PATH. `missing` says why there is none (scripts/pulumi-cli.sh exit 3): a test must then say so and skip, which
 * .ci/run counts as a failed run. Any other failure of the script throws.
 */
export function languageHost(): { dir: string } | { missing: string } {
  const r = spawnSync("bash", [path.join(repoRoot, "scripts", "pulumi-cli.sh"), "--language-host"], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status === 0) return { dir: r.stdout.trim() };
  if (r.status === 3) return { missing: r.stderr.trim() };
  throw new Error(`scripts/pulumi-cli.sh --language-host failed (${r.status ?? r.signal}): ${r.stderr.trim()}`);
}

/** Environment for a fully offline run: a file backend, no update checks, no plugin downloads. */
export function offlineEnv(
  backendDir: string,
  pulumiHome: string,
  passphrase = "e2e-passphrase",
): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_HOME: pulumiHome,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
  };
}

/**
 * `pulumi preview --json` for an inline-program stack: the Automation API has no `json` option, so the stack's
 * command runner is wrapped for that one call to add the flag users run in CI.
 */
export async function previewJson(stack: auto.Stack): Promise<string> {
  type Runner = (args: string[], ...rest: unknown[]) => Promise<{ stdout: string }>;
  const s = stack as unknown as { runPulumiCmd: Runner };
  const original = s.runPulumiCmd;
  s.runPulumiCmd = (args, ...rest) => original.call(stack, [...args, "--json"], ...rest);
  try {
    return (await stack.preview()).stdout;
  } finally {
    s.runPulumiCmd = original;
  }
}
