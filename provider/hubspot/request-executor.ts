// The retry loop: every attempt takes a token from the rate limiter, goes out through the transport, and its
// answer is classified by the policy (policy.ts). Differences from @hubspot/api-client (reference §9.2):
// - 429 TEN_SECONDLY_ROLLING/SECONDLY: retried for any method (HubSpot did not process it), with full-jitter
//   backoff, honouring Retry-After, and the shared bucket is drained so the other callers pause too;
//   429 DAILY fails at once with a message saying when the quota resets;
// - 5xx, timeouts and broken connections: retried only when the operation is idempotent; for a POST that
//   creates something the outcome is unknown, so it throws OutcomeUnknownError and never re-sends blindly;
// - connection refused / DNS failure: nothing was sent, so retried for any method;
// - the rate-limit headers of every answer feed the limiter.

import { Clock } from "./clock";
import { nextMidnightIn } from "./daily-reset";
import {
  HubSpotDailyLimitError,
  HubSpotError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  OutcomeUnknownError,
  RequestDescription,
} from "./errors";
import { RetrySchedule, isIdempotent, isRetryableRateLimitPolicy } from "./policy";
import { AdaptiveRateLimiter } from "./rate-limiter";
import { apiErrorFor, parseErrorBody } from "./response-errors";
import { StatsRecorder } from "./stats";
import { HttpRequest, HttpResponse, TransportOptions, sendOnce, toNetworkError } from "./transport";

export interface ExecutorOptions {
  transport: TransportOptions;
  limiter: AdaptiveRateLimiter;
  retry: RetrySchedule;
  clock: Clock;
  stats: StatsRecorder;
  /** The portal's IANA time zone when known, for the daily-limit message. */
  timeZone: () => string | undefined;
}

export class RequestExecutor {
  constructor(private readonly options: ExecutorOptions) {}

  /** Sends `request` until it succeeds (2xx) or the policy gives up; throws a HubSpotError otherwise. */
  async execute(request: HttpRequest): Promise<HttpResponse> {
    const key = `${request.method} ${request.route}`;
    this.options.stats.call(key);
    try {
      return await this.attemptUntilSettled(request, key);
    } catch (error) {
      this.options.stats.failure(key);
      throw error;
    }
  }

  private async attemptUntilSettled(request: HttpRequest, key: string): Promise<HttpResponse> {
    const { limiter, retry, stats } = this.options;
    const policy = retry.policy;
    const description: RequestDescription = { method: request.method, route: request.route };
    const idempotent = isIdempotent(request.method, request.route);
    let attempts = 0;
    let transientFailures = 0;
    let rateLimitedAnswers = 0;

    for (;;) {
      const permit = await limiter.acquire();
      attempts++;
      stats.request(key, attempts > 1);

      let response: HttpResponse;
      try {
        response = await sendOnce(this.options.transport, request);
      } catch (error) {
        permit.complete();
        const failure =
          error instanceof HubSpotNetworkError
            ? error
            : toNetworkError(error, this.options.transport.token(), description, this.options.transport.timeoutMs);
        if (failure.kind === "invalid-request") throw failure;
        if (failure.kind !== "not-sent" && !idempotent) throw new OutcomeUnknownError(failure, description);
        transientFailures++;
        if (transientFailures >= policy.maxAttempts) {
          throw new HubSpotNetworkError(
            {
              kind: failure.kind,
              ...(failure.code !== undefined ? { code: failure.code } : {}),
              detail: failure.detail,
              attempts,
            },
            description,
          );
        }
        await retry.sleep(retry.transientDelayMs(transientFailures - 1));
        continue;
      }

      permit.complete({ headers: response.rateLimit, rateLimited: response.status === 429 });
      if (response.status >= 200 && response.status < 300) return response;

      if (response.status === 429) {
        stats.rateLimited(key);
        rateLimitedAnswers++;
        const fields = {
          ...parseErrorBody(response),
          attempts,
          ...(response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {}),
        };
        if (!isRetryableRateLimitPolicy(fields.policyName)) throw this.dailyLimitError(fields, description);
        const retryAfter = response.retryAfterMs ?? 0;
        if (rateLimitedAnswers >= policy.maxRateLimitAttempts || retryAfter > policy.maxRetryAfterMs) {
          throw new HubSpotRateLimitError(fields, description);
        }
        const delay = Math.max(retryAfter, retry.rateLimitDelayMs(rateLimitedAnswers - 1));
        // The server's window is full: stop every caller of this client, not just this one.
        limiter.drain(delay);
        await retry.sleep(delay);
        continue;
      }

      const apiError = apiErrorFor(parseErrorBody(response), description);
      if (response.status >= 500) {
        // HubSpot may have applied the change before failing; a POST that creates must not be repeated.
        if (!idempotent) throw new OutcomeUnknownError(apiError, description);
        transientFailures++;
        if (transientFailures >= policy.maxAttempts) throw apiError;
        await retry.sleep(retry.transientDelayMs(transientFailures - 1));
        continue;
      }
      throw apiError;
    }
  }

  private dailyLimitError(
    fields: ConstructorParameters<typeof HubSpotRateLimitError>[0],
    request: RequestDescription,
  ): HubSpotError {
    const timeZone = this.options.timeZone();
    const resetsAt = timeZone !== undefined ? nextMidnightIn(timeZone, this.options.clock.now()) : undefined;
    return new HubSpotDailyLimitError(fields, request, resetsAt !== undefined ? { timeZone, resetsAt } : {});
  }
}
