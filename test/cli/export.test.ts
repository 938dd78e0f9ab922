// `hubspot-associations export` against the emulator: a seeded portal comes back as a document that validates and
// declares exactly the seeded labels (single, paired, same-object, custom object) and limits, deterministically.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { runExportCommand } from "../../cli/commands/export";
import { buildExportDocument, describeSkipped } from "../../cli/commands/export/build-document";
import { nameFromLabelText, NameAllocator } from "../../cli/commands/export/label-names";
import { loadDocumentFile, loadDocumentText, formatProblem } from "../../sdk/document";
import { captureIo, PortalSeeder } from "./helpers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe("export: label names derived from text", () => {
  const cases: [string, string][] = [
    ["Manager", "manager"],
    ["Account Manager (EU)", "account_manager_eu"],
    ["1st contact", "label_1st_contact"],
    ["Décideur", "decideur"],
    ["😀", "label"],
    ["  --Billing--owner ", "billing_owner"],
  ];
  for (const [text, name] of cases)
    it(`${JSON.stringify(text)} -> ${name}`, () => expect(nameFromLabelText(text)).to.equal(name));

  it("de-duplicates within one namespace and stays within 100 characters", () => {
    const names = new NameAllocator();
    expect([names.allocate("Manager"), names.allocate("manager"), names.allocate("MANAGER!")]).to.deep.equal([
      "manager",
      "manager_2",
      "manager_3",
    ]);
    const long = new NameAllocator();
    long.allocate("x".repeat(120));
    expect(long.allocate("x".repeat(120)))
      .to.have.length(100)
      .and.match(/_2$/);
  });
});

describe("export: grouping halves into labels (pure)", () => {
  const pair = (
    fromId: string,
    toId: string,
    labels: [number, string | null, string?][],
    limits: [number, number][] = [],
  ) => ({
    fromId,
    toId,
    labels: labels.map(([typeId, label, category]) => ({
      typeId,
      label,
      category: (category ?? "USER_DEFINED") as "USER_DEFINED",
    })),
    limits: limits.map(([typeId, max]) => ({
      typeId,
      userEnforcedMaxToObjectIds: max,
      category: "USER_DEFINED" as const,
    })),
  });

  it("same text at n / n+1 is one single label; different text is paired; unmatched halves stay single", () => {
    const { document: doc, skipped } = buildExportDocument({
      portalId: 1,
      objectTypeIds: ["0-1", "0-3"],
      pairs: new Map([
        [
          "0-1/0-3",
          pair("0-1", "0-3", [
            [200, "Referrer"],
            [205, "Buyer"],
            [210, "Orphan"],
          ]),
        ],
        [
          "0-3/0-1",
          pair(
            "0-3",
            "0-1",
            [
              [201, "Referrer"],
              [202, "Seller"],
              [206, "Bought by"],
            ],
            [[201, 2]],
          ),
        ],
      ]),
    });
    expect(doc.associations).to.deep.equal([
      {
        from: "contacts",
        to: "deals",
        labels: [
          // The limit on the single label's reverse half (201, deals -> contacts) is on the label.
          { name: "referrer", label: "Referrer", inverseMaxToObjectIds: 2, adoptTypeId: 200 },
          { name: "buyer", label: "Buyer", inverseLabel: "Bought by", adoptTypeId: 205 },
          { name: "orphan", label: "Orphan", adoptTypeId: 210 },
        ],
      },
      { from: "deals", to: "contacts", labels: [{ name: "seller", label: "Seller", adoptTypeId: 202 }] },
    ]);
    expect(skipped).to.deep.equal([]);
  });

  it("a limit the document cannot name is reported, not written; HubSpot-defined types by known text, else by typeId", () => {
    const defined = (typeId: number, label: string | null) => ({ typeId, label, category: "HUBSPOT_DEFINED" as const });
    const { document: doc, skipped } = buildExportDocument({
      portalId: 1,
      objectTypeIds: ["0-1", "0-2"],
      pairs: new Map([
        [
          "0-1/0-2",
          {
            fromId: "0-1",
            toId: "0-2",
            // HubSpot renamed "Primary" once (reference Q5): a text this tool does not know is written as the typeId.
            labels: [
              defined(279, null),
              defined(1, "Contact with Primary Company"),
              defined(931, "Billing contact"),
              defined(999, "Brand new"),
            ],
            limits: [
              { typeId: 1, userEnforcedMaxToObjectIds: 1, category: "HUBSPOT_DEFINED" as const },
              { typeId: 931, userEnforcedMaxToObjectIds: 2, category: "HUBSPOT_DEFINED" as const },
              { typeId: 999, userEnforcedMaxToObjectIds: 3, category: "HUBSPOT_DEFINED" as const },
              { typeId: 279, userEnforcedMaxToObjectIds: 9, category: "HUBSPOT_DEFINED" as const },
            ],
          },
        ],
      ]),
    });
    expect(doc.associations).to.deep.equal([
      {
        from: "contacts",
        to: "companies",
        maxToObjectIds: 9,
        limits: [
          { typeId: 1, maxToObjectIds: 1 },
          { label: "Billing contact", maxToObjectIds: 2 },
        ],
      },
    ]);
    expect(skipped.map(describeSkipped)).to.deep.equal([
      'Contacts → Companies: limit 3 on HUBSPOT_DEFINED type 999 "Brand new" (a HubSpot-defined type this tool\'s table does not know, which `limits:` cannot name)',
    ]);
  });
});

describe("export: from a seeded emulator", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  const ids: Record<string, number> = {};

  before(async () => {
    emu = await startEmulator({
      port: 0,
      rateLimitPer10s: 0,
      customObjects: [{ objectTypeId: "2-123", name: "pets", singular: "pet" }],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const seed = new PortalSeeder(emu.url, emu.token);
    const manager = await seed.label("contacts", "companies", "mgr", "Manager", "Employee");
    ids.manager = manager.typeId;
    ids.employee = manager.otherTypeId as number;
    const referrer = await seed.label("contacts", "deals", "ref", "Referrer");
    ids.referrer = referrer.typeId;
    ids.referrerReverse = referrer.otherTypeId as number;
    ids.dealContact = (await seed.label("deals", "contacts", "dc", "Decision maker")).typeId;
    const partner = await seed.label("companies", "companies", "partner", "Parent org", "Child org");
    ids.parentOrg = partner.typeId;
    ids.childOrg = partner.otherTypeId as number;
    ids.manager2 = (await seed.label("companies", "contacts", "m2", "Manager!")).typeId;
    ids.owner = (await seed.label("contacts", "2-123", "owner", "Owner", "Pet")).typeId;
    await seed.limits("contacts", "companies", [
      { typeId: 279, maxToObjectIds: 10, category: "HUBSPOT_DEFINED" },
      { typeId: ids.manager, maxToObjectIds: 1 },
      { typeId: 1, maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
    ]);
    await seed.limits("companies", "contacts", [
      { typeId: 280, maxToObjectIds: 50, category: "HUBSPOT_DEFINED" },
      { typeId: ids.employee, maxToObjectIds: 5 },
    ]);
    await seed.limits("deals", "contacts", [{ typeId: ids.referrerReverse, maxToObjectIds: 2 }]);
    await seed.limits("companies", "companies", [{ typeId: ids.childOrg, maxToObjectIds: 3 }]);
  });

  after(async () => {
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({
    HUBSPOT_ACCESS_TOKEN: emu.token,
    HUBSPOT_BASE_URL: emu.url,
    SOURCE_DATE_EPOCH: "1790000000",
  });

  it("writes a document that validates and reproduces every label and limit (export -> load round trip)", async () => {
    const out = path.join(dir, "hubspot-associations.yaml");
    const io = captureIo(env());
    const code = await runExportCommand(["--out", out, "--object-types", "2-123"], io);
    expect(code, io.stderr.join("")).to.equal(0);
    const loaded = loadDocumentFile(out);
    expect(loaded.problems.map(formatProblem)).to.deep.equal([]);
    expect(loaded.document?.associations).to.deep.equal([
      {
        from: "contacts",
        to: "companies",
        maxToObjectIds: 10,
        labels: [
          {
            name: "manager",
            label: "Manager",
            inverseLabel: "Employee",
            maxToObjectIds: 1,
            inverseMaxToObjectIds: 5,
            adoptTypeId: ids.manager,
          },
        ],
        limits: [{ label: "Primary", maxToObjectIds: 1 }],
      },
      {
        from: "contacts",
        to: "deals",
        labels: [{ name: "referrer", label: "Referrer", inverseMaxToObjectIds: 2, adoptTypeId: ids.referrer }],
      },
      // The custom object by its name, the same in every portal, though asked for by id.
      {
        from: "contacts",
        to: "pets",
        labels: [{ name: "owner", label: "Owner", inverseLabel: "Pet", adoptTypeId: ids.owner }],
      },
      // "Manager!" shares the contacts/companies namespace with "manager".
      {
        from: "companies",
        to: "contacts",
        maxToObjectIds: 50,
        labels: [{ name: "manager_2", label: "Manager!", adoptTypeId: ids.manager2 }],
      },
      {
        from: "companies",
        to: "companies",
        labels: [
          {
            name: "parent_org",
            label: "Parent org",
            inverseLabel: "Child org",
            inverseMaxToObjectIds: 3,
            adoptTypeId: ids.parentOrg,
          },
        ],
      },
      {
        from: "deals",
        to: "contacts",
        labels: [{ name: "decision_maker", label: "Decision maker", adoptTypeId: ids.dealContact }],
      },
    ]);
    expect(io.stderr.join("")).to.contain(`wrote ${out}: 6 pairs, 6 labels`);
  });

  it("starts with the schema line and says where the data and the names came from", async () => {
    const io = captureIo(env());
    expect(await runExportCommand(["--schema", "./schema.json"], io)).to.equal(0);
    const text = io.stdout.join("");
    const head = text.split("\n").slice(0, 20).join("\n");
    expect(text.startsWith("# yaml-language-server: $schema=./schema.json\n")).to.equal(true);
    expect(head).to.contain(`HubSpot portal ${emu.portalId} on 2026-09-21`);
    expect(head).to.contain("HubSpot never returns a label's internal `name`");
    expect(head).to.contain("n+1");
    expect(loadDocumentText(text, "stdout").problems).to.deep.equal([]);
  });

  it("is deterministic: two exports of the same portal are identical", async () => {
    const a = captureIo(env());
    const b = captureIo(env());
    await runExportCommand(["--object-types", "2-123,contacts"], a);
    await runExportCommand(["--object-types", "2-123"], b);
    expect(a.stdout.join("")).to.not.equal("");
    expect(a.stdout.join("")).to.equal(b.stdout.join(""));
  });

  it("relative $schema path defaults to this package's schema.json, seen from the output file", async () => {
    const out = path.join(dir, "nested", "h.yaml");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const io = captureIo(env());
    expect(await runExportCommand(["--out", out], io)).to.equal(0);
    const [first = ""] = fs.readFileSync(out, "utf8").split("\n");
    const rel = first.replace("# yaml-language-server: $schema=", "");
    expect(fs.existsSync(path.resolve(path.dirname(out), rel)), first).to.equal(true);
  });

  it("without a token: exit 1 and says which variable to set", async () => {
    const io = captureIo({ HUBSPOT_BASE_URL: emu.url });
    expect(await runExportCommand([], io)).to.equal(1);
    expect(io.stderr.join("")).to.contain("HUBSPOT_ACCESS_TOKEN is not set");
  });

  it("--token-env and --base-url are honoured; a rejected token is a user error without the token in the text", async () => {
    const io = captureIo({ MY_TOKEN: "pat-na1-wrong-token-123" });
    expect(await runExportCommand(["--token-env", "MY_TOKEN", "--base-url", emu.url], io)).to.equal(1);
    expect(io.stderr.join("")).to.match(/401|authenticat/i);
    expect(io.stderr.join("")).to.not.contain("pat-na1-wrong-token-123");
  });

  it("usage errors exit 2: an object type that can name nothing, unknown option, stray argument; --help exits 0", async () => {
    for (const argv of [
      ["--object-types", "companeis"],
      ["--object-types", "0-999"],
      ["--colour"],
      ["extra"],
      ["--out"],
    ]) {
      const io = captureIo(env());
      expect(await runExportCommand(argv, io), argv.join(" ")).to.equal(2);
      expect(io.stderr.join("")).to.contain("Usage: hubspot-associations export");
    }
    const help = captureIo();
    expect(await runExportCommand(["--help"], help)).to.equal(0);
    expect(help.stdout.join("")).to.contain("--object-types");
  });
});
