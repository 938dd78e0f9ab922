// Helpers to recognise the HubSpot client's typed errors. Recognition is by shape/name rather than `instanceof`
// so that it works even when two copies of the package are loaded in one process (a program's node_modules and a
// linked checkout), and against test doubles.
import { errorMessage } from "../model";

export interface ApiErrorShape {
  status: number;
  category?: string;
  subCategory?: string;
  correlationId?: string;
  hubspotMessage?: string;
  message: string;
}

export function apiErrorOf(e: unknown): ApiErrorShape | undefined {
  if (e && typeof e === "object" && typeof (e as { status?: unknown }).status === "number" && e instanceof Error) {
    return e as unknown as ApiErrorShape;
  }
  return undefined;
}

export function isNotFound(e: unknown): boolean {
  return apiErrorOf(e)?.status === 404;
}

/**
 * A labels POST or a configurations batch/create that may or may not have been applied: the client's
 * OutcomeUnknownError (network error or 5xx after sending), or a 2xx whose body could not be read
 * (HubSpotResponseFormatError: HubSpot did apply it, we just can't tell the new type ids). Either way the
 * caller re-reads the pair before sending anything again.
 */
export function isOutcomeUnknown(e: unknown): boolean {
  return e instanceof Error && (e.name === "OutcomeUnknownError" || e.name === "HubSpotResponseFormatError");
}

/** HubSpot's own text with category and correlation id, for errors we rephrase. */
export function hubspotDetails(e: unknown): string {
  const api = apiErrorOf(e);
  if (!api) return errorMessage(e);
  const parts = [`HubSpot said: ${api.hubspotMessage ?? api.message}`];
  parts.push(`category ${api.category ?? "(none)"}${api.subCategory ? ` / ${api.subCategory}` : ""}`);
  parts.push(`correlation id ${api.correlationId ?? "(none)"}`);
  return parts.join("; ");
}

/** Prefixes an error's message with what we were doing, keeping the original as `cause`. */
export function withContext(e: unknown, what: string): Error {
  const err = new Error(`${what}: ${errorMessage(e)}`, { cause: e });
  const api = apiErrorOf(e);
  if (api) Object.assign(err, { status: api.status, category: api.category, correlationId: api.correlationId });
  return err;
}
