// Shared by the demo, the end-to-end tests and the benchmark: the pinned Pulumi CLI and an offline environment.
import { execFileSync } from "child_process";
import * as path from "path";
import * as auto from "@pulumi/pulumi/automation";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

let commandPromise: Promise<auto.PulumiCommand> | undefined;

/** The pinned Pulumi CLI (from PATH, the cache, or built once from Go modules by scripts/pulumi-cli.sh). */
export function pulumiCommand(): Promise<auto.PulumiCommand> {
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
