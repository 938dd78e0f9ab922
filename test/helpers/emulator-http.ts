// Small HTTP helper for tests that talk to the emulator with global fetch. Response bodies are typed by
// the caller (`api.get<LabelsResponse>(...)`); the shapes below mirror reference §1.1 / §2.
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";

export interface SpecWithLabel {
  category: string;
  typeId: number;
  label: string | null;
}
export interface LabelsResponse {
  results: SpecWithLabel[];
}
export interface ConfigResult {
  category: string;
  typeId: number;
  userEnforcedMaxToObjectIds?: number;
  label?: string | null;
  maxToObjectIds?: number;
}
export interface ConfigsResponse {
  results: ConfigResult[];
}
export interface StandardErrorItem {
  status: string;
  category: string;
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
}
export interface BatchEnvelope<T> {
  status: string;
  results: T[];
  numErrors?: number;
  errors?: StandardErrorItem[];
  startedAt: string;
  completedAt: string;
}
export interface ErrorBody {
  status: string;
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; context?: Record<string, string[]> }>;
  links?: Record<string, string>;
  errorType?: string;
  policyName?: string;
}
export interface DefaultAssociation {
  from: { id: string };
  to: { id: string };
  associationSpec: { associationCategory: string; associationTypeId: number };
}
export interface LabelsBetweenObjectPair {
  fromObjectTypeId: string;
  fromObjectId: number;
  toObjectTypeId: string;
  toObjectId: number;
  labels: string[];
}
export interface AssociationListResponse {
  results: Array<{ toObjectId: number; associationTypes: SpecWithLabel[] }>;
  paging?: { next?: { after: string; link?: string } };
}
export interface BatchReadResult {
  from: { id: string };
  to: Array<{ toObjectId: number; associationTypes: SpecWithLabel[] }>;
  paging?: { next?: { after: string } };
}
export interface CrmObject {
  id: string;
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export class EmulatorHttp {
  constructor(
    readonly baseUrl: string,
    public token: string | undefined,
  ) {}

  async raw<T = unknown>(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { accept: "application/json", ...(init.headers ?? {}) };
    const token = init.token === undefined ? this.token : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    const res = await fetch(this.baseUrl + path, { method, headers, body: init.body });
    const text = await res.text();
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, headers: res.headers, text, body: body as T };
  }

  call<T = unknown>(method: string, path: string, body?: unknown, token?: string | null): Promise<HttpResult<T>> {
    return this.raw<T>(method, path, { body: body === undefined ? undefined : JSON.stringify(body), token });
  }
  get<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.call<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.call<T>("POST", path, body);
  }
  put<T = unknown>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.call<T>("PUT", path, body);
  }
  del<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.call<T>("DELETE", path);
  }

  /** A control endpoint (`/__emulator/<path>`) with this client's token and a JSON body. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.call<T>(method, `/__emulator/${path.replace(/^\//, "")}`, body);
  }

  /** Creates a CRM record and returns its id. */
  async record(objectType: string, properties: Record<string, unknown> = {}): Promise<string> {
    const r = await this.post<CrmObject>(`/crm/v3/objects/${objectType}`, { properties });
    if (r.status !== 201) throw new Error(`record create failed: ${r.status} ${r.text}`);
    return r.body.id;
  }
}

/** mocha helper: one emulator for the suite, state reset before each test. */
export function useEmulator(options: EmulatorOptions = {}): { emu: () => RunningEmulator; api: () => EmulatorHttp } {
  let emu: RunningEmulator | undefined;
  let api: EmulatorHttp | undefined;
  before(async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1", ...options });
    api = new EmulatorHttp(emu.url, emu.token);
  });
  after(async () => {
    await emu?.close();
  });
  beforeEach(() => {
    emu?.reset();
    emu?.setRateLimit({
      per10s: options.rateLimitPer10s ?? 100,
      daily: options.dailyLimit ?? 250000,
      resetDaily: true,
    });
    if (api && emu) api.token = emu.token;
  });
  return {
    emu: () => {
      if (!emu) throw new Error("emulator not started");
      return emu;
    },
    api: () => {
      if (!api) throw new Error("emulator not started");
      return api;
    },
  };
}
