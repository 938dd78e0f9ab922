// The emulator's own endpoints under /__emulator/ (never on HubSpot's paths): request log, reset, state dump and
// load, fault injection, rate-limit settings, health. The programmatic handle of startEmulator() calls the same
// operations in-process.
import { HubSpotError, internalError, routeNotFoundError, validationError } from "./errors";
import { Answer } from "./http-context";
import { EmulatorStateSnapshot, RateLimitSettings, RequestLogDump } from "./types";

export const CONTROL_PREFIX = "/__emulator";

/** What the control plane drives; the server implements it. */
export interface ControlTarget {
  readonly portalId: number;
  requestLog(): RequestLogDump;
  clearRequestLog(): void;
  reset(): void;
  snapshot(): EmulatorStateSnapshot;
  /** Replaces the state with a document; throws a 400 HubSpotError for a malformed one. */
  loadState(raw: unknown): void;
  injectFault(raw: unknown): string;
  listFaults(): unknown[];
  clearFaults(): void;
  setRateLimit(settings: RateLimitSettings): void;
}

export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

/** A rate-limit settings body from outside. */
export function parseRateLimitSettings(raw: unknown): RateLimitSettings {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw validationError("rate-limit settings must be a JSON object");
  const body = raw as Record<string, unknown>;
  const out: RateLimitSettings = {};
  for (const k of ["per10s", "daily"] as const) {
    const v = body[k];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      throw validationError(`${k} must be a non-negative integer`);
    out[k] = v;
  }
  if (body.resetDaily !== undefined) {
    if (typeof body.resetDaily !== "boolean") throw validationError("resetDaily must be a boolean");
    out.resetDaily = body.resetDaily;
  }
  return out;
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw validationError(`Invalid input JSON: ${(e as Error).message}`);
  }
}

export function handleControl(target: ControlTarget, method: string, pathname: string, raw: Buffer): Answer {
  try {
    switch (`${method} ${pathname.replace(/\/+$/, "")}`) {
      case `GET ${CONTROL_PREFIX}/requests`:
        return { status: 200, body: target.requestLog() };
      case `DELETE ${CONTROL_PREFIX}/requests`:
        target.clearRequestLog();
        return { status: 204 };
      case `POST ${CONTROL_PREFIX}/reset`:
        target.reset();
        return { status: 204 };
      case `GET ${CONTROL_PREFIX}/state`:
        return { status: 200, body: target.snapshot() };
      case `PUT ${CONTROL_PREFIX}/state`:
        target.loadState(parseJson(raw));
        return { status: 204 };
      case `POST ${CONTROL_PREFIX}/faults`:
        return { status: 201, body: { id: target.injectFault(parseJson(raw)) } };
      case `GET ${CONTROL_PREFIX}/faults`:
        return { status: 200, body: target.listFaults() };
      case `DELETE ${CONTROL_PREFIX}/faults`:
        target.clearFaults();
        return { status: 204 };
      case `POST ${CONTROL_PREFIX}/rate-limit`:
        target.setRateLimit(parseRateLimitSettings(parseJson(raw)));
        return { status: 204 };
      case `GET ${CONTROL_PREFIX}/health`:
        return { status: 200, body: { ok: true, portalId: target.portalId } };
      default:
        throw routeNotFoundError(pathname);
    }
  } catch (e) {
    if (e instanceof HubSpotError) return { status: e.status, body: e.body, headers: e.headers };
    console.error("emulator: control endpoint failed", e);
    const err = internalError();
    return { status: err.status, body: err.body };
  }
}
