// Portal scale through the real Pulumi CLI: request COUNTS from the emulator's log (never wall-clock times).
//
// 40 labels (half paired) over 4 directed pairs (both directions of contacts-companies and contacts-deals), each
// pair with an AssociationLimits resource, against an emulator whose budget is small: 20 requests per 1 s window
// (the window is shortened so the test never waits 10 s; the client adopts it from the rate-limit headers).
// `parallel` 64 is above that budget on purpose. The lower bounds are bench/portal.ts's (see bench/README.md).
import { expect } from "chai";
import { sleep } from "../helpers/async";
import { startEmulator } from "../../emulator";
import { LogSummary, summarize } from "../../bench/measure";
import { editPortal, lowerBound, makePortal, PortalSpec, portalProgram } from "../../bench/portal";
import { ProcWatch } from "../../bench/proc-watch";
import { ROUTES } from "../e2e/emulator-ops";
import { createTestStack, emulatorConfig, TestStack } from "../e2e/harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const BUDGET = 20;
const WINDOW_MS = 1_000;
const PARALLEL = 64;

/** Counts by route, 429s and the busiest window of the emulator's log, as the benchmark computes them. */
function counted(emu: Emulator): LogSummary {
  return summarize(emu.requests(), 0, WINDOW_MS);
}

describe("scale: request counts of a 40-label portal through the real Pulumi CLI", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let t: TestStack;
  let spec: PortalSpec = makePortal({ n: 40, directedPairs: 4 });
  const { spec: editedSpec, edited } = editPortal(spec, 0.1);

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: BUDGET, rateWindowMs: WINDOW_MS });
    t = await createTestStack({
      program: portalProgram(() => spec),
      projectName: "hubspot-scale",
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  beforeEach(async () => {
    // Each operation starts with an empty rate window, and its own log.
    await sleep(WINDOW_MS + 100);
    emu.clearRequests();
  });

  it("up from empty, parallel 64 above a budget of 20: no failure, zero 429s, requests within 1.05 x the lower bound, one provider process", async () => {
    const watch = new ProcWatch(50);
    watch.start();
    const r = await t.up({ parallel: PARALLEL });
    const procs = watch.stop();
    expect(r.summary.result).to.equal("succeeded");
    expect(r.summary.resourceChanges?.create).to.equal(spec.labels.length + spec.limits.length + 1); // + the stack
    const c = counted(emu);
    const lb = lowerBound("up", spec);
    expect(lb.total).to.equal(40 + 4 + 4 + 4); // POSTs, one snapshot per pair, configurations GETs, batch/create
    expect(c.served429, "429s served").to.equal(0);
    expect(c.total).to.be.at.least(lb.total);
    expect(c.total).to.be.at.most(Math.floor(1.05 * lb.total));
    // One label list per pair before its first create; the limits that follow know their labels' typeIds from the creates.
    expect(c.byRoute).to.deep.equal(lb.byRoute);
    // One limiter governs every resource: never more than the budget in any window (the emulator refuses more).
    expect(c.maxInAnyWindow).to.be.at.most(BUDGET);
    if (process.platform === "linux") expect(procs.processes, "dynamic-provider processes").to.have.length(1);
    const state = emu.state() as { definitions: unknown[]; limits: unknown[] };
    expect(state.definitions).to.have.length(80); // both halves of every label
    expect(state.limits).to.have.length(8); // unlabeled + first label, per pair
  });

  it("preview unchanged: zero requests", async () => {
    await t.preview({ expectNoChanges: true, parallel: PARALLEL });
    expect(counted(emu).total).to.equal(0);
  });

  it("refresh unchanged: exactly one labels GET per pair and one configurations GET per pair with limits", async () => {
    await t.refresh({ expectNoChanges: true, parallel: PARALLEL });
    const c = counted(emu);
    const lb = lowerBound("refresh", spec);
    expect(lb.total).to.equal(8);
    expect(c.byRoute).to.deep.equal(lb.byRoute);
    expect(c.total).to.equal(lb.total);
  });

  it("up after editing 10% of the labels: one PUT per edited label, nothing else", async () => {
    spec = editedSpec;
    const r = await t.up({ parallel: PARALLEL });
    expect(r.summary.resourceChanges?.update).to.equal(edited.length);
    const c = counted(emu);
    expect(c.byRoute).to.deep.equal(lowerBound("upEdit", spec, edited.length).byRoute);
    expect(c.served429).to.equal(0);
    const texts = (emu.state() as { definitions: { label: string }[] }).definitions.map((d) => d.label);
    for (const e of edited) {
      expect(texts).to.include(e.label);
      if (e.inverseLabel !== undefined) expect(texts).to.include(e.inverseLabel);
    }
  });

  it("destroy: the lower bound exactly (one probe of whether a DELETE removes both halves, then one DELETE per label; one purge per pair), zero 429s", async () => {
    await t.destroy({ parallel: PARALLEL });
    const c = counted(emu);
    const lb = lowerBound("destroy", spec);
    expect(c.byRoute).to.deep.equal(lb.byRoute);
    expect(c.served429).to.equal(0);
    const state = emu.state() as { definitions: unknown[]; limits: unknown[] };
    expect(state.definitions).to.have.length(0);
    expect(state.limits).to.have.length(0);
  });
});

describe("scale: refresh reads the reverse pair of paired labels once, even when that pair is not managed", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let t: TestStack;
  // 12 labels on contacts->companies and contacts->deals only; the paired ones keep their inverse text under
  // companies->contacts and deals->contacts, which refresh must read too (D' in the lower bound).
  const spec = makePortal({ n: 12, directedPairs: 2, oneDirection: true });

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: BUDGET, rateWindowMs: WINDOW_MS });
    t = await createTestStack({
      program: portalProgram(() => spec),
      projectName: "hubspot-scale-oneway",
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  it("up, then refresh costs |D'| labels GETs + |P| configurations GETs", async () => {
    await t.up({ parallel: PARALLEL });
    expect(counted(emu).total).to.equal(lowerBound("up", spec).total);
    await sleep(WINDOW_MS + 100);
    emu.clearRequests();
    await t.refresh({ expectNoChanges: true, parallel: PARALLEL });
    const lb = lowerBound("refresh", spec);
    expect(lb.byRoute[`GET ${ROUTES.labels}`]).to.equal(4);
    expect(counted(emu).byRoute).to.deep.equal(lb.byRoute);
  });
});
