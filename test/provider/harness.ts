// Shared setup for the provider-layer suites: a live emulator per suite, the provider configured through
// configure() exactly as the dynamic-provider host does, and helpers over the emulator's control endpoints.
import { startEmulator } from "../../emulator";
import type { EmulatorOptions } from "../../emulator";
import { loadProvider } from "../../provider";
import { resetProviderConfig } from "../../provider/config";
import { setNoticeSink } from "../../provider/log";
import { resetSessions } from "../../provider/session";
import type { RequestLog } from "../e2e/emulator-ops";

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type Bag = Record<string, unknown>;

export { ROUTES } from "../e2e/emulator-ops";

/** The error `p` rejects with; fails when it resolves. */
export async function rejects(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

export class ProviderHarness {
  emu!: Emulator;
  readonly notices: string[] = [];

  constructor(private readonly options: EmulatorOptions = {}) {}

  async start(config: Record<string, string> = {}): Promise<void> {
    this.emu = await startEmulator({ port: 0, rateLimitPer10s: 0, ...this.options });
    await this.configure(config);
    setNoticeSink((m) => this.notices.push(m));
  }

  /** Fresh process state: forget clients/caches and apply this stack config through configure(). */
  async configure(config: Record<string, string> = {}): Promise<void> {
    resetSessions();
    resetProviderConfig();
    const all: Record<string, string> = { "hubspot:baseUrl": this.emu.url, "hubspot:accessToken": this.emu.token, ...config };
    const req = { config: { get: (k: string) => all[k] } };
    await loadProvider("label").configure(req);
    await loadProvider("limits").configure(req);
  }

  async stop(): Promise<void> {
    setNoticeSink(undefined);
    resetSessions();
    resetProviderConfig();
    await this.emu?.close();
  }

  /** New provider process: no cached reads. */
  newProcess(): void {
    resetSessions();
  }

  async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.emu.url}/__emulator/${path}`, {
      method,
      headers: { authorization: `Bearer ${this.emu.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }

  async reset(): Promise<void> {
    await this.control("POST", "reset");
    this.newProcess();
    this.notices.length = 0;
  }

  async clearLog(): Promise<void> {
    await this.control("DELETE", "requests");
  }

  async log(): Promise<RequestLog> {
    return (await this.control("GET", "requests")) as RequestLog;
  }

  /** Requests of one method+route since the last clearLog(). */
  async count(method: string, route: string): Promise<number> {
    return (await this.log()).counts[`${method} ${route}`] ?? 0;
  }

  async writes(): Promise<number> {
    return (await this.log()).entries.filter((e) => e.method !== "GET").length;
  }

  async fault(spec: Bag): Promise<void> {
    await this.control("POST", "faults", spec);
  }

  /** Direct HubSpot call with the emulator token (to make drift or records behind the provider's back). */
  async hubspot(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.emu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.emu.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async labels(from: string, to: string): Promise<{ category: string; typeId: number; label: string | null }[]> {
    const r = await this.hubspot("GET", `/crm/v4/associations/${from}/${to}/labels`);
    return (r.body as { results: { category: string; typeId: number; label: string | null }[] }).results;
  }

  async userLabels(from: string, to: string): Promise<{ typeId: number; label: string | null }[]> {
    return (await this.labels(from, to))
      .filter((l) => l.category === "USER_DEFINED")
      .map((l) => ({ typeId: l.typeId, label: l.label }))
      .sort((a, b) => a.typeId - b.typeId);
  }

  async limits(from: string, to: string): Promise<[number, number][]> {
    const r = await this.hubspot("GET", `/crm/v4/associations/definitions/configurations/${from}/${to}`);
    return (r.body as { results: { typeId: number; userEnforcedMaxToObjectIds: number }[] }).results
      .map((c): [number, number] => [c.typeId, c.userEnforcedMaxToObjectIds])
      .sort((a, b) => a[0] - b[0]);
  }
}

export const label = loadProvider("label");
export const limits = loadProvider("limits");
