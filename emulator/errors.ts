// HubSpot-shaped error answers (reference §6). Handlers throw HubSpotError; the server adds the
// correlationId (the same uuid goes into the body and the x-hubspot-correlation-id header).
import { RateLimitPolicy } from "./types";

export type ErrorBody = Record<string, unknown>;

export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`);
  }
}

export function validationError(message: string, extra: ErrorBody = {}): HubSpotError {
  return new HubSpotError(400, { status: "error", message, category: "VALIDATION_ERROR", ...extra });
}

export function notFoundError(message: string, extra: ErrorBody = {}): HubSpotError {
  return new HubSpotError(404, { status: "error", message, category: "OBJECT_NOT_FOUND", ...extra });
}

/** Unknown object type in a path: HubSpot answers without a category. */
export function unknownObjectTypeError(raw: string): HubSpotError {
  return new HubSpotError(400, { status: "error", message: `Unable to infer object type from: ${raw}` });
}

export function invalidJsonError(detail: string, line = 1, column = 1): HubSpotError {
  return validationError(`Invalid input JSON on line ${line}, column ${column}: ${detail}`);
}

export const MISSING_BODY_MESSAGE = "Invalid JSON input: a request body was expected, but none found";

export const AUTH_FAILURE_MESSAGE =
  "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

export function authenticationError(): HubSpotError {
  return new HubSpotError(
    401,
    { status: "error", message: AUTH_FAILURE_MESSAGE, category: "INVALID_AUTHENTICATION" },
    { "x-hubspot-auth-failure": "401 Unauthorized" },
  );
}

export function missingScopesError(requiredScopes: string[]): HubSpotError {
  return new HubSpotError(403, {
    status: "error",
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    category: "MISSING_SCOPES",
    errors: [{ message: "One or more of the following scopes are required.", context: { requiredScopes } }],
    links: { scopes: "https://developers.hubspot.com/scopes" },
  });
}

const RATE_LIMIT_MESSAGES: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: "You have reached your ten_secondly_rolling limit.",
  DAILY: "You have reached your daily limit.",
  SECONDLY: "You have reached your secondly limit.",
};

/** 429 body exactly as §6.4: errorType RATE_LIMIT, policyName, no category (the Node client keys its retries on these). */
export function rateLimitError(policy: RateLimitPolicy, portalId: number, retryAfterSeconds: number): HubSpotError {
  const group =
    policy === "DAILY"
      ? "publicapi:private_app-api-calls-daily"
      : policy === "SECONDLY"
        ? "publicapi:private_app-api-calls-secondly"
        : "publicapi:private_app-api-calls-ten-secondly";
  return new HubSpotError(
    429,
    {
      status: "error",
      message: RATE_LIMIT_MESSAGES[policy],
      errorType: "RATE_LIMIT",
      policyName: policy,
      groupName: `${group}:emulator:${portalId}`,
    },
    { "retry-after": String(Math.max(1, retryAfterSeconds)) },
  );
}

export function internalError(): HubSpotError {
  return new HubSpotError(500, { status: "error", message: "internal error" });
}

export function methodNotAllowedError(method: string, allowed: string[]): HubSpotError {
  return new HubSpotError(
    405,
    {
      status: "error",
      message: `HTTP method ${method} is not supported by this resource. Supported: ${allowed.join(", ")}`,
      category: "VALIDATION_ERROR",
    },
    { allow: allowed.join(", ") },
  );
}

export function routeNotFoundError(path: string): HubSpotError {
  return new HubSpotError(404, { status: "error", message: `No route matches ${path}`, category: "OBJECT_NOT_FOUND" });
}

export function payloadTooLargeError(maxBytes: number): HubSpotError {
  return new HubSpotError(413, {
    status: "error",
    message: `Request body exceeds the maximum of ${maxBytes} bytes`,
    category: "VALIDATION_ERROR",
  });
}

/** The body HubSpot sends for a given status; used by fault injection. */
export function bodyForStatus(status: number, policy: RateLimitPolicy | undefined, portalId: number): HubSpotError {
  switch (status) {
    case 400:
      return validationError("Invalid input (injected fault)");
    case 401:
      return authenticationError();
    case 403:
      return missingScopesError(["crm.objects.contacts.write"]);
    case 404:
      return notFoundError("resource not found");
    case 409:
      return new HubSpotError(409, { status: "error", message: "Conflict (injected fault)", category: "CONFLICT" });
    case 429:
      return rateLimitError(
        policy ?? "TEN_SECONDLY_ROLLING",
        portalId,
        policy === "DAILY" ? 3600 : policy === "SECONDLY" ? 1 : 10,
      );
    case 500:
      return internalError();
    case 502:
      return new HubSpotError(502, { status: "error", message: "Bad Gateway" });
    case 503:
      return new HubSpotError(503, { status: "error", message: "Service Unavailable" });
    case 504:
      return new HubSpotError(504, { status: "error", message: "Gateway Timeout" });
    default:
      return new HubSpotError(status, { status: "error", message: `HTTP ${status} (injected fault)` });
  }
}

/** A batch item error as HubSpot returns it inside an envelope (no correlationId of its own). */
export interface StandardError {
  status: "error";
  category: string;
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
}

/** Turn a HubSpotError into the StandardError item a batch envelope carries. */
export function toStandardError(e: HubSpotError): StandardError {
  const b = e.body;
  const out: StandardError = {
    status: "error",
    category: typeof b.category === "string" ? b.category : "VALIDATION_ERROR",
    message: typeof b.message === "string" ? b.message : "error",
    context: (b.context as Record<string, string[]> | undefined) ?? {},
  };
  if (typeof b.subCategory === "string") out.subCategory = b.subCategory;
  return out;
}

/** The emulator refuses a request that does not come from the user's own tools (foreign Host or Origin). */
export function forbiddenError(message: string): HubSpotError {
  return new HubSpotError(403, { status: "error", message, category: "FORBIDDEN" });
}

export function unsupportedMediaTypeError(contentType: string | undefined): HubSpotError {
  return new HubSpotError(415, {
    status: "error",
    message: `Content-Type '${contentType ?? ""}' is not supported; send the body as application/json`,
    category: "VALIDATION_ERROR",
  });
}

/** The emulator's own bounds on the state (records, properties, total size), so no client can grow it without limit. */
export function stateLimitError(message: string): HubSpotError {
  return validationError(message, { subCategory: "emulator.STATE_LIMIT_EXCEEDED" });
}
