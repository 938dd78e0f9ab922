// Per-token rolling-window and daily quotas (reference §6.4). Rejected requests do not consume quota,
// so a client that backs off for the window length always gets through afterwards.
import { rateLimitError } from "./errors";
import { TokenKind } from "./types";

export interface RateLimiterConfig {
  per10s: number; // 0 disables
  daily: number; // 0 disables
  windowMs: number;
}

interface Bucket {
  stamps: number[]; // request times inside the rolling window, oldest first
  day: string;
  dailyCount: number;
}

function dayKey(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private dayEpoch = 0; // bumped by resetDaily so that a "new day" starts without waiting for midnight

  constructor(readonly config: RateLimiterConfig) {}

  configure(settings: { per10s?: number; daily?: number; resetDaily?: boolean }): void {
    if (settings.per10s !== undefined) this.config.per10s = settings.per10s;
    if (settings.daily !== undefined) this.config.daily = settings.daily;
    if (settings.resetDaily) this.dayEpoch++;
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string, now: number): Bucket {
    const day = `${dayKey(now)}#${this.dayEpoch}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { stamps: [], day, dailyCount: 0 };
      this.buckets.set(key, b);
    }
    if (b.day !== day) {
      b.day = day;
      b.dailyCount = 0;
    }
    const cutoff = now - this.config.windowMs;
    const fresh = b.stamps.findIndex((t) => t > cutoff); // stamps are in order: drop those at or before the cutoff
    b.stamps.splice(0, fresh === -1 ? b.stamps.length : fresh);
    return b;
  }

  /**
   * Counts one request for `key` or throws the 429. Returns the X-HubSpot-RateLimit-* headers to send
   * (daily ones only for private-app tokens, as HubSpot omits them for OAuth calls).
   */
  take(key: string, kind: TokenKind, portalId: number, now = Date.now()): Record<string, string> {
    const b = this.bucket(key, now);
    const { per10s, daily, windowMs } = this.config;
    if (daily > 0 && b.dailyCount >= daily) {
      const midnight = Date.parse(dayKey(now) + "T00:00:00.000Z") + 86_400_000;
      const err = rateLimitError("DAILY", portalId, Math.ceil((midnight - now) / 1000));
      Object.assign(err.headers, this.headers(b, kind));
      throw err;
    }
    const oldest = b.stamps[0];
    if (per10s > 0 && oldest !== undefined && b.stamps.length >= per10s) {
      const wait = oldest + windowMs - now;
      const err = rateLimitError("TEN_SECONDLY_ROLLING", portalId, Math.ceil(wait / 1000));
      Object.assign(err.headers, this.headers(b, kind));
      throw err;
    }
    b.stamps.push(now);
    b.dailyCount++;
    return this.headers(b, kind);
  }

  private headers(b: Bucket, kind: TokenKind): Record<string, string> {
    const { per10s, daily, windowMs } = this.config;
    const h: Record<string, string> = {};
    if (per10s > 0) {
      h["x-hubspot-ratelimit-max"] = String(per10s);
      h["x-hubspot-ratelimit-remaining"] = String(Math.max(0, per10s - b.stamps.length));
      h["x-hubspot-ratelimit-interval-milliseconds"] = String(windowMs);
    }
    if (daily > 0 && kind === "private-app") {
      h["x-hubspot-ratelimit-daily"] = String(daily);
      h["x-hubspot-ratelimit-daily-remaining"] = String(Math.max(0, daily - b.dailyCount));
    }
    return h;
  }
}
