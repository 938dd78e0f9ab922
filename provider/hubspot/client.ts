// HubSpotClient: the HubSpotApi implementation the provider uses, one per provider process.
//
// Composition: endpoint modules (labels, limits, account, schemas) describe each call; the RequestExecutor
// runs it through the AdaptiveRateLimiter and the retry policy; the transport sends it with the platform
// fetch. The access token lives in a TypeScript `private` field — not an ES `#private` field, which breaks
// Pulumi's deserialization of provider code — and `toJSON`/`util.inspect` leave it out.

import { inspect } from "node:util";
import * as account from "./account";
import {
  AccountDetails,
  AssociationTypeInfo,
  BatchResult,
  CreateLabelRequest,
  CustomObjectSchemaInfo,
  HubSpotApi,
  LimitConfiguration,
  LimitInput,
  LimitKey,
  RetryTiming,
  UpdateLabelRequest,
} from "./api";
import { Clock, systemClock } from "./clock";
import { HubSpotConfigError } from "./errors";
import { HttpCaller } from "./http-caller";
import * as labels from "./labels";
import * as limits from "./limits";
import {
  DEFAULT_MAX_REQUESTS_PER_10S,
  DEFAULT_TIMEOUT_MS,
  RATE_LIMIT_SAFETY_MARGIN_MS,
  RetryPolicy,
  RetrySchedule,
  resolveRetryPolicy,
} from "./policy";
import { AdaptiveRateLimiter, RateLimiterSnapshot } from "./rate-limiter";
import * as schemas from "./schemas";
import { redact } from "./redaction";
import { RequestExecutor } from "./request-executor";
import { ClientStats, StatsRecorder } from "./stats";
import { FetchFunction } from "./transport";
import { defaultUserAgent } from "./version";

export const DEFAULT_BASE_URL = "https://api.hubapi.com";

export interface HubSpotClientOptions {
  /** Private-app or OAuth access token, sent as `Authorization: Bearer`. */
  accessToken: string;
  /** Default `https://api.hubapi.com`; the emulator's URL in tests. */
  baseUrl?: string;
  /** Starting burst budget per rolling 10 s (default 100); adapts to `X-HubSpot-RateLimit-*` headers. */
  maxRequestsPer10s?: number;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Overrides of the retry policy (attempt counts, backoff); see policy.ts for defaults. */
  retry?: Partial<RetryPolicy>;
  /** The portal's IANA time zone, for the daily-limit message; learned from getAccountDetails() otherwise. */
  timeZone?: string;
  /** Default `pulumi-hubspot-associations/<version>`. */
  userAgent?: string;
  /** Extra hold per rate-limit token after its window (default 50 ms). */
  rateLimitSafetyMarginMs?: number;
  /** Send one request and read its rate-limit headers before the first burst (default true). */
  calibrateRateLimit?: boolean;
  /** Test seams. */
  clock?: Clock;
  random?: () => number;
  fetch?: FetchFunction;
}

export class HubSpotClient implements HubSpotApi {
  /** Defined non-enumerable in the constructor, so spreading or Object.entries() of the client omits it too. */
  declare private readonly accessToken: string;
  readonly baseUrl: string;
  /** The retry policy and clock, for the provider's own re-plan loops (api.ts RetryTiming). */
  readonly retry: RetryTiming;
  private readonly limiter: AdaptiveRateLimiter;
  private readonly recorder = new StatsRecorder();
  private readonly executor: RequestExecutor;
  private readonly http: HttpCaller;
  private portalTimeZone: string | undefined;

  constructor(options: HubSpotClientOptions) {
    const token = typeof options?.accessToken === "string" ? options.accessToken.trim() : "";
    if (token.length === 0)
      throw new HubSpotConfigError("HubSpot access token is missing (set hubspot:accessToken or HUBSPOT_ACCESS_TOKEN)");
    // A header value cannot hold control characters or spaces; fetch would reject it quoting the value.
    if (hasUnsafeHeaderCharacters(token)) {
      throw new HubSpotConfigError("HubSpot access token contains whitespace or control characters (value not shown)");
    }
    Object.defineProperty(this, "accessToken", {
      value: token,
      enumerable: false,
      writable: false,
      configurable: false,
    });
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, token);
    this.portalTimeZone = options.timeZone;
    const clock = options.clock ?? systemClock;
    this.limiter = new AdaptiveRateLimiter({
      maxRequests: options.maxRequestsPer10s ?? DEFAULT_MAX_REQUESTS_PER_10S,
      safetyMarginMs: options.rateLimitSafetyMarginMs ?? RATE_LIMIT_SAFETY_MARGIN_MS,
      calibrate: options.calibrateRateLimit ?? true,
      clock,
    });
    const retry = new RetrySchedule(resolveRetryPolicy(options.retry), clock, options.random ?? Math.random);
    this.retry = retry;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
      throw new HubSpotConfigError("timeoutMs must be a positive number");
    this.executor = new RequestExecutor({
      transport: {
        baseUrl: this.baseUrl,
        timeoutMs,
        userAgent: options.userAgent ?? defaultUserAgent(),
        token: () => this.accessToken,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
      limiter: this.limiter,
      retry,
      clock,
      stats: this.recorder,
      timeZone: () => this.portalTimeZone,
    });
    this.http = (request) => this.executor.execute(request);
  }

  // ---- labels ----------------------------------------------------------------------------------------

  listLabels(fromObjectType: string, toObjectType: string): Promise<AssociationTypeInfo[]> {
    return labels.listLabels(this.http, fromObjectType, toObjectType);
  }

  createLabel(fromObjectType: string, toObjectType: string, req: CreateLabelRequest): Promise<AssociationTypeInfo[]> {
    return labels.createLabel(this.http, fromObjectType, toObjectType, req);
  }

  updateLabel(fromObjectType: string, toObjectType: string, req: UpdateLabelRequest): Promise<void> {
    return labels.updateLabel(this.http, fromObjectType, toObjectType, req);
  }

  deleteLabel(fromObjectType: string, toObjectType: string, typeId: number): Promise<void> {
    return labels.deleteLabel(this.http, fromObjectType, toObjectType, typeId);
  }

  // ---- limits ----------------------------------------------------------------------------------------

  listAllLimits(): Promise<LimitConfiguration[]> {
    return limits.listAllLimits(this.http);
  }

  listLimits(fromObjectType: string, toObjectType: string): Promise<LimitConfiguration[]> {
    return limits.listLimits(this.http, fromObjectType, toObjectType);
  }

  createLimits(
    fromObjectType: string,
    toObjectType: string,
    inputs: LimitInput[],
  ): Promise<BatchResult<LimitConfiguration>> {
    return limits.createLimits(this.http, fromObjectType, toObjectType, inputs);
  }

  updateLimits(
    fromObjectType: string,
    toObjectType: string,
    inputs: LimitInput[],
  ): Promise<BatchResult<LimitConfiguration>> {
    return limits.updateLimits(this.http, fromObjectType, toObjectType, inputs);
  }

  purgeLimits(fromObjectType: string, toObjectType: string, inputs: LimitKey[]): Promise<void> {
    return limits.purgeLimits(this.http, fromObjectType, toObjectType, inputs);
  }

  // ---- account -----------------------------------------------------------------------------------------

  async getAccountDetails(): Promise<AccountDetails> {
    const details = await account.getAccountDetails(this.http);
    if (details.timeZone !== undefined) this.portalTimeZone = details.timeZone;
    return details;
  }

  // ---- custom objects ------------------------------------------------------------------------------------

  listCustomObjectSchemas(): Promise<CustomObjectSchemaInfo[]> {
    return schemas.listCustomObjectSchemas(this.http);
  }

  // ---- observability -----------------------------------------------------------------------------------

  /** Requests sent, retries and 429s received, in total and per `"<METHOD> <route template>"`. */
  stats(): ClientStats {
    return this.recorder.snapshot();
  }

  resetStats(): void {
    this.recorder.reset();
  }

  /** The limiter's current view: budget, window, tokens spent, queue length. */
  rateLimitState(): RateLimiterSnapshot {
    return this.limiter.snapshot();
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, rateLimit: this.limiter.snapshot() };
  }

  [inspect.custom](): string {
    return `HubSpotClient ${inspect(this.toJSON())}`;
  }
}

function hasUnsafeHeaderCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/.test(char)) return true;
  }
  return false;
}

function normaliseBaseUrl(raw: string, token: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HubSpotConfigError(`HubSpot base URL is not a valid URL: ${JSON.stringify(redact(raw, token))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HubSpotConfigError(`HubSpot base URL must be http(s): ${JSON.stringify(redact(raw, token))}`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new HubSpotConfigError("HubSpot base URL must not contain credentials, a query or a fragment");
  }
  return url.toString().replace(/\/+$/, "");
}
