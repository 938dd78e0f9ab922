// Runs an example project the way its README says, through `pulumi` and the Node.js language host: the README's
// "Try it on the emulator" section is the script. Its `npx hubspot-associations emulator ...` lines start emulators
// (as background processes, as a user's second terminal would), `npm install` is the project's one install, and
// every other line runs, in order, in one bash with -euo pipefail in the project directory. A README that loses a
// step, or gains one that does not work, fails here.
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { languageHost, pulumiCommand, repoRoot } from "../../examples/support/automation";

export const EXAMPLES = ["quickstart", "yaml-schema", "adopt-existing", "sandbox-to-production"];

/** This leg's @pulumi/pulumi, which a copied-out example installs next to the packed package. */
export const legSdkVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as {
    version: string;
  }
).version;

export interface ReadmeSteps {
  /** Arguments after `npx hubspot-associations emulator`, one entry per emulator. */
  emulators: string[];
  /** The lines for the terminal in the project directory, comments kept. */
  script: string[];
  /** Whether the section installs the project (`npm install`). */
  installs: boolean;
}

/** The commands of a README's "## Try it on the emulator" section, from its ```sh blocks. */
export function readmeSteps(readme: string): ReadmeSteps {
  const start = readme.indexOf("\n## Try it on the emulator");
  if (start < 0) throw new Error("the README has no '## Try it on the emulator' section");
  const rest = readme.slice(start + 1);
  const end = rest.indexOf("\n## ");
  const section = end < 0 ? rest : rest.slice(0, end);
  const steps: ReadmeSteps = { emulators: [], script: [], installs: false };
  for (const block of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of (block[1] ?? "").split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const emulator = /^npx hubspot-associations emulator(.*)$/.exec(line);
      if (emulator) steps.emulators.push((emulator[1] ?? "").trim());
      else if (line === "npm install") steps.installs = true;
      else steps.script.push(line);
    }
  }
  return steps;
}

/** A free TCP port on 127.0.0.1 (closed again, so the emulator can take it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** Replaces the README's ports (`--port N`, `127.0.0.1:N`) by free ones, the same way in every line. */
export async function withFreePorts(steps: ReadmeSteps): Promise<ReadmeSteps> {
  const ports = new Map<string, string>();
  for (const e of steps.emulators) {
    const m = /--port (\d+)/.exec(e);
    if (m?.[1] && !ports.has(m[1])) ports.set(m[1], String(await freePort()));
  }
  const swap = (s: string): string => {
    let out = s;
    for (const [from, to] of ports)
      out = out.split(`--port ${from}`).join(`--port ${to}`).split(`127.0.0.1:${from}`).join(`127.0.0.1:${to}`);
    return out;
  };
  return { emulators: steps.emulators.map(swap), script: steps.script.map(swap), installs: steps.installs };
}

/**
 * The README keeps the state in the user's ~/.pulumi (`pulumi login --local`); the CLI finds that directory from the
 * account's home, not from $HOME, so the test logs in to a scratch directory under its HOME instead.
 */
function withScratchBackend(steps: ReadmeSteps, env: NodeJS.ProcessEnv): ReadmeSteps {
  const local = steps.script.filter((l) => l === "pulumi login --local").length;
  if (local !== 1) throw new Error(`the README should log in once with \`pulumi login --local\` (found ${local})`);
  const backend = path.join(env.HOME ?? "", "pulumi-backend");
  fs.mkdirSync(backend, { recursive: true });
  return {
    ...steps,
    script: steps.script.map((l) => (l === "pulumi login --local" ? `pulumi login file://${backend}` : l)),
  };
}

export interface Ran {
  code: number | null;
  output: string;
}

/** Runs a command without blocking this process (in-process emulators keep answering); stdout and stderr merged. */
export function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 600_000,
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Like run(), but throws with the output when the command fails. */
export async function mustRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await run(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}) in ${cwd}:\n${r.output}`);
  return r.output;
}

export interface StartedEmulator {
  url: string;
  token: string;
  /** `name -> objectTypeId` of the custom objects it printed. */
  customObjects: Map<string, string>;
  stop(): Promise<void>;
}

/** Starts `npx hubspot-associations emulator ARGS` in `cwd` as its own process group; resolves once it listens. */
export function startEmulatorProcess(args: string, cwd: string, env: NodeJS.ProcessEnv): Promise<StartedEmulator> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `exec npx hubspot-associations emulator ${args}`], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    const exited = new Promise<void>((r) => child.on("exit", () => r()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      await exited;
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`emulator ${args} did not start in 60 s:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /token: (\S+)/.exec(out)?.[1];
      if (url && token && /\n/.test(out.slice(out.indexOf("token:")))) {
        clearTimeout(timer);
        // The custom object lines follow the token line; give them a moment to arrive.
        setTimeout(() => {
          const customObjects = new Map(
            [...out.matchAll(/custom object: (\S+) (2-\d+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
          );
          resolve({ url, token, customObjects, stop });
        }, 200);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator ${args} exited (${code}):\n${out}`));
    });
  });
}

/** GET an emulator path with its token. */
export async function emulatorGet<T>(emu: { url: string; token: string }, p: string): Promise<T> {
  const r = await fetch(emu.url + p, { headers: { authorization: `Bearer ${emu.token}` } });
  if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export interface Toolchain {
  pulumi: string;
  hostDir: string;
}

/** The CLI and the language host, or undefined after saying loudly why there is no host (the caller skips). */
export async function toolchain(): Promise<Toolchain | undefined> {
  const host = languageHost();
  if ("missing" in host) {
    console.error(
      `\n*** NO NODE.JS LANGUAGE HOST: ${host.missing}\n*** the examples cannot run through \`pulumi up\`: SKIPPED (CI fails on skipped tests)\n`,
    );
    return undefined;
  }
  return { pulumi: (await pulumiCommand()).command, hostDir: host.dir };
}

/**
 * The environment a user's shell would have: the CLI and the language host on PATH, a HOME and PULUMI_HOME of its own
 * (credentials and plugins stay in the scratch directory), none of this machine's HUBSPOT_/PULUMI_ settings, and
 * the offline switches (no update check, no plugin downloads). npm keeps using the real cache.
 */
export function userEnv(tc: Toolchain, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(HUBSPOT_|PULUMI_)/.test(k)) env[k] = v;
  return {
    ...env,
    HOME: home,
    PULUMI_HOME: path.join(home, ".pulumi"),
    npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
    PATH: [tc.hostDir, path.dirname(tc.pulumi), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
  };
}

let tarball: Promise<string> | undefined;

/** `npm pack` of this checkout, once per test process. */
export function packedTarball(): Promise<string> {
  tarball ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-examples-pack-"));
    // Shared by every test file of the process, so removed when the process ends rather than by one file's after().
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    const out = await mustRun("npm", ["pack", "--silent", "--pack-destination", dir], repoRoot, process.env);
    const file = path.join(dir, out.trim().split("\n").pop() ?? "");
    if (!fs.existsSync(file)) throw new Error(`npm pack wrote no ${file}:\n${out}`);
    return file;
  })();
  return tarball;
}

/** Every file under `dir` but node_modules, relative path -> content. */
export function snapshot(dir: string, rel = ""): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name === "node_modules") continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) for (const [k, v] of snapshot(dir, r)) out.set(k, v);
    else if (e.isFile()) out.set(r, fs.readFileSync(path.join(dir, r)));
  }
  return out;
}

/** Puts `dir` back as snapshot() saw it: edits undone, files the run created (stack config, exports) removed. */
export function restore(dir: string, before: Map<string, Buffer>): void {
  for (const r of snapshot(dir).keys()) if (!before.has(r)) fs.rmSync(path.join(dir, r));
  for (const [r, content] of before) {
    const p = path.join(dir, r);
    if (!fs.existsSync(p) || !fs.readFileSync(p).equals(content)) fs.writeFileSync(p, content);
  }
}

/**
 * A copy of an example outside the repository, installed as a user installs it: the README's `npm install`, with
 * the package from the packed tarball and @pulumi/pulumi at this leg's version (the project's one SDK).
 */
export async function copyOut(example: string, env: NodeJS.ProcessEnv): Promise<string> {
  const src = path.join(repoRoot, "examples", example);
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `hubspot-example-`)), example);
  fs.mkdirSync(dir);
  for (const [r, content] of snapshot(src)) {
    fs.mkdirSync(path.dirname(path.join(dir, r)), { recursive: true });
    fs.writeFileSync(path.join(dir, r), content);
  }
  const pkgFile = path.join(dir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies: Record<string, string> };
  pkg.dependencies["pulumi-hubspot-associations"] = `file:${await packedTarball()}`;
  pkg.dependencies["@pulumi/pulumi"] = legSdkVersion;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
  await mustRun("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], dir, env);
  return dir;
}

export interface ExampleRun {
  output: string;
  emulators: StartedEmulator[];
}

/**
 * Runs the README's emulator section in `dir`: starts its emulators (ports swapped for free ones), runs the
 * script, and hands the emulators to `inspect` before stopping them. Throws with the whole output when a line fails.
 */
export async function runReadme(
  dir: string,
  steps: ReadmeSteps,
  env: NodeJS.ProcessEnv,
  inspect: (r: ExampleRun) => Promise<void>,
): Promise<void> {
  const s = withScratchBackend(await withFreePorts(steps), env);
  const emulators: StartedEmulator[] = [];
  try {
    for (const args of s.emulators) emulators.push(await startEmulatorProcess(args, dir, env));
    const script = ["set -euo pipefail", "set -x", ...s.script].join("\n");
    const r = await run("bash", ["-c", script], dir, env);
    if (r.code !== 0) throw new Error(`the README's commands failed (${r.code}) in ${dir}:\n${r.output}`);
    await inspect({ output: r.output, emulators });
  } finally {
    for (const e of emulators) await e.stop();
  }
}
