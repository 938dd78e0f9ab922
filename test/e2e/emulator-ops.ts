// What the e2e tests need from the emulator, over HTTP the way any HubSpot user would see it.
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

export async function hubspot<T = unknown>(emu: EmulatorLike, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(emu.url + path, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
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
  const r = await hubspot<{ results: LimitRow[] }>(emu, "GET", `/crm/v4/associations/definitions/configurations/${from}/${to}`);
  if (r.status !== 200) throw new Error(`GET configurations ${from}/${to}: ${r.status}`);
  return r.body.results.sort((a, b) => a.typeId - b.typeId);
}

export async function requestLog(emu: EmulatorLike): Promise<RequestLog> {
  const res = await fetch(`${emu.url}/__emulator/requests`, { headers: { authorization: `Bearer ${emu.token}` } });
  return (await res.json()) as RequestLog;
}

export async function clearLog(emu: EmulatorLike): Promise<void> {
  await fetch(`${emu.url}/__emulator/requests`, { method: "DELETE", headers: { authorization: `Bearer ${emu.token}` } });
}

/** Requests that change HubSpot's state (everything but GETs, the control plane excluded). */
export function mutating(log: RequestLog): RequestLog["entries"] {
  return log.entries.filter((e) => e.method !== "GET" && !e.path.startsWith("/__emulator"));
}

export function count(log: RequestLog, method: string, routeIncludes: string): number {
  return log.entries.filter((e) => e.method === method && e.route.includes(routeIncludes)).length;
}
