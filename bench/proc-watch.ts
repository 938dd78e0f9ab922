// Watches the Pulumi dynamic-provider processes while an operation runs: how many there were, and the peak
// resident memory (VmHWM, the kernel's high-water mark of RSS) of each. Linux /proc only; elsewhere it reports
// nothing. The dynamic-provider plugin is `node .../@pulumi/pulumi/cmd/dynamic-provider/index.js`, started by
// the shell script `pulumi-resource-pulumi-nodejs` once per provider instance (all dynamic resources of a stack
// share the default `pulumi-nodejs` provider, hence one process).
//
// It also adds up the CPU time (user + system, from /proc/<pid>/stat) of those processes and of the Pulumi CLI
// processes below this one: on a shared machine wall time moves with the load, CPU time much less, so "where the
// time goes" is told in CPU seconds per process (the inline program's share is this process's own, see
// bench/pulumi-ops.ts).

import * as fs from "fs";

export interface ProcessPeak {
  pid: number;
  /** Peak resident set size, kB (VmHWM). */
  vmHwmKb: number;
}

export interface ProcWatchResult {
  /** Every dynamic-provider process seen while watching. */
  processes: ProcessPeak[];
  /** The largest VmHWM among them, kB (0 when none was seen). */
  peakKb: number;
  /** CPU time of the dynamic-provider processes and of the Pulumi CLI processes, ms (last sample of each). */
  cpuMs: { provider: number; cli: number };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of `pid`, ms; undefined when it is gone. */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after comm: state(0) ppid(1) ... utime(11) stime(12).
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

function readStatusKb(pid: number, field: string): number | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(text);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // gone, or not readable
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid ...; comm may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(rest[1]);
  } catch {
    return undefined;
  }
}

/** Whether `pid` descends from `ancestor` (other sessions on the machine run their own providers). */
function descendsFrom(pid: number, ancestor: number): boolean {
  for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 32; hops++) {
    if (p === ancestor) return true;
    p = parentOf(p);
  }
  return false;
}

function isPulumiCli(pid: number): boolean {
  try {
    return /(^|\/)pulumi$/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "");
  } catch {
    return false;
  }
}

function isDynamicProvider(pid: number): boolean {
  try {
    // argv[0] is node, and one argument is the provider script itself (not, e.g., the shell wrapper's
    // `node -e "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')"` that locates it).
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return (
      /(^|\/)node$/.test(argv[0] ?? "") && argv.slice(1).some((a) => /cmd\/dynamic-provider(\/index\.js)?$/.test(a))
    );
  } catch {
    return false;
  }
}

export class ProcWatch {
  private readonly peaks = new Map<number, number>();
  private readonly known = new Set<number>();
  private readonly cpu = new Map<number, { kind: "provider" | "cli"; ms: number }>();
  private readonly ignored = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  /** `ancestor`: only processes below it count (default: this process, which runs the Pulumi CLI). */
  constructor(
    private readonly intervalMs = 100,
    private readonly ancestor = process.pid,
  ) {}

  start(): void {
    // Processes already running (an earlier operation's provider still exiting) are not ours.
    for (const pid of this.pids()) if (isDynamicProvider(pid) || isPulumiCli(pid)) this.ignored.add(pid);
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): ProcWatchResult {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
    const processes = [...this.peaks.entries()].map(([pid, vmHwmKb]) => ({ pid, vmHwmKb }));
    const cpuMs = { provider: 0, cli: 0 };
    for (const c of this.cpu.values()) cpuMs[c.kind] += c.ms;
    return { processes, peakKb: processes.reduce((m, p) => Math.max(m, p.vmHwmKb), 0), cpuMs };
  }

  private pids(): number[] {
    try {
      return fs
        .readdirSync("/proc")
        .filter((n) => /^\d+$/.test(n))
        .map(Number);
    } catch {
      return [];
    }
  }

  private poll(): void {
    for (const pid of this.pids()) {
      if (this.ignored.has(pid)) continue;
      if (!this.known.has(pid) && !this.cpu.has(pid)) {
        const kind = isDynamicProvider(pid) ? "provider" : isPulumiCli(pid) ? "cli" : undefined;
        if (kind === undefined) continue;
        if (!descendsFrom(pid, this.ancestor)) {
          this.ignored.add(pid);
          continue;
        }
        if (kind === "provider") this.known.add(pid);
        this.cpu.set(pid, { kind, ms: 0 });
      }
      const ms = cpuMsOf(pid);
      const c = this.cpu.get(pid);
      if (ms !== undefined && c) c.ms = Math.max(c.ms, ms);
      if (!this.known.has(pid)) continue;
      const hwm = readStatusKb(pid, "VmHWM");
      if (hwm !== undefined) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, hwm));
    }
  }
}
