// What the benchmark computes from the emulator's request log: counts by method and route, statuses, 429s,
// the busiest rolling window, when the first and last requests arrived; and the rate-limit floors.

import * as os from "os";
import type { RequestLogDump } from "./emulator";
import type { LowerBound } from "./portal";

export const WINDOW_MS = 10_000;

export interface Floors {
  /** 10 s x requests / budget: the budget spent evenly, no burst. */
  steadyMs: number;
  /** 10 s x (ceil(requests / budget) - 1): a whole window spent at once, then one per window. */
  strictMs: number;
}

export function floors(requests: number, budget: number, windowMs = WINDOW_MS): Floors {
  return {
    steadyMs: Math.round((windowMs * requests) / budget),
    strictMs: requests === 0 ? 0 : windowMs * (Math.ceil(requests / budget) - 1),
  };
}

export interface LogSummary {
  total: number;
  /** `"<METHOD> <route template>"` -> count. */
  byRoute: Record<string, number>;
  /** HTTP status -> count (0 = dropped connection). */
  byStatus: Record<string, number>;
  served429: number;
  /** The most non-429 answers the server counted in any rolling window. */
  maxInAnyWindow: number;
  /** Arrival of the first and last request, ms after `t0` (undefined without requests). */
  firstMs?: number;
  lastMs?: number;
}

export function summarize(log: RequestLogDump, t0: number, windowMs = WINDOW_MS): LogSummary {
  const entries = log.entries.filter((e) => !e.path.startsWith("/__emulator"));
  const byRoute: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const e of entries) {
    const k = `${e.method} ${e.route}`;
    byRoute[k] = (byRoute[k] ?? 0) + 1;
    byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
  }
  const times = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
  const counted = entries
    .filter((e) => e.status !== 429)
    .map((e) => Date.parse(e.at))
    .sort((a, b) => a - b);
  const maxInAnyWindow = busiestWindow(counted, windowMs);
  const summary: LogSummary = {
    total: entries.length,
    byRoute: Object.fromEntries(Object.entries(byRoute).sort(([a], [b]) => a.localeCompare(b))),
    byStatus,
    served429: byStatus["429"] ?? 0,
    maxInAnyWindow,
  };
  const first = times[0];
  const last = times[times.length - 1];
  if (first !== undefined && last !== undefined) {
    summary.firstMs = first - t0;
    summary.lastMs = last - t0;
  }
  return summary;
}

/** Requests above the lower bound, per route (negative = fewer, which would mean the bound is wrong). */
export function excessByRoute(actual: Record<string, number>, bound: LowerBound): Record<string, number> {
  const keys = new Set([...Object.keys(actual), ...Object.keys(bound.byRoute)]);
  const out: Record<string, number> = {};
  for (const k of keys) {
    const d = (actual[k] ?? 0) - (bound.byRoute[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

export function ratio(a: number, b: number): number | null {
  if (b === 0) return a === 0 ? 1 : null;
  return Math.round((a / b) * 1000) / 1000;
}

/** The 1-minute load average, to two decimals (0 where the platform has none). */
export function loadAverage1m(): number {
  const [oneMinute = 0] = os.loadavg();
  return Math.round(oneMinute * 100) / 100;
}

/** The most of these sorted arrival times (ms) that fall in any rolling window of `windowMs`. */
export function busiestWindow(sortedTimes: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  sortedTimes.forEach((t, end) => {
    while ((sortedTimes[start] ?? t) <= t - windowMs) start++;
    most = Math.max(most, end - start + 1);
  });
  return most;
}

/** `"GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels"` -> `"GET labels"`, for tables. */
export function shortRoute(key: string): string {
  const [method, route = ""] = key.split(" ");
  const r = route
    .replace("/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}", "configurations")
    .replace("/crm/v4/associations/{fromObjectType}/{toObjectType}/labels/{associationTypeId}", "labels/{id}")
    .replace("/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", "labels");
  return `${method} ${r}`;
}
