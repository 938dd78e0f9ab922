// Unit tests of the retry policy: the pure parts (backoff, idempotency) and the executor's decisions, driven
// by a scripted fetch and a manual clock.
import { expect } from "chai";
import { ManualClock } from "../../provider/hubspot/clock";
import { HubSpotClient, HubSpotClientOptions } from "../../provider/hubspot/client";
import { nextMidnightIn } from "../../provider/hubspot/daily-reset";
import {
  HubSpotApiError,
  HubSpotDailyLimitError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  HubSpotResponseFormatError,
  OutcomeUnknownError,
} from "../../provider/hubspot/errors";
import { DEFAULT_RETRY_POLICY, fullJitterDelay, isIdempotent, resolveRetryPolicy } from "../../provider/hubspot/policy";
import { ROUTES } from "../../provider/hubspot/routes";
import { parseRetryAfter } from "../../provider/hubspot/transport";
import { firstOf, itemAt } from "../helpers/items";
import { Responder, json, networkFailure, rateLimited, scriptedFetch, settle } from "./helpers";

const TOKEN = "pat-na1-unit-test-token-0000";
const LABELS = { results: [{ category: "HUBSPOT_DEFINED", typeId: 279, label: null }] };
const SERVER_ERROR = json(500, { status: "error", message: "internal error", correlationId: "corr-500" });

function client(responders: Responder[], extra: Partial<HubSpotClientOptions> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
  const script = scriptedFetch(responders);
  const c = new HubSpotClient({
    accessToken: TOKEN,
    baseUrl: "https://hubspot.test",
    clock,
    fetch: script.fetch,
    random: () => 0.5,
    ...extra,
  });
  return { c, clock, calls: script.calls };
}

describe("client: retry policy (pure parts)", () => {
  it("full jitter stays within [0, min(max, base * 2^n)]", () => {
    for (let n = 0; n < 12; n++) {
      expect(fullJitterDelay(n, 250, 8_000, () => 0)).to.equal(0);
      expect(fullJitterDelay(n, 250, 8_000, () => 0.999999)).to.be.below(Math.min(8_000, 250 * 2 ** n));
    }
    expect(fullJitterDelay(3, 100, 10_000, () => 0.5)).to.equal(400);
  });

  it("classifies idempotency in one table", () => {
    expect(isIdempotent("GET", ROUTES.labels)).to.equal(true);
    expect(isIdempotent("PUT", ROUTES.labels)).to.equal(true);
    expect(isIdempotent("DELETE", ROUTES.label)).to.equal(true);
    expect(isIdempotent("POST", ROUTES.labels)).to.equal(false);
    expect(isIdempotent("POST", ROUTES.limitsCreate)).to.equal(false);
    expect(isIdempotent("POST", ROUTES.limitsUpdate)).to.equal(true);
    expect(isIdempotent("POST", ROUTES.limitsPurge)).to.equal(true);
    expect(isIdempotent("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read")).to.equal(false);
  });

  it("validates overrides", () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).to.include({
      maxAttempts: 2,
      backoffBaseMs: DEFAULT_RETRY_POLICY.backoffBaseMs,
    });
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).to.throw(RangeError);
    expect(() => resolveRetryPolicy({ backoffBaseMs: -1 })).to.throw(RangeError);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3", 0)).to.equal(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).to.equal(6_000);
    expect(parseRetryAfter("soon", 0)).to.equal(undefined);
    expect(parseRetryAfter(null, 0)).to.equal(undefined);
  });

  it("computes the next midnight in a time zone, across DST", () => {
    // 2026-11-27 12:00Z is 07:00 in New York (EST, UTC-5): next midnight is 2026-11-28T05:00Z.
    expect(nextMidnightIn("America/New_York", Date.UTC(2026, 10, 27, 12))?.toISOString()).to.equal(
      "2026-11-28T05:00:00.000Z",
    );
    // 2026-03-08 is the US spring-forward day; 2026-03-07 20:00Z is 15:00 EST, midnight after is 2026-03-08T05:00Z.
    expect(nextMidnightIn("America/New_York", Date.UTC(2026, 2, 7, 20))?.toISOString()).to.equal(
      "2026-03-08T05:00:00.000Z",
    );
    // Then on 2026-03-08 (EDT, UTC-4) midnight is 2026-03-09T04:00Z.
    expect(nextMidnightIn("America/New_York", Date.UTC(2026, 2, 8, 12))?.toISOString()).to.equal(
      "2026-03-09T04:00:00.000Z",
    );
    expect(nextMidnightIn("Asia/Kolkata", Date.UTC(2026, 0, 1, 20))?.toISOString()).to.equal(
      "2026-01-02T18:30:00.000Z",
    );
    expect(nextMidnightIn("Not/A_Zone", 0)).to.equal(undefined);
  });
});

describe("client: retry decisions", () => {
  it("retries 429 TEN_SECONDLY_ROLLING, honouring Retry-After, and drains the bucket meanwhile", async () => {
    const { c, clock, calls } = client([
      rateLimited("TEN_SECONDLY_ROLLING", { "retry-after": "3" }),
      json(200, LABELS),
    ]);
    const start = clock.now();
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    expect(outcome.value).to.deep.equal(LABELS.results);
    expect(calls).to.have.length(2);
    expect(clock.now() - start).to.be.at.least(3_000);
    const stats = c.stats();
    expect(stats).to.include({ calls: 1, requests: 2, retries: 1, rateLimited: 1, failures: 0 });
    expect(stats.byRoute[`GET ${ROUTES.labels}`]).to.include({ requests: 2, rateLimited: 1 });
  });

  it("retries 429 on a non-idempotent POST too (HubSpot did not process it)", async () => {
    const created = { results: [{ category: "USER_DEFINED", typeId: "500", label: "Boss" }] };
    const { c, clock, calls } = client([rateLimited("SECONDLY"), json(200, created)]);
    const outcome = await settle(c.createLabel("contacts", "companies", { name: "boss", label: "Boss" }), clock);
    expect(outcome.value).to.deep.equal([{ category: "USER_DEFINED", typeId: 500, label: "Boss" }]);
    expect(calls).to.have.length(2);
  });

  it("gives up on 429 after maxRateLimitAttempts with HubSpotRateLimitError", async () => {
    const { c, clock, calls } = client([rateLimited("TEN_SECONDLY_ROLLING")], { retry: { maxRateLimitAttempts: 3 } });
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    expect(outcome.error).to.be.instanceOf(HubSpotRateLimitError);
    expect((outcome.error as HubSpotRateLimitError).policyName).to.equal("TEN_SECONDLY_ROLLING");
    expect(calls).to.have.length(3);
  });

  it("fails 429 DAILY at once, saying when the quota resets", async () => {
    const { c, clock, calls } = client([rateLimited("DAILY", { "retry-after": "40000" })]);
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    expect(outcome.error).to.be.instanceOf(HubSpotDailyLimitError);
    const error = outcome.error as HubSpotDailyLimitError;
    expect(error.message).to.include("daily").and.include("midnight in the portal's time zone");
    expect(error.resetsAt).to.equal(undefined);
    expect(calls).to.have.length(1);
  });

  it("includes a UTC estimate of the daily reset when the portal's time zone is known", async () => {
    const { c, clock } = client([rateLimited("DAILY")], { timeZone: "America/New_York" });
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    const error = outcome.error as HubSpotDailyLimitError;
    expect(error.resetsAt).to.equal("2026-11-28T05:00:00.000Z");
    expect(error.message).to.include("America/New_York").and.include("2026-11-28T05:00:00.000Z");
  });

  it("learns the time zone from getAccountDetails()", async () => {
    const { c, clock } = client([json(200, { portalId: 42, timeZone: "Europe/Berlin" }), rateLimited("DAILY")]);
    expect((await settle(c.getAccountDetails(), clock)).value).to.deep.equal({
      portalId: 42,
      timeZone: "Europe/Berlin",
    });
    const error = (await settle(c.listLabels("contacts", "companies"), clock)).error as HubSpotDailyLimitError;
    expect(error.resetsAt).to.equal("2026-11-27T23:00:00.000Z");
  });

  for (const [name, call] of [
    ["GET labels", (c: HubSpotClient) => c.listLabels("contacts", "companies")],
    ["PUT labels", (c: HubSpotClient) => c.updateLabel("contacts", "companies", { associationTypeId: 5, label: "X" })],
    ["DELETE label", (c: HubSpotClient) => c.deleteLabel("contacts", "companies", 5)],
    ["POST batch/update", (c: HubSpotClient) => c.updateLimits("contacts", "companies", [])],
    ["POST batch/purge", (c: HubSpotClient) => c.purgeLimits("contacts", "companies", [])],
  ] as const) {
    it(`retries 5xx and lost connections on ${name} (idempotent)`, async () => {
      const ok = name.startsWith("GET")
        ? json(200, LABELS)
        : name.includes("update")
          ? json(200, { status: "COMPLETE", results: [] })
          : json(204, undefined);
      const { c, clock, calls } = client([SERVER_ERROR, networkFailure("ECONNRESET", "read ECONNRESET"), ok]);
      const outcome = await settle(call(c) as Promise<unknown>, clock);
      expect(outcome.error).to.equal(undefined);
      expect(calls).to.have.length(3);
      expect(c.stats()).to.include({ requests: 3, retries: 2 });
    });
  }

  for (const [name, call] of [
    ["POST labels", (c: HubSpotClient) => c.createLabel("contacts", "companies", { name: "x", label: "X" })],
    ["POST batch/create", (c: HubSpotClient) => c.createLimits("contacts", "companies", [])],
  ] as const) {
    it(`throws OutcomeUnknownError without re-sending on 5xx for ${name}`, async () => {
      const { c, clock, calls } = client([SERVER_ERROR, json(200, { results: [] })]);
      const outcome = await settle(call(c) as Promise<unknown>, clock);
      expect(outcome.error).to.be.instanceOf(OutcomeUnknownError);
      const reason = (outcome.error as OutcomeUnknownError).reason;
      expect(reason).to.be.instanceOf(HubSpotApiError);
      expect((reason as HubSpotApiError).correlationId).to.equal("corr-500");
      expect(calls).to.have.length(1);
    });

    it(`throws OutcomeUnknownError without re-sending on a lost connection for ${name}`, async () => {
      const { c, clock, calls } = client([
        networkFailure("UND_ERR_SOCKET", "other side closed"),
        json(200, { results: [] }),
      ]);
      const outcome = await settle(call(c) as Promise<unknown>, clock);
      expect(outcome.error).to.be.instanceOf(OutcomeUnknownError);
      expect((outcome.error as OutcomeUnknownError).reason).to.be.instanceOf(HubSpotNetworkError);
      expect(calls).to.have.length(1);
    });
  }

  it("retries a POST that was refused before connecting (nothing was sent)", async () => {
    const created = { results: [{ category: "USER_DEFINED", typeId: 501, label: "X" }] };
    const { c, clock, calls } = client([networkFailure("ECONNREFUSED"), json(200, created)]);
    const outcome = await settle(c.createLabel("contacts", "companies", { name: "x", label: "X" }), clock);
    expect(outcome.error).to.equal(undefined);
    expect(calls).to.have.length(2);
  });

  it("does not retry 4xx other than 429", async () => {
    const { c, clock, calls } = client([
      json(400, { status: "error", message: "bad", category: "VALIDATION_ERROR", correlationId: "c-400" }),
      json(200, LABELS),
    ]);
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    expect(outcome.error).to.be.instanceOf(HubSpotApiError);
    expect((outcome.error as HubSpotApiError).status).to.equal(400);
    expect(calls).to.have.length(1);
  });

  it("stops after maxAttempts and reports the last failure with the attempt count", async () => {
    const { c, clock, calls } = client([networkFailure("ECONNREFUSED")], { retry: { maxAttempts: 4 } });
    const outcome = await settle(c.listLabels("contacts", "companies"), clock);
    expect(outcome.error).to.be.instanceOf(HubSpotNetworkError);
    expect((outcome.error as HubSpotNetworkError).attempts).to.equal(4);
    expect((outcome.error as HubSpotNetworkError).kind).to.equal("not-sent");
    expect(calls).to.have.length(4);
    expect(c.stats()).to.include({ calls: 1, requests: 4, retries: 3, failures: 1 });
  });

  it("backs off with growing full-jitter delays between attempts", async () => {
    const { c, clock, calls } = client([SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, json(200, LABELS)], {
      random: () => 0.999,
      retry: { backoffBaseMs: 1_000, backoffMaxMs: 60_000 },
    });
    const times: number[] = [];
    const original = calls.push.bind(calls);
    calls.push = (...items) => {
      times.push(clock.now());
      return original(...items);
    };
    await settle(c.listLabels("contacts", "companies"), clock, 10);
    const gaps = times.slice(1).map((t, i) => t - itemAt(times, i));
    expect(gaps[0]).to.be.within(900, 1_010);
    expect(gaps[1]).to.be.within(1_900, 2_010);
    expect(gaps[2]).to.be.within(3_900, 4_010);
  });

  it("sends the token as Bearer, JSON bodies and our User-Agent", async () => {
    const { c, clock, calls } = client([json(200, { results: [] })]);
    await settle(c.createLabel("p_my obj", "2-123", { name: "n", label: "L", inverseLabel: "I" }), clock);
    const call = firstOf(calls, "calls");
    expect(call.url).to.equal("https://hubspot.test/crm/v4/associations/p_my%20obj/2-123/labels");
    expect(call.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(call.headers["content-type"]).to.equal("application/json");
    expect(call.headers["user-agent"]).to.match(/^pulumi-hubspot-associations\/\d+\.\d+\.\d+/);
    expect(call.body).to.deep.equal({ name: "n", label: "L", inverseLabel: "I" });
  });

  it("parses tolerantly: string ids, 207 envelopes, CANCELED returned not thrown", async () => {
    const cancelled = {
      status: "CANCELED",
      results: [],
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "VALIDATION_ERROR",
          subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
          message: "0-5 is not a valid association type between CONTACT and DEAL",
          context: { type: ["0-5"] },
        },
      ],
    };
    const { c, clock } = client([
      json(207, {
        status: "COMPLETE",
        results: [{ category: "USER_DEFINED", typeId: "7", userEnforcedMaxToObjectIds: "3", label: null }],
      }),
      json(200, cancelled),
    ]);
    const created = (
      await settle(
        c.createLimits("contacts", "deals", [{ category: "USER_DEFINED", typeId: 7, maxToObjectIds: 3 }]),
        clock,
      )
    ).value;
    expect(created).to.deep.equal({
      status: "COMPLETE",
      results: [{ category: "USER_DEFINED", typeId: 7, userEnforcedMaxToObjectIds: 3, label: null }],
      numErrors: 0,
      errors: [],
      httpStatus: 207,
    });
    const updated = (
      await settle(
        c.updateLimits("contacts", "deals", [{ category: "HUBSPOT_DEFINED", typeId: 5, maxToObjectIds: 1 }]),
        clock,
      )
    ).value;
    expect(updated?.status).to.equal("CANCELED");
    expect(updated?.numErrors).to.equal(1);
    expect(updated?.errors[0]?.subCategory).to.equal("crm.associations.INVALID_ASSOCIATION_TYPE");
  });

  it('an optional object type id that is not a string or a number is a format error, not "[object Object]"', async () => {
    const label = (fromObjectTypeId: unknown) => ({
      category: "USER_DEFINED",
      typeId: 7,
      label: "L",
      fromObjectTypeId,
      toObjectTypeId: 2,
    });
    const { c, clock } = client([
      json(200, { results: [label("0-1"), label(null)] }),
      json(200, { results: [label({ id: "0-1" })] }),
    ]);
    expect((await settle(c.listLabels("contacts", "companies"), clock)).value).to.deep.equal([
      { category: "USER_DEFINED", typeId: 7, label: "L", fromObjectTypeId: "0-1", toObjectTypeId: "2" },
      { category: "USER_DEFINED", typeId: 7, label: "L", toObjectTypeId: "2" },
    ]);
    const { error } = await settle(c.listLabels("contacts", "companies"), clock);
    expect(error).to.be.instanceOf(HubSpotResponseFormatError);
    expect((error as Error).message).to.contain('results[0]: fromObjectTypeId is not an id: {"id":"0-1"}');
  });
});
