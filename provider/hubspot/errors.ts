// Typed errors of the HubSpot client.
//
// Pulumi's dynamic-provider host prints `${e}: ${e.stack}` for a failed operation and returns the message to
// the CLI, so every field here is chosen to be safe to print: HubSpot's message, category, correlation id, the
// HTTP method and the route TEMPLATE (never the full URL, never headers, never the token). Library errors
// (fetch/undici) are never attached as `cause`: only their code and a redacted message are copied. Text from
// HubSpot arrives here already redacted (redaction.ts).

import { inspect } from "node:util";

export interface HubSpotErrorDetail {
  message: string;
  in?: string;
  code?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

/** Where an error happened: the operation, never the concrete URL. */
export interface RequestDescription {
  method: string;
  /** Route template, e.g. `POST /crm/v4/associations/{fromObjectType}/{toObjectType}/labels`'s path part. */
  route: string;
}

/** Base class: everything the client throws is a HubSpotError. */
export class HubSpotError extends Error {
  readonly method: string | undefined;
  readonly route: string | undefined;

  constructor(message: string, request?: RequestDescription) {
    super(message);
    this.name = new.target.name;
    this.method = request?.method;
    this.route = request?.route;
  }

  /** What JSON.stringify shows: the printable fields only. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

export interface ApiErrorFields {
  status: number;
  category?: string;
  subCategory?: string;
  /** HubSpot's own message, as sent (token redacted by the transport). */
  hubspotMessage?: string;
  correlationId?: string;
  context?: Record<string, string[]>;
  errors?: HubSpotErrorDetail[];
}

/** HubSpot answered with an error status. */
export class HubSpotApiError extends HubSpotError {
  readonly status: number;
  readonly category: string | undefined;
  readonly subCategory: string | undefined;
  readonly hubspotMessage: string | undefined;
  readonly correlationId: string | undefined;
  readonly context: Record<string, string[]> | undefined;
  readonly errors: HubSpotErrorDetail[] | undefined;

  constructor(fields: ApiErrorFields, request?: RequestDescription, messageOverride?: string) {
    super(messageOverride ?? describeApiError(fields, request), request);
    this.status = fields.status;
    this.category = fields.category;
    this.subCategory = fields.subCategory;
    this.hubspotMessage = fields.hubspotMessage;
    this.correlationId = fields.correlationId;
    this.context = fields.context;
    this.errors = fields.errors;
  }
}

/** 401: the token is missing, wrong, revoked or expired (`INVALID_AUTHENTICATION`, `EXPIRED_AUTHENTICATION`). */
export class HubSpotAuthError extends HubSpotApiError {}

/** 403 `MISSING_SCOPES`: the token works but lacks a scope; `requiredScopes` lists what HubSpot asked for. */
export class HubSpotScopeError extends HubSpotApiError {
  readonly requiredScopes: string[];

  constructor(fields: ApiErrorFields, request?: RequestDescription) {
    const requiredScopes = extractRequiredScopes(fields);
    super(
      fields,
      request,
      describeApiError(
        fields,
        request,
        requiredScopes.length > 0 ? `required scopes (any of): ${requiredScopes.join(", ")}` : undefined,
      ),
    );
    this.requiredScopes = requiredScopes;
  }
}

export interface RateLimitFields extends ApiErrorFields {
  policyName?: string;
  retryAfterMs?: number;
  attempts?: number;
}

/** 429 that did not clear after the retries the policy allows (or asked to wait longer than allowed). */
export class HubSpotRateLimitError extends HubSpotApiError {
  readonly policyName: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number | undefined;

  constructor(fields: RateLimitFields, request?: RequestDescription, messageOverride?: string) {
    super(
      fields,
      request,
      messageOverride ??
        describeApiError(
          fields,
          request,
          `rate limit ${fields.policyName ?? "(unknown policy)"} still exceeded after ${fields.attempts ?? 1} attempt(s)`,
        ),
    );
    this.policyName = fields.policyName;
    this.retryAfterMs = fields.retryAfterMs;
    this.attempts = fields.attempts;
  }
}

/** 429 `DAILY`: the portal's daily quota is spent; waiting seconds will not help, so it is never retried. */
export class HubSpotDailyLimitError extends HubSpotRateLimitError {
  /** Estimated next reset (midnight in the portal's time zone), when the time zone is known. */
  readonly resetsAt: string | undefined;
  readonly timeZone: string | undefined;

  constructor(
    fields: RateLimitFields,
    request: RequestDescription | undefined,
    reset: { timeZone?: string; resetsAt?: Date },
  ) {
    const when =
      reset.timeZone !== undefined && reset.resetsAt !== undefined
        ? `it resets at midnight in the portal's time zone (${reset.timeZone}), about ${reset.resetsAt.toISOString()}`
        : "it resets at midnight in the portal's time zone";
    super(
      { ...fields, policyName: fields.policyName ?? "DAILY" },
      request,
      describeApiError(
        fields,
        request,
        `HubSpot's daily API request quota for this portal is spent; ${when}. Not retried`,
      ),
    );
    this.resetsAt = reset.resetsAt?.toISOString();
    this.timeZone = reset.timeZone;
  }
}

export type NetworkFailureKind =
  /** Nothing reached the server (connection refused, DNS failure): safe to retry any request. */
  | "not-sent"
  /** The request could not even be built (invalid URL or header): retrying cannot help. */
  | "invalid-request"
  /** No answer within the per-request timeout. */
  | "timeout"
  /** The connection broke after (part of) the request was sent, or while its answer was being read. */
  | "connection-lost";

export interface NetworkErrorFields {
  kind: NetworkFailureKind;
  /** System or undici code (`ECONNREFUSED`, `UND_ERR_SOCKET`, `TIMEOUT`...), when known. */
  code?: string;
  /** A short, redacted description of the underlying failure. */
  detail: string;
  attempts?: number;
}

/** No usable HTTP answer: connection refused or lost, timeout, DNS failure, a request fetch refused to send. */
export class HubSpotNetworkError extends HubSpotError {
  readonly kind: NetworkFailureKind;
  readonly code: string | undefined;
  readonly detail: string;
  readonly attempts: number | undefined;

  constructor(fields: NetworkErrorFields, request?: RequestDescription) {
    const where = request ? ` on ${request.method} ${request.route}` : "";
    const attempts = fields.attempts !== undefined && fields.attempts > 1 ? ` after ${fields.attempts} attempts` : "";
    super(
      `HubSpot request failed${where}${attempts}: ${fields.kind}${fields.code ? ` (${fields.code})` : ""}: ${fields.detail}`,
      request,
    );
    this.kind = fields.kind;
    this.code = fields.code;
    this.detail = fields.detail;
    this.attempts = fields.attempts;
  }
}

/**
 * A non-idempotent request (creating a label, batch-creating limits) was sent and no definite answer came back
 * (5xx, timeout, connection lost). HubSpot may or may not have applied it. It is NOT re-sent automatically:
 * read the current state (e.g. list the pair's labels) and decide. `reason` carries the underlying error.
 */
export class OutcomeUnknownError extends HubSpotError {
  readonly reason: HubSpotApiError | HubSpotNetworkError;

  constructor(reason: HubSpotApiError | HubSpotNetworkError, request?: RequestDescription) {
    const where = request ? `${request.method} ${request.route}` : "the request";
    super(
      `outcome unknown: ${where} may or may not have been applied by HubSpot (${reason.message}); ` +
        "it was not re-sent; read the current state before trying again",
      request,
    );
    this.reason = reason;
  }
}

/** HubSpot answered 2xx with a body this client cannot understand. */
export class HubSpotResponseFormatError extends HubSpotError {
  readonly status: number;

  constructor(status: number, problem: string, request?: RequestDescription) {
    super(
      `unexpected HubSpot response (${status}) on ${request ? `${request.method} ${request.route}` : "request"}: ${problem}`,
      request,
    );
    this.status = status;
  }
}

/** The client was configured wrongly (missing token, invalid base URL). The token is never echoed. */
export class HubSpotConfigError extends HubSpotError {}

function describeApiError(fields: ApiErrorFields, request: RequestDescription | undefined, extra?: string): string {
  const parts: string[] = [`HubSpot API error ${fields.status}`];
  if (fields.category) parts.push(fields.category);
  if (fields.subCategory) parts.push(`(${fields.subCategory})`);
  let text = parts.join(" ");
  if (request) text += ` on ${request.method} ${request.route}`;
  text += `: ${fields.hubspotMessage && fields.hubspotMessage.length > 0 ? fields.hubspotMessage : "(no message)"}`;
  const detailMessages = (fields.errors ?? []).map((e) => e.message).filter((m) => m && m !== fields.hubspotMessage);
  if (detailMessages.length > 0) text += ` [${detailMessages.join("; ")}]`;
  if (extra) text = `${text.replace(/[.\s]+$/, "")}; ${extra}`;
  text += ` (correlationId: ${fields.correlationId ?? "none"})`;
  return text;
}

function extractRequiredScopes(fields: ApiErrorFields): string[] {
  const scopes = new Set<string>();
  for (const detail of fields.errors ?? []) {
    for (const scope of detail.context?.requiredScopes ?? []) scopes.add(scope);
  }
  for (const scope of fields.context?.requiredScopes ?? []) scopes.add(scope);
  return [...scopes];
}

// `util.inspect` of an Error shows its stack plus own enumerable fields; all of them are printable already.
// Declared explicitly so that the contract ("nothing secret in here") is visible and checked by tests.
Object.defineProperty(HubSpotError.prototype, inspect.custom, {
  value: function (this: HubSpotError): string {
    const fields = this.toJSON();
    delete fields.name;
    delete fields.message;
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(fields, { depth: 4 })}`;
  },
  enumerable: false,
});
