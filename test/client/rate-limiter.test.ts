// Unit tests of the adaptive rate limiter, on a manual clock: no real waiting, no wall-clock assertions.
import { expect } from "chai";
import { ManualClock, flushMicrotasks } from "../../provider/hubspot/clock";
import { AdaptiveRateLimiter, RateLimitPermit, parseRateLimitHeaders } from "../../provider/hubspot/rate-limiter";
import { itemAt } from "../helpers/items";

const WINDOW = 10_000;
const MARGIN = 50;

interface Harness {
  clock: ManualClock;
  limiter: AdaptiveRateLimiter;
  granted: RateLimitPermit[];
  grantTimes: number[];
  order: number[];
  request(id?: number): void;
  /** The i-th permit granted, asserted to have been granted. */
  permit(i: number): RateLimitPermit;
}

function harness(capacity: number, options: { calibrate?: boolean } = {}): Harness {
  const clock = new ManualClock(1_000_000);
  const limiter = new AdaptiveRateLimiter({
    maxRequests: capacity,
    windowMs: WINDOW,
    safetyMarginMs: MARGIN,
    calibrate: options.calibrate ?? false,
    clock,
  });
  const h: Harness = {
    clock,
    limiter,
    granted: [],
    grantTimes: [],
    order: [],
    request(id = h.order.length + h.granted.length) {
      void limiter.acquire().then((permit) => {
        h.granted.push(permit);
        h.grantTimes.push(clock.now());
        h.order.push(id);
      });
    },
    permit: (i) => itemAt(h.granted, i, "granted permits"),
  };
  return h;
}

describe("client: AdaptiveRateLimiter", () => {
  it("lets a burst of exactly the budget out at once and queues the rest", async () => {
    const h = harness(10);
    for (let i = 0; i < 25; i++) h.request(i);
    await flushMicrotasks();
    expect(h.granted).to.have.length(10);
    expect(h.limiter.snapshot()).to.include({ spent: 10, inFlight: 10, queued: 15 });
    // All tokens are held by in-flight requests: no timer is armed (their completion wakes the queue).
    expect(h.clock.pendingTimers()).to.equal(0);
  });

  it("returns each token one window (+margin) after its response, not before", async () => {
    const h = harness(10);
    for (let i = 0; i < 20; i++) h.request(i);
    await flushMicrotasks();
    await h.clock.advance(100); // responses arrive 100 ms after sending
    for (const p of h.granted.slice(0, 10)) p.complete();
    await h.clock.advance(WINDOW + MARGIN - 1);
    expect(h.granted).to.have.length(10);
    await h.clock.advance(1);
    expect(h.granted).to.have.length(20);
    expect(itemAt(h.grantTimes, 10) - itemAt(h.grantTimes, 0)).to.equal(100 + WINDOW + MARGIN);
  });

  it("never sends more than the budget in any rolling window, and never idles below it", async () => {
    const capacity = 20;
    const total = 200;
    const h = harness(capacity);
    // Deterministic pseudo-random latencies between 5 and 400 ms.
    let seed = 42;
    const latency = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 5 + (seed % 396);
    };
    const sendTimes: number[] = [];
    const responseTimes: number[] = [];
    let completed = 0;
    for (let i = 0; i < total; i++) {
      void h.limiter.acquire().then((permit) => {
        const sentAt = h.clock.now();
        sendTimes.push(sentAt);
        h.clock.setTimer(() => {
          responseTimes.push(h.clock.now());
          permit.complete();
          completed++;
        }, latency());
      });
    }
    while (completed < total) await h.clock.advance(25);
    sendTimes.sort((a, b) => a - b);
    // Any window of WINDOW ms contains at most `capacity` sends.
    for (const [i, sentAt] of sendTimes.entries()) {
      const later = sendTimes[i + capacity];
      if (later !== undefined) expect(later - sentAt).to.be.at.least(WINDOW);
    }
    // Work-conserving: 10 full windows are needed; the total stays within one window + latency of that floor
    // (each token waits for its own response plus a window plus the margin, nothing more).
    const elapsed = itemAt(sendTimes, -1) - itemAt(sendTimes, 0);
    const floor = (total / capacity - 1) * WINDOW;
    expect(elapsed).to.be.at.least(floor);
    expect(elapsed).to.be.at.most((total / capacity - 1) * (WINDOW + MARGIN + 400));
    expect(h.clock.pendingTimers()).to.equal(0);
  });

  it("serves waiters first-in first-out", async () => {
    const h = harness(3);
    for (let i = 0; i < 3; i++) h.request(i);
    await flushMicrotasks();
    for (let i = 3; i < 9; i++) h.request(i);
    await flushMicrotasks();
    // Complete in reverse order; grants must still follow the acquire order.
    for (const p of [...h.granted].reverse()) p.complete();
    await h.clock.advance(WINDOW + MARGIN);
    h.request(99); // a late arrival queues behind everyone
    for (const p of h.granted.slice(3)) p.complete();
    await h.clock.advance(WINDOW + MARGIN);
    for (const p of h.granted.slice(6)) p.complete();
    await h.clock.advance(WINDOW + MARGIN);
    expect(h.order).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 99]);
  });

  it("calibrates: one request in flight until the first answer, then the burst", async () => {
    const h = harness(10, { calibrate: true });
    for (let i = 0; i < 10; i++) h.request(i);
    await flushMicrotasks();
    expect(h.granted).to.have.length(1);
    h.permit(0).complete({ headers: { max: 10, remaining: 9, intervalMs: WINDOW } });
    await flushMicrotasks();
    expect(h.granted).to.have.length(10);
  });

  it("resizes to X-HubSpot-RateLimit-Max, both ways", async () => {
    const h = harness(100);
    h.request();
    await flushMicrotasks();
    h.permit(0).complete({ headers: { max: 5, remaining: 4, intervalMs: WINDOW } });
    for (let i = 0; i < 10; i++) h.request();
    await flushMicrotasks();
    expect(h.limiter.snapshot().capacity).to.equal(5);
    expect(h.granted).to.have.length(5); // 1 spent + 4 new
    h.permit(1).complete({ headers: { max: 8, remaining: 3, intervalMs: WINDOW } });
    await flushMicrotasks();
    expect(h.limiter.snapshot().capacity).to.equal(8);
    expect(h.granted).to.have.length(8);
  });

  it("drains to match when the server reports fewer remaining than we think", async () => {
    const h = harness(10);
    h.request();
    await flushMicrotasks();
    // Someone else used 6 of the 10: after our request, only 3 remain on the server.
    h.permit(0).complete({ headers: { max: 10, remaining: 3, intervalMs: WINDOW } });
    for (let i = 0; i < 10; i++) h.request();
    await flushMicrotasks();
    expect(h.granted).to.have.length(1 + 3);
    // The phantom tokens come back one window later.
    await h.clock.advance(WINDOW + MARGIN);
    expect(h.granted.length).to.be.greaterThan(4);
  });

  it("does not send more when the server reports more remaining than we think", async () => {
    const h = harness(4);
    for (let i = 0; i < 4; i++) h.request();
    await flushMicrotasks();
    h.request();
    h.permit(0).complete({ headers: { max: 4, remaining: 3, intervalMs: WINDOW } }); // others not arrived yet
    await flushMicrotasks();
    expect(h.granted).to.have.length(4);
  });

  it("ignores Remaining on a 429 (the retry path drains instead) but still resizes", async () => {
    const h = harness(10);
    h.request();
    await flushMicrotasks();
    h.permit(0).complete({ headers: { max: 6, remaining: 0, intervalMs: WINDOW }, rateLimited: true });
    expect(h.limiter.snapshot()).to.include({ capacity: 6, spent: 1 });
  });

  it("adopts X-HubSpot-RateLimit-Interval-Milliseconds", async () => {
    const h = harness(2);
    h.request();
    await flushMicrotasks();
    h.permit(0).complete({ headers: { max: 2, remaining: 1, intervalMs: 1_000 } });
    expect(h.limiter.snapshot().windowMs).to.equal(1_000);
    h.request();
    h.request();
    await flushMicrotasks();
    expect(h.granted).to.have.length(2);
    await h.clock.advance(1_000 + MARGIN);
    expect(h.granted).to.have.length(3);
  });

  it("drain() stops every caller for the given time", async () => {
    const h = harness(10);
    h.limiter.drain(2_000);
    for (let i = 0; i < 3; i++) h.request();
    await h.clock.advance(1_999);
    expect(h.granted).to.have.length(0);
    await h.clock.advance(1);
    expect(h.granted).to.have.length(3);
  });

  it("ignores a second complete() of the same permit", async () => {
    const h = harness(1);
    h.request();
    await flushMicrotasks();
    h.permit(0).complete();
    await h.clock.advance(WINDOW);
    h.permit(0).complete(); // would push the return time out again if not ignored
    h.request();
    await h.clock.advance(MARGIN);
    expect(h.granted).to.have.length(2);
  });

  it("arms at most one timer however many callers wait", async () => {
    const h = harness(5);
    for (let i = 0; i < 500; i++) h.request();
    await flushMicrotasks();
    for (const p of h.granted) p.complete();
    await flushMicrotasks();
    expect(h.clock.pendingTimers()).to.equal(1);
  });

  it("parses HubSpot's rate-limit headers, tolerating junk", () => {
    const headers: Record<string, string> = {
      "x-hubspot-ratelimit-max": "190",
      "x-hubspot-ratelimit-remaining": "187",
      "x-hubspot-ratelimit-interval-milliseconds": "10000",
      "x-hubspot-ratelimit-daily": "abc",
      "x-hubspot-ratelimit-daily-remaining": "",
    };
    expect(parseRateLimitHeaders((n) => headers[n] ?? null)).to.deep.equal({
      max: 190,
      remaining: 187,
      intervalMs: 10_000,
    });
  });

  it("rejects a nonsensical budget", () => {
    expect(() => new AdaptiveRateLimiter({ maxRequests: 0 })).to.throw(RangeError);
  });
});
