// One HTTP exchange with HubSpot, on the platform `fetch`.
//
// Why the global fetch and not node-fetch (which the design card names): node-fetch 3 is ESM-only, and this
// package compiles to CommonJS, where `import("node-fetch")` becomes `require()` and fails with
// ERR_REQUIRE_ESM. Node 20's fetch (undici) needs no dependency, keeps connections alive by default (one
// pool per origin), and — being a global — is never captured when Pulumi serializes the provider into state.
// It is looked up at call time (not stored at module load) so tests can substitute it.
//
// No retries and no rate limiting here (see request-executor.ts); this module only turns one attempt into
// either an `HttpResponse` or a `HubSpotNetworkError`. It is where answers are read, so it is where the token is
// redacted from everything that came from outside (redaction.ts): nothing it returns or throws can hold it.

import { HubSpotNetworkError, NetworkFailureKind, RequestDescription } from "./errors";
import { HttpMethod, failedBeforeSending } from "./policy";
import { RateLimitHeaders, parseRateLimitHeaders } from "./rate-limiter";
import { parseRedacted, redact } from "./redaction";

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: HttpMethod;
  /** Route template, for errors and statistics. */
  route: string;
  /** Concrete path with encoded parameters (and query, if any). */
  path: string;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON body; `undefined` for an empty body; the raw text when it was not JSON. Token redacted. */
  body: unknown;
  rateLimit: RateLimitHeaders;
  /** `Retry-After` in milliseconds, when sent. */
  retryAfterMs?: number;
  correlationId?: string;
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  userAgent: string;
  /** Returns the bearer token at call time; the transport keeps no copy. */
  token: () => string;
  fetch?: FetchFunction;
}

export async function sendOnce(options: TransportOptions, request: HttpRequest): Promise<HttpResponse> {
  const description: RequestDescription = { method: request.method, route: request.route };
  const token = options.token();
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: `Bearer ${token}`,
    "User-Agent": options.userAgent,
  };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(request.body);
  }
  const doFetch: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(options.baseUrl + request.path, {
      method: request.method,
      headers,
      body,
      // Covers connecting, waiting for headers and reading the body below.
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw toNetworkError(error, token, description, options.timeoutMs);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const networkError = toNetworkError(error, token, description, options.timeoutMs);
    // Headers arrived, so the server did receive the request; a broken body is still "connection lost".
    throw networkError.kind === "not-sent"
      ? new HubSpotNetworkError(
          { kind: "connection-lost", code: networkError.code, detail: networkError.detail },
          description,
        )
      : networkError;
  }
  const result: HttpResponse = {
    status: response.status,
    body: parseRedacted(text, token),
    rateLimit: parseRateLimitHeaders((name) => response.headers.get(name)),
  };
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
  if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
  const correlationId = response.headers.get("x-hubspot-correlation-id");
  if (correlationId) result.correlationId = redact(correlationId, token);
  return result;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/**
 * Turns whatever fetch threw into a HubSpotNetworkError. Only `name`, `code` and `message` are read, and the
 * message is redacted: undici's "invalid header value" errors, for one, quote the header (and so the token).
 */
export function toNetworkError(
  error: unknown,
  token: string,
  request: RequestDescription,
  timeoutMs: number,
): HubSpotNetworkError {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  const names = chain.map((e) => (typeof e.name === "string" ? e.name : ""));
  const codes = chain
    .map((e) => (typeof e.code === "string" ? e.code : undefined))
    .filter((c): c is string => c !== undefined);
  const messages = chain.map((e) => (typeof e.message === "string" ? e.message : "")).filter((m) => m.length > 0);
  const detail = shorten(redact(stripUrls(messages.join(": ") || String(error)), token));

  if (names.includes("TimeoutError")) {
    return new HubSpotNetworkError(
      { kind: "timeout", code: "TIMEOUT", detail: `no answer within ${timeoutMs} ms` },
      request,
    );
  }
  const code = codes.find((c) => c !== "ERR_INVALID_ARG_TYPE") ?? codes[0];
  const kind: NetworkFailureKind = classify(code, messages);
  return new HubSpotNetworkError(code !== undefined ? { kind, code, detail } : { kind, detail }, request);
}

function classify(code: string | undefined, messages: string[]): NetworkFailureKind {
  if (failedBeforeSending(code)) return "not-sent";
  // Refused before any connection: malformed URL, a port fetch forbids ("bad port", e.g. :1), bad header.
  if (
    code === "ERR_INVALID_URL" ||
    code === "UND_ERR_INVALID_ARG" ||
    messages.some((m) => /invalid (\w+ )?(header|url)|failed to parse url|bad port/i.test(m))
  ) {
    return "invalid-request";
  }
  return "connection-lost";
}

/** Errors may quote the URL; the query string is not ours to print and the path is in `route` anyway. */
function stripUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s'"]+/gi, (url) => url.replace(/[?#].*$/, ""));
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
