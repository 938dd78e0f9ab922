// Shared by the reliability suites: the emulator's control endpoints over HTTP, the comparison of the emulator's
// state with a declaration (exact equality, duplicates counted), failure capture, and the fault tally that the
// suites print at the end (faults injected and survived, bad inputs refused, duplicates, secrets found).
import { expect } from "chai";
import * as fs from "fs";
import { sleep } from "../helpers/async";
import { resolveObjectType, unlabeledTypeId } from "../../model";
import { SoakModel, soakPair } from "./soak-model";
import { tally } from "./tally";

export interface EmulatorLike {
  url: string;
  token: string;
}

export interface LogEntry {
  seq: number;
  method: string;
  route: string;
  path: string;
  status: number;
  fault?: string;
  tokenFingerprint?: string;
}

export interface RequestLogDump {
  total: number;
  counts: Record<string, number>;
  entries: LogEntry[];
}

import { control } from "../e2e/emulator-ops";
export { control, hubspot, ROUTES } from "../e2e/emulator-ops";

export const requestLog = (emu: EmulatorLike): Promise<RequestLogDump> =>
  control<RequestLogDump>(emu, "GET", "requests");
export const clearLog = (emu: EmulatorLike): Promise<void> => control(emu, "DELETE", "requests");
export const clearFaults = (emu: EmulatorLike): Promise<void> => control(emu, "DELETE", "faults");
export const armedFaults = (emu: EmulatorLike): Promise<unknown[]> => control<unknown[]>(emu, "GET", "faults");

export async function injectFault(emu: EmulatorLike, spec: Record<string, unknown>): Promise<string> {
  return (await control<{ id: string }>(emu, "POST", "faults", spec)).id;
}

/** Requests that would change HubSpot (the control plane is never logged). */
export function mutatingRequests(log: RequestLogDump): LogEntry[] {
  return log.entries.filter((e) => e.method !== "GET" && e.method !== "HEAD" && e.method !== "OPTIONS");
}

/**
 * What a user does with the provider's "name taken" errors: for each label the error names, set adoptTypeId on the
 * declaration with that internal name to the candidate the error lists (the label with the declared text).
 * Returns how many declarations it changed.
 */
export function adoptWhatTheErrorsName(failure: string, slots: { name: string; adoptTypeId?: number }[]): number {
  let adopted = 0;
  const re = /HubSpot already has a label named "([^"]+)" on this pair[^\n]*?Labels with this text: typeId (\d+) /g;
  for (const m of failure.matchAll(re)) {
    const slot = slots.find((s) => s.name === m[1]);
    if (slot && slot.adoptTypeId === undefined) {
      slot.adoptTypeId = Number(m[2]);
      adopted++;
    }
  }
  return adopted;
}

// ------------------------------------------------------------------------------------------------ emulator state

export interface Definition {
  typeId: number;
  category: string;
  fromObjectTypeId: string;
  toObjectTypeId: string;
  label: string | null;
  name?: string;
  kind: string;
}

export interface LimitRecord {
  typeId: number;
  category: string;
  fromObjectTypeId: string;
  toObjectTypeId: string;
  maxToObjectIds: number;
}

export interface EmulatorState {
  definitions: Definition[];
  limits: LimitRecord[];
}

export const emulatorState = (emu: EmulatorLike): Promise<EmulatorState> => control<EmulatorState>(emu, "GET", "state");

export function objectTypeId(name: string): string {
  const r = resolveObjectType(name);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

/** USER_DEFINED labels (both halves) grouped by unordered pair + internal name. */
export function labelGroups(state: EmulatorState): Map<string, Definition[]> {
  const groups = new Map<string, Definition[]>();
  for (const d of state.definitions) {
    if (d.category !== "USER_DEFINED" || d.label === null || d.kind === "default") continue;
    const pair = [d.fromObjectTypeId, d.toObjectTypeId].sort().join("|");
    const key = `${pair}#${d.name ?? "?"}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return groups;
}

/**
 * Duplicates: more than one label with the same internal name on a pair (HubSpot forbids it, so this is an
 * emulator invariant), or more than one label with the same display text in the same direction (what a
 * re-sent create would leave behind).
 */
export function countDuplicates(state: EmulatorState): number {
  let dups = 0;
  for (const defs of labelGroups(state).values()) {
    // a label is at most two halves (paired, or single cross-object); same-object single labels are one half
    if (defs.length > 2) dups += defs.length - 2;
  }
  const byText = new Map<string, number>();
  for (const d of state.definitions) {
    if (d.category !== "USER_DEFINED" || d.label === null || d.kind === "default") continue;
    const key = `${d.fromObjectTypeId}>${d.toObjectTypeId}#${d.label}`;
    byText.set(key, (byText.get(key) ?? 0) + 1);
  }
  for (const n of byText.values()) if (n > 1) dups += n - 1;
  return dups;
}

export interface ConvergenceReport {
  missing: string[];
  extra: string[];
  wrong: string[];
  duplicates: number;
}

/** Compares the emulator with the soak-style declaration; every difference is listed. */
export function compareWithModel(
  state: EmulatorState,
  model: SoakModel,
  typeIds?: Record<string, unknown>,
  /** Labels made outside Pulumi on purpose (they must survive, and are not part of the declaration). */
  unmanaged: RegExp = /^unmanaged_/,
): ConvergenceReport {
  const report: ConvergenceReport = { missing: [], extra: [], wrong: [], duplicates: countDuplicates(state) };
  const groups = new Map([...labelGroups(state)].filter(([key]) => !unmanaged.test(key.slice(key.indexOf("#") + 1))));
  const expectedKeys = new Set<string>();
  const forwardOf = new Map<string, Definition>();
  for (const s of model.slots) {
    const [fromName, toName] = soakPair(s.pair);
    const [from, to] = [objectTypeId(fromName), objectTypeId(toName)];
    const key = `${[from, to].sort().join("|")}#${s.name}`;
    expectedKeys.add(key);
    const defs = groups.get(key) ?? [];
    if (defs.length === 0) {
      report.missing.push(`${s.key} (${s.name})`);
      continue;
    }
    const fwd = defs
      .filter((d) => d.fromObjectTypeId === from && d.toObjectTypeId === to)
      .sort((a, b) => a.typeId - b.typeId)[0];
    const back = defs
      .filter((d) => d.fromObjectTypeId === to && d.toObjectTypeId === from)
      .sort((a, b) => a.typeId - b.typeId)[0];
    const kind = s.inverseLabel !== undefined ? "paired" : "single";
    if (!fwd || !back || defs.length !== 2) report.wrong.push(`${s.key}: ${defs.length} halves`);
    else {
      if (fwd.kind !== kind) report.wrong.push(`${s.key}: ${fwd.kind}, declared ${kind}`);
      if (fwd.label !== s.label) report.wrong.push(`${s.key}: text "${fwd.label}", declared "${s.label}"`);
      const backText = s.inverseLabel ?? s.label;
      if (back.label !== backText) report.wrong.push(`${s.key}: inverse text "${back.label}", declared "${backText}"`);
      forwardOf.set(s.key, fwd);
      if (typeIds && typeIds[s.key] !== fwd.typeId)
        report.wrong.push(`${s.key}: state says typeId ${String(typeIds[s.key])}, HubSpot ${fwd.typeId}`);
    }
  }
  for (const [key, defs] of groups) {
    if (!expectedKeys.has(key)) report.extra.push(`${key} (${defs.map((d) => `${d.typeId} "${d.label}"`).join(", ")})`);
  }
  // limits: exactly the declared set on each declared direction, nothing on the reverse directions
  model.limits.forEach((l, p) => {
    const [fromName, toName] = soakPair(p);
    const [from, to] = [objectTypeId(fromName), objectTypeId(toName)];
    const expected = new Map<number, number>();
    const u = unlabeledTypeId(from, to);
    if (u === undefined) throw new Error(`no unlabeled type for ${from}/${to}`);
    expected.set(u, l.unlabeled);
    for (const x of l.labels) {
      const fwd = forwardOf.get(x.slot);
      if (fwd) expected.set(fwd.typeId, x.max);
    }
    const live = new Map(
      state.limits
        .filter((r) => r.fromObjectTypeId === from && r.toObjectTypeId === to)
        .map((r) => [r.typeId, r.maxToObjectIds]),
    );
    for (const [typeId, max] of expected) {
      if (live.get(typeId) !== max)
        report.wrong.push(`limit ${from}->${to} type ${typeId}: ${String(live.get(typeId))}, declared ${max}`);
    }
    for (const [typeId, max] of live)
      if (!expected.has(typeId)) report.extra.push(`limit ${from}->${to} type ${typeId} = ${max}`);
    const reverse = state.limits.filter((r) => r.fromObjectTypeId === to && r.toObjectTypeId === from);
    for (const r of reverse) report.extra.push(`limit ${to}->${from} type ${r.typeId} = ${r.maxToObjectIds}`);
  });
  return report;
}

export function expectConverged(report: ConvergenceReport, when: string): void {
  tally.duplicates(report.duplicates);
  expect({ ...report, when }, `${when}: the emulator differs from the declaration`).to.deep.equal({
    missing: [],
    extra: [],
    wrong: [],
    duplicates: 0,
    when,
  });
}

/** Up outputs as plain values. */
export function outputValues(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ------------------------------------------------------------------------------------------------ processes

interface ProcInfo {
  pid: number;
  ppid: number;
  cwd?: string;
  argv: string[];
}

function procInfo(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name in parentheses may contain spaces: fields after the last ')'
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    let cwd: string | undefined;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = undefined;
    }
    return { pid, ppid, cwd, argv };
  } catch {
    return undefined; // exited meanwhile
  }
}

function allProcesses(): ProcInfo[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => procInfo(Number(d)))
    .filter((p): p is ProcInfo => p !== undefined);
}

/**
 * The `pulumi` CLI process the Automation API started for this stack: its executable is `<root>/bin/pulumi`, its
 * working directory the stack's workDir, and its arguments name the command (`up`).
 */
export function findPulumiCli(workDir: string, command: string): number | undefined {
  const me = allProcesses().filter(
    (p) => p.cwd === workDir && p.argv[0]?.endsWith("/bin/pulumi") && p.argv.includes(command),
  );
  return me.length === 1 ? me[0]?.pid : undefined;
}

/** Every process below `pid` (children, grandchildren ...). */
export function descendants(pid: number): number[] {
  const all = allProcesses();
  const out: number[] = [];
  const walk = (parent: number): void => {
    for (const p of all) {
      if (p.ppid === parent) {
        out.push(p.pid);
        walk(p.pid);
      }
    }
  };
  walk(pid);
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file backend's empty metadata sidecars (`*.attrs`). gocloud's fileblob writes a blob's sidecar in place
 * (create, then write) just before it renames the blob's temp file over the old one; a kill between the two leaves
 * an empty sidecar, and Pulumi then fails to load the stack with `failed to load checkpoint: EOF`.
 */
export function emptySidecars(backendDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".attrs") && fs.statSync(p).size === 0) out.push(p);
    }
  };
  if (fs.existsSync(backendDir)) walk(backendDir);
  return out;
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const net = await import("net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
