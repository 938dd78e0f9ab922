// Random faults at a given rate, through the emulator's own fault endpoint. The emulator arms a fault for "the
// next N requests matching method + route", so the monkey watches the request log while a command runs and, for
// each new request, with probability `rate` (seeded PRNG) arms ONE fault on that request's method and route: the
// next request of the same kind fails. That spreads the faults over the whole run instead of bunching them at
// its start, and keeps the injected share close to `rate` of the traffic.
import { EmulatorLike, clearFaults, injectFault, requestLog } from "./helpers";
import { Prng } from "./prng";

export type FaultKind =
  "500" | "502" | "503" | "504" | "drop" | "500-after" | "drop-after" | "429-secondly" | "429-ten-secondly";

export interface MonkeyOptions {
  rate: number;
  kinds: FaultKind[];
  /** Weight of each kind; default equal. */
  weights?: Partial<Record<FaultKind, number>>;
  pollMs?: number;
}

function specOf(kind: FaultKind, method: string, route: string): Record<string, unknown> {
  const base = { method, route, count: 1 };
  switch (kind) {
    case "drop":
      return { ...base, drop: true };
    case "drop-after":
      return { ...base, drop: true, after: true };
    case "500-after":
      return { ...base, status: 500, after: true };
    case "429-secondly":
      return { ...base, status: 429, policy: "SECONDLY" };
    case "429-ten-secondly":
      return { ...base, status: 429, policy: "TEN_SECONDLY_ROLLING" };
    default:
      return { ...base, status: Number(kind) };
  }
}

export class FaultMonkey {
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly armedIds = new Map<string, FaultKind>();
  /** Faults armed, by kind. */
  readonly armed: Record<string, number> = {};
  /** Faults that actually answered a request, by kind (from the request log). */
  readonly fired: Record<string, number> = {};
  /** Requests observed (faulted ones included). */
  observed = 0;

  constructor(
    private readonly emu: EmulatorLike,
    private readonly rng: Prng,
    private readonly options: MonkeyOptions,
  ) {}

  private chooseKind(method: string): FaultKind {
    // `after` faults only make sense where the handler changes something.
    const kinds = this.options.kinds.filter((k) => method !== "GET" || !k.endsWith("-after"));
    const weightOf = (k: FaultKind): number => this.options.weights?.[k] ?? 1;
    let x = this.rng.next() * kinds.reduce((sum, k) => sum + weightOf(k), 0);
    for (const kind of kinds) {
      x -= weightOf(kind);
      if (x < 0) return kind;
    }
    const last = kinds.at(-1); // only reached through rounding
    if (last === undefined)
      throw new Error(`no fault kind applies to ${method} (options.kinds: ${this.options.kinds.join(", ")})`);
    return last;
  }

  private async tick(): Promise<void> {
    const log = await requestLog(this.emu);
    for (const e of log.entries) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      this.observed++;
      if (e.fault && this.armedIds.has(e.fault)) {
        const kind = this.armedIds.get(e.fault) as FaultKind;
        this.fired[kind] = (this.fired[kind] ?? 0) + 1;
        this.armedIds.delete(e.fault);
        continue; // a faulted answer does not trigger another fault
      }
      if (e.route === "(unmatched)") continue;
      if (this.rng.next() >= this.options.rate) continue;
      const kind = this.chooseKind(e.method);
      const id = await injectFault(this.emu, specOf(kind, e.method, e.route));
      this.armedIds.set(id, kind);
      this.armed[kind] = (this.armed[kind] ?? 0) + 1;
    }
  }

  start(): void {
    const loop = (): void => {
      this.running = this.tick().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(loop, this.options.pollMs ?? 40);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops arming, accounts for the last answers, and disarms whatever did not fire. */
  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.running;
    await this.tick();
    await clearFaults(this.emu);
    this.armedIds.clear();
  }

  totalFired(): number {
    return Object.values(this.fired).reduce((a, b) => a + b, 0);
  }

  totalArmed(): number {
    return Object.values(this.armed).reduce((a, b) => a + b, 0);
  }
}
