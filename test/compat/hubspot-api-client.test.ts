// Compatibility: the official @hubspot/api-client 13.5.0 must succeed against the emulator for every
// method it offers on the association endpoints. The client throws on any status other than the exact
// success code(s) in its response processors (reference §9.4), so this suite pins the emulator's codes.
import { expect } from "chai";
import { Client } from "@hubspot/api-client";
import { AssociationSpecAssociationCategoryEnum } from "@hubspot/api-client/lib/codegen/crm/associations/v4";
import {
  createConfiguration,
  DefinitionConfigurationsApi,
  PublicAssociationDefinitionConfigurationCreateRequestCategoryEnum as CreateCategory,
  PublicAssociationDefinitionConfigurationUpdateRequestCategoryEnum as UpdateCategory,
  ServerConfiguration,
} from "@hubspot/api-client/lib/codegen/crm/associations/v4/schema";
import { RunningEmulator, startEmulator } from "../../emulator";
import { EmulatorHttp } from "../helpers/emulator-http";
import { firstOf } from "../helpers/items";

const USER = AssociationSpecAssociationCategoryEnum.UserDefined;
const HUBSPOT = AssociationSpecAssociationCategoryEnum.HubspotDefined;

describe("compat: @hubspot/api-client 13.5.0 against the emulator", function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let client: Client;
  let configs: DefinitionConfigurationsApi;
  let http: EmulatorHttp;

  before(async () => {
    emu = await startEmulator({ port: 0 });
    client = new Client({ accessToken: emu.token, basePath: emu.url });
    // The limits API is not wired into client.crm.associations.v4.schema in 13.5.0 (reference §9.1): build it.
    configs = new DefinitionConfigurationsApi(
      createConfiguration({
        baseServer: new ServerConfiguration<Record<string, string>>(emu.url, {}),
        authMethods: { oauth2: { accessToken: emu.token } },
      }),
    );
    http = new EmulatorHttp(emu.url, emu.token);
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it("schema.definitionsApi: create, getAll, update, remove", async () => {
    const defs = client.crm.associations.v4.schema.definitionsApi;
    const created = await defs.create("contacts", "companies", {
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
    expect(created.results).to.have.length(2);
    const fwd = created.results.find((r) => r.label === "Manager")!;
    const all = await defs.getAll("contacts", "companies");
    expect(all.results.map((r) => r.typeId)).to.include.members([279, 1, fwd.typeId]);
    expect(all.results.find((r) => r.typeId === 279)!.label).to.equal(null);
    await defs.update("contacts", "companies", {
      associationTypeId: fwd.typeId,
      label: "Boss",
      inverseLabel: "Report",
    });
    expect((await defs.getAll("contacts", "companies")).results.map((r) => r.label)).to.include("Boss");
    await defs.remove("contacts", "companies", fwd.typeId);
    expect((await defs.getAll("contacts", "companies")).results.map((r) => r.typeId)).to.not.include(fwd.typeId);
  });

  it("DefinitionConfigurationsApi: batchCreate, getAll, getAllBetweenTwoObjectTypes, batchUpdate, batchRemove", async () => {
    const created = await configs.batchCreate("contacts", "companies", {
      inputs: [{ category: CreateCategory.HubspotDefined, typeId: 279, maxToObjectIds: 5 }],
    });
    expect(created.status).to.equal("COMPLETE");
    expect(created.results[0]?.userEnforcedMaxToObjectIds).to.equal(5);
    expect(created.startedAt).to.be.instanceOf(Date);
    const withInfo = await configs.batchCreateWithHttpInfo("contacts", "companies", {
      inputs: [{ category: CreateCategory.HubspotDefined, typeId: 1, maxToObjectIds: 2 }],
    });
    expect(withInfo.httpStatusCode).to.equal(201);
    expect((await configs.getAll()).results).to.have.length(2);
    const pair = await configs.getAllBetweenTwoObjectTypes("contacts", "companies");
    expect(pair.results.map((r) => r.typeId)).to.have.members([279, 1]);
    const updated = await configs.batchUpdate("contacts", "companies", {
      inputs: [{ category: UpdateCategory.HubspotDefined, typeId: 279, maxToObjectIds: 3 }],
    });
    expect(updated.results[0]?.userEnforcedMaxToObjectIds).to.equal(3);
    // 207 with errors is also a success for the client
    const partial = await configs.batchUpdateWithHttpInfo("contacts", "companies", {
      inputs: [{ category: UpdateCategory.HubspotDefined, typeId: 5, maxToObjectIds: 1 }],
    });
    expect(partial.httpStatusCode).to.equal(207);
    expect(partial.data.status).to.equal("CANCELED");
    await configs.batchRemove("contacts", "companies", {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279 },
        { category: "HUBSPOT_DEFINED", typeId: 1 },
      ],
    });
    expect((await configs.getAll()).results).to.deep.equal([]);
  });

  it("basicApi: createDefault, create, getPage, archive", async () => {
    const basic = client.crm.associations.v4.basicApi;
    const c = await http.record("contacts");
    const co = await http.record("companies");
    const def = await basic.createDefault("contacts", c, "companies", co);
    expect(def.results).to.have.length(2);
    expect(def.status).to.equal("COMPLETE");
    const labelled = await basic.create("contacts", c, "companies", co, [
      { associationCategory: HUBSPOT, associationTypeId: 1 },
    ]);
    expect(labelled.labels).to.deep.equal(["Primary"]);
    expect(Number(labelled.toObjectId)).to.equal(Number(co));
    const page = await basic.getPage("contacts", c, "companies", undefined, 500);
    expect(page.results).to.have.length(1);
    expect(firstOf(page.results).associationTypes.map((t) => t.typeId)).to.have.members([1, 279]);
    await basic.archive("contacts", c, "companies", co);
    expect((await basic.getPage("contacts", c, "companies")).results).to.deep.equal([]);
  });

  it("batchApi: createDefault, create, getPage, archiveLabels, archive", async () => {
    const batch = client.crm.associations.v4.batchApi;
    const label = await client.crm.associations.v4.schema.definitionsApi.create("contacts", "deals", {
      name: "champion",
      label: "Champion",
    });
    const champion = firstOf(label.results).typeId;
    const c = await http.record("contacts");
    const d1 = await http.record("deals");
    const d2 = await http.record("deals");
    const dflt = await batch.createDefault("contacts", "deals", { inputs: [{ _from: { id: c }, to: { id: d1 } }] });
    expect(dflt.results.length).to.be.greaterThan(0);
    const created = await batch.create("contacts", "deals", {
      inputs: [
        { _from: { id: c }, to: { id: d2 }, types: [{ associationCategory: USER, associationTypeId: champion }] },
      ],
    });
    expect(created.status).to.equal("COMPLETE");
    expect(created.results[0]?.labels).to.deep.equal(["Champion"]);
    const read = await batch.getPage("contacts", "deals", { inputs: [{ id: c }] });
    expect(firstOf(read.results).to.map((t) => Number(t.toObjectId))).to.have.members([Number(d1), Number(d2)]);
    // 207: an input without associations
    const lonely = await http.record("contacts");
    const partial = await batch.getPage("contacts", "deals", { inputs: [{ id: lonely }] });
    expect(partial.status).to.equal("COMPLETE");
    await batch.archiveLabels("contacts", "deals", {
      inputs: [
        { _from: { id: c }, to: { id: d2 }, types: [{ associationCategory: USER, associationTypeId: champion }] },
      ],
    });
    await batch.archive("contacts", "deals", { inputs: [{ _from: { id: c }, to: [{ id: d1 }, { id: d2 }] }] });
    expect((await client.crm.associations.v4.basicApi.getPage("contacts", c, "deals")).results).to.deep.equal([]);
  });

  it("reportApi.request", async () => {
    const r = await client.crm.associations.v4.reportApi.request(42);
    expect(r.userId).to.equal(42);
    expect(r.userEmail).to.be.a("string");
  });

  it("errors surface as ApiException with HubSpot's body", async () => {
    let code = 0;
    let body: unknown;
    try {
      await client.crm.associations.v4.schema.definitionsApi.remove("contacts", "companies", 1);
    } catch (e) {
      code = (e as { code: number }).code;
      body = (e as { body: unknown }).body;
    }
    expect(code).to.equal(400);
    expect(body).to.have.property("category", "VALIDATION_ERROR");
  });

  it("429 TEN_SECONDLY_ROLLING is retried by numberOfApiCallRetries and then succeeds", async function () {
    this.timeout(25_000);
    // One request per 2 s window on a separate emulator: the second call gets a 429, the client waits
    // 10 s × attempt (it ignores Retry-After) and its single retry lands in a fresh window.
    const limited = await startEmulator({ port: 0, rateLimitPer10s: 1, rateWindowMs: 2_000 });
    const retrying = new Client({ accessToken: limited.token, basePath: limited.url, numberOfApiCallRetries: 2 });
    const quiet = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(" ")); // the client logs each retry
    try {
      await retrying.crm.associations.v4.schema.definitionsApi.getAll("contacts", "companies");
      const t0 = Date.now();
      const r = await retrying.crm.associations.v4.schema.definitionsApi.getAll("contacts", "companies");
      expect(r.results.length).to.be.greaterThan(0);
      expect(Date.now() - t0).to.be.at.least(9_000);
    } finally {
      console.error = quiet;
      await limited.close();
    }
    expect(logged.join("\n")).to.match(/status code \[429\]/);
    expect(limited.requests().entries.map((e) => e.status)).to.deep.equal([200, 429, 200]);
  });
});
