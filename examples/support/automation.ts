// Shared by the demo, the end-to-end tests and the benchmark: the pinned Pulumi CLI and an offline environment.
import { execFileSync } from "child_process";
import * as path from "path";
import * as auto from "@pulumi/pulumi/automation";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

let commandPromise: Promise<auto.PulumiCommand> | undefined;

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
 * Reproduced and checked in test/e2e/engine-channels.test.ts. Plain `pulumi up` with the Node.js language host runs
 * one program per process and is not affected.
 */
export function isolateEngineChannels(): void {
  // Internal to @pulumi/pulumi (pinned exactly in package.json): the options every runtime channel is created with.
  const options = (runtimeSettings as unknown as { grpcClientOptions?: Record<string, unknown> }).grpcClientOptions;
  if (options === undefined) throw new Error("@pulumi/pulumi no longer exports runtime/settings.grpcClientOptions: see isolateEngineChannels()");
  options["grpc.use_local_subchannel_pool"] = 1;
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

/** Environment for a fully offline run: a file backend, no update checks, no plugin downloads. */
export function offlineEnv(backendDir: string, pulumiHome: string, passphrase = "e2e-passphrase"): Record<string, string> {
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
