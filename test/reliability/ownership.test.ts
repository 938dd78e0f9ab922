// Nothing taken, nothing lost (issue 14, replayed through the real Pulumi CLI): a create whose answer is lost, a name
// that is taken, two resources with one text, limits set in HubSpot's UI on a pair a program also limits, and a
// portal exported and applied back. Each case ends with nothing taken over, nothing lost, and either success or a
// clear error before any write; the figures (takeovers refused, undeclared limits kept, round trips) are counted.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { runExportCommand } from "../../cli/commands/export";
import { startEmulator } from "../../emulator";
import { AssociationLabel, AssociationSchema } from "../../sdk";
import { createTestStack, emulatorConfig, repoRoot, TestStack } from "../e2e/harness";
import { firstOf } from "../helpers/items";
import { clearLog, emulatorState, hubspot, injectFault, mutatingRequests, requestLog } from "./helpers";
import { failureText } from "../helpers/async";
import { tally } from "./tally";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const LABELS = "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels";

describe("reliability: ownership (labels taken over only with proof, limits nobody declared kept, export round trips)", function () {
  this.timeout(600_000);
  let emu: Emulator;
  let t: TestStack;
  let program: () => unknown = () => undefined;

  const createLabel = async (from: string, to: string, body: object): Promise<number[]> => {
    const r = await hubspot<{ results: { typeId: number }[] }>(
      emu,
      "POST",
      `/crm/v4/associations/${from}/${to}/labels`,
      body,
    );
    expect(r.status).to.equal(200);
    return r.body.results.map((x) => x.typeId);
  };
  const userLabels = async (from: string, to: string): Promise<{ typeId: number; label: string | null }[]> =>
    (await emulatorState(emu)).definitions
      .filter((d) => d.category === "USER_DEFINED" && d.fromObjectTypeId === from && d.toObjectTypeId === to)
      .map((d) => ({ typeId: d.typeId, label: d.label }));
  const limitsOf = async (from: string, to: string): Promise<[number, number][]> =>
    (await emulatorState(emu)).limits
      .filter((l) => l.fromObjectTypeId === from && l.toObjectTypeId === to)
      .map((l): [number, number] => [l.typeId, l.maxToObjectIds])
      .sort((a, b) => a[0] - b[0]);

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: 0 });
    t = await createTestStack({
      projectName: "rel-ownership",
      program: async () => {
        program();
      },
      config: emulatorConfig(emu),
    });
  });
  after(async () => {
    await t?.dispose();
    await emu?.close();
  });
  afterEach(async () => {
    program = () => undefined;
    await t.up(); // the program's resources go; what was there before them stays
    await hubspot(emu, "POST", "/__emulator/reset");
  });

  it("a lost create answer beside a colleague's label with the same text: ours is the new one; destroy leaves theirs", async () => {
    const theirs = await createLabel("contacts", "companies", {
      name: "colleague_manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
    await injectFault(emu, { method: "POST", route: LABELS, count: 1, status: 503, after: true });
    program = () =>
      new AssociationLabel("line-manager", {
        fromObjectType: "contacts",
        toObjectType: "companies",
        name: "line_manager",
        label: "Manager",
        inverseLabel: "Employee",
      });
    await t.up();
    const mine = (await userLabels("0-1", "0-2")).map((l) => l.typeId).filter((id) => !theirs.includes(id));
    expect(mine, "exactly one new label, the resource's").to.have.length(1);
    program = () => undefined;
    await t.up();
    const left = (await userLabels("0-1", "0-2")).map((l) => l.typeId);
    expect(left, "only the colleague's label is left").to.have.length(1);
    expect(theirs, "the colleague's label survives the destroy").to.include(firstOf(left));
    tally.takeoversRefused(1);
  });

  it("a name already taken (someone's label, or an interrupted run's): the up stops before any write, naming it", async () => {
    const [theirs] = await createLabel("contacts", "companies", { name: "manager", label: "Manager" });
    await clearLog(emu);
    program = () =>
      new AssociationLabel("manager", {
        fromObjectType: "contacts",
        toObjectType: "companies",
        name: "manager",
        label: "Manager",
      });
    const failure = await failureText(t.up());
    expect(failure).to.match(
      new RegExp(`already has a label named "manager".*typeId ${theirs} "Manager".*set adoptTypeId`, "s"),
    );
    expect(
      mutatingRequests(await requestLog(emu)).filter((e) => e.status < 400),
      "no write",
    ).to.deep.equal([]);
    expect((await userLabels("0-1", "0-2")).map((l) => l.typeId)).to.include(theirs);
    tally.takeoversRefused(1);
  });

  it("two resources with one text, one answer lost: each holds its own label, and removing one deletes only its own", async () => {
    await injectFault(emu, { method: "POST", route: LABELS, count: 1, status: 503, after: true });
    const both = (): void => {
      new AssociationLabel("a", {
        fromObjectType: "contacts",
        toObjectType: "deals",
        name: "sponsor_a",
        label: "Sponsor",
      });
      new AssociationLabel("b", {
        fromObjectType: "contacts",
        toObjectType: "deals",
        name: "sponsor_b",
        label: "Sponsor",
      });
    };
    program = both;
    const r = await t.up();
    const ids = JSON.parse(await t.exportState()) as {
      deployment: { resources?: { type: string; outputs?: { typeId?: number } }[] };
    };
    const held = (ids.deployment.resources ?? [])
      .filter((x) => x.type.endsWith(":AssociationLabel"))
      .map((x) => x.outputs?.typeId);
    expect(new Set(held).size, "two resources, two typeIds").to.equal(2);
    expect(r.summary.resourceChanges).to.deep.include({ create: 2 });
    program = () =>
      new AssociationLabel("a", {
        fromObjectType: "contacts",
        toObjectType: "deals",
        name: "sponsor_a",
        label: "Sponsor",
      });
    await t.up();
    expect(
      (await userLabels("0-1", "0-3")).filter((l) => l.label === "Sponsor"),
      "b's label deleted, a's kept",
    ).to.have.length(1);
    tally.takeoversRefused(1);
  });

  it("limits set in HubSpot's UI on the reverse pair stay when a paired label's inverse limit is declared", async () => {
    const ui = await hubspot(
      emu,
      "POST",
      "/crm/v4/associations/definitions/configurations/companies/contacts/batch/create",
      {
        inputs: [
          { category: "HUBSPOT_DEFINED", typeId: 280, maxToObjectIds: 50 },
          { category: "HUBSPOT_DEFINED", typeId: 2, maxToObjectIds: 3 },
        ],
      },
    );
    expect(ui.status).to.equal(201);
    const dir = fs.mkdtempSync(path.join(repoRoot, ".state", "rel-ownership-"));
    const file = path.join(dir, "hubspot-associations.yaml");
    fs.writeFileSync(
      file,
      "version: 1\nassociations:\n  - from: contacts\n    to: companies\n    labels:\n      - name: manager\n        label: Manager\n" +
        "        inverseLabel: Employee\n        inverseMaxToObjectIds: 5\n",
    );
    program = () => new AssociationSchema("schema", { file });
    await clearLog(emu);
    const preview = await t.preview({ diff: true });
    expect(preview.stdout, "nothing is to be removed").to.not.match(/purge|- .*maxToObjectIds/);
    await t.up();
    expect(
      (await requestLog(emu)).counts[
        `POST /crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge`
      ] ?? 0,
    ).to.equal(0);
    const limits = await limitsOf("0-2", "0-1");
    expect(
      limits.filter(([typeId]) => typeId === 280 || typeId === 2),
      "the UI's limits",
    ).to.deep.equal([
      [2, 3],
      [280, 50],
    ]);
    expect(limits.map(([, max]) => max)).to.include(5);
    tally.undeclaredLimitsKept(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("export, then AssociationSchema over it: zero writes and no change, with shared texts and limits on either half", async () => {
    // A single "Owner", a paired "Boss"/"Owner", two single "Partner" labels, a paired label whose halves share text,
    // and limits on the single label's reverse half, a paired label's inverse, both unlabeled types and Primary.
    const halves = async (
      from: string,
      to: string,
      fromId: string,
      body: object,
    ): Promise<{ forward: number; back: number }> => {
      const ids = await createLabel(from, to, body);
      const defs = (await emulatorState(emu)).definitions.filter((d) => ids.includes(d.typeId));
      const forward = firstOf(defs.filter((d) => d.fromObjectTypeId === fromId)).typeId;
      return { forward, back: firstOf(defs.filter((d) => d.typeId !== forward)).typeId };
    };
    const owner = await halves("contacts", "companies", "0-1", { name: "owner", label: "Owner" });
    await halves("contacts", "companies", "0-1", { name: "boss", label: "Boss", inverseLabel: "Owner" });
    await createLabel("contacts", "deals", { name: "partner_a", label: "Partner" });
    await createLabel("contacts", "deals", { name: "partner_b", label: "Partner" });
    const peer = await halves("companies", "deals", "0-2", { name: "peer", label: "Peer", inverseLabel: "Peer" });
    const cfg = async (from: string, to: string, inputs: object[]): Promise<void> => {
      const r = await hubspot(
        emu,
        "POST",
        `/crm/v4/associations/definitions/configurations/${from}/${to}/batch/create`,
        { inputs },
      );
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
    };
    await cfg("companies", "contacts", [
      { category: "HUBSPOT_DEFINED", typeId: 280, maxToObjectIds: 30 },
      { category: "USER_DEFINED", typeId: owner.back, maxToObjectIds: 4 },
    ]);
    await cfg("contacts", "companies", [
      { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 20 },
      { category: "USER_DEFINED", typeId: owner.forward, maxToObjectIds: 2 },
      { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 1 },
    ]);
    await cfg("deals", "companies", [{ category: "USER_DEFINED", typeId: peer.back, maxToObjectIds: 6 }]);
    const before = await emulatorState(emu);

    const dir = fs.mkdtempSync(path.join(repoRoot, ".state", "rel-ownership-"));
    const out = path.join(dir, "hubspot-associations.yaml");
    const io = {
      out: () => undefined,
      err: (s: string) => process.stderr.write(s),
      env: { HUBSPOT_ACCESS_TOKEN: emu.token, HUBSPOT_BASE_URL: emu.url },
    };
    expect(await runExportCommand(["--out", out], io)).to.equal(0);

    program = () => new AssociationSchema("portal", { file: out });
    await clearLog(emu);
    await t.up();
    expect(mutatingRequests(await requestLog(emu)), "zero writes").to.deep.equal([]);
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total, "an unchanged preview makes no request").to.equal(0);
    const after = await emulatorState(emu);
    expect(after.definitions).to.deep.equal(before.definitions);
    expect(after.limits).to.deep.equal(before.limits);
    tally.roundTrip();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
