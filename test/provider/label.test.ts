import { expect } from "chai";
import { MISSING_TOKEN_MESSAGE } from "../../provider/config";
import { Bag, label, ProviderHarness, ROUTES } from "./harness";
import { rejection } from "../helpers/async";

const paired = {
  fromObjectType: "contacts",
  toObjectType: "companies",
  name: "manager",
  label: "Manager",
  inverseLabel: "Employee",
};
const single = { fromObjectType: "contact", toObjectType: "deal", name: "referrer", label: "Referrer" };

describe("provider: AssociationLabel against the emulator", function () {
  this.timeout(60_000);
  const h = new ProviderHarness();

  before(async () => h.start());
  after(async () => h.stop());
  beforeEach(async () => {
    await h.reset();
    await h.clearLog();
  });

  it("check and diff make zero requests", async () => {
    await label.check({}, paired);
    await label.diff("0-1/0-2/101", { ...paired, typeId: 101, inverseTypeId: 102 }, { ...paired, label: "Boss" });
    expect((await h.log()).total).to.equal(0);
  });

  it("creates a paired label: both halves at HubSpot, full outputs, id from/to/typeId", async () => {
    const r = await label.create({ ...paired, __provider: "shim" });
    const outs = r.outs as Bag;
    expect(r.id).to.equal(`0-1/0-2/${outs.typeId}`);
    expect(outs).to.deep.include({
      ...paired,
      schemaVersion: 1,
      category: "USER_DEFINED",
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
    });
    expect(outs).to.not.have.property("__provider");
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([{ typeId: outs.typeId, label: "Manager" }]);
    expect(await h.userLabels("companies", "contacts")).to.deep.equal([
      { typeId: outs.inverseTypeId, label: "Employee" },
    ]);
    expect(await h.count("POST", ROUTES.labels)).to.equal(1);
  });

  it("creates a single cross-object label (its reverse half is inverseTypeId) and a same-object paired label", async () => {
    const s = await label.create(single);
    const so = s.outs as Bag;
    expect(s.id).to.equal(`0-1/0-3/${so.typeId}`);
    expect(so.inverseTypeId).to.equal((so.typeId as number) + 1);
    expect(so).to.not.have.property("inverseLabel");
    expect((await h.userLabels("contacts", "deals")).map((l) => l.typeId)).to.include(so.typeId);
    expect(await h.userLabels("deals", "contacts")).to.deep.include({ typeId: so.inverseTypeId, label: "Referrer" });

    const m = await label.create({
      fromObjectType: "contacts",
      toObjectType: "contacts",
      name: "mentor",
      label: "Mentor",
      inverseLabel: "Mentee",
    });
    const mo = m.outs as Bag;
    const same = await h.userLabels("contacts", "contacts");
    expect(same).to.deep.include({ typeId: mo.typeId, label: "Mentor" });
    expect(same).to.deep.include({ typeId: mo.inverseTypeId, label: "Mentee" });

    const twin = await label.create({
      fromObjectType: "companies",
      toObjectType: "companies",
      name: "peer",
      label: "Peer",
      inverseLabel: "Peer",
    });
    const to = twin.outs as Bag;
    expect(to.typeId as number).to.be.lessThan(to.inverseTypeId as number);
  });

  it("a create that finds its name taken (an interrupted run's label, or anyone's) takes nothing over: it names the candidates and adoptTypeId", async () => {
    const first = await label.create(paired);
    h.newProcess();
    await h.clearLog();
    const err = await rejection(label.create(paired));
    expect(err.message).to.match(/already has a label named "manager"/);
    expect(err.message).to.include(`typeId ${(first.outs as Bag).typeId} "Manager"`);
    expect(err.message).to.match(/set adoptTypeId to its typeId/);
    expect(err.message).to.match(/aliases/);
    const posts = (await h.log()).entries.filter((e) => e.method === "POST" && e.route === ROUTES.labels);
    expect(posts.map((e) => e.status)).to.deep.equal([400]); // refused: the name is taken
    expect(await h.writes()).to.equal(1);
    // Following the error's advice converges with no new label.
    h.newProcess();
    const adopted = await label.create({ ...paired, adoptTypeId: (first.outs as Bag).typeId });
    expect(adopted.id).to.equal(first.id);
    expect(await h.userLabels("contacts", "companies")).to.have.length(1);
  });

  it("a renamed label with the same text is a new label, not a take-over of the old one", async () => {
    const first = await label.create(paired);
    const renamed = await label.create({ ...paired, name: "line_manager" });
    expect((renamed.outs as Bag).typeId).to.not.equal((first.outs as Bag).typeId);
    expect(await h.userLabels("contacts", "companies")).to.have.length(2);
  });

  it("a taken name with other text is refused with a clear error, and nothing is adopted", async () => {
    await h.hubspot("POST", "/crm/v4/associations/contacts/companies/labels", {
      name: "manager",
      label: "Someone else's",
    });
    let err = "";
    try {
      await label.create(paired);
    } catch (e) {
      err = String(e);
    }
    expect(err).to.match(/already has a label named "manager"/);
    expect(err).to.match(/adoptTypeId/);
  });

  it("a POST whose answer is lost (applied) is verified by reading: the one new label with our text is ours", async () => {
    await h.fault({ method: "POST", route: ROUTES.labels, count: 1, status: 500, after: true });
    const r = await label.create(paired);
    expect(await h.count("POST", ROUTES.labels)).to.equal(1);
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([
      { typeId: (r.outs as Bag).typeId, label: "Manager" },
    ]);
    expect(await h.userLabels("companies", "contacts")).to.have.length(1);
  });

  it("a lost answer never takes over a colleague's label with the same text: it finds only the label that is new", async () => {
    const colleague = await h.hubspot("POST", "/crm/v4/associations/contacts/companies/labels", {
      name: "colleague_manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
    const theirs = (colleague.body as { results: { typeId: number; label: string }[] }).results.map((x) => x.typeId);
    await h.fault({ method: "POST", route: ROUTES.labels, count: 1, status: 503, after: true });
    const r = await label.create({ ...paired, name: "line_manager" });
    const outs = r.outs as Bag;
    expect(theirs).to.not.include(outs.typeId);
    expect(theirs).to.not.include(outs.inverseTypeId);
    expect(await h.count("POST", ROUTES.labels)).to.equal(2); // the colleague's, then ours (answer lost)
    expect(await h.userLabels("contacts", "companies")).to.have.length(2);
  });

  it("a lost answer that is not applied finds no new label and sends once more", async () => {
    await h.hubspot("POST", "/crm/v4/associations/contacts/deals/labels", { name: "someone_elses", label: "Referrer" });
    await h.clearLog();
    await h.fault({ method: "POST", route: ROUTES.labels, count: 1, status: 500 });
    const r = await label.create(single);
    expect(await h.count("POST", ROUTES.labels)).to.equal(2);
    expect(
      (await h.userLabels("contacts", "deals")).filter((l) => l.label === "Referrer").map((l) => l.typeId),
    ).to.include((r.outs as Bag).typeId);
    expect((await h.userLabels("contacts", "deals")).filter((l) => l.label === "Referrer")).to.have.length(2);
  });

  it("a lost answer with two new labels of our text is ambiguous: it stops, names both and takes neither", async () => {
    // Someone creates a label with our text while our answer is lost.
    h.wrapClient = (real) => {
      const api = Object.create(real) as typeof real;
      api.createLabel = async (from, to, req) => {
        try {
          return await real.createLabel(from, to, req);
        } catch (e) {
          await h.hubspot("POST", `/crm/v4/associations/${from}/${to}/labels`, { name: "intruder", label: req.label });
          throw e;
        }
      };
      return api;
    };
    h.newProcess();
    try {
      await h.fault({ method: "POST", route: ROUTES.labels, count: 1, status: 503, after: true });
      const err = await rejection(label.create(single));
      expect(err.message).to.match(/2 new labels with this text appeared/);
      expect(err.message).to.match(/Set adoptTypeId to the right one/);
      const referrers = (await h.userLabels("contacts", "deals"))
        .filter((l) => l.label === "Referrer")
        .map((l) => l.typeId);
      expect(referrers).to.have.length(2);
      for (const t of referrers) expect(err.message).to.include(String(t));
    } finally {
      h.wrapClient = undefined;
      h.newProcess();
    }
  });

  it("one typeId is never held by two resources of a run: a second adoption of it is refused before any request", async () => {
    const made = await h.hubspot("POST", "/crm/v4/associations/contacts/companies/labels", {
      name: "mgr",
      label: "Manager",
      inverseLabel: "Employee",
    });
    const fwd = (made.body as { results: { typeId: number; label: string }[] }).results.find(
      (x) => x.label === "Manager",
    )!.typeId;
    await label.create({ ...paired, adoptTypeId: fwd });
    await h.clearLog();
    const err = await rejection(label.create({ ...paired, name: "manager2", adoptTypeId: fwd }));
    expect(err.message).to.match(/adopts typeId .* too: one label, one resource/);
    expect((await h.log()).total).to.equal(0);
  });

  it("adoptTypeId takes over an existing label: zero POSTs, one PUT when the text differs", async () => {
    const made = await h.hubspot("POST", "/crm/v4/associations/contacts/companies/labels", {
      name: "mgr",
      label: "Mgr",
      inverseLabel: "Emp",
    });
    const results = (made.body as { results: { typeId: number; label: string }[] }).results;
    const fwd = results.find((x) => x.label === "Mgr")!.typeId;
    await h.clearLog();
    const r = await label.create({ ...paired, adoptTypeId: fwd });
    expect(r.id).to.equal(`0-1/0-2/${fwd}`);
    expect(await h.count("POST", ROUTES.labels)).to.equal(0);
    expect(await h.count("PUT", ROUTES.labels)).to.equal(1);
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([{ typeId: fwd, label: "Manager" }]);
    expect(await h.userLabels("companies", "contacts")).to.deep.equal([
      { typeId: (r.outs as Bag).inverseTypeId, label: "Employee" },
    ]);

    // Same text: no PUT either.
    h.newProcess();
    await h.clearLog();
    await label.create({ ...paired, adoptTypeId: fwd });
    expect(await h.writes()).to.equal(0);
  });

  it("adoptTypeId refuses HubSpot-defined types and ids that are not on the pair, without writing", async () => {
    expect((await rejection(label.create({ ...paired, adoptTypeId: 279 }))).message).to.match(/HubSpot-defined/);
    expect((await rejection(label.create({ ...paired, adoptTypeId: 99999 }))).message).to.match(
      /has no association type 99999/,
    );
    const other = await label.create(single);
    await h.clearLog();
    const err = await rejection(label.create({ ...paired, adoptTypeId: (other.outs as Bag).typeId as number }));
    expect(err.message).to.match(/Contacts → Companies has no association type/);
    expect(await h.writes()).to.equal(0);
  });

  it("read: live text as inputs (drift shows), the user's spellings kept, gone -> empty id", async () => {
    const r = await label.create({ ...paired, fromObjectType: "contact" });
    const outs = r.outs as Bag;
    await h.hubspot("PUT", "/crm/v4/associations/contacts/companies/labels", {
      associationTypeId: outs.typeId,
      label: "Boss",
      inverseLabel: "Staff",
    });
    h.newProcess();
    const read = await label.read(r.id, { ...outs, __provider: "shim" });
    expect(read.id).to.equal(r.id);
    expect(read.inputs).to.deep.equal({ ...paired, fromObjectType: "contact", label: "Boss", inverseLabel: "Staff" });
    expect(read.props).to.deep.include({
      label: "Boss",
      inverseLabel: "Staff",
      typeId: outs.typeId,
      inverseTypeId: outs.inverseTypeId,
    });
    // The next diff against the program sees the change as an in-place update.
    expect(await label.diff(r.id, read.props as Bag, { ...paired, fromObjectType: "contact" })).to.deep.include({
      changes: true,
      replaces: [],
    });

    await h.hubspot("DELETE", `/crm/v4/associations/contacts/companies/labels/${outs.typeId}`);
    h.newProcess();
    expect(await label.read(r.id, outs)).to.deep.equal({ id: "" });
  });

  it("a refresh of many labels on one pair costs one labels GET per directed pair", async () => {
    const created: { id: string; outs: Bag }[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await label.create({ ...paired, name: `l${i}`, label: `L${i}`, inverseLabel: `I${i}` });
      created.push({ id: r.id, outs: r.outs as Bag });
    }
    h.newProcess();
    await h.clearLog();
    await Promise.all(created.map((c) => label.read(c.id, c.outs)));
    const log = await h.log();
    expect(log.counts[`GET ${ROUTES.labels}`]).to.equal(2); // contacts->companies and companies->contacts
    expect(log.total).to.equal(2);
  });

  it("update changes text in place with one PUT and returns full outputs", async () => {
    const r = await label.create(paired);
    const outs = r.outs as Bag;
    await h.clearLog();
    const news = { ...paired, label: "Boss", inverseLabel: "Staff", __provider: "shim" };
    const u = await label.update(r.id, outs, news);
    expect(u.outs).to.deep.equal({
      ...paired,
      label: "Boss",
      inverseLabel: "Staff",
      schemaVersion: 1,
      typeId: outs.typeId,
      inverseTypeId: outs.inverseTypeId,
      category: "USER_DEFINED",
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
    });
    expect(await h.count("PUT", ROUTES.labels)).to.equal(1);
    expect((await h.log()).total).to.equal(1);
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([{ typeId: outs.typeId, label: "Boss" }]);
    expect(await h.userLabels("companies", "contacts")).to.deep.equal([{ typeId: outs.inverseTypeId, label: "Staff" }]);
    // Read after the write in the same process is exact without another GET of the forward pair.
    const read = await label.read(r.id, u.outs as Bag);
    expect(read.inputs).to.deep.include({ label: "Boss", inverseLabel: "Staff" });
  });

  it("delete removes both halves; deleting again (404) is done", async () => {
    const r = await label.create(paired);
    await label.delete(r.id, r.outs as Bag);
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([]);
    expect(await h.userLabels("companies", "contacts")).to.deep.equal([]);
    await label.delete(r.id, r.outs as Bag);
    const s = await label.create(single);
    await label.delete(s.id, s.outs as Bag);
    expect((await h.userLabels("contacts", "deals")).filter((l) => l.typeId === (s.outs as Bag).typeId)).to.deep.equal(
      [],
    );
  });

  it("delete of a label that records use explains what to do, with HubSpot's message and correlation id", async () => {
    const r = await label.create(paired);
    const typeId = (r.outs as Bag).typeId;
    const contact = await h.hubspot("POST", "/crm/v3/objects/contacts", { properties: { email: "a@example.com" } });
    const company = await h.hubspot("POST", "/crm/v3/objects/companies", { properties: { name: "Acme" } });
    const cId = (contact.body as { id: string }).id;
    const coId = (company.body as { id: string }).id;
    const assoc = await h.hubspot("PUT", `/crm/v4/objects/contacts/${cId}/associations/companies/${coId}`, [
      { associationCategory: "USER_DEFINED", associationTypeId: typeId },
    ]);
    expect(assoc.status).to.equal(201);
    const err = await rejection(label.delete(r.id, r.outs as Bag));
    expect(err.message).to.match(/HubSpot refuses to delete a label that records still use/);
    expect(err.message).to.match(/remove the label from those record associations first/);
    expect(err.message).to.match(/HubSpot said: .*in use/);
    expect(err.message).to.match(/category VALIDATION_ERROR/);
    expect(err.message).to.match(/correlation id [0-9a-f-]{36}/);
    expect(err.message).to.not.include(h.emu.token);
    expect(await h.userLabels("contacts", "companies")).to.have.length(1);
  });

  it("state written by an earlier output shape reads, updates and deletes", async () => {
    const r = await label.create(paired);
    const outs = r.outs as Bag;
    const old: Bag = {
      fromObjectType: "contacts",
      toObjectType: "companies",
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
      typeId: outs.typeId,
    };
    h.newProcess();
    const read = await label.read(r.id, old);
    expect(read.props).to.deep.include({
      schemaVersion: 1,
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
      inverseTypeId: outs.inverseTypeId,
    });
    const u = await label.update(r.id, old, { ...paired, inverseLabel: "Staff" });
    expect(u.outs).to.deep.include({ inverseTypeId: outs.inverseTypeId, inverseLabel: "Staff", typeId: outs.typeId });
    expect(await h.userLabels("companies", "contacts")).to.deep.equal([{ typeId: outs.inverseTypeId, label: "Staff" }]);
    await label.delete(r.id, {
      fromObjectType: "contacts",
      toObjectType: "companies",
      name: "manager",
      label: "Manager",
      inverseLabel: "Staff",
    });
    expect(await h.userLabels("contacts", "companies")).to.deep.equal([]);
  });

  describe("portal guard and credentials", () => {
    afterEach(async () => h.configure());

    it("refuses to write to another portal, naming both ids, with zero writes", async () => {
      await h.configure({ "hubspot:portalId": "999" });
      const err = await rejection(label.create(paired));
      expect(err.message).to.include("999");
      expect(err.message).to.include(String(h.emu.portalId));
      const err2 = await rejection(label.delete("0-1/0-2/101", { ...paired, typeId: 101 }));
      expect(err2.message).to.include("999");
      expect(await h.writes()).to.equal(0);
      expect(await h.count("GET", "/account-info/v3/details")).to.equal(1);
    });

    it("writes when the portal matches, checking it once per process", async () => {
      await h.configure({ "hubspot:portalId": String(h.emu.portalId) });
      await label.create(paired);
      await label.create(single);
      expect(await h.count("GET", "/account-info/v3/details")).to.equal(1);
    });

    it("without a token: check and diff work, an API call gets one clear error", async () => {
      const saved = process.env.HUBSPOT_ACCESS_TOKEN;
      delete process.env.HUBSPOT_ACCESS_TOKEN;
      try {
        await h.configure({ "hubspot:accessToken": "" });
        expect((await label.check({}, paired)).failures).to.deep.equal([]);
        const err = await rejection(label.create(paired));
        expect(err.message).to.equal(MISSING_TOKEN_MESSAGE);
      } finally {
        if (saved !== undefined) process.env.HUBSPOT_ACCESS_TOKEN = saved;
      }
    });

    it("stack config wins over the environment", async () => {
      const saved = { ...process.env };
      process.env.HUBSPOT_BASE_URL = "http://127.0.0.1:1";
      process.env.HUBSPOT_ACCESS_TOKEN = "pat-na1-wrong";
      try {
        await h.configure();
        const r = await label.create(single);
        expect(r.id).to.match(/^0-1\/0-3\//);
      } finally {
        process.env.HUBSPOT_BASE_URL = saved.HUBSPOT_BASE_URL;
        process.env.HUBSPOT_ACCESS_TOKEN = saved.HUBSPOT_ACCESS_TOKEN;
        if (saved.HUBSPOT_BASE_URL === undefined) delete process.env.HUBSPOT_BASE_URL;
        if (saved.HUBSPOT_ACCESS_TOKEN === undefined) delete process.env.HUBSPOT_ACCESS_TOKEN;
      }
    });
  });
});
