// Faults injected by the emulator while the REAL Pulumi CLI runs `up` / `refresh` (Automation API, file backend):
// 429 storms, the daily quota, 5xx and dropped connections on every kind of call, answers lost after HubSpot
// applied a create, and changes made outside Pulumi. After each: the stack converges, HubSpot holds exactly the
// declaration, and no label exists twice.
import { expect } from "chai";
import { startEmulator } from "../../emulator";
import { createTestStack, emulatorConfig, TestStack } from "../e2e/harness";
import { firstOf, itemAt } from "../helpers/items";
import {
  mutatingRequests,
  adoptWhatTheErrorsName,
  armedFaults,
  clearFaults,
  clearLog,
  compareWithModel,
  control,
  countDuplicates,
  emulatorState,
  expectConverged,
  hubspot,
  injectFault,
  objectTypeId,
  outputValues,
  requestLog,
  ROUTES,
  waitFor,
} from "./helpers";
import { failureText } from "../helpers/async";
import { initialModel, SOAK_PAIRS, SoakModel, soakPair, soakProgram } from "./soak-model";
import { tally } from "./tally";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** The first `n` slots of the 2-pair model (16 per pair at most), keeping the limits that refer to them. */
function modelOf(n: number): SoakModel {
  const m = initialModel(n, 2);
  return m;
}

describe("reliability: faults during a real `pulumi up`", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let t: TestStack;
  let model = modelOf(16);
  let typeIds: Record<string, unknown> = {};

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: 0 });
    t = await createTestStack({
      projectName: "rel-faults",
      program: async () => soakProgram(model),
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  async function up(): Promise<void> {
    const r = await t.up();
    typeIds = outputValues(r.outputs);
  }

  async function converged(when: string): Promise<void> {
    expectConverged(compareWithModel(await emulatorState(emu), model, typeIds), when);
  }

  it("a storm of 429 TEN_SECONDLY_ROLLING in the middle of an up: the up completes, each label is created once", async () => {
    await clearLog(emu);
    // Slow the creates a little so that the storm lands while the up is in flight.
    await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 16, delayMs: 250 });
    const running = t.up();
    await waitFor("4 labels created", async () => {
      const log = await requestLog(emu);
      return log.entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels && e.status === 200).length >= 4
        ? true
        : undefined;
    });
    // Disarm the slowdown (the fault table answers with the first matching fault), then the storm: every request,
    // whatever its route, gets HubSpot's ten-secondly 429 (Retry-After: 10) until `storm` answers were given.
    await clearFaults(emu);
    const storm = 10;
    await injectFault(emu, { method: "*", route: "*", count: storm, status: 429, policy: "TEN_SECONDLY_ROLLING" });
    const r = await running;
    typeIds = outputValues(r.outputs);
    const log = await requestLog(emu);
    const throttled = log.entries.filter((e) => e.status === 429).length;
    expect(throttled, "every 429 of the storm was answered").to.equal(storm);
    const created = log.entries.filter(
      (e) => e.method === "POST" && e.route === ROUTES.labels && e.status === 200,
    ).length;
    expect(created, "one successful POST per label").to.equal(16);
    await converged("after the 429 storm");
    tally.fault("429 TEN_SECONDLY_ROLLING storm", storm);
    await clearFaults(emu);
  });

  it("429 DAILY: the up stops at once saying when the quota resets; what was created is in state; after the reset the next up finishes", async () => {
    model = modelOf(32);
    await clearLog(emu);
    // The day's quota: the next 6 requests pass, then every request gets HubSpot's DAILY 429.
    await control(emu, "POST", "rate-limit", { daily: 6, resetDaily: true });
    const started = Date.now();
    const failure = await failureText(t.up());
    const took = Date.now() - started;
    expect(failure).to.match(/daily API request quota for this portal is spent/);
    expect(failure).to.match(/resets at midnight in the portal's time zone/);
    expect(failure).to.match(/Not retried/);
    const log = await requestLog(emu);
    const daily = log.entries.filter((e) => e.status === 429);
    expect(daily.length, "some requests hit the daily limit").to.be.greaterThan(0);
    // Never retried: at most one 429 per create that was in flight (16 new labels), and no backoff waits.
    expect(daily.length).to.be.at.most(16);
    expect(took, "the up stopped at once").to.be.below(60_000);

    // Everything HubSpot made is recorded in the state, nothing more, nothing twice.
    const state = await emulatorState(emu);
    expect(countDuplicates(state)).to.equal(0);
    const deployment = (
      JSON.parse(await t.exportState()) as {
        deployment: { resources: { type: string; outputs?: { typeId?: number; name?: string } }[] };
      }
    ).deployment;
    const inState = deployment.resources
      .filter((r) => r.type === "pulumi-nodejs:dynamic/hubspot:AssociationLabel")
      .map((r) => r.outputs?.typeId)
      .sort();
    const atHubSpot = state.definitions
      .filter((d) => d.category === "USER_DEFINED" && d.label !== null)
      .filter((d) =>
        SOAK_PAIRS.slice(0, 2).some(
          ([from, to]) => d.fromObjectTypeId === objectTypeId(from) && d.toObjectTypeId === objectTypeId(to),
        ),
      )
      .map((d) => d.typeId)
      .sort();
    expect(inState, "labels at HubSpot == labels in state").to.deep.equal(atHubSpot);
    expect(inState.length).to.be.greaterThan(16).and.below(32);
    const createdBefore = inState.length;

    await control(emu, "POST", "rate-limit", { resetDaily: true, daily: 0 });
    await clearLog(emu);
    await up();
    const posts = (await requestLog(emu)).entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels);
    expect(posts.length, "only the missing labels are created").to.equal(32 - createdBefore);
    await converged("after the daily quota reset");
    tally.fault("429 DAILY (quota spent mid-up)", daily.length);
  });

  it("5xx and dropped connections on GET, PUT, DELETE and the limits batch calls: retried, converged", async () => {
    // Edits that need every kind of call: text changes (PUT), removed labels (DELETE), limits raised, added and
    // removed (batch update/create/purge), and a refresh first (GET labels and configurations).
    const p0 = model.slots.filter((s) => s.pair === 0);
    for (const s of p0.slice(4, 7)) s.label = `${s.label} edited`;
    const removed = new Set([
      itemAt(p0, 7).key,
      itemAt(
        model.slots.filter((s) => s.pair === 1),
        9,
      ).key,
    ]);
    model.slots = model.slots.filter((s) => !removed.has(s.key));
    const limits = firstOf(model.limits, "model.limits");
    limits.unlabeled = 25;
    limits.labels = [
      { slot: itemAt(p0, 0).key, max: 7 }, // changed: batch/update
      { slot: itemAt(p0, 5).key, max: 3 }, // new: batch/create
    ]; // p0[1] and p0[2] dropped: batch/purge
    const faults: [string, Record<string, unknown>][] = [
      ["GET labels 503", { method: "GET", route: ROUTES.labels, status: 503 }],
      ["GET labels drop", { method: "GET", route: ROUTES.labels, drop: true }],
      ["GET configurations 502", { method: "GET", route: ROUTES.limits, status: 502 }],
      ["GET configurations drop", { method: "GET", route: ROUTES.limits, drop: true }],
      ["PUT label 500", { method: "PUT", route: ROUTES.labels, status: 500 }],
      ["PUT label drop", { method: "PUT", route: ROUTES.labels, drop: true }],
      ["PUT label 500 after applying", { method: "PUT", route: ROUTES.labels, status: 500, after: true }],
      ["DELETE label 502", { method: "DELETE", route: ROUTES.label, status: 502 }],
      ["DELETE label drop after applying", { method: "DELETE", route: ROUTES.label, drop: true, after: true }],
      ["batch/update drop", { method: "POST", route: ROUTES.limitsUpdate, drop: true }],
      ["batch/update 503 after applying", { method: "POST", route: ROUTES.limitsUpdate, status: 503, after: true }],
      ["batch/create 500", { method: "POST", route: ROUTES.limitsCreate, status: 500 }],
      ["batch/create drop after applying", { method: "POST", route: ROUTES.limitsCreate, drop: true, after: true }],
      ["batch/purge 504", { method: "POST", route: ROUTES.limitsPurge, status: 504 }],
      ["batch/purge drop after applying", { method: "POST", route: ROUTES.limitsPurge, drop: true, after: true }],
    ];
    await clearLog(emu);
    for (const [, spec] of faults) await injectFault(emu, { count: 1, ...spec });
    const r = await t.up({ refresh: true });
    typeIds = outputValues(r.outputs);
    expect(await armedFaults(emu), "every fault fired").to.deep.equal([]);
    const fired = (await requestLog(emu)).entries.filter((e) => e.fault !== undefined).length;
    expect(fired).to.equal(faults.length);
    await converged("after 5xx and drops on every call");
    await t.preview({ expectNoChanges: true });
    for (const [name] of faults) tally.fault(name, 1);
  });

  it("a 5xx or a dropped connection AFTER HubSpot created a label: no second label, the run records the first", async () => {
    const next = modelOf(32).slots.filter((s) => !model.slots.some((x) => x.key === s.key));
    expect(next.length).to.equal(2); // the two removed above come back
    model.slots.push(...next);
    await clearLog(emu);
    await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, status: 500, after: true });
    await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, drop: true, after: true });
    const r = await t.up();
    typeIds = outputValues(r.outputs);
    const posts = (await requestLog(emu)).entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels);
    expect(posts.map((e) => e.status).sort()).to.deep.equal([0, 500]); // each POSTed once, never re-sent
    expect(r.stdout).to.match(/was created although HubSpot's answer was lost/);
    await converged("after lost create answers");
    tally.fault("POST label 500 after creating", 1);
    tally.fault("POST label dropped after creating", 1);
  });

  it("a lost create answer whose verification also fails: the up fails saying the label may exist; the next up adopts it", async () => {
    const slot = { key: "p0-late", pair: 0, name: "p0_late", label: "P0 late label" };
    model.slots.push(slot);
    await clearLog(emu);
    // The POST is applied after a pause; during the pause every labels GET of the pair is made to fail, so the
    // provider cannot verify what happened.
    await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 1, status: 500, after: true, delayMs: 1500 });
    const running = failureText(t.up());
    await waitFor("the POST to arrive", async () => ((await armedFaults(emu)).length === 0 ? true : undefined));
    await injectFault(emu, { method: "GET", route: ROUTES.labels, count: 5, status: 503 });
    const failure = await running;
    expect(failure).to.not.equal("");
    expect(failure).to.match(/P0 late label/);
    expect(failure).to.match(/may have been created|outcome/i);
    await clearFaults(emu);
    const state = await emulatorState(emu);
    const made = state.definitions.filter((d) => d.name === "p0_late");
    expect(made.length, "HubSpot did create it (both halves of the single label)").to.equal(2);

    // The next up sends the create again; HubSpot refuses the name. Nothing proves the label is this resource's
    // (anyone's label could carry the name), so it stops before any write and names the label to adopt.
    await clearLog(emu);
    const refused = await failureText(t.up());
    expect(refused).to.match(/already has a label named "p0_late"/);
    expect(refused).to.match(/set adoptTypeId to its typeId/);
    const posts = (await requestLog(emu)).entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels);
    expect(
      posts.map((e) => e.status),
      "refused as a duplicate name, not created again",
    ).to.deep.equal([400]);
    expect(
      mutatingRequests(await requestLog(emu)).filter((e) => e.status < 400),
      "no write",
    ).to.deep.equal([]);
    // The user follows the error: adoptTypeId. The next up takes the label over and creates nothing.
    expect(adoptWhatTheErrorsName(refused, model.slots)).to.equal(1);
    await clearLog(emu);
    const r = await t.up();
    typeIds = outputValues(r.outputs);
    expect(
      (await requestLog(emu)).entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels),
    ).to.deep.equal([]);
    expect(r.stdout).to.match(/adopted existing association label "P0 late label"/);
    await converged("after adopting the unverified label");
    tally.fault("POST label 500 after creating + verification GETs 503 x5", 6);
  });

  it("out-of-band edits and deletes: refresh shows them, up repairs them, an unmanaged label survives", async () => {
    const [from, to] = soakPair(0);
    const p0 = model.slots.filter((s) => s.pair === 0 && s.inverseLabel !== undefined);
    const edited = itemAt(p0, 1);
    const deleted = itemAt(p0, 2);
    const editedId = typeIds[edited.key] as number;
    const deletedId = typeIds[deleted.key] as number;
    const put = await hubspot(emu, "PUT", `/crm/v4/associations/${from}/${to}/labels`, {
      associationTypeId: editedId,
      label: "Edited in the HubSpot UI",
      inverseLabel: edited.inverseLabel,
    });
    expect(put.status).to.equal(204);
    expect((await hubspot(emu, "DELETE", `/crm/v4/associations/${from}/${to}/labels/${deletedId}`)).status).to.equal(
      204,
    );
    const unlabeled = 279; // contacts -> companies
    const upd = await hubspot(
      emu,
      "POST",
      `/crm/v4/associations/definitions/configurations/${from}/${to}/batch/update`,
      {
        inputs: [{ category: "HUBSPOT_DEFINED", typeId: unlabeled, maxToObjectIds: 40 }],
      },
    );
    expect(upd.status).to.equal(200);
    const unmanaged = await hubspot(emu, "POST", `/crm/v4/associations/${from}/${to}/labels`, {
      name: "unmanaged_partner",
      label: "Partner (made in the UI)",
    });
    expect(unmanaged.status).to.equal(200);

    const refreshed = await t.refresh();
    expect(refreshed.stdout).to.match(new RegExp(`AssociationLabel ${edited.key} updated.*\\[diff: ~label\\]`));
    expect(refreshed.stdout).to.match(new RegExp(`AssociationLabel ${deleted.key} deleted`));
    expect(refreshed.stdout).to.match(/AssociationLimits limits-p0 updated/);
    const preview = await t.preview({ diff: true });
    expect(preview.changeSummary.create).to.equal(1);
    expect(preview.changeSummary.update).to.be.at.least(2);
    expect(preview.stdout).to.include("Edited in the HubSpot UI");

    await up();
    await converged("after repairing out-of-band changes");
    const partner = (await emulatorState(emu)).definitions.filter((d) => d.name === "unmanaged_partner");
    expect(partner.length, "the unmanaged label is untouched").to.equal(2);
    await t.preview({ expectNoChanges: true });
  });
  it("a label resource renamed in the program: without an alias the up stops before any write; with one the label stays", async () => {
    const limited = new Set(model.limits.flatMap((l) => l.labels.map((x) => x.slot)));
    const slot = model.slots.find((s) => s.pair === 1 && s.inverseLabel !== undefined && !limited.has(s.key));
    if (!slot) throw new Error("no unlimited paired slot");
    const before = typeIds[slot.key];
    const oldKey = slot.key;
    slot.key = `${slot.key}-renamed`;
    await clearLog(emu);
    const refused = await failureText(t.up());
    expect(refused).to.match(new RegExp(`already has a label named "${slot.name}"`));
    expect(refused).to.match(/add the old name to its `aliases`/);
    expect(
      mutatingRequests(await requestLog(emu)).filter((e) => e.status < 400),
      "no write",
    ).to.deep.equal([]);
    // With the alias Pulumi's way of renaming, the resource keeps its label and nothing changes at HubSpot.
    slot.aliases = [oldKey];
    await clearLog(emu);
    const r = await t.up();
    typeIds = outputValues(r.outputs);
    expect(typeIds[slot.key], "the renamed resource holds the same label").to.equal(before);
    expect(mutatingRequests(await requestLog(emu))).to.deep.equal([]);
    await converged("after renaming a resource");
    await t.preview({ expectNoChanges: true });
  });
});
