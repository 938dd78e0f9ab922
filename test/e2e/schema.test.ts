// The YAML route end to end, on the example programs: AssociationSchema applies a document, reformatting it
// changes nothing, an edit shows as exactly that change, a bad document fails before any request, an exported
// portal is adopted with zero writes, and one schema is promoted across two portals.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { startEmulator } from "../../emulator";
import { runExportCommand } from "../../cli/commands/export";
import { describePreview } from "../../cli/commands/summarize/describe";
import { renderMarkdown } from "../../cli/commands/summarize/markdown";
import { parsePreviewJson } from "../../cli/commands/summarize/preview-json";
import { previewJson } from "../../examples/support/automation";
import { yamlSchema } from "../../examples/yaml-schema/program";
import { adoptExisting } from "../../examples/adopt-existing/program";
import { promote } from "../../examples/sandbox-to-production/program";
import { AssociationSchemaDocument } from "../../sdk";
import { firstOf } from "../helpers/items";
import { createTestStack, emulatorConfig, repoRoot, TestStack } from "./harness";
import { clearLog, hubspot, limits, mutating, requestLog, userLabels } from "./emulator-ops";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const EXAMPLE = path.join(repoRoot, "examples", "yaml-schema", "hubspot-associations.yaml");

describe("e2e: the YAML document through AssociationSchema", function () {
  this.timeout(600_000);
  let emu: Emulator;
  let t: TestStack;
  let file = EXAMPLE;

  before(async () => {
    emu = await startEmulator({ port: 0 });
    t = await createTestStack({
      projectName: "yaml-schema",
      program: async () => yamlSchema(file),
      config: emulatorConfig(emu),
    });
  });
  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  function writeVariant(
    name: string,
    edit: (doc: AssociationSchemaDocument) => AssociationSchemaDocument | string,
  ): string {
    const doc = parse(fs.readFileSync(EXAMPLE, "utf8")) as AssociationSchemaDocument;
    const out = edit(doc);
    const p = path.join(t.workDir, name);
    fs.writeFileSync(p, typeof out === "string" ? out : stringify(out));
    return p;
  }

  it("up applies the example document: HubSpot holds its labels and limits", async () => {
    await t.up();
    expect((await userLabels(emu, "contacts", "companies")).map((l) => l.label).sort()).to.deep.equal([
      "Billing owner",
      "Manager",
    ]);
    expect((await userLabels(emu, "companies", "contacts")).map((l) => l.label)).to.include.members([
      "Employee",
      "Billing owner",
    ]);
    expect((await userLabels(emu, "contacts", "deals")).map((l) => l.label)).to.deep.equal(["Referrer"]);
    const c2c = await limits(emu, "contacts", "companies");
    expect(c2c.map((r) => r.userEnforcedMaxToObjectIds).sort((a, b) => (a ?? 0) - (b ?? 0))).to.deep.equal([1, 1, 10]);
    expect((await limits(emu, "companies", "contacts")).map((r) => r.userEnforcedMaxToObjectIds).sort()).to.deep.equal([
      5, 50,
    ]);
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total).to.equal(0);
  });

  it("reordering and reformatting the file, and other spellings of object types, change nothing", async () => {
    file = writeVariant("reordered.yaml", (doc) => ({
      version: 1,
      associations: [...doc.associations].reverse().map((p) => ({
        ...p,
        from: p.from === "contacts" ? "contact" : p.from === "companies" ? "0-2" : p.from,
        labels: p.labels ? [...p.labels].reverse() : undefined,
      })),
    }));
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total).to.equal(0);
  });

  it("an edit shows as exactly that change, in the preview and in the reviewer's table", async () => {
    file = writeVariant("edited.yaml", (doc) => {
      const pair = doc.associations.find((p) => p.from === "contacts" && p.to === "companies");
      const manager = pair?.labels?.find((l) => l.name === "manager");
      if (!manager) throw new Error("example changed: no manager label");
      manager.label = "Line manager";
      return doc;
    });
    const preview = await t.preview({ diff: true });
    expect(preview.changeSummary.update).to.equal(1);
    expect(preview.stdout).to.match(/label\s*:\s*"Manager" => "Line manager"/);
    const parsed = parsePreviewJson(await previewJson(t.stack));
    expect(parsed.ok).to.equal(true);
    const table = parsed.ok ? renderMarkdown(describePreview(parsed.preview)) : "";
    expect(table).to.include("`Manager` -> `Line manager`");
    expect(table.split("\n").filter((l) => l.startsWith("| Contacts"))).to.have.length(1);
    await t.up();
    expect((await userLabels(emu, "contacts", "companies")).map((l) => l.label)).to.include("Line manager");
  });

  it("a bad document fails with FILE:LINE:COL before any request", async () => {
    file = writeVariant("bad.yaml", (doc) => stringify(doc).replace("name: referrer", "name: 2referrer"));
    await clearLog(emu);
    let failure = "";
    try {
      await t.preview();
    } catch (e) {
      failure = String(e);
    }
    expect(failure).to.match(/bad\.yaml:\d+:\d+: .*name/);
    expect((await requestLog(emu)).total).to.equal(0);
  });
});

describe("e2e: export round trip (adopt-existing)", function () {
  this.timeout(600_000);
  let emu: Emulator;
  let t: TestStack | undefined;

  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  it("export from a seeded portal, then up adopts everything with zero writes and no changes after", async () => {
    // A portal configured by hand: paired, single and same-object labels, limits of every kind.
    const post = (from: string, to: string, body: object) =>
      hubspot(emu, "POST", `/crm/v4/associations/${from}/${to}/labels`, body);
    expect(
      (
        await post("contacts", "companies", {
          name: "decision_maker",
          label: "Decision maker",
          inverseLabel: "Decided by",
        })
      ).status,
    ).to.equal(200);
    expect((await post("deals", "tickets", { name: "escalation", label: "Escalation" })).status).to.equal(200);
    expect((await post("contacts", "contacts", { name: "colleague", label: "Colleague" })).status).to.equal(200);
    const dm = firstOf(await userLabels(emu, "contacts", "companies")).typeId;
    const cfg = (from: string, to: string, inputs: object[]) =>
      hubspot(emu, "POST", `/crm/v4/associations/definitions/configurations/${from}/${to}/batch/create`, { inputs });
    expect(
      (await cfg("contacts", "companies", [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 20 }])).status,
    ).to.equal(201);
    expect(
      (
        await cfg("contacts", "companies", [
          { category: "USER_DEFINED", typeId: dm, maxToObjectIds: 2 },
          { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 1 },
        ])
      ).status,
    ).to.equal(201);

    const dir = fs.mkdtempSync(path.join(repoRoot, ".state", "export-"));
    const out = path.join(dir, "hubspot-associations.yaml");
    const io = {
      out: () => undefined,
      err: (s: string) => process.stderr.write(s),
      env: { HUBSPOT_ACCESS_TOKEN: emu.token, HUBSPOT_BASE_URL: emu.url },
    };
    expect(await runExportCommand(["--out", out], io)).to.equal(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text).to.include(`adoptTypeId: ${dm}`);

    await clearLog(emu);
    t = await createTestStack({
      projectName: "adopt-existing",
      program: async () => adoptExisting(out),
      config: emulatorConfig(emu),
    });
    await t.up();
    expect(mutating(await requestLog(emu))).to.deep.equal([]);
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    expect((await requestLog(emu)).total).to.equal(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("e2e: sandbox to production (one program, two stacks, two portals)", function () {
  this.timeout(600_000);
  let sandbox: Emulator;
  let production: Emulator;
  const stacks: TestStack[] = [];

  before(async () => {
    sandbox = await startEmulator({ port: 0, portalId: 11111111, firstTypeId: 300 });
    production = await startEmulator({ port: 0, portalId: 22222222, firstTypeId: 700 });
  });
  after(async () => {
    for (const s of stacks) await s.dispose();
    await sandbox?.close();
    await production?.close();
  });

  const stackFor = (name: string, emu: Emulator, portalId: number) =>
    createTestStack({
      projectName: `promote-${name}`,
      program: async () => promote(EXAMPLE),
      config: { ...emulatorConfig(emu), "hubspot:portalId": { value: String(portalId) } },
    });

  it("the same schema lands on both portals, each with its own type ids", async () => {
    const s = await stackFor("sandbox", sandbox, 11111111);
    const p = await stackFor("production", production, 22222222);
    stacks.push(s, p);
    await s.up();
    await p.up();
    const labelsOf = async (emu: Emulator) =>
      (await userLabels(emu, "contacts", "companies")).map((l) => l.label).sort();
    expect(await labelsOf(sandbox)).to.deep.equal(await labelsOf(production));
    const ids = async (emu: Emulator) => (await userLabels(emu, "contacts", "companies")).map((l) => l.typeId);
    expect((await ids(sandbox)).every((id) => id >= 300 && id < 700)).to.equal(true);
    expect((await ids(production)).every((id) => id >= 700)).to.equal(true);
    await s.preview({ expectNoChanges: true });
    await p.preview({ expectNoChanges: true });
  });

  it("a production stack pointed at the sandbox portal refuses before writing", async () => {
    const wrong = await stackFor("misrouted", sandbox, 22222222);
    stacks.push(wrong);
    await clearLog(sandbox);
    let failure = "";
    try {
      await wrong.up();
    } catch (e) {
      failure = String(e);
    }
    expect(failure).to.include("22222222");
    expect(failure).to.include("11111111");
    expect(mutating(await requestLog(sandbox))).to.deep.equal([]);
  });
});
