// What the lifecycle tests (e2e, scale, reliability) need from the emulator: its HubSpot API the way any user
// sees it, and its control plane. Every request goes through test/helpers/emulator-http.ts.
import { EmulatorHttp } from "../helpers/emulator-http";

export interface EmulatorLike {
  url: string;
  token: string;
}

/** The emulator's request log names each request by its route template: these, for the routes tests count. */
export const ROUTES = {
  labels: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
  label: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels/{associationTypeId}",
  limits: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}",
  limitsCreate: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create",
  limitsUpdate: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update",
  limitsPurge: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge",
  account: "/account-info/v3/details",
} as const;

export interface RequestLog {
  total: number;
  counts: Record<string, number>;
  entries: { method: string; route: string; path: string; status: number }[];
}

export async function hubspot<T = unknown>(
  emu: EmulatorLike,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const { status, body: answer } = await new EmulatorHttp(emu.url, emu.token).call<T>(method, path, body);
  return { status, body: answer };
}

/** A control-plane call (`/__emulator/<path>`); an error answer fails the test. */
export async function control<T = unknown>(
  emu: EmulatorLike,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const r = await new EmulatorHttp(emu.url, emu.token).control<T>(method, path, body);
  if (r.status >= 400) throw new Error(`control ${method} ${path}: HTTP ${r.status} ${r.text}`);
  return r.body;
}

export interface LabelRow {
  category: string;
  typeId: number;
  label: string | null;
}

export async function labels(emu: EmulatorLike, from: string, to: string): Promise<LabelRow[]> {
  const r = await hubspot<{ results: LabelRow[] }>(emu, "GET", `/crm/v4/associations/${from}/${to}/labels`);
  if (r.status !== 200) throw new Error(`GET labels ${from}/${to}: ${r.status}`);
  return r.body.results;
}

export async function userLabels(emu: EmulatorLike, from: string, to: string): Promise<LabelRow[]> {
  return (await labels(emu, from, to)).filter((l) => l.category === "USER_DEFINED").sort((a, b) => a.typeId - b.typeId);
}

export interface LimitRow {
  category: string;
  typeId: number;
  userEnforcedMaxToObjectIds?: number;
  label?: string | null;
}

export async function limits(emu: EmulatorLike, from: string, to: string): Promise<LimitRow[]> {
  const r = await hubspot<{ results: LimitRow[] }>(
    emu,
    "GET",
    `/crm/v4/associations/definitions/configurations/${from}/${to}`,
  );
  if (r.status !== 200) throw new Error(`GET configurations ${from}/${to}: ${r.status}`);
  return r.body.results.sort((a, b) => a.typeId - b.typeId);
}

export function requestLog(emu: EmulatorLike): Promise<RequestLog> {
  return control<RequestLog>(emu, "GET", "requests");
}

export async function clearLog(emu: EmulatorLike): Promise<void> {
  await control(emu, "DELETE", "requests");
}

/** Requests that change HubSpot's state (everything but GETs, the control plane excluded). */
export function mutating(log: RequestLog): RequestLog["entries"] {
  return log.entries.filter((e) => e.method !== "GET" && !e.path.startsWith("/__emulator"));
}

export function count(log: RequestLog, method: string, routeIncludes: string): number {
  return log.entries.filter((e) => e.method === method && e.route.includes(routeIncludes)).length;
}
