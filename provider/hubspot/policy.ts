// The one place for the client's policy: how often to retry, how long to wait, how long a request may take,
// and which operations are safe to send twice. Everything else reads these values; nothing hard-codes its own.
// That includes the provider's own loops (a create or a limits plan re-tried after an outcome-unknown write):
// they take their attempt count and their delays from `RetrySchedule` (HubSpotApi.retry), and wait on the
// client's clock.

import type { RetryTiming } from "./api";
import { Clock, sleep } from "./clock";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/** HubSpot's Free/Starter burst budget; the limiter adapts to `X-HubSpot-RateLimit-Max` from the first answer. */
export const DEFAULT_MAX_REQUESTS_PER_10S = 100;
/** HubSpot counts requests per token in a rolling window of this length. */
export const RATE_LIMIT_WINDOW_MS = 10_000;
/**
 * Extra time a spent token stays spent after its window, to absorb timer granularity (Node timers may fire up
 * to ~1 ms early against Date.now()) and clock differences between us and the server. 0.5 % of the window.
 */
export const RATE_LIMIT_SAFETY_MARGIN_MS = 50;
/** Per-request timeout, covering connect, headers and body. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RetryPolicy {
  /** Attempts in total (first try included) for 5xx, timeouts and network errors on idempotent calls. */
  maxAttempts: number;
  /** Attempts in total for 429 TEN_SECONDLY_ROLLING / SECONDLY (any method: a 429 was never processed). */
  maxRateLimitAttempts: number;
  /** Full-jitter exponential backoff for 5xx/network errors: delay = random(0, min(max, base * 2^retry)). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Same for 429s; longer, because the window has to move on before a retry can succeed. */
  rateLimitBackoffBaseMs: number;
  rateLimitBackoffMaxMs: number;
  /** A `Retry-After` above this is not waited for (the call fails with HubSpotRateLimitError instead). */
  maxRetryAfterMs: number;
  /**
   * Plans in total (the first included) for a write whose outcome stayed unknown, where the caller re-reads,
   * re-decides and maybe re-sends. As many as an idempotent call gets: the re-plan is that write's retry.
   */
  maxReplanAttempts: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  maxRateLimitAttempts: 8,
  backoffBaseMs: 250,
  backoffMaxMs: 8_000,
  rateLimitBackoffBaseMs: 1_000,
  rateLimitBackoffMaxMs: RATE_LIMIT_WINDOW_MS,
  maxRetryAfterMs: 60_000,
  maxReplanAttempts: 5,
});

export function resolveRetryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(overrides ?? {}) };
  for (const [key, value] of Object.entries(policy)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry policy: ${key} must be a non-negative number`);
    }
  }
  if (policy.maxAttempts < 1 || policy.maxRateLimitAttempts < 1 || policy.maxReplanAttempts < 1) {
    throw new RangeError("retry policy: attempt counts must be at least 1");
  }
  return policy;
}

/**
 * "Full jitter" (AWS architecture blog, 2015): a uniformly random delay in [0, min(max, base * 2^retryIndex)].
 * It spreads concurrent retriers better than equal or decorrelated jitter, which matters when fifty calls
 * hit the same 429 at once. `retryIndex` is 0 for the first retry.
 */
export function fullJitterDelay(retryIndex: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retryIndex, 30));
  return Math.floor(random() * ceiling);
}

/**
 * The policy applied: the delay before each kind of retry, drawn with the client's random source, and waits on
 * the client's clock (a ManualClock in tests). The request executor uses it for its own retries; callers that
 * retry a whole decision use it through the `RetryTiming` view (HubSpotApi.retry).
 */
export class RetrySchedule implements RetryTiming {
  constructor(
    readonly policy: Readonly<RetryPolicy>,
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  /** Before retry `retryIndex` (0 = the first) of a 5xx, a timeout or a network failure. */
  transientDelayMs(retryIndex: number): number {
    return fullJitterDelay(retryIndex, this.policy.backoffBaseMs, this.policy.backoffMaxMs, this.random);
  }

  /** Before retry `retryIndex` (0 = the first) after a 429 that clears by waiting. */
  rateLimitDelayMs(retryIndex: number): number {
    return fullJitterDelay(
      retryIndex,
      this.policy.rateLimitBackoffBaseMs,
      this.policy.rateLimitBackoffMaxMs,
      this.random,
    );
  }

  get replanAttempts(): number {
    return this.policy.maxReplanAttempts;
  }

  /**
   * Before plan `attempt` (1 = the first, which does not wait): the transient backoff, since a re-plan is the
   * retry of a write that failed in a way the executor itself would have retried had it been idempotent.
   */
  replanDelayMs(attempt: number): number {
    checkAttempt(attempt);
    return attempt === 1 ? 0 : this.transientDelayMs(attempt - 2);
  }

  async beforeReplan(attempt: number): Promise<boolean> {
    checkAttempt(attempt);
    if (attempt > this.policy.maxReplanAttempts) return false;
    await this.sleep(this.replanDelayMs(attempt));
    return true;
  }

  sleep(delayMs: number): Promise<void> {
    return sleep(this.clock, delayMs);
  }
}

function checkAttempt(attempt: number): void {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`retry: attempt must be an integer from 1, got ${attempt}`);
}

/**
 * POSTs that are safe to repeat: they set absolute values (configuration batch/update sets the limit to N,
 * batch/purge removes limits). Every other POST creates something, and sending it twice can create it twice.
 */
const IDEMPOTENT_POST_SUFFIXES: readonly string[] = [
  "/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update",
  "/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge",
];

/**
 * Whether an operation may be re-sent when its outcome is unknown (5xx, timeout, connection lost after
 * sending). GET, PUT and DELETE are idempotent by HTTP semantics and by HubSpot's behaviour here (PUT labels
 * sets the text, DELETE of a deleted label is a 404 we surface); POST only for the routes listed above.
 */
export function isIdempotent(method: HttpMethod, routeTemplate: string): boolean {
  if (method === "GET" || method === "PUT" || method === "DELETE") return true;
  if (method === "POST") return IDEMPOTENT_POST_SUFFIXES.some((suffix) => routeTemplate.endsWith(suffix));
  return false;
}

/**
 * Network failures that happen before a single byte of the request reached the server: the outcome is known
 * (nothing happened), so even a non-idempotent POST may be sent again.
 */
const NOT_SENT_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function failedBeforeSending(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_ERROR_CODES.has(code);
}

/** 429 policies that clear by waiting. `DAILY` does not (it resets at midnight), so it is never retried. */
export function isRetryableRateLimitPolicy(policyName: string | undefined): boolean {
  return policyName !== "DAILY";
}
