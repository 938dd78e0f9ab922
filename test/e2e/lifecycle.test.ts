// The resources under the real Pulumi engine: preview, up, refresh and destroy as a user runs them,
// against the emulator, on the quickstart example program (examples/quickstart/program.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { AssociationLabel } from "../../sdk";
import { quickstart, QuickstartOptions } from "../../examples/quickstart/program";
import { defined, firstOf } from "../helpers/items";
import { createTestStack, emulatorConfig, repoRoot, TestStack } from "./harness";
import { clearLog, count, hubspot, limits, mutating, requestLog, userLabels } from "./emulator-ops";

/** The value of a stack output the program returns, asserted to be in the result. */
function outputOf(result: { outputs: Record<string, { value: unknown }> }, name: string): unknown {
  return defined(result.outputs[name], `stack output ${name}`).value;
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function deployment(t: TestStack): Promise<unknown> {
  return (JSON.parse(await t.exportState()) as { deployment: unknown }).deployment;
}

function limitOf(rows: { typeId: number; userEnforcedMaxToObjectIds?: number }[], typeId: number): number | undefined {
  return rows.find((r) => r.typeId === typeId)?.userEnforcedMaxToObjectIds;
}

describe("e2e: lifecycle with the real Pulumi CLI", function () {
  this.timeout(600_000);
  let emu: Emulator;
  let t: TestStack;
  let options: QuickstartOptions = {};
  let outputs: Record<string, unknown> = {};

  before(async () => {
    emu = await startEmulator({ port: 0 });
    t = await createTestStack({
      program: async () => quickstart(options),
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  async function up(): Promise<void> {
    const r = await t.up();
    outputs = Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value]));
  }

  it("1. up creates single and paired labels and limits; HubSpot holds exactly them", async () => {
    const r = await t.up();
    outputs = Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value]));
    const state = (await deployment(t)) as { resources: { type: string }[] };
    const types = state.resources
      .map((x) => x.type)
      .filter((x) => x.startsWith("pulumi-nodejs:dynamic/hubspot:"))
      .sort();
    expect(types).to.deep.equal([
      "pulumi-nodejs:dynamic/hubspot:AssociationLabel",
      "pulumi-nodejs:dynamic/hubspot:AssociationLabel",
      "pulumi-nodejs:dynamic/hubspot:AssociationLimits",
      "pulumi-nodejs:dynamic/hubspot:AssociationLimits",
    ]);
    const manager = outputs.managerTypeId as number;
    const employee = outputs.employeeTypeId as number;
    const referrer = outputs.referrerTypeId as number;
    expect(manager).to.be.a("number");
    expect(employee).to.be.a("number");
    expect(referrer).to.be.a("number");

    expect((await userLabels(emu, "contacts", "companies")).map((l) => [l.typeId, l.label])).to.deep.equal([
      [manager, "Manager"],
    ]);
    expect((await userLabels(emu, "companies", "contacts")).map((l) => [l.typeId, l.label])).to.deep.equal([
      [employee, "Employee"],
    ]);
    expect((await userLabels(emu, "contacts", "deals")).map((l) => [l.typeId, l.label])).to.deep.equal([
      [referrer, "Referrer"],
    ]);

    const c2c = await limits(emu, "contacts", "companies");
    const expected: Array<[number, number]> = [
      [manager, 1],
      [279, 10],
    ];
    expect(c2c.map((r) => [r.typeId, r.userEnforcedMaxToObjectIds])).to.deep.equal(
      expected.sort((a, b) => a[0] - b[0]),
    );
    const back = await limits(emu, "companies", "contacts");
    expect(back.map((r) => [r.typeId, r.userEnforcedMaxToObjectIds])).to.deep.equal([[employee, 5]]);
  });

  it("2. a second preview has no changes and makes zero requests to HubSpot", async () => {
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total).to.equal(0);
  });

  it("3a. editing a label's text updates it in place (same typeId)", async () => {
    const before = outputs.managerTypeId;
    options = { ...options, managerLabel: "Line manager", employeeLabel: "Report" };
    await clearLog(emu);
    const r = await t.up();
    expect(r.summary.resourceChanges?.update).to.equal(1);
    expect(outputOf(r, "managerTypeId")).to.equal(before);
    expect(count(await requestLog(emu), "POST", "/labels")).to.equal(0);
    const live = await userLabels(emu, "contacts", "companies");
    expect(live.map((l) => l.label)).to.deep.equal(["Line manager"]);
    expect((await userLabels(emu, "companies", "contacts")).map((l) => l.label)).to.deep.equal(["Report"]);
    outputs.managerTypeId = outputOf(r, "managerTypeId");
  });

  it("3b. changing name replaces the label (new typeId, old one deleted)", async () => {
    const old = outputs.managerTypeId as number;
    options = { ...options, managerName: "line_manager" };
    const r = await t.up();
    expect(r.summary.resourceChanges?.replace).to.equal(1);
    const now = outputOf(r, "managerTypeId") as number;
    expect(now).to.not.equal(old);
    const live = await userLabels(emu, "contacts", "companies");
    expect(live.map((l) => l.typeId)).to.deep.equal([now]);
    // the limits follow the new type id
    expect(limitOf(await limits(emu, "contacts", "companies"), now)).to.equal(1);
    expect(limitOf(await limits(emu, "contacts", "companies"), old)).to.equal(undefined);
    outputs.managerTypeId = now;
    outputs.employeeTypeId = outputOf(r, "employeeTypeId");
  });

  it("3c. changing pairing (paired -> single) replaces the label", async () => {
    const old = outputs.managerTypeId as number;
    options = { ...options, managerSingle: true };
    const r = await t.up();
    expect(r.summary.resourceChanges?.replace).to.equal(1);
    const now = outputOf(r, "managerTypeId") as number;
    expect(now).to.not.equal(old);
    expect((await userLabels(emu, "contacts", "companies")).map((l) => l.typeId)).to.deep.equal([now]);
    // back to paired for the rest of the suite
    options = { ...options, managerSingle: false };
    await up();
    expect((await userLabels(emu, "companies", "contacts")).map((l) => l.label)).to.deep.equal(["Report"]);
  });

  it("4. limits raised and lowered in one up, label and unlabeled together", async () => {
    // the unlabeled limit falls 10 -> 3 while the label limit rises 1 -> 2 (and the inverse falls 5 -> 4)
    options = { ...options, unlabeledMax: 3, managerMax: 2, employeeMax: 4 };
    await up();
    let live = await limits(emu, "contacts", "companies");
    expect(limitOf(live, 279)).to.equal(3);
    expect(limitOf(live, outputs.managerTypeId as number)).to.equal(2);
    expect(limitOf(await limits(emu, "companies", "contacts"), outputs.employeeTypeId as number)).to.equal(4);
    // both rise, the label above the old unlabeled limit: the unlabeled limit must rise first
    options = { ...options, unlabeledMax: 20, managerMax: 15 };
    await up();
    live = await limits(emu, "contacts", "companies");
    expect(limitOf(live, 279)).to.equal(20);
    expect(limitOf(live, outputs.managerTypeId as number)).to.equal(15);
    // both fall, the unlabeled below the old label limit: the label must fall first
    options = { ...options, unlabeledMax: 4, managerMax: 2 };
    await up();
    live = await limits(emu, "contacts", "companies");
    expect(limitOf(live, 279)).to.equal(4);
    expect(limitOf(live, outputs.managerTypeId as number)).to.equal(2);
    await t.preview({ expectNoChanges: true });
  });

  it("5. a label edited outside Pulumi: refresh records it, preview shows it, up restores it", async () => {
    const typeId = outputs.managerTypeId as number;
    const put = await hubspot(emu, "PUT", "/crm/v4/associations/contacts/companies/labels", {
      associationTypeId: typeId,
      label: "Edited in the UI",
      inverseLabel: "Report",
    });
    expect(put.status).to.equal(204);
    const refreshed = await t.refresh();
    // assert on what the user sees: for refresh, the summary's resourceChanges counted 3 updates where the display (and the state) show one
    expect(refreshed.stdout).to.match(/AssociationLabel manager updated .*\[diff: ~label\]/);
    expect(refreshed.stdout).to.match(/~ 1 updated/);
    const state = (await deployment(t)) as {
      resources: { type: string; outputs?: { label?: string; typeId?: number } }[];
    };
    const stored = state.resources.find(
      (r) => r.type === "pulumi-nodejs:dynamic/hubspot:AssociationLabel" && r.outputs?.typeId === typeId,
    );
    expect(stored?.outputs?.label).to.equal("Edited in the UI");
    const preview = await t.preview({ diff: true });
    expect(preview.changeSummary.update).to.equal(1);
    expect(preview.stdout).to.include("Edited in the UI");
    expect(preview.stdout).to.include("Line manager");
    await t.up();
    expect((await userLabels(emu, "contacts", "companies")).map((l) => l.label)).to.deep.equal(["Line manager"]);
    await t.preview({ expectNoChanges: true });
  });

  it("6. a label deleted outside Pulumi: refresh drops it, up re-creates it", async () => {
    const typeId = outputs.referrerTypeId as number;
    const del = await hubspot(emu, "DELETE", `/crm/v4/associations/contacts/deals/labels/${typeId}`);
    expect(del.status).to.equal(204);
    const refreshed = await t.refresh();
    expect(refreshed.summary.resourceChanges?.delete).to.equal(1);
    const r = await t.up();
    expect(r.summary.resourceChanges?.create).to.equal(1);
    const live = await userLabels(emu, "contacts", "deals");
    expect(live.map((l) => l.label)).to.deep.equal(["Referrer"]);
    expect(live[0]?.typeId).to.equal(outputOf(r, "referrerTypeId"));
    await t.preview({ expectNoChanges: true });
  });

  it("8. an implementation change (an upgrade) keeps preview --expect-no-changes green", async () => {
    const before = (await deployment(t)) as { resources: { inputs?: { __provider?: string } }[] };
    const providers = before.resources.map((r) => r.inputs?.__provider).filter(Boolean);
    expect(providers.length).to.be.greaterThan(0);
    // Simulate an upgrade of the installed package: the implementation module changes on disk.
    const impl = path.join(repoRoot, "dist", "provider", "index.js");
    const original = fs.readFileSync(impl, "utf8");
    try {
      fs.writeFileSync(impl, original + "\n// upgraded implementation\nexports.__upgradeMarker = Date.now();\n");
      await t.preview({ expectNoChanges: true });
      await t.refresh({ expectNoChanges: true });
    } finally {
      fs.writeFileSync(impl, original);
    }
    const after = (await deployment(t)) as { resources: { inputs?: { __provider?: string } }[] };
    expect(after.resources.map((r) => r.inputs?.__provider).filter(Boolean)).to.deep.equal(providers);
  });

  it("11. destroy removes everything it created and nothing else", async () => {
    // an unmanaged label on a managed pair must survive
    const created = await hubspot<{ results: { typeId: number }[] }>(
      emu,
      "POST",
      "/crm/v4/associations/contacts/companies/labels",
      {
        name: "unmanaged_friend",
        label: "Friend",
      },
    );
    expect(created.status).to.equal(200);
    const unmanaged = firstOf(created.body.results).typeId;
    await t.destroy();
    expect((await userLabels(emu, "contacts", "companies")).map((l) => l.label)).to.deep.equal(["Friend"]);
    expect(await userLabels(emu, "contacts", "deals")).to.deep.equal([]);
    expect(await limits(emu, "contacts", "companies")).to.deep.equal([]);
    expect(await limits(emu, "companies", "contacts")).to.deep.equal([]);
    // HubSpot-defined types are untouched
    const all = await hubspot<{ results: { typeId: number; category: string }[] }>(
      emu,
      "GET",
      "/crm/v4/associations/contacts/companies/labels",
    );
    expect(all.body.results.filter((l) => l.category === "HUBSPOT_DEFINED").map((l) => l.typeId)).to.include.members([
      1, 279,
    ]);
    const log = await requestLog(emu);
    expect(mutating(log).some((e) => e.method === "DELETE" && e.path.endsWith(`/${unmanaged}`))).to.equal(false);
  });
});

describe("e2e: adoption of labels created outside Pulumi", function () {
  this.timeout(300_000);
  let emu: Emulator;
  let t: TestStack | undefined;

  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  it("7. adoptTypeId takes existing labels over with zero POSTs, then the preview has no changes", async () => {
    const paired = await hubspot<{ results: { typeId: number; label: string }[] }>(
      emu,
      "POST",
      "/crm/v4/associations/contacts/companies/labels",
      {
        name: "billing_contact",
        label: "Billing contact",
        inverseLabel: "Billed company",
      },
    );
    const single = await hubspot<{ results: { typeId: number; label: string }[] }>(
      emu,
      "POST",
      "/crm/v4/associations/deals/tickets/labels",
      {
        name: "escalation",
        label: "Escalation",
      },
    );
    const billing = firstOf(await userLabels(emu, "contacts", "companies")).typeId;
    const escalation = firstOf(await userLabels(emu, "deals", "tickets")).typeId;
    expect(paired.status).to.equal(200);
    expect(single.status).to.equal(200);
    await clearLog(emu);
    t = await createTestStack({
      projectName: "hubspot-adopt",
      program: async () => {
        const a = new AssociationLabel("billing", {
          fromObjectType: "contacts",
          toObjectType: "companies",
          name: "billing_contact",
          label: "Billing contact",
          inverseLabel: "Billed company",
          adoptTypeId: billing,
        });
        const b = new AssociationLabel("escalation", {
          fromObjectType: "deals",
          toObjectType: "tickets",
          name: "escalation",
          label: "Escalation",
          adoptTypeId: escalation,
        });
        return { billing: a.typeId, billingInverse: a.inverseTypeId, escalation: b.typeId };
      },
      config: { "hubspot:baseUrl": { value: emu.url } },
      env: { HUBSPOT_ACCESS_TOKEN: emu.token },
    });
    const r = await t.up();
    expect(outputOf(r, "billing")).to.equal(billing);
    expect(outputOf(r, "escalation")).to.equal(escalation);
    const log = await requestLog(emu);
    expect(mutating(log).filter((e) => e.method === "POST")).to.deep.equal([]);
    expect(mutating(log)).to.deep.equal([]); // texts already match: nothing to converge
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total).to.equal(0);
  });
});
