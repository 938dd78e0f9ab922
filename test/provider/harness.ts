// Shared setup for the provider-layer suites: a live emulator per suite, the provider configured through
// configure() exactly as the dynamic-provider host does, and helpers over the emulator's control endpoints.
import { startEmulator } from "../../emulator";
import type { EmulatorOptions } from "../../emulator";
import { createProvider, HubSpotResourceProvider, ProviderHost, ProviderKind } from "../../provider";
import type { HubSpotApi } from "../../provider/hubspot/api";
import type { Session } from "../../provider/session";
import { HubSpotClient } from "../../provider/hubspot";
import type { RetryPolicy } from "../../provider/hubspot/policy";
import type { RequestLog } from "../e2e/emulator-ops";
import { EmulatorHttp } from "../helpers/emulator-http";

const FAST_RETRY: Partial<RetryPolicy> = { backoffBaseMs: 1, backoffMaxMs: 1 };

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type Bag = Record<string, unknown>;

export { ROUTES } from "../e2e/emulator-ops";

/** The host the exported `label` and `limits` providers run on: a provider process of the harness's making. */
let activeHost: ProviderHost | undefined;

function forwardingProvider(kind: ProviderKind): HubSpotResourceProvider {
  const current = (): HubSpotResourceProvider => {
    if (!activeHost) throw new Error("ProviderHarness.start() first");
    return createProvider(kind, activeHost);
  };
  return {
    configure: (req) => current().configure(req),
    check: (olds, news) => current().check(olds, news),
    diff: (id, olds, news) => current().diff(id, olds, news),
    create: (news) => current().create(news),
    read: (id, props) => current().read(id, props),
    update: (id, olds, news) => current().update(id, olds, news),
    delete: (id, props) => current().delete(id, props),
  };
}

/** A provider process's host for tests: the real client (wrapped when asked), stack config as given, no environment. */
export function testHost(
  config: Record<string, string | undefined>,
  opts: { notice?: (m: string) => void; wrapClient?: (real: HubSpotApi) => HubSpotApi } = {},
): ProviderHost {
  const host = new ProviderHost({
    // The policy's timing is the client's (tested there with ManualClock); here its backoff is 1 ms, so retries
    // and re-plans go on at once.
    createClient: (o) => (opts.wrapClient ?? ((c: HubSpotApi) => c))(new HubSpotClient({ ...o, retry: FAST_RETRY })),
    notice: opts.notice ?? (() => undefined),
    env: {},
  });
  host.configure({ get: (k: string) => config[k] });
  return host;
}

export class ProviderHarness {
  emu!: Emulator;
  readonly notices: string[] = [];
  /** Wraps each new process's client (to delay or observe calls). */
  wrapClient: ((real: HubSpotApi) => HubSpotApi) | undefined;
  private config: Record<string, string> = {};

  constructor(private readonly options: EmulatorOptions = {}) {}

  async start(config: Record<string, string> = {}): Promise<void> {
    this.emu = await startEmulator({ port: 0, rateLimitPer10s: 0, ...this.options });
    await this.configure(config);
  }

  /** A new provider process configured with this stack config through configure(), as the host does. */
  async configure(config: Record<string, string> = {}): Promise<void> {
    this.config = { "hubspot:baseUrl": this.emu.url, "hubspot:accessToken": this.emu.token, ...config };
    this.newProcess();
  }

  async stop(): Promise<void> {
    activeHost = undefined;
    await this.emu?.close();
  }

  /** The current process's session (its caches and ledger). */
  session(): Session {
    if (!activeHost) throw new Error("ProviderHarness.start() first");
    return activeHost.session();
  }

  /** New provider process: no cached reads, an empty ledger; the same stack config. */
  newProcess(): void {
    activeHost = testHost(this.config, { notice: (m) => this.notices.push(m), wrapClient: this.wrapClient });
  }

  async control(method: string, path: string, body?: unknown): Promise<unknown> {
    return (await this.http().control(method, path, body)).body;
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
    const { status, body: answer } = await this.http().call(method, path, body);
    return { status, body: answer };
  }

  private http(): EmulatorHttp {
    return new EmulatorHttp(this.emu.url, this.emu.token);
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

export const label = forwardingProvider("label");
export const limits = forwardingProvider("limits");
