// An adaptive rate limiter for HubSpot's rolling-window burst limit.
//
// Why not a classic token bucket (capacity B, refilled at B per 10 s)? HubSpot counts the requests of the
// last 10 s. A full bucket lets B requests out at t=0 and then refills continuously, so by t=9.9 s it has let
// out almost 2B requests inside one 10 s window: the classic bucket is exactly the burst-then-steady pattern
// that earns 429s. So this is a bucket whose tokens refill one by one, each exactly one window after it was
// spent — equivalently a sliding log of send times. Within ANY window of length W at most B requests go out,
// and a token comes back the moment the window allows it, so a long burst runs at the budget and never idles
// below it (500 calls at 100/10 s: 100 at once, then 100 more every 10 s: ~40 s, the floor).
//
// When does the window of a request end? HubSpot counts a request when it arrives, somewhere between our send
// and its response. We do not know when, so a token is returned one window (+ a small margin) after the
// RESPONSE arrived — the latest instant HubSpot can have counted it. That is exact for the server's view
// whatever the latency, and costs one round trip per window (about 1 % at 100 ms).
//
// Adaptation to `X-HubSpot-RateLimit-*` headers:
// - `Max` differs from our capacity: resize (HubSpot's tier is the truth; the config value is only a start);
// - `Interval-Milliseconds` differs from our window: adopt it;
// - the server reports fewer `Remaining` than we think (another process or an earlier run uses the same
//   token): "phantom" tokens are spent to match, each returned a full window later (the worst case, since we
//   cannot know when the other requests were made). Never the other way round: our own in-flight requests
//   may not have reached the server yet, so more remaining on the server is not a reason to send more.
// Until the first answer arrives the limiter lets a single request out ("calibration"): one round trip at
// process start buys the real budget and the real remaining count before the first burst.
//
// Waiters are served strictly first-in first-out from one queue; a single timer is armed for the instant the
// next token returns (or none when every token is held by an in-flight request: its completion wakes us).
// No polling, no busy loops.

import { Clock, TimerHandle, systemClock } from "./clock";
import { DEFAULT_MAX_REQUESTS_PER_10S, RATE_LIMIT_SAFETY_MARGIN_MS, RATE_LIMIT_WINDOW_MS } from "./policy";

/** The rate-limit headers of one response, already parsed (undefined when absent or not a number). */
export interface RateLimitHeaders {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  dailyMax?: number;
  dailyRemaining?: number;
}

export interface RateLimiterOptions {
  /** Starting budget per window (default 100). */
  maxRequests?: number;
  /** Starting window length (default 10 000 ms). */
  windowMs?: number;
  /** Extra hold time per token (default 50 ms). */
  safetyMarginMs?: number;
  /** Let one request out and wait for its answer before the first burst (default true). */
  calibrate?: boolean;
  clock?: Clock;
}

export interface CompletionInfo {
  /** Parsed rate-limit headers of the answer, when there was one. */
  headers?: RateLimitHeaders;
  /**
   * The answer was a 429. Its `Remaining` is not used to spend phantom tokens (the retry path drains the
   * bucket for its own backoff instead), but `Max` and the interval still resize the bucket.
   */
  rateLimited?: boolean;
}

/** Held from the moment a request may be sent until its answer (or failure) is known. */
export interface RateLimitPermit {
  /** Call exactly once when the answer arrived or the request failed; later calls are ignored. */
  complete(info?: CompletionInfo): void;
}

export interface RateLimiterSnapshot {
  capacity: number;
  windowMs: number;
  /** Tokens spent and not yet returned (in flight, in their window, or phantom). */
  spent: number;
  inFlight: number;
  queued: number;
  calibrated: boolean;
  dailyRemaining?: number;
}

interface Token {
  /** When the token returns; Infinity while its request is in flight. */
  returnsAt: number;
}

interface Waiter {
  resolve: (permit: RateLimitPermit) => void;
}

export class AdaptiveRateLimiter {
  private capacity: number;
  private windowMs: number;
  private readonly safetyMarginMs: number;
  private readonly clock: Clock;
  private calibrated: boolean;
  private spentTokens: Token[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private dailyRemaining: number | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.capacity = positiveInteger(options.maxRequests ?? DEFAULT_MAX_REQUESTS_PER_10S, "maxRequests");
    this.windowMs = positiveInteger(options.windowMs ?? RATE_LIMIT_WINDOW_MS, "windowMs");
    this.safetyMarginMs = Math.max(0, options.safetyMarginMs ?? RATE_LIMIT_SAFETY_MARGIN_MS);
    this.calibrated = !(options.calibrate ?? true);
    this.clock = options.clock ?? systemClock;
  }

  /** Resolves when a request may be sent. Callers are served in the order they called. */
  acquire(): Promise<RateLimitPermit> {
    return new Promise((resolve) => {
      this.waiters.push({ resolve });
      this.pump();
    });
  }

  /**
   * Spends every free token for `durationMs` (a 429 said the server's window is full): nobody sends until
   * then, however many callers are queued. Tokens already spent keep their own return times.
   */
  drain(durationMs: number): void {
    const returnsAt = this.clock.now() + Math.max(0, durationMs);
    this.prune();
    while (this.spentTokens.length < this.capacity) this.spentTokens.push({ returnsAt });
    this.pump();
  }

  snapshot(): RateLimiterSnapshot {
    this.prune();
    return {
      capacity: this.capacity,
      windowMs: this.windowMs,
      spent: this.spentTokens.length,
      inFlight: this.spentTokens.filter((t) => t.returnsAt === Infinity).length,
      queued: this.waiters.length,
      calibrated: this.calibrated,
      ...(this.dailyRemaining !== undefined ? { dailyRemaining: this.dailyRemaining } : {}),
    };
  }

  private complete(token: Token, info: CompletionInfo): void {
    // Adapt first: a new interval applies to this token's return time too.
    if (info.headers) this.adapt(info.headers, info.rateLimited === true);
    token.returnsAt = this.clock.now() + this.windowMs + this.safetyMarginMs;
    this.calibrated = true;
    this.pump();
  }

  private adapt(headers: RateLimitHeaders, rateLimited: boolean): void {
    if (headers.max !== undefined && headers.max > 0 && headers.max !== this.capacity) {
      this.capacity = Math.floor(headers.max);
    }
    if (headers.intervalMs !== undefined && headers.intervalMs > 0 && headers.intervalMs !== this.windowMs) {
      this.windowMs = Math.floor(headers.intervalMs);
    }
    if (headers.dailyRemaining !== undefined) this.dailyRemaining = headers.dailyRemaining;
    if (rateLimited || headers.remaining === undefined) return;
    const usedOnServer = Math.min(this.capacity, this.capacity - Math.max(0, headers.remaining));
    this.prune();
    const missing = usedOnServer - this.spentTokens.length;
    if (missing > 0) {
      const returnsAt = this.clock.now() + this.windowMs + this.safetyMarginMs;
      for (let i = 0; i < missing; i++) this.spentTokens.push({ returnsAt });
    }
  }

  /** Forgets tokens whose window has passed. */
  private prune(): void {
    const now = this.clock.now();
    if (this.spentTokens.some((t) => t.returnsAt <= now)) {
      this.spentTokens = this.spentTokens.filter((t) => t.returnsAt > now);
    }
  }

  private canSendNow(): boolean {
    if (this.spentTokens.length >= this.capacity) return false;
    // Calibration: a single request in flight until the first answer tells us the real budget.
    if (!this.calibrated && this.spentTokens.some((t) => t.returnsAt === Infinity)) return false;
    return true;
  }

  /** Grants tokens to waiters in order while tokens are free, then arms one timer for the next return. */
  private pump(): void {
    this.prune();
    while (this.waiters.length > 0 && this.canSendNow()) {
      const waiter = this.waiters.shift() as Waiter;
      const token: Token = { returnsAt: Infinity };
      this.spentTokens.push(token);
      let done = false;
      waiter.resolve({
        complete: (info?: CompletionInfo) => {
          if (done) return;
          done = true;
          this.complete(token, info ?? {});
        },
      });
    }
    this.armTimer();
  }

  private armTimer(): void {
    let next = Infinity;
    if (this.waiters.length > 0) {
      for (const t of this.spentTokens) if (t.returnsAt < next) next = t.returnsAt;
    }
    if (next === this.timerAt) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (next === Infinity) return; // nobody waits, or only in-flight requests hold tokens: complete() wakes us
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, next - this.clock.now());
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`rate limiter: ${name} must be a positive number`);
  return Math.floor(value);
}

/** Reads HubSpot's rate-limit headers; absent or malformed values stay undefined. */
export function parseRateLimitHeaders(get: (name: string) => string | null): RateLimitHeaders {
  const num = (name: string): number | undefined => {
    const raw = get(name);
    if (raw === null || raw.trim() === "") return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  const headers: RateLimitHeaders = {};
  const max = num("x-hubspot-ratelimit-max");
  const remaining = num("x-hubspot-ratelimit-remaining");
  const intervalMs = num("x-hubspot-ratelimit-interval-milliseconds");
  const dailyMax = num("x-hubspot-ratelimit-daily");
  const dailyRemaining = num("x-hubspot-ratelimit-daily-remaining");
  if (max !== undefined) headers.max = max;
  if (remaining !== undefined) headers.remaining = remaining;
  if (intervalMs !== undefined) headers.intervalMs = intervalMs;
  if (dailyMax !== undefined) headers.dailyMax = dailyMax;
  if (dailyRemaining !== undefined) headers.dailyRemaining = dailyRemaining;
  return headers;
}
