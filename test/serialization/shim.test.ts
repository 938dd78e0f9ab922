// The `__provider` text exactly as Pulumi produces and loads it: serializeFunction(() => provider) in the program,
// require-from-string(text).handler() in the provider process.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { HubSpotProviderShim } from "../../sdk/provider-shim";
import { Bag, ProviderHarness } from "../provider/harness";
import { defined } from "../helpers/items";

const requireFromString: (code: string) => { handler: () => HubSpotProviderShim } = require("require-from-string");
const SIZE_BUDGET = 4096;
const SECRET = "pat-na1-serialization-secret-0123456789";

async function serialize(kind: "label" | "limits"): Promise<{ text: string; containsSecrets: boolean }> {
  const shim = new HubSpotProviderShim(kind);
  return pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
}

describe("serialization: the __provider shim", function () {
  this.timeout(60_000);
  const h = new ProviderHarness();
  const savedToken = process.env.HUBSPOT_ACCESS_TOKEN;

  before(async () => {
    // The repo resolves its own package name through node_modules/pulumi-hubspot-associations -> ..
    const link = path.join(process.cwd(), "node_modules", "pulumi-hubspot-associations");
    if (!fs.existsSync(link)) fs.symlinkSync("..", link);
    process.env.HUBSPOT_ACCESS_TOKEN = SECRET;
    await h.start();
  });
  after(async () => {
    if (savedToken === undefined) delete process.env.HUBSPOT_ACCESS_TOKEN;
    else process.env.HUBSPOT_ACCESS_TOKEN = savedToken;
    await h.stop();
  });

  for (const kind of ["label", "limits"] as const) {
    it(`${kind}: serializes small, stable, without secrets or implementation code`, async () => {
      const a = await serialize(kind);
      const b = await serialize(kind);
      expect(a.containsSecrets).to.equal(false);
      expect(a.text).to.equal(b.text);
      expect(a.text.length).to.be.lessThan(SIZE_BUDGET);
      for (const secret of [SECRET, h.emu.token, h.emu.url]) expect(a.text).to.not.include(secret);
      // Only the shim: the implementation is required at run time, never captured.
      expect(a.text).to.include('require("pulumi-hubspot-associations/provider")');
      for (const impl of [
        "applyProviderConfig",
        "planLimits",
        "PairCache",
        "HubSpotClient",
        "listLabels",
        "checkLabelInputs",
        "api.hubapi.com",
        "fetch(",
      ]) {
        expect(a.text, impl).to.not.include(impl);
      }
      expect(a.text).to.not.match(/#\w+/); // no ES #private members
    });
  }

  it("the two kinds differ only in the kind string", async () => {
    const l = await serialize("label");
    const m = await serialize("limits");
    expect(l.text.replace('"label"', '"limits"')).to.equal(m.text);
  });

  it("loaded like the provider host loads it, it works against the emulator", async () => {
    const labelProvider = requireFromString((await serialize("label")).text).handler();
    const limitsProvider = requireFromString((await serialize("limits")).text).handler();
    const config: Record<string, string> = { "hubspot:baseUrl": h.emu.url, "hubspot:accessToken": h.emu.token };
    await labelProvider.configure({
      config: { get: (k: string) => config[k], require: (k: string) => defined(config[k], `config ${k}`) },
    });
    await limitsProvider.configure({
      config: { get: (k: string) => config[k], require: (k: string) => defined(config[k], `config ${k}`) },
    });

    const inputs = {
      fromObjectType: "contacts",
      toObjectType: "companies",
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
    };
    expect((await labelProvider.check({}, inputs)).failures).to.deep.equal([]);
    const created = await labelProvider.create(inputs);
    const outs = created.outs as Bag;
    expect(await labelProvider.diff(created.id, outs, inputs)).to.deep.include({ changes: false });
    const read = await labelProvider.read(created.id, outs);
    expect(read.id).to.equal(created.id);
    const updated = await labelProvider.update(created.id, outs, { ...inputs, label: "Boss" });
    expect((updated.outs as Bag).label).to.equal("Boss");

    const lim = await limitsProvider.create({
      fromObjectType: "contacts",
      toObjectType: "companies",
      limits: [{ typeId: outs.typeId, maxToObjectIds: 2 }],
    });
    expect(await h.limits("contacts", "companies")).to.deep.equal([[outs.typeId as number, 2]]);
    await limitsProvider.delete(lim.id, lim.outs as Bag);
    await labelProvider.delete(created.id, updated.outs as Bag);
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([]);
  });
});
