// Turns a non-2xx HubSpot answer into the matching typed error. HubSpot's error bodies vary (429s carry no
// `category`; "Unable to infer object type" carries nothing but a message), so every field is optional here.

import {
  ApiErrorFields,
  HubSpotApiError,
  HubSpotAuthError,
  HubSpotErrorDetail,
  HubSpotScopeError,
  RequestDescription,
} from "./errors";
import { HttpResponse } from "./transport";

export interface ParsedErrorBody extends ApiErrorFields {
  /** 429 only: `TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`. */
  policyName?: string;
}

/** Reads HubSpot's error body (or a non-JSON one) into fields. The transport has redacted the token already. */
export function parseErrorBody(response: HttpResponse): ParsedErrorBody {
  const fields: ParsedErrorBody = { status: response.status };
  const body = response.body;
  const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
  if (typeof body === "string") {
    fields.hubspotMessage = body.length > 300 ? `${body.slice(0, 297)}...` : body;
  } else if (isRecord(body)) {
    const message = text(body.message);
    const category = text(body.category);
    const subCategory = text(body.subCategory);
    const correlationId = text(body.correlationId);
    const policyName = text(body.policyName);
    if (message !== undefined) fields.hubspotMessage = message;
    if (category !== undefined) fields.category = category;
    else if (body.errorType === "RATE_LIMIT") fields.category = "RATE_LIMIT";
    if (subCategory !== undefined) fields.subCategory = subCategory;
    if (correlationId !== undefined) fields.correlationId = correlationId;
    if (policyName !== undefined) fields.policyName = policyName;
    const context = parseContext(body.context);
    if (context !== undefined) fields.context = context;
    if (Array.isArray(body.errors)) {
      fields.errors = body.errors.filter(isRecord).map(parseDetail);
    }
  }
  if (fields.correlationId === undefined && response.correlationId !== undefined)
    fields.correlationId = response.correlationId;
  return fields;
}

/** The error for a final (not retried) non-2xx answer other than 429. */
export function apiErrorFor(fields: ApiErrorFields, request: RequestDescription): HubSpotApiError {
  if (fields.status === 401) return new HubSpotAuthError(fields, request);
  if (fields.status === 403) return new HubSpotScopeError(fields, request);
  return new HubSpotApiError(fields, request);
}

function parseDetail(raw: Record<string, unknown>): HubSpotErrorDetail {
  const detail: HubSpotErrorDetail = { message: typeof raw.message === "string" ? raw.message : "" };
  if (typeof raw.in === "string") detail.in = raw.in;
  if (typeof raw.code === "string") detail.code = raw.code;
  if (typeof raw.subCategory === "string") detail.subCategory = raw.subCategory;
  const context = parseContext(raw.context);
  if (context !== undefined) detail.context = context;
  return detail;
}

function parseContext(raw: unknown): Record<string, string[]> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    out[key] = values.filter((v) => v !== null && v !== undefined).map((v) => String(v));
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
