// The client against the local HubSpot emulator: every method, then failures injected through the emulator's
// /__emulator/ control endpoints, counted from its request log (the server's view, not the client's).
import { expect } from "chai";
import { rejectionOf } from "../helpers/async";
import { startEmulator } from "../../emulator";
import { HubSpotClient, HubSpotClientOptions } from "../../provider/hubspot/client";
import {
  HubSpotApiError,
  HubSpotAuthError,
  HubSpotDailyLimitError,
  HubSpotNetworkError,
  HubSpotScopeError,
  OutcomeUnknownError,
} from "../../provider/hubspot/errors";
import { ROUTES } from "../../provider/hubspot/routes";
import { EmulatorHttp } from "../helpers/emulator-http";
import { firstOf } from "../helpers/items";
import {
  EmulatorAddress,
  EmulatorLog,
  count429,
  emulatorControl,
  emulatorLog,
  expectNoSecret,
  injectFault,
} from "./helpers";

const FULL_TOKEN = "pat-na1-client-tests-full-0000000000";
const READ_ONLY_TOKEN = "pat-na1-client-tests-readonly-111111";
const FAST_RETRIES = { backoffBaseMs: 10, backoffMaxMs: 100, rateLimitBackoffBaseMs: 20, rateLimitBackoffMaxMs: 200 };
/**
 * The emulator's rolling window (HubSpot's is 10 s). The emulator reports it in
 * X-HubSpot-RateLimit-Interval-Milliseconds and the client's limiter adopts it from the first answer, so the
 * window tests keep their assertions and take a fraction of the time. Long next to a local round trip (~ms),
 * so each scenario does happen inside one window; the elapsed-time checks below fail if one did not.
 */
const WINDOW_MS = 500;
const DEFAULT_BUDGET = 100;

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const key = (method: string, route: string): string => `${method} ${route}`;
const countOf = (log: EmulatorLog, method: string, route: string): number => log.counts[key(method, route)] ?? 0;

describe("client: against the emulator", function () {
  let emu: Emulator;

  const client = (options: Partial<HubSpotClientOptions> = {}): HubSpotClient =>
    new HubSpotClient({ accessToken: FULL_TOKEN, baseUrl: emu.url, retry: FAST_RETRIES, ...options });

  before(async () => {
    emu = await startEmulator({
      port: 0,
      rateWindowMs: WINDOW_MS,
      rateLimitPer10s: DEFAULT_BUDGET,
      tokens: [
        { token: FULL_TOKEN },
        { token: READ_ONLY_TOKEN, scopes: ["crm.objects.contacts.read", "crm.objects.companies.read"] },
      ],
    });
  });

  after(async () => {
    await emu?.close();
  });

  beforeEach(async () => {
    expect(await emulatorControl(emu, "POST", "reset")).to.equal(204);
    // reset keeps the budget a test set; start each test from the default.
    expect(await emulatorControl(emu, "POST", "rate-limit", { per10s: DEFAULT_BUDGET })).to.equal(204);
  });

  describe("every method", () => {
    it("reads the account details (portal id and time zone)", async () => {
      const details = await client().getAccountDetails();
      expect(details.portalId).to.equal(emu.portalId);
      expect(details.timeZone).to.be.a("string");
    });

    it("creates, lists, renames and deletes a paired label", async () => {
      const c = client();
      const before = await c.listLabels("contacts", "companies");
      expect(before).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 279, label: null });

      const created = await c.createLabel("contacts", "companies", {
        name: "client_manager",
        label: "Manager",
        inverseLabel: "Employee",
      });
      expect(created).to.have.length(2);
      expect(created.map((t) => t.label).sort()).to.deep.equal(["Employee", "Manager"]);
      for (const t of created) expect(t.category).to.equal("USER_DEFINED");
      const forward = created.find((t) => t.label === "Manager");
      expect(forward).to.not.equal(undefined);
      const typeId = forward?.typeId ?? -1;

      expect((await c.listLabels("contacts", "companies")).map((t) => t.typeId)).to.include(typeId);
      await c.updateLabel("contacts", "companies", {
        associationTypeId: typeId,
        label: "Line manager",
        inverseLabel: "Report",
      });
      expect((await c.listLabels("0-1", "0-2")).find((t) => t.typeId === typeId)?.label).to.equal("Line manager");

      await c.deleteLabel("contacts", "companies", typeId);
      expect((await c.listLabels("contacts", "companies")).map((t) => t.typeId)).to.not.include(typeId);
      const gone = await rejectionOf(c.deleteLabel("contacts", "companies", typeId), HubSpotApiError);
      expect(gone.status).to.equal(404);
      expect(gone.correlationId).to.be.a("string");
    });

    it("creates, lists, updates and purges limits; a CANCELED batch is returned, not thrown", async () => {
      const c = client();
      const created = await c.createLimits("contacts", "companies", [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 10 },
      ]);
      expect(created.httpStatus).to.be.oneOf([201, 207]);
      expect(created.status).to.equal("COMPLETE");
      expect(created.results).to.deep.include({
        category: "HUBSPOT_DEFINED",
        typeId: 279,
        userEnforcedMaxToObjectIds: 10,
        label: null,
      });

      expect(await c.listLimits("contacts", "companies")).to.have.length(1);
      expect((await c.listAllLimits()).map((l) => l.typeId)).to.include(279);

      const updated = await c.updateLimits("contacts", "companies", [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 7 },
      ]);
      expect(updated.httpStatus).to.be.oneOf([200, 207]);
      expect(updated.results[0]).to.include({ typeId: 279, userEnforcedMaxToObjectIds: 7 });
      expect((await c.listLimits("contacts", "companies"))[0]?.userEnforcedMaxToObjectIds).to.equal(7);

      await c.purgeLimits("contacts", "companies", [{ category: "HUBSPOT_DEFINED", typeId: 279 }]);
      expect(await c.listLimits("contacts", "companies")).to.deep.equal([]);

      const invalid = await c.createLimits("contacts", "deals", [
        { category: "HUBSPOT_DEFINED", typeId: 999_999, maxToObjectIds: 1 },
      ]);
      expect(invalid.numErrors).to.be.at.least(1);
      expect(invalid.errors[0]?.category).to.equal("VALIDATION_ERROR");
    });

    it("refuses to delete a label in use on records (set up over HTTP), then deletes it once unused", async () => {
      const c = client();
      const http = new EmulatorHttp(emu.url, FULL_TOKEN);
      const contact = await http.record("contacts", { email: "ada@example.com" });
      const company = await http.record("companies", { name: "Analytical Engines" });
      const label = firstOf(await c.createLabel("contacts", "companies", { name: "client_founder", label: "Founder" }));
      const association = `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`;
      const put = await http.put(association, [
        { associationCategory: "USER_DEFINED", associationTypeId: label.typeId },
      ]);
      expect(put.status).to.equal(201);

      const inUse = await rejectionOf(c.deleteLabel("contacts", "companies", label.typeId), HubSpotApiError);
      expect(inUse.status).to.be.within(400, 499);
      expect(inUse.hubspotMessage).to.be.a("string").and.not.equal("");
      expect((await c.listLabels("contacts", "companies")).map((t) => t.typeId)).to.include(label.typeId);

      expect((await http.del(association)).status).to.equal(204);
      await c.deleteLabel("contacts", "companies", label.typeId);
      expect((await c.listLabels("contacts", "companies")).map((t) => t.typeId)).to.not.include(label.typeId);
    });

    it("counts requests per route in stats()", async () => {
      const c = client();
      await c.listLabels("contacts", "companies");
      await c.listLabels("contacts", "deals");
      await c.listAllLimits();
      const stats = c.stats();
      expect(stats).to.include({ calls: 3, requests: 3, retries: 0, rateLimited: 0, failures: 0 });
      expect(stats.byRoute[key("GET", ROUTES.labels)]).to.include({ calls: 2, requests: 2 });
      expect((await emulatorLog(emu)).counts).to.deep.equal({
        [key("GET", ROUTES.labels)]: 2,
        [key("GET", ROUTES.limitsAll)]: 1,
      });
    });
  });

  describe("rate limits", () => {
    it("retries the TEN_SECONDLY_ROLLING 429s of a burst beyond the server's budget and succeeds; the log shows the retries", async () => {
      // A client that believes in 10 per window and skips calibration sends 10 at once; the server allows 7 per
      // window and answers the other 3 with real 429s (Retry-After: 1 s), which the client retries in a new window.
      expect(await emulatorControl(emu, "POST", "rate-limit", { per10s: 7 })).to.equal(204);
      const c = client({ maxRequestsPer10s: 10, calibrateRateLimit: false });
      const results = await runPool(10, 10, () => c.listLabels("contacts", "companies"));
      expect(results.filter((r) => r.ok)).to.have.length(10);
      const log = await emulatorLog(emu);
      expect(countOf(log, "GET", ROUTES.labels)).to.equal(13);
      expect(count429(log)).to.equal(3);
      expect(c.stats()).to.include({ calls: 10, requests: 13, retries: 3, rateLimited: 3, failures: 0 });
    });

    it("retries SECONDLY 429s on a labels POST (not processed, so safe)", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, status: 429, policy: "SECONDLY" });
      const created = await client().createLabel("contacts", "deals", { name: "client_secondly", label: "Secondly" });
      expect(created.length).to.be.at.least(1);
      const log = await emulatorLog(emu);
      expect(countOf(log, "POST", ROUTES.labels)).to.equal(2);
    });

    it("fails DAILY at once with HubSpotDailyLimitError after exactly one request", async () => {
      await injectFault(emu, { method: "GET", route: ROUTES.labels, count: 5, status: 429, policy: "DAILY" });
      const error = await rejectionOf(
        client({ timeZone: "US/Eastern" }).listLabels("contacts", "companies"),
        HubSpotDailyLimitError,
      );
      expect(error.message).to.include("midnight in the portal's time zone").and.include("US/Eastern");
      expect(error.resetsAt).to.match(/^\d{4}-\d\d-\d\dT(04|05):00:00\.000Z$/);
      expect((await emulatorLog(emu)).total).to.equal(1);
    });

    it("fails fast on the emulator's real daily quota too", async () => {
      expect(await emulatorControl(emu, "POST", "rate-limit", { daily: 2 })).to.equal(204);
      const c = client();
      await c.listLabels("contacts", "companies");
      await c.listLabels("contacts", "companies");
      await rejectionOf(c.listLabels("contacts", "companies"), HubSpotDailyLimitError);
      expect((await emulatorLog(emu)).total).to.equal(3);
      expect(await emulatorControl(emu, "POST", "rate-limit", { daily: 250_000, resetDaily: true })).to.equal(204);
    });
  });

  describe("5xx, dropped connections and timeouts", () => {
    it("retries 5xx on GET, PUT, DELETE and batch/update, which then succeed", async () => {
      const c = client();
      const label = firstOf(await c.createLabel("contacts", "deals", { name: "client_retry", label: "Retry" }));
      await c.createLimits("contacts", "deals", [{ category: "HUBSPOT_DEFINED", typeId: 4, maxToObjectIds: 5 }]);
      await emulatorControl(emu, "DELETE", "requests");
      for (const [method, route] of [
        ["GET", ROUTES.labels],
        ["PUT", ROUTES.labels],
        ["DELETE", ROUTES.label],
        ["POST", ROUTES.limitsUpdate],
        ["POST", ROUTES.limitsPurge],
      ] as const) {
        await injectFault(emu, { method, route, count: 2, status: method === "PUT" ? 503 : 500 });
      }
      await c.listLabels("contacts", "deals");
      await c.updateLabel("contacts", "deals", { associationTypeId: label.typeId, label: "Retried" });
      const updated = await c.updateLimits("contacts", "deals", [
        { category: "HUBSPOT_DEFINED", typeId: 4, maxToObjectIds: 3 },
      ]);
      expect(updated.results[0]).to.include({ userEnforcedMaxToObjectIds: 3 });
      await c.purgeLimits("contacts", "deals", [{ category: "HUBSPOT_DEFINED", typeId: 4 }]);
      await c.deleteLabel("contacts", "deals", label.typeId);
      const log = await emulatorLog(emu);
      expect(countOf(log, "GET", ROUTES.labels)).to.equal(3);
      expect(countOf(log, "PUT", ROUTES.labels)).to.equal(3);
      expect(countOf(log, "DELETE", ROUTES.label)).to.equal(3);
      expect(countOf(log, "POST", ROUTES.limitsUpdate)).to.equal(3);
      expect(countOf(log, "POST", ROUTES.limitsPurge)).to.equal(3);
    });

    it("a 5xx on the labels POST is OutcomeUnknownError with exactly one POST sent", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, status: 500 });
      const error = await rejectionOf(
        client().createLabel("contacts", "companies", { name: "client_5xx", label: "Five" }),
        OutcomeUnknownError,
      );
      expect(error.reason).to.be.instanceOf(HubSpotApiError);
      expect(countOf(await emulatorLog(emu), "POST", ROUTES.labels)).to.equal(1);
    });

    it("when the 5xx came after HubSpot applied it, reading state shows the label (the caller's recovery path)", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, status: 500, after: true });
      const c = client();
      await rejectionOf(
        c.createLabel("contacts", "companies", { name: "client_after", label: "After" }),
        OutcomeUnknownError,
      );
      expect((await c.listLabels("contacts", "companies")).map((t) => t.label)).to.include("After");
      expect(countOf(await emulatorLog(emu), "POST", ROUTES.labels)).to.equal(1);
    });

    it("a dropped connection on the labels POST is OutcomeUnknownError with exactly one POST sent", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, drop: true });
      const error = await rejectionOf(
        client().createLabel("contacts", "companies", { name: "client_drop", label: "Drop" }),
        OutcomeUnknownError,
      );
      expect(error.reason).to.be.instanceOf(HubSpotNetworkError);
      expect(countOf(await emulatorLog(emu), "POST", ROUTES.labels)).to.equal(1);
    });

    it("a dropped connection on batch/create is OutcomeUnknownError too", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.limitsCreate, count: 1, drop: true });
      await rejectionOf(
        client().createLimits("contacts", "companies", [
          { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 },
        ]),
        OutcomeUnknownError,
      );
      expect(countOf(await emulatorLog(emu), "POST", ROUTES.limitsCreate)).to.equal(1);
    });

    it("retries a GET whose answer is slower than the timeout", async () => {
      await injectFault(emu, { method: "GET", route: ROUTES.labels, count: 1, delayMs: 800 });
      const c = client({ timeoutMs: 250 });
      expect((await c.listLabels("contacts", "companies")).length).to.be.greaterThan(0);
      expect(c.stats()).to.include({ requests: 2, retries: 1 });
      // The abandoned request still completes on the server; wait for it so it does not leak into later tests.
      expect(countOf(await logWhen(emu, (l) => countOf(l, "GET", ROUTES.labels) >= 2), "GET", ROUTES.labels)).to.equal(
        2,
      );
    });

    it("a labels POST slower than the timeout is OutcomeUnknownError, sent once", async () => {
      await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, delayMs: 800 });
      const c = client({ timeoutMs: 250 });
      const error = await rejectionOf(
        c.createLabel("contacts", "companies", { name: "client_slow", label: "Slow" }),
        OutcomeUnknownError,
      );
      expect((error.reason as HubSpotNetworkError).kind).to.equal("timeout");
      expect(c.stats()).to.include({ requests: 1, retries: 0 });
      expect(
        countOf(await logWhen(emu, (l) => countOf(l, "POST", ROUTES.labels) >= 1), "POST", ROUTES.labels),
      ).to.equal(1);
    });
  });

  describe("authentication and network failures", () => {
    it("401 is HubSpotAuthError with category and correlation id, and no token in its text", async () => {
      const badToken = "pat-na1-not-a-valid-token-99999999";
      const error = await rejectionOf(
        client({ accessToken: badToken }).listLabels("contacts", "companies"),
        HubSpotAuthError,
      );
      expect(error.status).to.equal(401);
      expect(error.category).to.equal("INVALID_AUTHENTICATION");
      expect(error.correlationId).to.match(/^[0-9a-f-]{36}$/);
      expect(String(error))
        .to.include(error.correlationId ?? "?")
        .and.include("INVALID_AUTHENTICATION");
      expectNoSecret(error, badToken);
      expect((await emulatorLog(emu)).total).to.equal(1);
    });

    it("403 is HubSpotScopeError with the required scopes, category and correlation id, and no token", async () => {
      const c = client({ accessToken: READ_ONLY_TOKEN });
      expect((await c.listLabels("contacts", "companies")).length).to.be.greaterThan(0);
      const error = await rejectionOf(
        c.createLabel("contacts", "companies", { name: "client_scope", label: "Scope" }),
        HubSpotScopeError,
      );
      expect(error.status).to.equal(403);
      expect(error.category).to.equal("MISSING_SCOPES");
      expect(error.requiredScopes.length).to.be.greaterThan(0);
      expect(error.correlationId).to.be.a("string");
      expect(String(error)).to.include(error.correlationId ?? "?");
      expectNoSecret(error, READ_ONLY_TOKEN);
    });

    it("an unreachable base URL is HubSpotNetworkError without the token", async () => {
      const forbiddenPort = await rejectionOf(
        client({ baseUrl: "http://127.0.0.1:1" }).listLabels("contacts", "companies"),
        HubSpotNetworkError,
      );
      expectNoSecret(forbiddenPort, FULL_TOKEN);
      // A port nothing listens on: refused before sending, retried per policy, then reported.
      const closed = await startEmulator({ port: 0 });
      const closedUrl = closed.url;
      await closed.close();
      const c = client({ baseUrl: closedUrl, retry: { ...FAST_RETRIES, maxAttempts: 3 } });
      const refused = await rejectionOf(
        c.createLabel("contacts", "companies", { name: "x", label: "X" }),
        HubSpotNetworkError,
      );
      expect(refused.kind).to.equal("not-sent");
      expect(refused.code).to.equal("ECONNREFUSED");
      expect(refused.attempts).to.equal(3);
      expectNoSecret(refused, FULL_TOKEN);
    });
  });

  describe("load", function () {
    this.timeout(20_000);

    it("100 calls, 50 at a time, at a budget of 25 per window: all succeed, zero 429s served", async () => {
      expect(await emulatorControl(emu, "POST", "rate-limit", { per10s: 25 })).to.equal(204);
      const c = client({ maxRequestsPer10s: 25 });
      const started = Date.now();
      const results = await runPool(100, 50, () => c.listLabels("contacts", "companies"));
      // 100 at 25 per window: the limiter must have waited three windows.
      expect(Date.now() - started).to.be.at.least(3 * WINDOW_MS);
      expect(results.filter((r) => r.ok)).to.have.length(100);
      const log = await emulatorLog(emu);
      expect(count429(log)).to.equal(0);
      expect(countOf(log, "GET", ROUTES.labels)).to.equal(100);
      expect(c.stats()).to.include({ requests: 100, retries: 0, rateLimited: 0 });
    });

    it("a client configured for 100 adapts to the server's 20 before its first burst: zero 429s", async () => {
      expect(await emulatorControl(emu, "POST", "rate-limit", { per10s: 20 })).to.equal(204);
      const c = client(); // starts at the default budget of 100
      const started = Date.now();
      const results = await runPool(30, 30, () => c.listLabels("contacts", "companies"));
      expect(Date.now() - started, "the last 10 waited for the next window").to.be.at.least(WINDOW_MS);
      expect(results.filter((r) => r.ok)).to.have.length(30);
      expect(count429(await emulatorLog(emu))).to.equal(0);
      expect(c.rateLimitState().capacity).to.equal(20);
    });

    it("a fresh client sharing the token with a busy one drains to the server's Remaining: zero 429s", async () => {
      expect(await emulatorControl(emu, "POST", "rate-limit", { per10s: 10 })).to.equal(204);
      await runPool(7, 7, () => client({ maxRequestsPer10s: 10 }).listLabels("contacts", "companies"));
      const late = client({ maxRequestsPer10s: 10 });
      const started = Date.now();
      const results = await runPool(6, 6, () => late.listLabels("contacts", "companies"));
      // Its first answer said 2 remain after its own request: the other 3 waited out the busy client's window.
      expect(Date.now() - started, "the late client waited for the window").to.be.at.least(WINDOW_MS);
      expect(results.filter((r) => r.ok)).to.have.length(6);
      expect(count429(await emulatorLog(emu))).to.equal(0);
      expect((await emulatorLog(emu)).total).to.equal(13);
    });
  });
});

/** Polls the emulator's log until `done` holds (bounded), then returns it. */
async function logWhen(emu: EmulatorAddress, done: (log: EmulatorLog) => boolean): Promise<EmulatorLog> {
  for (let i = 0; i < 50; i++) {
    const log = await emulatorLog(emu);
    if (done(log)) return log;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return emulatorLog(emu);
}

/** Runs `total` calls with at most `concurrency` in flight. */
async function runPool<T>(
  total: number,
  concurrency: number,
  task: () => Promise<T>,
): Promise<{ ok: boolean; error?: unknown }[]> {
  const results: { ok: boolean; error?: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      try {
        await task();
        results.push({ ok: true });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
