// One Pulumi operation, measured: the real CLI through the Automation API (test/e2e/harness.ts), the emulator's
// request log, the dynamic-provider process's peak memory, and the engine's event timeline.

import type * as auto from "@pulumi/pulumi/automation";
import { createTestStack, TestStack } from "../test/e2e/harness";
import type { EmulatorProcess } from "./emulator";
import { excessByRoute, Floors, floors, loadAverage1m, LogSummary, ratio, summarize, WINDOW_MS } from "./measure";
import { baselineProgram } from "./baseline";
import { baselineEnv, installedSdk } from "./installed";
import { lowerBound, LowerBound, Operation, PortalSpec, portalProgram } from "./portal";
import { ProcWatch, ProcWatchResult } from "./proc-watch";
import { measureState, StateSize } from "./state-size";

/** How the Pulumi engine is run. */
export interface EngineProfile {
  name: string;
  /** The Automation API `parallel` option (`--parallel`); undefined = the CLI default (4 x GOMAXPROCS). */
  parallel?: number;
  /** PULUMI_SKIP_CHECKPOINTS=true: the engine writes the state once at the end instead of after every step. */
  skipCheckpoints: boolean;
}

export const ENGINE_PROFILES: Record<string, EngineProfile> = {
  // What a user gets without any setting: parallel 8 on this 2-core machine, a full state checkpoint written
  // before and after every step.
  default: { name: "default", skipCheckpoints: false },
  // Parallelism above the budget (the limiter, not the engine, paces requests) and no per-step checkpoint.
  fast: { name: "fast", parallel: 64, skipCheckpoints: true },
  // The two settings of `fast` one at a time (not in the default run; for "what bounds each step").
  p64: { name: "p64", parallel: 64, skipCheckpoints: false },
  nockpt: { name: "nockpt", skipCheckpoints: true },
};

export interface OpResult {
  op: Operation;
  ok: boolean;
  error?: string;
  wallMs: number;
  requests: LogSummary;
  lowerBound: LowerBound;
  /** requests / lower bound. */
  requestRatio: number | null;
  /** Requests above (or below) the bound, by route. */
  excess: Record<string, number>;
  /** Rate-limit floors of the lower-bound request count. */
  floors: Floors;
  wallToSteadyFloor: number | null;
  wallToStrictFloor: number | null;
  /** Engine timeline, ms after the operation started. */
  engine: {
    firstStepMs?: number;
    lastStepMs?: number;
    steps: number;
    errorDiagnostics: number;
    changes?: Record<string, number>;
  };
  provider: ProcWatchResult;
  /** CPU time of this process (the inline program, the Automation API and the bench's own polling), ms. */
  programCpuMs: number;
  loadAvg1m: [number, number];
  /** The stack's state after the operation (after `up` and `up after edits` only: export costs a CLI call). */
  state?: StateSize;
}

export interface BenchStack {
  t: TestStack;
  setSpec(spec: PortalSpec): void;
  /** `emu` undefined: the engine baseline (no HubSpot, no request log, no rate window to wait out). */
  run(op: Operation, emu: EmulatorProcess | undefined, budget: number, opts?: { edited?: number }): Promise<OpResult>;
  dispose(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `emu` undefined: the same resource graph through the no-op provider of bench/baseline.ts. */
export async function createBenchStack(
  emu: EmulatorProcess | undefined,
  spec: PortalSpec,
  engine: EngineProfile,
  projectName = "bench",
): Promise<BenchStack> {
  let current = spec;
  const env: Record<string, string> = {};
  if (engine.skipCheckpoints) env.PULUMI_SKIP_CHECKPOINTS = "true";
  if (!emu) Object.assign(env, baselineEnv());
  const t = await createTestStack({
    program: emu ? portalProgram(() => current, installedSdk()) : baselineProgram(() => current),
    projectName,
    config: emu
      ? {
          "hubspot:baseUrl": { value: emu.url },
          "hubspot:accessToken": { value: emu.token, secret: true },
        }
      : {},
    env,
  });
  let lastRequestAt = 0;

  async function run(
    op: Operation,
    e: EmulatorProcess | undefined,
    budget: number,
    opts: { edited?: number } = {},
  ): Promise<OpResult> {
    // Start every operation with an empty rate window (the floors assume one): wait out the previous one.
    const wait = lastRequestAt + WINDOW_MS + 250 - Date.now();
    if (e && wait > 0) await sleep(wait);
    await e?.clearRequests();
    const watch = new ProcWatch(100);
    const load0 = loadAverage1m();
    const timeline = {
      first: undefined as number | undefined,
      last: undefined as number | undefined,
      steps: 0,
      errors: 0,
    };
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    const onEvent = (ev: auto.EngineEvent): void => {
      const now = Date.now() - t0;
      if (ev.resourcePreEvent) timeline.first ??= now;
      if (ev.resOutputsEvent) {
        timeline.last = now;
        timeline.steps++;
      }
      if (ev.diagnosticEvent?.severity === "error") timeline.errors++;
    };
    const common = { onEvent, ...(engine.parallel !== undefined ? { parallel: engine.parallel } : {}) };
    watch.start();
    let ok = true;
    let error: string | undefined;
    let changes: Record<string, number> | undefined;
    try {
      switch (op) {
        case "up":
        case "upEdit":
          changes = (await t.up(common)).summary.resourceChanges;
          break;
        case "preview":
          changes = (await t.preview({ ...common, expectNoChanges: true })).changeSummary;
          break;
        case "refresh":
          changes = (await t.refresh({ ...common, expectNoChanges: true })).summary.resourceChanges;
          break;
        case "destroy":
          changes = (await t.destroy(common)).summary.resourceChanges;
          break;
      }
    } catch (err) {
      ok = false;
      error = String(err).slice(0, 2000);
    }
    const wallMs = Date.now() - t0;
    const cpu1 = process.cpuUsage(cpu0);
    const provider = watch.stop();
    const requests = summarize(e ? await e.requests() : { total: 0, counts: {}, entries: [] }, t0);
    if (requests.lastMs !== undefined) lastRequestAt = t0 + requests.lastMs;
    const bound = e ? lowerBound(op, current, opts.edited ?? 0) : { total: 0, byRoute: {} };
    const state = ok && (op === "up" || op === "upEdit") ? await measureState(t) : undefined;
    const f = floors(bound.total, budget);
    return {
      op,
      ok,
      ...(error !== undefined ? { error } : {}),
      wallMs,
      requests,
      lowerBound: bound,
      requestRatio: ratio(requests.total, bound.total),
      excess: excessByRoute(requests.byRoute, bound),
      floors: f,
      wallToSteadyFloor: f.steadyMs > 0 ? ratio(wallMs, f.steadyMs) : null,
      wallToStrictFloor: f.strictMs > 0 ? ratio(wallMs, f.strictMs) : null,
      engine: {
        ...(timeline.first !== undefined ? { firstStepMs: timeline.first } : {}),
        ...(timeline.last !== undefined ? { lastStepMs: timeline.last } : {}),
        steps: timeline.steps,
        errorDiagnostics: timeline.errors,
        ...(changes ? { changes } : {}),
      },
      provider,
      programCpuMs: Math.round((cpu1.user + cpu1.system) / 1000),
      loadAvg1m: [load0, loadAverage1m()],
      ...(state ? { state } : {}),
    };
  }

  return {
    t,
    setSpec: (s) => {
      current = s;
    },
    run,
    dispose: () => t.dispose(),
  };
}
