// Public surface of the HubSpot client. The provider imports from here, not from the modules.

export * from "./api";
export { HubSpotClient, HubSpotClientOptions, DEFAULT_BASE_URL } from "./client";
export {
  HubSpotError,
  HubSpotApiError,
  HubSpotAuthError,
  HubSpotScopeError,
  HubSpotRateLimitError,
  HubSpotDailyLimitError,
  HubSpotNetworkError,
  HubSpotResponseFormatError,
  HubSpotConfigError,
  OutcomeUnknownError,
  HubSpotErrorDetail,
  NetworkFailureKind,
  RequestDescription,
} from "./errors";
export { redact } from "./redaction";
export {
  DEFAULT_MAX_REQUESTS_PER_10S,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  RATE_LIMIT_WINDOW_MS,
  RetryPolicy,
  RetrySchedule,
  isIdempotent,
} from "./policy";
export {
  AdaptiveRateLimiter,
  RateLimiterOptions,
  RateLimiterSnapshot,
  RateLimitHeaders,
  RateLimitPermit,
} from "./rate-limiter";
export { Clock, ManualClock, systemClock } from "./clock";
export { ClientStats, RouteStats } from "./stats";
export { ROUTES } from "./routes";
export { nextMidnightIn } from "./daily-reset";
