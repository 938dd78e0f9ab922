// `npm run bench` (= `node dist/bench/run.js`): the portal-scale benchmark.
//
// For each budget (requests per rolling 10 s at the emulator) and each N (labels, half paired, over 20 directed
// pairs, every pair with limits), on a fresh emulator and a fresh stack, through the real Pulumi CLI:
//   up from empty -> preview unchanged -> refresh unchanged -> up after editing 10% of the labels -> destroy
// and, on another fresh emulator, the peer script (bench/peer.ts): up from empty, then its no-op check.
// Every operation starts with an empty rate window (the previous one's is waited out), as the floors assume.
//
// Options (a subset makes a quick run; only the full default run rewrites bench/results.json and the README table):
//   --n 50,200,500       label counts
//   --budget 100,190     emulator budgets per 10 s
//   --ops up,preview,refresh,upEdit,destroy
//   --engine fast,default   engine profiles (bench/pulumi-ops.ts): fast = parallel 64 + PULUMI_SKIP_CHECKPOINTS,
//                           default = the CLI's defaults (parallel 4 x cores, a state checkpoint around every step)
//   --default-engine-n 500  N values at which the default engine profile also runs (full run: 500)
//   --no-peer            skip the peer script
//   --no-baseline        skip the engine baseline (the same resources through a no-op provider, bench/baseline.ts)
//   --out FILE           where to write the JSON (default bench/results.json for the full run, else bench/results.quick.json)
//   --readme             rewrite the table in bench/README.md from this run's results

import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EmulatorProcess } from "./emulator";
import { floors, loadAverage1m, LogSummary, ratio, summarize, WINDOW_MS } from "./measure";
import { PeerResult } from "./peer";
import { editPortal, lowerBound, makePortal, Operation } from "./portal";
import { createBenchStack, ENGINE_PROFILES, EngineProfile, OpResult } from "./pulumi-ops";
import { renderReadmeTables, replaceResults } from "./report";
import { renderPerfSummary, replacePerf } from "./report-summary";

const ALL_OPS: Operation[] = ["up", "preview", "refresh", "upEdit", "destroy"];
const EDIT_FRACTION = 0.1;
const benchDir = path.resolve(__dirname, "..", "..", "bench");

export interface ScenarioResult {
  budget: number;
  n: number;
  engine: EngineProfile;
  labels: number;
  pairedLabels: number;
  directedPairs: number;
  limitsResources: number;
  editedLabels: number;
  ops: (OpResult & { verified: string })[];
}

/**
 * The engine baseline at one N and engine profile. It sends no request, so the budget does not shape it; it runs
 * right before that budget's scenario so that both see about the same machine load (`budget` says which; results
 * from before this had one baseline for every budget and no `budget`).
 */
export interface BaselineResult {
  budget?: number;
  n: number;
  engine: EngineProfile;
  ops: (OpResult & { verified: string })[];
}

export interface PeerRun {
  budget: number;
  n: number;
  mode: "up" | "check";
  result?: PeerResult;
  error?: string;
  wallMs: number;
  requests: LogSummary;
  lowerBound: number;
  requestRatio: number | null;
  steadyFloorMs: number;
  wallToSteadyFloor: number | null;
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: {
    cpus: number;
    model: string;
    memGb: number;
    node: string;
    pulumi: string;
    pulumiSdk: string;
    platform: string;
    loadAvg1m: number[];
  };
  options: Record<string, unknown>;
  baselines: BaselineResult[];
  scenarios: ScenarioResult[];
  peer: PeerRun[];
}

interface Options {
  ns: number[];
  budgets: number[];
  ops: Operation[];
  engines: EngineProfile[];
  defaultEngineNs: number[];
  peer: boolean;
  baseline: boolean;
  out: string;
  readme: boolean;
  full: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string, dflt: string): string[] =>
    (get(name) ?? dflt)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const known = new Set([
    "--n",
    "--budget",
    "--ops",
    "--engine",
    "--default-engine-n",
    "--no-peer",
    "--no-baseline",
    "--out",
    "--readme",
    "--help",
  ]);
  for (const a of argv)
    if (a.startsWith("--") && !known.has(a)) throw new Error(`unknown option ${a} (see the header of bench/run.ts)`);
  if (argv.includes("--help")) {
    console.log(
      fs.readFileSync(__filename.replace(/dist[\\/]bench[\\/]run\.js$/, "bench/run.ts"), "utf8").split("\n\nimport")[0],
    );
    process.exit(0);
  }
  const full = !["--n", "--budget", "--ops", "--engine", "--default-engine-n", "--no-peer", "--no-baseline"].some((o) =>
    argv.includes(o),
  );
  const ops = list("ops", ALL_OPS.join(",")) as Operation[];
  for (const op of ops) if (!ALL_OPS.includes(op)) throw new Error(`unknown op ${op}; ops: ${ALL_OPS.join(", ")}`);
  const engineNames = list("engine", "fast,default");
  const engines = engineNames.map((e) => {
    const p = ENGINE_PROFILES[e];
    if (!p) throw new Error(`unknown engine profile ${e}; profiles: ${Object.keys(ENGINE_PROFILES).join(", ")}`);
    return p;
  });
  const num = (s: string): number => {
    const v = Number(s);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`not a positive integer: ${s}`);
    return v;
  };
  return {
    // The full run is N = 500 only (about 25 min on 2 cores); --n 50,200,500 adds the scaling rows.
    ns: list("n", "500").map(num),
    budgets: list("budget", "100,190").map(num),
    ops,
    engines,
    // Without --default-engine-n: every N of the run when --engine default was asked for explicitly, else N=500 only.
    defaultEngineNs: get("default-engine-n")
      ? list("default-engine-n", "").map(num)
      : get("engine")
        ? list("n", "500").map(num)
        : [500],
    peer: !argv.includes("--no-peer"),
    baseline: !argv.includes("--no-baseline"),
    out: get("out") ?? path.join(benchDir, full ? "results.json" : "results.quick.json"),
    readme: argv.includes("--readme") || full,
    full,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface EmulatorState {
  definitions: { name: string; label: string; typeId: number }[];
  limits: unknown[];
}

/** A cheap check of HubSpot's side after each operation (the control endpoint costs no rate budget). */
async function verify(
  emu: EmulatorProcess,
  op: Operation,
  expected: { definitions: number; limits: number; texts?: string[] },
): Promise<string> {
  const s = (await emu.state()) as EmulatorState;
  const problems: string[] = [];
  if (s.definitions.length !== expected.definitions)
    problems.push(`${s.definitions.length} label halves, expected ${expected.definitions}`);
  if (s.limits.length !== expected.limits) problems.push(`${s.limits.length} limits, expected ${expected.limits}`);
  for (const text of expected.texts ?? [])
    if (!s.definitions.some((d) => d.label === text)) problems.push(`label "${text}" missing after ${op}`);
  return problems.length === 0 ? "ok" : problems.join("; ");
}

async function runScenario(
  budget: number,
  n: number,
  engine: EngineProfile,
  ops: Operation[],
  log: (s: string) => void,
): Promise<ScenarioResult> {
  const emu = await EmulatorProcess.start(budget);
  const spec = makePortal({ n });
  const { spec: editedSpec, edited } = editPortal(spec, EDIT_FRACTION);
  const stack = await createBenchStack(emu, spec, engine);
  const result: ScenarioResult = {
    budget,
    n,
    engine,
    labels: spec.labels.length,
    pairedLabels: spec.labels.filter((l) => l.inverseLabel !== undefined).length,
    directedPairs: new Set(spec.labels.map((l) => `${l.from}/${l.to}`)).size,
    limitsResources: spec.limits.length,
    editedLabels: edited.length,
    ops: [],
  };
  // Both halves of every label are definitions at HubSpot (a single cross-object label exists in both directions);
  // every pair has two limits (unlabeled and its first label).
  const full = {
    definitions: 2 * n,
    limits:
      2 * spec.limits.filter((m) => m.labelKey !== undefined).length +
      spec.limits.filter((m) => m.labelKey === undefined).length,
  };
  try {
    // Every operation needs the stack made by `up` from empty, so that one always runs (measured or not).
    const sequence = ALL_OPS.filter((op) => op === "up" || ops.includes(op));
    for (const op of sequence) {
      const measured = ops.includes(op);
      if (op === "upEdit") stack.setSpec(editedSpec);
      const r = await stack.run(op, emu, budget, { edited: edited.length });
      const verified =
        op === "destroy"
          ? await verify(emu, op, { definitions: 0, limits: 0 })
          : await verify(emu, op, { ...full, texts: op === "upEdit" ? edited.map((e) => e.label) : undefined });
      if (measured) result.ops.push({ ...r, verified });
      log(
        `  ${op.padEnd(8)} ${(r.wallMs / 1000).toFixed(1).padStart(6)} s  requests ${String(r.requests.total).padStart(4)} (lower bound ${r.lowerBound.total})` +
          `  429s ${r.requests.served429}  steady floor ${(r.floors.steadyMs / 1000).toFixed(1)} s  first request ${r.requests.firstMs !== undefined ? (r.requests.firstMs / 1000).toFixed(1) + " s" : "-"}` +
          `  provider ${r.provider.processes.length} proc ${(r.provider.peakKb / 1024).toFixed(0)} MB  load ${r.loadAvg1m.join("->")}  ${r.ok ? "" : "FAILED "}${verified}` +
          (r.error ? `\n    ${r.error.split("\n").slice(0, 6).join("\n    ")}` : ""),
      );
    }
  } finally {
    await stack.dispose();
    await emu.close();
  }
  return result;
}

async function runBaseline(
  n: number,
  engine: EngineProfile,
  ops: Operation[],
  log: (s: string) => void,
): Promise<BaselineResult> {
  const spec = makePortal({ n });
  const { spec: editedSpec, edited } = editPortal(spec, EDIT_FRACTION);
  const stack = await createBenchStack(undefined, spec, engine, "baseline");
  const result: BaselineResult = { n, engine, ops: [] };
  try {
    for (const op of ALL_OPS.filter((o) => o === "up" || ops.includes(o))) {
      if (op === "upEdit") stack.setSpec(editedSpec);
      const r = await stack.run(op, undefined, 1, { edited: edited.length });
      // What the engine reported is all there is to check: every resource created, updated or deleted as planned.
      const c = r.engine.changes ?? {};
      const expected: Partial<Record<Operation, [string, number]>> = {
        up: ["create", n + spec.limits.length + 1],
        upEdit: ["update", edited.length],
        destroy: ["delete", n + spec.limits.length + 1],
      };
      const want = expected[op];
      const verified = !r.ok
        ? "failed"
        : want && c[want[0]] !== want[1]
          ? `${want[0]} ${c[want[0]] ?? 0}, expected ${want[1]}`
          : "ok";
      if (ops.includes(op)) result.ops.push({ ...r, verified });
      log(
        `  baseline ${op.padEnd(8)} ${(r.wallMs / 1000).toFixed(1).padStart(6)} s  load ${r.loadAvg1m.join("->")}  ${verified}` +
          (r.state ? `  state ${r.state.bytesPerResource} B/resource, checkpoint ${r.state.checkpointBytes} B` : ""),
      );
    }
  } finally {
    await stack.dispose();
  }
  return result;
}

function runPeerProcess(
  emu: EmulatorProcess,
  n: number,
  mode: "up" | "check",
): Promise<{ result?: PeerResult; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, "peer.js"), emu.url, emu.token, String(n), mode], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      if (code === 0) resolve({ result: JSON.parse(out.trim().split("\n").pop() as string) as PeerResult });
      else resolve({ error: `exit ${code}: ${err.slice(0, 1000)}` });
    });
  });
}

async function runPeer(budget: number, n: number, log: (s: string) => void): Promise<PeerRun[]> {
  const emu = await EmulatorProcess.start(budget);
  const spec = makePortal({ n });
  const runs: PeerRun[] = [];
  try {
    let lastAt = 0;
    for (const mode of ["up", "check"] as const) {
      const wait = lastAt + WINDOW_MS + 250 - Date.now();
      if (wait > 0) await sleep(wait);
      await emu.clearRequests();
      const t0 = Date.now();
      const r = await runPeerProcess(emu, n, mode);
      const wallMs = Date.now() - t0;
      const requests = summarize(await emu.requests(), t0);
      if (requests.lastMs !== undefined) lastAt = t0 + requests.lastMs;
      const lb = lowerBound(mode === "up" ? "up" : "refresh", spec).total;
      const steady = floors(lb, budget).steadyMs;
      runs.push({
        budget,
        n,
        mode,
        ...r,
        wallMs,
        requests,
        lowerBound: lb,
        requestRatio: ratio(requests.total, lb),
        steadyFloorMs: steady,
        wallToSteadyFloor: steady > 0 ? ratio(wallMs, steady) : null,
      });
      log(
        `  peer ${mode.padEnd(5)} ${(wallMs / 1000).toFixed(1).padStart(6)} s  requests ${requests.total} (lower bound ${lb})  429s ${requests.served429}` +
          `  ${r.result ? `created ${r.result.created}, drift ${r.result.drift}, failures ${r.result.failures.length}, ${(r.result.maxRssKb / 1024).toFixed(0)} MB` : r.error}`,
      );
    }
  } finally {
    await emu.close();
  }
  return runs;
}

function pulumiVersion(): string {
  try {
    const root = execFileSync("bash", [path.resolve(__dirname, "..", "..", "scripts", "pulumi-cli.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return execFileSync(path.join(root, "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const log = (s: string): void => console.log(s);
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "?",
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      pulumi: pulumiVersion(),
      pulumiSdk: (require("@pulumi/pulumi/package.json") as { version: string }).version,
      platform: `${os.platform()} ${os.release()}`,
      loadAvg1m: [loadAverage1m()],
    },
    options: {
      ns: o.ns,
      budgets: o.budgets,
      ops: o.ops,
      engines: o.engines.map((e) => e.name),
      defaultEngineNs: o.defaultEngineNs,
      peer: o.peer,
      baseline: o.baseline,
      editFraction: EDIT_FRACTION,
    },
    baselines: [],
    scenarios: [],
    peer: [],
  };
  const save = (): void => {
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    fs.writeFileSync(o.out, JSON.stringify(results, null, 2) + "\n");
  };
  const t0 = Date.now();
  for (const budget of o.budgets) {
    for (const n of o.ns) {
      for (const engine of o.engines) {
        if (engine.name === "default" && !o.defaultEngineNs.includes(n)) continue;
        if (o.baseline) {
          log(
            `engine baseline next to budget ${budget}/10 s, N = ${n}, engine ${engine.name} (no-op dynamic provider)`,
          );
          results.baselines.push({ ...(await runBaseline(n, engine, o.ops, log)), budget });
          save();
        }
        log(
          `budget ${budget}/10 s, N = ${n}, engine ${engine.name} (parallel ${engine.parallel ?? "default"}, checkpoints ${engine.skipCheckpoints ? "at the end only" : "every step"})`,
        );
        results.scenarios.push(await runScenario(budget, n, engine, o.ops, log));
        save();
      }
      if (o.peer) {
        log(`budget ${budget}/10 s, N = ${n}, peer script (@hubspot/api-client 13.5.0, DEFAULT_LIMITER_OPTIONS)`);
        results.peer.push(...(await runPeer(budget, n, log)));
        save();
      }
    }
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAvg1m.push(loadAverage1m());
  save();
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; results in ${path.relative(process.cwd(), o.out)}`);
  if (o.readme) {
    const readme = path.join(benchDir, "README.md");
    fs.writeFileSync(readme, replaceResults(fs.readFileSync(readme, "utf8"), renderReadmeTables(results)));
    const rootReadme = path.join(benchDir, "..", "README.md");
    fs.writeFileSync(rootReadme, replacePerf(fs.readFileSync(rootReadme, "utf8"), renderPerfSummary(results)));
    log(`tables written to ${path.relative(process.cwd(), readme)} and ${path.relative(process.cwd(), rootReadme)}`);
  }
  const failed = [...results.scenarios, ...results.baselines]
    .flatMap((s) => s.ops)
    .filter((r) => !r.ok || r.verified !== "ok" || r.requests.served429 > 0 || r.engine.errorDiagnostics > 0);
  if (failed.length > 0) {
    log(`${failed.length} operation(s) failed, did not verify, or were served 429s`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exitCode = 1;
  });
}
