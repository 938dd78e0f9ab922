// `hubspot-associations export` and custom objects: `--object-types` takes a custom object's name or id, the document
// names it by its name (so one file serves every portal), the schemas are read once and only when needed, and the
// settings resolve as the provider resolves them.
import { expect } from "chai";
import { startEmulator } from "../../emulator";
import { runExportCommand } from "../../cli/commands/export";
import { documentName } from "../../cli/commands/custom-objects";
import { AssociationSchemaDocument, formatProblem, loadDocumentText } from "../../sdk/document";
import { captureIo, PortalSeeder } from "./helpers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const SCHEMAS = "GET /crm/v3/schemas";

describe("export: the document's name of a custom object (pure)", () => {
  const schema = (name: string) => ({ objectTypeId: "2-9", name });
  const cases: [string, string][] = [
    ["cars", "cars"],
    ["Cars", "Cars"],
    // A plain name would be the standard object, a likely typo of one, or read as a p_ / fully qualified name.
    ["deal", "p_deal"],
    ["contacts", "p_contacts"],
    ["companeis", "p_companeis"],
    ["p_x", "p_p_x"],
    ["p123_x", "p_p123_x"],
  ];
  for (const [name, written] of cases)
    it(`${name} -> ${written}`, () => expect(documentName(schema(name))).to.equal(written));
  it("a name no reference can spell is written by id", () => expect(documentName(schema("my-object"))).to.equal("2-9"));
});

describe("export: custom objects by name", function () {
  this.timeout(60_000);
  let sandbox: Emulator;
  let production: Emulator;

  const seed = async (emu: Emulator, carsId: string): Promise<void> => {
    const s = new PortalSeeder(emu.url, emu.token);
    const owner = await s.label("contacts", carsId, "owner", "Owner", "Owned by");
    await s.label("contacts", "p_deal", "buyer", "Buyer");
    await s.limits("contacts", carsId, [{ typeId: owner.typeId, maxToObjectIds: 2 }]);
  };

  before(async () => {
    sandbox = await startEmulator({
      port: 0,
      portalId: 111,
      rateLimitPer10s: 0,
      customObjects: [{ objectTypeId: "2-1001", name: "cars" }, { name: "deal" }],
    });
    production = await startEmulator({
      port: 0,
      portalId: 222,
      rateLimitPer10s: 0,
      customObjects: [{ objectTypeId: "2-2002", name: "cars" }, { name: "deal" }],
    });
    await seed(sandbox, "2-1001");
    await seed(production, "2-2002");
  });
  after(async () => {
    await sandbox?.close();
    await production?.close();
  });

  const env = (emu: Emulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    HUBSPOT_ACCESS_TOKEN: emu.token,
    HUBSPOT_BASE_URL: emu.url,
    ...extra,
  });

  async function exportOf(
    emu: Emulator,
    objectTypes: string,
    extra: NodeJS.ProcessEnv = {},
  ): Promise<{ text: string; doc: AssociationSchemaDocument }> {
    const io = captureIo(env(emu, extra));
    expect(
      await runExportCommand(["--object-types", objectTypes, "--schema", "./schema.json"], io),
      io.stderr.join(""),
    ).to.equal(0);
    const text = io.stdout.join("");
    const loaded = loadDocumentText(text, "export");
    expect(loaded.problems.map(formatProblem)).to.deep.equal([]);
    return { text, doc: loaded.document as AssociationSchemaDocument };
  }

  it("names a custom object by its name however it was asked for, with one schemas read", async () => {
    const byId = await exportOf(sandbox, "2-1001");
    for (const spelling of ["cars", "p_cars", "P111_Cars"]) {
      sandbox.clearRequests();
      expect((await exportOf(sandbox, spelling)).text, spelling).to.equal(byId.text);
      expect(sandbox.requests().counts[SCHEMAS], spelling).to.equal(1);
    }
    expect(byId.doc.associations).to.deep.include({
      from: "contacts",
      to: "cars",
      labels: [
        {
          name: "owner",
          label: "Owner",
          inverseLabel: "Owned by",
          maxToObjectIds: 2,
          adoptTypeId: byId.doc.associations[0]?.labels?.[0]?.adoptTypeId,
        },
      ],
    });
    expect(byId.text).to.not.match(/2-1001\n|: 2-1001|p111_cars/i);
    expect(byId.text).to.contain(
      "# Custom objects are named by their name, the same in every portal; here cars = 2-1001.",
    );
    expect(byId.text).to.contain("# object types: contacts, companies, deals, tickets, cars.");
  });

  it("the same portal content gives the same document in two portals whose ids differ", async () => {
    const a = await exportOf(sandbox, "cars,p_deal");
    const b = await exportOf(production, "cars,p_deal");
    expect(a.doc).to.deep.equal(b.doc);
    expect(a.text).to.contain("cars = 2-1001");
    expect(b.text).to.contain("cars = 2-2002");
  });

  it("a custom object whose name is a standard one is written p_<name>, which reads back as it", async () => {
    const { doc } = await exportOf(sandbox, "p_deal");
    expect(doc.associations.find((p) => p.to === "p_deal")?.labels?.map((l) => l.label)).to.deep.equal(["Buyer"]);
    expect(doc.associations.some((p) => p.to === "deals" && p.labels?.some((l) => l.label === "Buyer"))).to.equal(
      false,
    );
  });

  it("no schemas read when only standard types are exported", async () => {
    sandbox.clearRequests();
    await exportOf(sandbox, "line_items");
    expect(sandbox.requests().counts[SCHEMAS]).to.equal(undefined);
  });

  it("an unknown custom name or id: exit 1, naming the custom objects that exist, after one schemas read", async () => {
    for (const [given, expected] of [
      ["boats", 'no custom object named "boats" in this portal; its custom objects are: cars (2-1001), deal (2-'],
      ["2-2002", "no custom object with id 2-2002 in this portal"],
      ["p222_cars", '"p222_cars" is a fully qualified name from another portal: here the object is p111_cars (2-1001)'],
    ]) {
      sandbox.clearRequests();
      const io = captureIo(env(sandbox));
      expect(await runExportCommand(["--object-types", `contacts,${given}`], io), given).to.equal(1);
      expect(io.stderr.join("")).to.contain(`hubspot-associations export: --object-types: ${expected}`);
      expect(io.stdout).to.deep.equal([]);
      expect(sandbox.requests().total, given).to.equal(1);
    }
  });

  it("settings resolve as the provider's: --base-url over $HUBSPOT_BASE_URL, no fallback from --token-env, the portal guard", async () => {
    const flagWins = captureIo(env(sandbox, { HUBSPOT_BASE_URL: "http://127.0.0.1:9" }));
    expect(await runExportCommand(["--base-url", sandbox.url], flagWins), flagWins.stderr.join("")).to.equal(0);

    const unset = captureIo(env(sandbox));
    expect(await runExportCommand(["--token-env", "MY_TOKEN"], unset)).to.equal(1);
    expect(unset.stderr.join("")).to.contain("MY_TOKEN is not set");

    sandbox.clearRequests();
    const guard = captureIo(env(sandbox, { HUBSPOT_PORTAL_ID: "222" }));
    expect(await runExportCommand(["--object-types", "cars"], guard)).to.equal(1);
    expect(guard.stderr.join("")).to.contain("Refusing to work on HubSpot portal 111");
    expect(sandbox.requests().entries.map((e) => e.route)).to.deep.equal(["/account-info/v3/details"]);

    const budget = captureIo(env(sandbox, { HUBSPOT_MAX_REQUESTS_PER_10S: "lots" }));
    expect(await runExportCommand([], budget)).to.equal(1);
    expect(budget.stderr.join("")).to.contain('HUBSPOT_MAX_REQUESTS_PER_10S) must be a positive integer, got "lots"');
  });
});
