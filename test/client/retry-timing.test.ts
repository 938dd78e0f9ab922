// The retry and time policy the provider's re-plan loops use (HubSpotApi.retry): attempt count, the delay before
// each plan (the client's jitter rule, the client's random source), waits on the client's clock. Manual clock only.
import { expect } from "chai";
import { ManualClock, flushMicrotasks } from "../../provider/hubspot/clock";
import { HubSpotClient, HubSpotClientOptions } from "../../provider/hubspot/client";
import { OutcomeUnknownError } from "../../provider/hubspot/errors";
import {
  DEFAULT_RETRY_POLICY,
  RetrySchedule,
  fullJitterDelay,
  resolveRetryPolicy,
} from "../../provider/hubspot/policy";
import { itemAt } from "../helpers/items";
import { Responder, json, scriptedFetch, settle } from "./helpers";

const TOKEN = "pat-na1-retry-timing-0000000000";

function client(extra: Partial<HubSpotClientOptions> = {}, responders: Responder[] = [json(200, { results: [] })]) {
  const clock = new ManualClock(1_000_000);
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

/** Resolves-or-not probe for a promise, without waiting for it. */
function watch<T>(promise: Promise<T>): { settled: () => boolean; value: () => T | undefined } {
  let done = false;
  let result: T | undefined;
  void promise.then((v) => {
    done = true;
    result = v;
  });
  return { settled: () => done, value: () => result };
}

describe("client: retry timing for re-plans (api.retry)", () => {
  it("has one attempt count, from the policy (default 5, as many as an idempotent call gets), overridable", () => {
    expect(DEFAULT_RETRY_POLICY.maxReplanAttempts).to.equal(5);
    expect(DEFAULT_RETRY_POLICY.maxReplanAttempts).to.equal(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(client().c.retry.replanAttempts).to.equal(5);
    expect(client({ retry: { maxReplanAttempts: 2 } }).c.retry.replanAttempts).to.equal(2);
    expect(() => resolveRetryPolicy({ maxReplanAttempts: 0 })).to.throw(RangeError, "attempt counts");
  });

  it("the delay before plan N is the client's full jitter over its backoff, drawn from the injected random", () => {
    let draws = 0;
    const high = client({ random: () => (draws++, 0.999), retry: { backoffBaseMs: 250, backoffMaxMs: 8_000 } }).c.retry;
    expect(high.replanDelayMs(1)).to.equal(0);
    expect(draws, "the first plan does not wait, so draws nothing").to.equal(0);
    expect([2, 3, 4, 5, 6, 7, 8].map((n) => high.replanDelayMs(n))).to.deep.equal([
      249, 499, 999, 1998, 3996, 7992, 7992,
    ]);
    expect(draws).to.equal(7);
    const low = client({ random: () => 0 }).c.retry;
    expect(low.replanDelayMs(4)).to.equal(0);
    // The same rule the executor applies to its own 5xx retries (retry index = plan - 2).
    const schedule = new RetrySchedule(resolveRetryPolicy({}), new ManualClock(), () => 0.37);
    for (let n = 2; n < 12; n++) {
      expect(schedule.replanDelayMs(n)).to.equal(
        fullJitterDelay(n - 2, DEFAULT_RETRY_POLICY.backoffBaseMs, DEFAULT_RETRY_POLICY.backoffMaxMs, () => 0.37),
      );
      expect(schedule.replanDelayMs(n)).to.equal(schedule.transientDelayMs(n - 2));
    }
  });

  it("beforeReplan waits exactly that delay on the client's clock, then says go", async () => {
    const { c, clock } = client({ random: () => 0.5, retry: { backoffBaseMs: 1_000, backoffMaxMs: 60_000 } });
    const wait = watch(c.retry.beforeReplan(3)); // ceiling 2 000 ms, random 0.5 -> 1 000 ms
    await flushMicrotasks();
    expect(clock.pendingTimers()).to.equal(1);
    await clock.advance(999);
    expect(wait.settled()).to.equal(false);
    await clock.advance(1);
    expect(wait.settled()).to.equal(true);
    expect(wait.value()).to.equal(true);
  });

  it("beforeReplan(1) goes at once; past the attempt count it says stop at once, without a timer or a draw", async () => {
    let draws = 0;
    const { c, clock } = client({ random: () => (draws++, 0.5), retry: { maxReplanAttempts: 3 } });
    expect(await c.retry.beforeReplan(1)).to.equal(true);
    expect(await c.retry.beforeReplan(4)).to.equal(false);
    expect(clock.pendingTimers()).to.equal(0);
    expect(draws).to.equal(0);
  });

  it("refuses an attempt number that is not an integer from 1", async () => {
    const { retry } = client().c;
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => retry.replanDelayMs(bad), String(bad)).to.throw(RangeError);
      let thrown: unknown;
      try {
        await retry.beforeReplan(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(bad)).to.be.instanceOf(RangeError);
    }
  });

  it("sleep() waits on the client's clock", async () => {
    const { c, clock } = client();
    const nap = watch(c.retry.sleep(5_000));
    await clock.advance(4_999);
    expect(nap.settled()).to.equal(false);
    await clock.advance(1);
    expect(nap.settled()).to.equal(true);
  });

  it("drives a provider-style re-plan loop: one POST per plan, the policy's count, the policy's pauses", async () => {
    const lost: Responder = json(503, { status: "error", message: "unavailable", correlationId: "c-503" });
    const { c, clock, calls } = client(
      { random: () => 0.999, retry: { maxReplanAttempts: 4, backoffBaseMs: 1_000, backoffMaxMs: 60_000 } },
      [lost],
    );
    const sentAt: number[] = [];
    const original = calls.push.bind(calls);
    calls.push = (...items) => {
      sentAt.push(clock.now());
      return original(...items);
    };
    const createWithReplans = async (): Promise<unknown> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await c.createLabel("contacts", "companies", { name: "n", label: "L" });
        } catch (error) {
          if (error instanceof OutcomeUnknownError && (await c.retry.beforeReplan(attempt + 1))) continue;
          throw error;
        }
      }
    };
    const outcome = await settle(createWithReplans(), clock, 10);
    expect(outcome.error).to.be.instanceOf(OutcomeUnknownError);
    expect(calls).to.have.length(4);
    const gaps = sentAt.slice(1).map((t, i) => t - itemAt(sentAt, i));
    // Ceilings 1 000, 2 000, 4 000 ms at random 0.999; the manual clock steps by 10 ms.
    expect(gaps[0]).to.be.within(999, 1_009);
    expect(gaps[1]).to.be.within(1_998, 2_008);
    expect(gaps[2]).to.be.within(3_996, 4_006);
  });
});
