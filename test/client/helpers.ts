// Shared helpers of the client tests: a scripted fetch, a driver for the manual clock, emulator control calls,
// and the "no secret anywhere in this error" check.
import { expect } from "chai";
import { inspect } from "node:util";
import { ManualClock } from "../../provider/hubspot/clock";
import { EmulatorHttp } from "../helpers/emulator-http";
import { itemAt } from "../helpers/items";

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

/** A fetch that answers from a script (one responder per call; the last one repeats) and records the calls. */
export function scriptedFetch(responders: Responder[]): {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => (headers[key] = value));
      const call: RecordedCall = {
        url: input,
        method: init.method ?? "GET",
        headers,
        body: typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(call);
      // The last responder answers every call after it.
      return itemAt(responders, Math.min(calls.length, responders.length) - 1, "responders")(call);
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return () =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json;charset=utf-8", ...headers },
    });
}

export function rateLimited(policyName: string, headers: Record<string, string> = {}): Responder {
  const message =
    policyName === "DAILY"
      ? "You have reached your daily limit."
      : `You have reached your ${policyName.toLowerCase()} limit.`;
  return json(
    429,
    { status: "error", message, errorType: "RATE_LIMIT", correlationId: "corr-429", policyName },
    headers,
  );
}

export function networkFailure(code: string, message = `connect ${code} 127.0.0.1:443`): Responder {
  return () => {
    const cause = Object.assign(new Error(message), { code });
    throw Object.assign(new TypeError("fetch failed"), { cause });
  };
}

/** Advances the manual clock in steps until the promise settles (bounded), returning its outcome. */
export async function settle<T>(
  promise: Promise<T>,
  clock: ManualClock,
  stepMs = 100,
  maxSteps = 10_000,
): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let i = 0; i < maxSteps && outcome === undefined; i++) await clock.advance(stepMs);
  if (outcome === undefined) throw new Error("promise did not settle");
  return outcome;
}

/**
 * Every way the host or a user could print an error, for the error and each link of its `cause` / `reason`
 * chain; none may contain the secret, raw or URL-encoded.
 */
export function expectNoSecret(error: unknown, secret: string): void {
  const views: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- every way the error could be printed is checked
    views.push(String(current), inspect(current, { depth: 10, showHidden: true }), JSON.stringify(current) ?? "");
    if (!(current instanceof Error)) break;
    views.push(current.message, current.stack ?? "", `${current}: ${current.stack}`);
    const links = current as Error & { reason?: unknown };
    current = links.cause ?? links.reason;
  }
  for (const view of views) expectNoSecretIn(view, secret, "error text");
}

export function expectNoSecretIn(text: string, secret: string, what: string): void {
  expect(text, what).to.not.include(secret);
  expect(text, what).to.not.include(encodeURIComponent(secret));
}

// ---- emulator control ---------------------------------------------------------------------------------------

export interface EmulatorLog {
  total: number;
  counts: Record<string, number>;
  entries: { seq: number; method: string; route: string; path: string; status: number; fault?: unknown }[];
}

/** The emulator's URL and a token it accepts (its control endpoints need one, like the API). */
export interface EmulatorAddress {
  url: string;
  token: string;
}

export async function emulatorLog(emu: EmulatorAddress): Promise<EmulatorLog> {
  const r = await new EmulatorHttp(emu.url, emu.token).control<EmulatorLog>("GET", "requests");
  expect(r.status).to.equal(200);
  return r.body;
}

export async function emulatorControl(
  emu: EmulatorAddress,
  method: string,
  path: string,
  body?: unknown,
): Promise<number> {
  return (await new EmulatorHttp(emu.url, emu.token).control(method, path, body)).status;
}

export interface FaultSpec {
  method: string;
  route: string;
  count?: number;
  status?: number;
  body?: unknown;
  policy?: "TEN_SECONDLY_ROLLING" | "SECONDLY" | "DAILY";
  delayMs?: number;
  drop?: boolean;
  after?: boolean;
}

export async function injectFault(emu: EmulatorAddress, fault: FaultSpec): Promise<void> {
  expect(await emulatorControl(emu, "POST", "faults", fault)).to.equal(201);
}

/** Log entries (or their count) for one method whose concrete path ends with `pathSuffix`. */
export function countRequests(log: EmulatorLog, method: string, pathSuffix: string | RegExp): number {
  return log.entries.filter(
    (e) =>
      e.method === method &&
      (typeof pathSuffix === "string" ? e.path.replace(/\?.*$/s, "").endsWith(pathSuffix) : pathSuffix.test(e.path)),
  ).length;
}

export function count429(log: EmulatorLog): number {
  return log.entries.filter((e) => e.status === 429).length;
}
