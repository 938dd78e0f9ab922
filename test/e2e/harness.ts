// End-to-end harness: the real Pulumi CLI, driven through the Automation API, against the emulator.
//
// Inline programs: the CLI attaches to the SDK's in-process language runtime, which makes many scenarios cheap to
// vary from one test process (test/examples/ runs the example projects through the Node.js language host, as users
// do). The program runs in this test process; the dynamic provider runs in its own process, started by the engine with the
// workspace directory as its working directory. That directory sits under the repository (in .state/, which
// git ignores) so that `@pulumi/pulumi` and `pulumi-hubspot-associations` resolve from the repo's node_modules.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as auto from "@pulumi/pulumi/automation";

import { offlineEnv, pulumiCommand, repoRoot } from "../../examples/support/automation";

export { offlineEnv, pulumiCommand, repoRoot };

export interface TestStackOptions {
  program: auto.PulumiFn;
  projectName?: string;
  /** Stack config, e.g. `{ "hubspot:accessToken": { value, secret: true } }`. */
  config?: Record<string, auto.ConfigValue>;
  /** Extra environment for the CLI and (inherited) the provider process. */
  env?: Record<string, string>;
  /** Query string for the file backend's URL, e.g. `metadata=skip` (no `.attrs` sidecar files). */
  backendQuery?: string;
}

export interface TestStack {
  stack: auto.Stack;
  workDir: string;
  /** The file backend's directory (its `.pulumi/` holds stacks, locks, history, backups). */
  backendDir: string;
  /** Everything the CLI printed across all commands run through `run()`. */
  transcript: string[];
  /** Runs one command capturing its output into the transcript. */
  up(opts?: auto.UpOptions): Promise<auto.UpResult>;
  preview(opts?: auto.PreviewOptions): Promise<auto.PreviewResult>;
  refresh(opts?: auto.RefreshOptions): Promise<auto.RefreshResult>;
  destroy(opts?: auto.DestroyOptions): Promise<auto.DestroyResult>;
  /** `pulumi stack export` as a user runs it (secrets stay encrypted). */
  exportState(): Promise<string>;
  /** Every file of the state backend as stored on disk, concatenated. */
  rawState(): string;
  dispose(): Promise<void>;
}

/** Stack config pointing the provider at an emulator (or anything with a URL and a token); the token as a secret. */
export function emulatorConfig(emu: { url: string; token: string }): Record<string, auto.ConfigValue> {
  return {
    "hubspot:baseUrl": { value: emu.url },
    "hubspot:accessToken": { value: emu.token, secret: true },
  };
}

let counter = 0;

/** Every file below `dir`, concatenated (as latin1, so any byte survives); empty when `dir` does not exist. */
export function readTree(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? readTree(p) : fs.readFileSync(p, "latin1");
    })
    .join("\n");
}

export async function createTestStack(opts: TestStackOptions): Promise<TestStack> {
  const scratch = path.join(repoRoot, ".state", "e2e");
  fs.mkdirSync(scratch, { recursive: true });
  const base = fs.mkdtempSync(path.join(scratch, `run-${process.pid}-${++counter}-`));
  const workDir = path.join(base, "work");
  const backendDir = path.join(base, "backend");
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
  fs.mkdirSync(workDir);
  fs.mkdirSync(backendDir);
  const projectName = opts.projectName ?? "hubspot-e2e";
  const backendUrl = `file://${backendDir}${opts.backendQuery ? `?${opts.backendQuery}` : ""}`;
  const envVars = { ...offlineEnv(backendDir, pulumiHome), PULUMI_BACKEND_URL: backendUrl, ...(opts.env ?? {}) };
  const cli = await pulumiCommand();
  // How many times the inline program ran to its end. The SDK takes a gRPC UNAVAILABLE/CANCELLED before or during
  // the program for "the engine is shutting down" and may end the run without an error, and the engine then deletes
  // every resource the program did not register. isolateEngineChannels() (applied by pulumiCommand()) removed the
  // cause seen here; should it come back in another form, the `up` or `preview` fails here, loudly.
  let completed = 0;
  const counted: auto.PulumiFn = async () => {
    const out = await opts.program();
    completed++;
    return out;
  };
  const ranProgram = async <T>(what: string, p: () => Promise<T>): Promise<T> => {
    const before = completed;
    const r = await p();
    if (completed === before) {
      throw new Error(
        `the inline program did not run to its end during this ${what}, yet the Automation API reported success: ${JSON.stringify(r).slice(0, 4000)}`,
      );
    }
    return r;
  };
  const stackName = "organization/" + projectName + "/test";
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName, projectName, program: counted },
    {
      workDir,
      pulumiHome,
      envVars,
      pulumiCommand: cli,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: backendUrl } },
    },
  );
  if (opts.config) await stack.setAllConfig(opts.config);
  const transcript: string[] = [];
  const onOutput = (s: string): void => {
    transcript.push(s);
  };
  const onError = (s: string): void => {
    transcript.push(s);
  };
  const capture = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      transcript.push(String(e));
      throw e;
    }
  };
  return {
    stack,
    workDir,
    backendDir,
    transcript,
    up: (o) => capture(ranProgram("up", () => stack.up({ onOutput, onError, ...o }))),
    preview: (o) => capture(ranProgram("preview", () => stack.preview({ onOutput, onError, ...o }))),
    refresh: (o) => capture(stack.refresh({ onOutput, onError, ...o })),
    destroy: (o) => capture(stack.destroy({ onOutput, onError, ...o })),
    // Not stack.exportStack(): the Automation API passes --show-secrets, which decrypts secrets on purpose.
    exportState: async () =>
      execFileSync(cli.command, ["stack", "export", "--stack", stackName], {
        cwd: workDir,
        env: { ...process.env, ...envVars },
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: ["ignore", "pipe", "pipe"], // a failure's stderr goes into the thrown error, not the test log
      }),
    rawState: () => readTree(backendDir),
    dispose: async () => {
      fs.rmSync(base, { recursive: true, force: true });
      fs.rmSync(pulumiHome, { recursive: true, force: true });
    },
  };
}
