// The HTTP server: the request pipeline (body -> fault -> route -> auth -> rate limit -> scopes -> handler -> log)
// and the ControlTarget the control plane drives. Every request runs inside try/catch: the server never crashes.
import * as http from "node:http";
import { randomUUID } from "node:crypto";
import { AddressInfo, Socket } from "node:net";
import { Principal, TokenStore } from "./auth";
import { readBody } from "./body";
import { ControlTarget, handleControl, isControlPath } from "./control-plane";
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
import { registerCustomObjectSchemaRoutes } from "./handlers/custom-object-schemas";
import { registerObjectRoutes } from "./handlers/objects";
import { registerRecordRoutes } from "./handlers/records";
import { requiredScopes, RouteTable } from "./handlers/route-table";
import { registerSchemaRoutes } from "./handlers/schema";
import { Answer, HandlerContext } from "./http-context";
import { ResolvedOptions, resolveOptions } from "./options";
import { loadStateFile, StateFile } from "./persistence";
import { PortalState } from "./portal-state";
import { RateLimiter } from "./rate-limiter";
import { allowedHostNames, checkControlContentType, RequestGuards } from "./request-guards";
import { redactQuery, RequestLog } from "./request-log";
import { errorAnswer, sendAnswer } from "./respond";
import { parseStateSnapshot, StateDocumentError } from "./state/snapshot";
import { ArmedFault, EmulatorOptions, EmulatorStateSnapshot, RateLimitSettings, RequestLogDump } from "./types";

const UNMATCHED = "(unmatched)";

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class EmulatorServer implements ControlTarget {
  readonly options: ResolvedOptions;
  readonly tokens: TokenStore;
  readonly state: PortalState;
  readonly limiter: RateLimiter;
  readonly log = new RequestLog();
  readonly faults = new FaultTable();
  readonly portalId: number;
  private readonly routes = new RouteTable();
  private readonly stateFile?: StateFile;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private guards = new RequestGuards(new Set(), -1);
  baseUrl = "";

  constructor(options: EmulatorOptions = {}) {
    this.options = resolveOptions(options);
    const o = this.options;
    this.portalId = o.portalId;
    this.tokens = new TokenStore(o.tokens, this.portalId);
    this.limiter = new RateLimiter({ per10s: o.rateLimitPer10s, daily: o.dailyLimit, windowMs: o.rateWindowMs });
    this.state = new PortalState(o);
    if (o.stateFile) {
      const loaded = loadStateFile(o.stateFile);
      if (loaded) this.state.load(loaded);
      this.stateFile = new StateFile(o.stateFile, () => this.state.snapshot());
      this.stateFile.writeSync(); // the file exists (and holds the options' seed) from the start
    }
    registerSchemaRoutes(this.routes);
    registerRecordRoutes(this.routes);
    registerObjectRoutes(this.routes);
    registerCustomObjectSchemaRoutes(this.routes);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => this.crashed(e, res));
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
        this.guards = new RequestGuards(
          new Set([...allowedHostNames(host), ...allowedHostNames(addr.address)]),
          addr.port,
        );
        resolve(this.baseUrl);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    await this.flush();
  }

  /** Resolves once every change made so far is on disk (changes made over HTTP already are when answered). */
  async flush(): Promise<void> {
    await this.stateFile?.commit();
  }

  /** For in-process changes that have no answer to hold back (reset(), loadState() from the handle). */
  private persistInBackground(): void {
    this.stateFile
      ?.commit()
      .catch((e: unknown) => console.error(`emulator: could not write the state file: ${(e as Error).message}`));
  }

  /** Holds an answer back until the change it acknowledges is on disk; a failed write turns it into a 500. */
  private async durable(answer: Answer, changed: boolean): Promise<Answer> {
    if (!changed || !this.stateFile) return answer;
    try {
      await this.stateFile.commit();
      return answer;
    } catch (e) {
      console.error(`emulator: could not write the state file ${this.stateFile.file}: ${(e as Error).message}`);
      return errorAnswer(internalError());
    }
  }

  // ---------- ControlTarget (also used by the programmatic handle) ----------

  requestLog(): RequestLogDump {
    return this.log.dump();
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  reset(): void {
    this.state.reset();
    this.log.clear();
    this.faults.clear();
    this.limiter.reset();
    this.persistInBackground();
  }

  snapshot(): EmulatorStateSnapshot {
    return this.state.snapshot();
  }

  loadState(raw: unknown): void {
    try {
      this.state.load(parseStateSnapshot(raw));
    } catch (e) {
      if (e instanceof StateDocumentError) throw validationError(e.message);
      throw e;
    }
    this.persistInBackground();
  }

  injectFault(raw: unknown): string {
    return this.faults.arm(validateFaultSpec(raw));
  }

  listFaults(): ArmedFault[] {
    return this.faults.list();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setRateLimit(s: RateLimitSettings): void {
    for (const k of ["per10s", "daily"] as const) {
      const v = s[k];
      if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0))
        throw validationError(`${k} must be a non-negative integer`);
    }
    this.limiter.configure(s);
  }

  // ---------- the pipeline ----------

  private crashed(e: unknown, res: http.ServerResponse): void {
    // A client that goes away in the middle of its body (ECONNRESET "aborted") is routine, not a server error.
    if ((e as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET") {
      res.destroy();
      return;
    }
    console.error("emulator: unhandled error", e);
    try {
      if (!res.headersSent) sendAnswer(res, randomUUID(), errorAnswer(internalError()));
      else res.destroy();
    } catch {
      res.destroy();
    }
  }

  /** /__emulator/*: the emulator's token, a JSON body for changes, the body cap; answered once durable. */
  private async handleControlRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    pathname: string,
    correlationId: string,
  ): Promise<void> {
    let answer: Answer;
    const before = this.state.version;
    try {
      this.tokens.authenticate(req.headers.authorization);
      const badType = checkControlContentType(method, req.headers);
      if (badType) throw badType;
      const body = await readBody(req, this.options.maxBodyBytes);
      if (body === "too-large") throw payloadTooLargeError(this.options.maxBodyBytes);
      answer = await this.durable(handleControl(this, method, pathname, body), this.state.version !== before);
    } catch (e) {
      if (!(e instanceof HubSpotError)) throw e;
      // The request was refused before its body was read: do not keep the connection (and its body) around.
      answer = { ...errorAnswer(e), headers: { ...e.headers, connection: "close" } };
    }
    sendAnswer(res, correlationId, answer);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const correlationId = randomUUID();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const pathname = url.pathname;
    const control = isControlPath(pathname);
    const refused = this.guards.check(req.headers.host, req.headers.origin);
    if (refused) {
      // Nothing of the request is read or run; the connection is closed after the answer.
      sendAnswer(res, correlationId, { ...errorAnswer(refused), headers: { connection: "close" } });
      if (!control)
        this.log.add({
          at: new Date(started).toISOString(),
          method,
          route: UNMATCHED,
          path: pathname,
          ...(url.search ? { query: redactQuery(url.search) } : {}),
          status: refused.status,
          ms: Date.now() - started,
        });
      return;
    }
    if (control) return this.handleControlRequest(req, res, method, pathname, correlationId);

    const body = await readBody(req, this.options.maxBodyBytes);
    const match = this.routes.match(method, pathname);
    const route =
      match.kind === "match" ? match.route.template : match.kind === "method-not-allowed" ? match.template : UNMATCHED;
    let principal: Principal | undefined;
    const finish = (answer: Answer | "dropped", extra: Record<string, string> = {}, fault?: string): void => {
      if (answer === "dropped") res.socket?.destroy();
      else sendAnswer(res, correlationId, answer, extra);
      this.log.add({
        at: new Date(started).toISOString(),
        method,
        route,
        path: pathname,
        ...(url.search ? { query: redactQuery(url.search) } : {}),
        status: answer === "dropped" ? 0 : answer.status,
        ms: Date.now() - started,
        ...(principal ? { tokenFingerprint: principal.fingerprint } : {}),
        ...(fault ? { fault } : {}),
      });
    };

    if (body === "too-large") {
      finish({ ...errorAnswer(payloadTooLargeError(this.options.maxBodyBytes)), headers: { connection: "close" } });
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
    const versionBefore = this.state.version;
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
      const ctx = new HandlerContext(
        method,
        match.params,
        url.searchParams,
        body,
        principal,
        this.state,
        { pageSize: this.options.pageSize },
        this.baseUrl,
      );
      TokenStore.authorize(principal, requiredScopes(match.route.handler, ctx));
      answer = match.route.handler.handler(ctx);
    } catch (e) {
      if (e instanceof HubSpotError) answer = errorAnswer(e);
      else {
        console.error(`emulator: handler for ${method} ${route} failed`, e);
        answer = errorAnswer(internalError());
      }
    }
    answer = await this.durable(answer, this.state.version !== versionBefore);
    if (fault && fault.after) {
      const a = faultAnswer(fault);
      if (a) return finish(a, a === "dropped" ? {} : rateHeaders, fault.id);
    }
    finish(answer, rateHeaders, fault?.id);
  }
}
