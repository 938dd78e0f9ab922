// `hubspot-associations validate --portal`: custom object references checked against a live portal (the emulator),
// each unknown one at its FILE:LINE:COL with the objects that exist, one schemas read for every file; without
// --portal, no request at all.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { runValidateCommand } from "../../cli/commands/validate";
import { captureIo } from "./helpers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const SCHEMAS = "GET /crm/v3/schemas";

describe("validate --portal", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;

  before(async () => {
    emu = await startEmulator({
      port: 0,
      portalId: 111,
      rateLimitPer10s: 0,
      customObjects: [
        { objectTypeId: "2-1001", name: "cars" },
        { objectTypeId: "2-1002", name: "boats" },
      ],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-portal-"));
  });
  after(async () => {
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emu.clearRequests();
    emu.clearFaults();
  });

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    HUBSPOT_ACCESS_TOKEN: emu.token,
    HUBSPOT_BASE_URL: emu.url,
    ...extra,
  });
  const write = (name: string, ...pairs: string[]): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `version: 1\nassociations:\n${pairs.join("")}`);
    return file;
  };
  const pair = (from: string, to: string, more = ""): string => `  - from: ${from}\n    to: ${to}\n${more}`;
  const label = (name: string): string => `    labels:\n      - name: ${name}\n        label: ${name}\n`;

  it("offline without --portal: a custom name passes and no request is made, token or not", async () => {
    const file = write("offline.yaml", pair("contacts", "trucks"));
    const io = captureIo(env());
    expect(await runValidateCommand([file], io)).to.equal(0);
    expect(io.stdout.join("")).to.equal(`${file}: ok (1 pair, 0 labels, 0 limits)\n`);
    expect(emu.requests().total).to.equal(0);
  });

  it("every file's custom objects resolved with one schemas read, shown on the ok line", async () => {
    const a = write("a.yaml", pair("contacts", "cars", label("driver")), pair("P_Boats", "contacts"));
    const b = write("b.yaml", pair("2-1001", "companies"), pair("p111_cars", "deals"));
    const io = captureIo(env());
    expect(await runValidateCommand(["--portal", a, b], io), io.stderr.join("")).to.equal(0);
    expect(io.stdout.join("")).to.equal(
      `${a}: ok (2 pairs, 1 label, 0 limits; in this portal cars = 2-1001, P_Boats = 2-1002)\n` +
        `${b}: ok (2 pairs, 0 labels, 0 limits; in this portal 2-1001 = 2-1001, p111_cars = 2-1001)\n`,
    );
    expect(emu.requests().counts).to.deep.equal({ [SCHEMAS]: 1 });
  });

  it("an unknown name, a foreign fully qualified name or id: FILE:LINE:COL with the objects that exist, exit 1", async () => {
    const file = write(
      "unknown.yaml",
      pair("contacts", "trucks"),
      pair("p222_cars", "contacts"),
      pair("contacts", "2-2002"),
      pair("deals", "cars"),
    );
    const good = write("good.yaml", pair("cars", "contacts"));
    const io = captureIo(env());
    expect(await runValidateCommand(["--portal", file, good], io)).to.equal(1);
    expect(io.stderr.join("").trimEnd().split("\n")).to.deep.equal([
      `${file}:4:9: associations[0].to: no custom object named "trucks" in this portal; its custom objects are: cars (2-1001), boats (2-1002)`,
      `${file}:5:11: associations[1].from: "p222_cars" is a fully qualified name from another portal: here the object is p111_cars (2-1001). Name it "cars" to use one file for every portal`,
      `${file}:8:9: associations[2].to: no custom object with id 2-2002 in this portal (a custom object's id differs between portals: name it by its name); its custom objects are: cars (2-1001), boats (2-1002)`,
    ]);
    expect(io.stdout.join("")).to.equal(`${good}: ok (1 pair, 0 labels, 0 limits; in this portal cars = 2-1001)\n`);
    expect(emu.requests().counts).to.deep.equal({ [SCHEMAS]: 1 });
  });

  it("a custom object's name and its id in one document are one object: the offline rules run again on what they resolve to", async () => {
    const file = write(
      "twice.yaml",
      pair("contacts", "cars", label("driver")),
      pair("cars", "contacts"),
      pair("2-1001", "contacts", label("Driver")),
    );
    const io = captureIo(env());
    expect(await runValidateCommand(["--portal", file], io)).to.equal(1);
    const lines = io.stderr.join("").trimEnd().split("\n");
    expect(lines).to.deep.equal([
      `${file}:10:11: associations[2].from: p_cars → Contacts is already declared at associations[1]; put its labels and limits in one entry (in this portal 2-1001 is cars)`,
      `${file}:13:15: associations[2].labels[0].name: duplicate label name "Driver" (also at associations[0].labels[0].name as "driver"; HubSpot compares names case-insensitively): HubSpot requires names to be unique on p_cars → Contacts and its reverse (in this portal 2-1001 is cars)`,
    ]);
  });

  it("no custom object in any file: --portal makes no request", async () => {
    const file = write("standard.yaml", pair("contacts", "companies"));
    const io = captureIo(env());
    expect(await runValidateCommand(["--portal", file], io)).to.equal(0);
    expect(emu.requests().total).to.equal(0);
  });

  it("the portal cannot be read: exit 1 with the reason, offline problems still reported, no ok for what was not checked", async () => {
    const bad = write("bad.yaml", pair("contacts", "companies", "    maxToObjectIds: 0\n"));
    const custom = write("custom.yaml", pair("contacts", "cars"));
    const standard = write("std.yaml", pair("contacts", "deals"));
    emu.injectFault({ method: "GET", route: "/crm/v3/schemas", status: 503, count: 10 });
    const io = captureIo(env());
    expect(await runValidateCommand(["--portal", bad, custom, standard], io)).to.equal(1);
    const err = io.stderr.join("");
    expect(err).to.contain(`${bad}:5:21: associations[0].maxToObjectIds: must be between 1 and 10000, got 0`);
    expect(err).to.match(/cannot check custom objects against the portal: .*503/);
    expect(io.stdout.join("")).to.equal(`${standard}: ok (1 pair, 0 labels, 0 limits)\n`);
    expect(emu.requests().counts[SCHEMAS]).to.equal(5);

    const noToken = captureIo({ HUBSPOT_BASE_URL: emu.url });
    expect(await runValidateCommand(["--portal", custom], noToken)).to.equal(1);
    expect(noToken.stderr.join("")).to.contain(
      "HUBSPOT_ACCESS_TOKEN is not set; validate --portal reads the portal with a private-app or OAuth token",
    );

    const guard = captureIo(env({ HUBSPOT_PORTAL_ID: "222" }));
    expect(await runValidateCommand(["--portal", custom], guard)).to.equal(1);
    expect(guard.stderr.join("")).to.contain("the access token belongs to portal 111");
  });

  it("the flags: --token-env and --base-url as explicit settings; without --portal they are a usage error", async () => {
    const file = write("flags.yaml", pair("contacts", "cars"));
    const io = captureIo({ MY_TOKEN: emu.token, HUBSPOT_BASE_URL: "http://127.0.0.1:9" });
    expect(
      await runValidateCommand(["--portal", "--token-env", "MY_TOKEN", "--base-url", emu.url, file], io),
      io.stderr.join(""),
    ).to.equal(0);
    for (const argv of [
      ["--base-url", emu.url, file],
      ["--token-env", "MY_TOKEN", file],
      ["--portal=yes", file],
    ]) {
      const usage = captureIo(env());
      expect(await runValidateCommand(argv, usage), argv.join(" ")).to.equal(2);
      expect(usage.stderr.join("")).to.contain("Usage: hubspot-associations validate");
    }
  });
});
