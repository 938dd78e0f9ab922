// The HTTP server: body reading with a size cap, routing, fault injection, auth, rate limiting, the
// control endpoints, the request log and HubSpot's response conventions (JSON errors with a
// correlationId in body and header). Every handler runs inside try/catch: the server never crashes.
import * as http from "node:http";
import { randomUUID } from "node:crypto";
import { AddressInfo } from "node:net";
import { acceptedScopes, Principal, TokenStore } from "./auth";
import {
  bodyForStatus,
  HubSpotError,
  internalError,
  methodNotAllowedError,
  payloadTooLargeError,
  routeNotFoundError,
  validationError,
} from "./errors";
import { FaultTable, validateFaultSpec } from "./faults";
import { registerObjectRoutes } from "./handlers/objects";
import { registerRecordRoutes } from "./handlers/records";
import { RouteEntry, RouteTable } from "./handlers/route-table";
import { registerSchemaRoutes } from "./handlers/schema";
import { Answer, HandlerContext } from "./http-context";
import { loadStateFile, StatePersister } from "./persistence";
import { PortalState } from "./portal-state";
import { RateLimiter } from "./rate-limiter";
import { RequestLog } from "./request-log";
import { ArmedFault, EmulatorOptions, EmulatorStateSnapshot, FaultSpec, RateLimitSettings } from "./types";

export const DEFAULTS = {
  host: "127.0.0.1",
  portalId: 12345678,
  rateLimitPer10s: 100,
  dailyLimit: 250_000,
  rateWindowMs: 10_000,
  maxLabelsPerPair: 50,
  maxLimitValue: 10_000,
  persistDebounceMs: 25,
  maxBodyBytes: 10 * 1024 * 1024,
  pageSize: 500,
  firstTypeId: 100,
};

const JSON_TYPE = "application/json;charset=utf-8";
const UNMATCHED = "(unmatched)";

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class EmulatorServer {
  readonly tokens: TokenStore;
  readonly state: PortalState;
  readonly limiter: RateLimiter;
  readonly log = new RequestLog();
  readonly faults = new FaultTable();
  readonly portalId: number;
  private readonly routes = new RouteTable();
  private readonly persister?: StatePersister;
  private readonly server: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();
  private readonly maxBodyBytes: number;
  private readonly pageSize: number;
  baseUrl = "";

  constructor(options: EmulatorOptions = {}) {
    this.portalId = options.portalId ?? DEFAULTS.portalId;
    this.tokens = new TokenStore(options.tokens, this.portalId);
    this.limiter = new RateLimiter({
      per10s: options.rateLimitPer10s ?? DEFAULTS.rateLimitPer10s,
      daily: options.dailyLimit ?? DEFAULTS.dailyLimit,
      windowMs: options.rateWindowMs ?? DEFAULTS.rateWindowMs,
    });
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
    this.pageSize = options.pageSize ?? DEFAULTS.pageSize;
    this.state = new PortalState({
      portalId: this.portalId,
      maxLabelsPerPair: options.maxLabelsPerPair ?? DEFAULTS.maxLabelsPerPair,
      maxLimitValue: options.maxLimitValue ?? DEFAULTS.maxLimitValue,
      customObjects: options.customObjects ?? [],
      requireExistingRecords: options.requireExistingRecords ?? true,
      firstTypeId: options.firstTypeId ?? DEFAULTS.firstTypeId,
    });
    if (options.stateFile) {
      const loaded = loadStateFile(options.stateFile);
      if (loaded) this.state.load(loaded);
      const persister = new StatePersister(options.stateFile, () => this.state.snapshot(), options.persistDebounceMs ?? DEFAULTS.persistDebounceMs);
      this.persister = persister;
      this.state.onChange = () => persister.schedule();
      if (!loaded) persister.schedule(); // write the seed so the file exists from the start
    }
    registerSchemaRoutes(this.routes);
    registerRecordRoutes(this.routes);
    registerObjectRoutes(this.routes);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        // A client that goes away in the middle of its body (ECONNRESET "aborted") is routine, not a server error:
        // it was logged as "unhandled error" with a stack (reliability suite, truncated bodies).
        if ((e as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET") {
          res.destroy();
          return;
        }
        console.error("emulator: unhandled error", e);
        try {
          if (!res.headersSent) this.send(res, randomUUID(), { status: 500, body: internalError().body });
          else res.destroy();
        } catch {
          res.destroy();
        }
      });
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    // A malformed request line must not crash the process; answer 400 and move on.
    this.server.on("clientError", (_err, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      else socket.destroy();
    });
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        const addr = this.server.address() as AddressInfo;
        const h = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
        this.baseUrl = `http://${h}:${addr.port}`;
        resolve(this.baseUrl);
      });
    });
  }

  async close(): Promise<void> {
    this.persister?.writeNow();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    this.persister?.writeNow();
  }

  flush(): void {
    this.persister?.writeNow();
  }

  // ---------- control API (also used by the programmatic handle) ----------

  reset(): void {
    this.state.reset();
    this.log.clear();
    this.faults.clear();
    this.limiter.reset();
    this.persister?.schedule();
  }

  loadState(s: EmulatorStateSnapshot): void {
    try {
      this.state.load(s);
    } catch (e) {
      throw validationError((e as Error).message);
    }
    this.persister?.schedule();
  }

  injectFault(spec: FaultSpec): string {
    return this.faults.arm(validateFaultSpec(spec));
  }

  listFaults(): ArmedFault[] {
    return this.faults.list();
  }

  setRateLimit(s: RateLimitSettings): void {
    for (const k of ["per10s", "daily"] as const) {
      const v = s[k];
      if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) throw validationError(`${k} must be a non-negative integer`);
    }
    this.limiter.configure(s);
  }

  // ---------- request handling ----------

  private readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      const declared = Number(req.headers["content-length"] ?? "0");
      if (declared > this.maxBodyBytes) over = true;
      req.on("data", (c: Buffer) => {
        if (over) return; // keep draining so the client can read our 413
        size += c.length;
        if (size > this.maxBodyBytes) {
          over = true;
          chunks.length = 0;
        } else chunks.push(c);
      });
      req.on("end", () => resolve(over ? "too-large" : Buffer.concat(chunks)));
      req.on("error", reject);
    });
  }

  private send(res: http.ServerResponse, correlationId: string, answer: Answer, extra: Record<string, string> = {}): void {
    const headers: Record<string, string> = { "x-hubspot-correlation-id": correlationId, ...extra, ...(answer.headers ?? {}) };
    let payload: string | undefined;
    if (answer.status !== 204 && answer.body !== undefined) {
      let body = answer.body;
      // Error bodies carry the same correlationId as the header.
      if (answer.status >= 400 && typeof body === "object" && body !== null && !Array.isArray(body) && !("correlationId" in body)) {
        body = { ...(body as Record<string, unknown>), correlationId };
      }
      payload = JSON.stringify(body);
      headers["content-type"] = JSON_TYPE;
      headers["content-length"] = String(Buffer.byteLength(payload));
    } else if (answer.status !== 204) {
      headers["content-length"] = "0";
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  }

  private errorAnswer(e: HubSpotError): Answer {
    return { status: e.status, body: e.body, headers: e.headers };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const correlationId = randomUUID();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const pathname = url.pathname;

    if (pathname === "/__emulator" || pathname.startsWith("/__emulator/")) {
      const body = await this.readBody(req);
      this.send(res, correlationId, this.control(method, pathname, body));
      return;
    }

    const body = await this.readBody(req);
    const match = this.routes.match(method, pathname);
    const route = match.kind === "match" ? match.route.template : match.kind === "method-not-allowed" ? match.template : UNMATCHED;
    let principal: Principal | undefined;
    const finish = (answer: Answer | "dropped", extra: Record<string, string> = {}, fault?: string): void => {
      if (answer === "dropped") res.socket?.destroy();
      else this.send(res, correlationId, answer, extra);
      this.log.add({
        at: new Date(started).toISOString(),
        method,
        route,
        path: pathname,
        ...(url.search ? { query: url.search } : {}),
        status: answer === "dropped" ? 0 : answer.status,
        ms: Date.now() - started,
        ...(principal ? { tokenFingerprint: principal.fingerprint } : {}),
        ...(fault ? { fault } : {}),
      });
    };

    if (body === "too-large") {
      finish({ ...this.errorAnswer(payloadTooLargeError(this.maxBodyBytes)), headers: { connection: "close" } });
      return;
    }

    const fault = this.faults.take(method, route);
    if (fault && fault.delayMs) await sleep(fault.delayMs);
    const faultAnswer = (f: ArmedFault): Answer | "dropped" | undefined => {
      if (f.drop) return "dropped";
      if (f.status === undefined) return undefined;
      const canned = bodyForStatus(f.status, f.policy, this.portalId);
      return { status: f.status, body: f.body !== undefined ? f.body : canned.body, headers: canned.headers };
    };
    if (fault && !fault.after) {
      const a = faultAnswer(fault);
      if (a) return finish(a, {}, fault.id);
    }

    let answer: Answer;
    let rateHeaders: Record<string, string> = {};
    try {
      if (match.kind === "not-found") throw routeNotFoundError(pathname);
      if (match.kind === "method-not-allowed") throw methodNotAllowedError(method, match.allowed);
      principal = this.tokens.authenticate(req.headers.authorization);
      try {
        rateHeaders = this.limiter.take(principal.fingerprint, principal.kind, principal.portalId);
      } catch (e) {
        if (e instanceof HubSpotError) rateHeaders = e.headers;
        throw e;
      }
      const ctx = new HandlerContext(method, match.params, url.searchParams, body, principal, this.state, { pageSize: this.pageSize }, this.baseUrl);
      TokenStore.authorize(principal, this.scopesFor(match.route.handler, ctx));
      answer = match.route.handler.handler(ctx);
    } catch (e) {
      if (e instanceof HubSpotError) answer = this.errorAnswer(e);
      else {
        console.error(`emulator: handler for ${method} ${route} failed`, e);
        answer = this.errorAnswer(internalError());
      }
    }
    if (fault && fault.after) {
      const a = faultAnswer(fault);
      if (a) return finish(a, a === "dropped" ? {} : rateHeaders, fault.id);
    }
    finish(answer, rateHeaders, fault?.id);
  }

  private scopesFor(entry: RouteEntry, ctx: HandlerContext): string[] {
    switch (entry.scopes) {
      case "none":
        return [];
      case "read":
        return acceptedScopes(false);
      case "write":
        return acceptedScopes(true);
      case "objects-read":
      case "objects-write": {
        const t = ctx.objectType("objectType");
        const write = entry.scopes === "objects-write";
        const names = [t.custom ? "custom" : t.name];
        const list = acceptedScopes(write, names);
        if (t.objectTypeId === "0-5") list.push("tickets");
        return list;
      }
    }
  }

  private control(method: string, pathname: string, raw: Buffer | "too-large"): Answer {
    try {
      if (raw === "too-large") throw payloadTooLargeError(this.maxBodyBytes);
      const json = (): unknown => {
        const text = raw.toString("utf8").trim();
        if (!text) return {};
        try {
          return JSON.parse(text);
        } catch (e) {
          throw validationError(`Invalid input JSON: ${(e as Error).message}`);
        }
      };
      const key = `${method} ${pathname.replace(/\/+$/, "")}`;
      switch (key) {
        case "GET /__emulator/requests":
          return { status: 200, body: this.log.dump() };
        case "DELETE /__emulator/requests":
          this.log.clear();
          return { status: 204 };
        case "POST /__emulator/reset":
          this.reset();
          return { status: 204 };
        case "GET /__emulator/state":
          return { status: 200, body: this.state.snapshot() };
        case "PUT /__emulator/state": {
          const s = json() as EmulatorStateSnapshot;
          if (typeof s !== "object" || s === null || s.version !== 1) throw validationError("state must be an emulator state document (version 1)");
          this.loadState(s);
          return { status: 204 };
        }
        case "POST /__emulator/faults":
          return { status: 201, body: { id: this.injectFault(json() as FaultSpec) } };
        case "GET /__emulator/faults":
          return { status: 200, body: this.listFaults() };
        case "DELETE /__emulator/faults":
          this.faults.clear();
          return { status: 204 };
        case "POST /__emulator/rate-limit":
          this.setRateLimit(json() as RateLimitSettings);
          return { status: 204 };
        case "GET /__emulator/health":
          return { status: 200, body: { ok: true, portalId: this.portalId } };
        default:
          return this.errorAnswer(routeNotFoundError(pathname));
      }
    } catch (e) {
      if (e instanceof HubSpotError) return this.errorAnswer(e);
      console.error("emulator: control endpoint failed", e);
      return this.errorAnswer(internalError());
    }
  }
}
