import { expect } from "chai";
import { Bag, label, limits, ProviderHarness, ROUTES } from "./harness";
import { rejection } from "../helpers/async";
import { exactly } from "../helpers/items";

const pair = { fromObjectType: "contacts", toObjectType: "companies" };

describe("provider: AssociationLimits against the emulator", function () {
  this.timeout(60_000);
  const h = new ProviderHarness({ customObjects: [{ objectTypeId: "2-123", name: "pets", singular: "pet" }] });
  let manager: number;
  let employee: number;

  before(async () => h.start());
  after(async () => h.stop());
  beforeEach(async () => {
    await h.reset();
    const r = await label.create({ ...pair, name: "manager", label: "Manager", inverseLabel: "Employee" });
    manager = (r.outs as Bag).typeId as number;
    employee = (r.outs as Bag).inverseTypeId as number;
    h.newProcess();
    await h.clearLog();
  });

  it("check and diff make zero requests", async () => {
    const news = { ...pair, limits: [{ unlabeled: true, maxToObjectIds: 10 }] };
    await limits.check({}, news);
    await limits.diff("0-1/0-2", { ...news, resolved: [] }, news);
    expect((await h.log()).total).to.equal(0);
  });

  it("create: unlabeled, a label by typeId and a HubSpot-defined label by text, in one batch/create", async () => {
    const news = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 2 },
        { label: "Primary", maxToObjectIds: 1 },
      ],
    };
    const r = await limits.create(news);
    const log = await h.log();
    expect(r.id).to.equal("0-1/0-2");
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 1],
      [manager, 2],
      [279, 10],
    ]);
    expect(r.outs).to.deep.include({
      schemaVersion: 1,
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
      limits: news.limits,
    });
    expect((r.outs as Bag).resolved).to.deep.equal([
      { category: "HUBSPOT_DEFINED", typeId: 1, label: "Primary", maxToObjectIds: 1 },
      { category: "USER_DEFINED", typeId: manager, label: "Manager", maxToObjectIds: 2 },
      { category: "HUBSPOT_DEFINED", typeId: 279, label: null, maxToObjectIds: 10 },
    ]);
    expect(log.counts[`POST ${ROUTES.limitsCreate}`]).to.equal(1);
    expect(log.counts[`GET ${ROUTES.limits}`]).to.equal(1);
    expect(log.total).to.equal(3); // + one labels GET for the "Primary" text
  });

  it("update raises and lowers limits in one update, keeping label <= unlabeled at every step", async () => {
    const first = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 10 },
        { label: "Primary", maxToObjectIds: 1 },
      ],
    });
    // Lower everything.
    const down = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 2 },
        { typeId: manager, maxToObjectIds: 2 },
        { label: "Primary", maxToObjectIds: 1 },
      ],
    };
    const u1 = await limits.update(first.id, first.outs as Bag, down);
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 1],
      [manager, 2],
      [279, 2],
    ]);
    // Raise everything far above the old unlabeled limit.
    const up = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 500 },
        { typeId: manager, maxToObjectIds: 400 },
        { label: "Primary", maxToObjectIds: 300 },
      ],
    };
    const u2 = await limits.update(first.id, u1.outs as Bag, up);
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 300],
      [manager, 400],
      [279, 500],
    ]);
    // Mixed: unlabeled down, a label up, another down, in one update.
    const mixed = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 50 },
        { typeId: manager, maxToObjectIds: 50 },
        { label: "Primary", maxToObjectIds: 1 },
      ],
    };
    const u3 = await limits.update(first.id, u2.outs as Bag, mixed);
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 1],
      [manager, 50],
      [279, 50],
    ]);
    expect((u3.outs as Bag).limits).to.deep.equal(mixed.limits);
  });

  it("limits nobody declared are kept: create and update touch only declared entries, and remove only entries managed before", async () => {
    // Set in HubSpot's UI: the unlabeled limit and Primary of this direction.
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 20 },
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 3 },
      ],
    });
    const r = await limits.create({ ...pair, limits: [{ typeId: manager, maxToObjectIds: 4 }] });
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 3],
      [manager, 4],
      [279, 20],
    ]);
    expect(await h.count("POST", ROUTES.limitsPurge)).to.equal(0);
    await limits.update(r.id, r.outs as Bag, { ...pair, limits: [] });
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [1, 3],
      [279, 20],
    ]);
  });

  it("a declared label limit above an undeclared unlabeled limit is refused before any write, naming the rule", async () => {
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 2 }],
    });
    await h.clearLog();
    const err = await rejection(limits.create({ ...pair, limits: [{ typeId: manager, maxToObjectIds: 4 }] }));
    expect(err.message).to.match(/limits this resource does not declare are kept/);
    expect(await h.writes()).to.equal(0);
  });

  it("exclusive: true owns the pair's whole set: undeclared limits are removed, with a notice naming them", async () => {
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 3 }],
    });
    const r = await limits.create({ ...pair, exclusive: true, limits: [{ typeId: manager, maxToObjectIds: 4 }] });
    expect(await h.limits("contacts", "companies")).to.deep.equal([[manager, 4]]);
    expect(h.notices.join("\n")).to.match(
      /removing limits this exclusive AssociationLimits does not declare: typeIds 1 \(max 3\)/,
    );
    expect(r.outs).to.deep.include({ exclusive: true });
    // Its read shows limits set elsewhere since, so the next preview shows them going.
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 9 }],
    });
    h.newProcess();
    const read = await limits.read(r.id, r.outs as Bag);
    expect(read.inputs).to.deep.equal({
      ...pair,
      exclusive: true,
      limits: [
        { typeId: manager, maxToObjectIds: 4 },
        { unlabeled: true, maxToObjectIds: 9 },
      ],
    });
    expect(
      (
        await limits.diff(r.id, read.props as Bag, {
          ...pair,
          exclusive: true,
          limits: [{ typeId: manager, maxToObjectIds: 4 }],
        })
      ).changes,
    ).to.equal(true);
  });

  it("read: live limits as inputs in the user's form; removed types disappear; an empty set is not gone", async () => {
    const r = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { label: "Manager", maxToObjectIds: 3 },
        { typeId: 1, maxToObjectIds: 1 },
      ],
    });
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/update", {
      inputs: [{ category: "USER_DEFINED", typeId: manager, maxToObjectIds: 5 }],
    });
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/purge", {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 1 }],
    });
    h.newProcess();
    await h.clearLog();
    const read = await limits.read(r.id, r.outs as Bag);
    expect(read.id).to.equal("0-1/0-2");
    expect(read.inputs).to.deep.equal({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { label: "Manager", maxToObjectIds: 5 },
      ],
    });
    expect((read.props as Bag).resolved).to.deep.equal([
      { category: "USER_DEFINED", typeId: manager, label: "Manager", maxToObjectIds: 5 },
      { category: "HUBSPOT_DEFINED", typeId: 279, label: null, maxToObjectIds: 10 },
    ]);
    expect((await h.log()).total).to.equal(1);
    // Drift shows in the next diff against the program.
    expect(
      (
        await limits.diff(r.id, read.props as Bag, {
          ...pair,
          limits: [
            { unlabeled: true, maxToObjectIds: 10 },
            { label: "Manager", maxToObjectIds: 3 },
            { typeId: 1, maxToObjectIds: 1 },
          ],
        })
      ).changes,
    ).to.equal(true);

    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/purge", {
      inputs: [
        { category: "USER_DEFINED", typeId: manager },
        { category: "HUBSPOT_DEFINED", typeId: 279 },
      ],
    });
    h.newProcess();
    const empty = await limits.read(r.id, read.props as Bag);
    expect(empty.id).to.equal("0-1/0-2");
    expect(empty.inputs).to.deep.equal({ ...pair, limits: [] });
  });

  it("read: limits set outside Pulumi do not appear on a resource that does not own them", async () => {
    const r = await limits.create({ ...pair, limits: [] });
    await h.hubspot("POST", "/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 7 },
        { category: "USER_DEFINED", typeId: manager, maxToObjectIds: 2 },
      ],
    });
    h.newProcess();
    const read = await limits.read(r.id, r.outs as Bag);
    expect((read.inputs as Bag).limits).to.deep.equal([]);
  });

  it("delete purges the managed types in one call; again is done", async () => {
    const r = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    });
    h.newProcess(); // a later operation
    await h.clearLog();
    await limits.delete(r.id, r.outs as Bag);
    expect(await h.limits("contacts", "companies")).to.deep.equal([]);
    expect(await h.count("POST", ROUTES.limitsPurge)).to.equal(1);
    await limits.delete(r.id, r.outs as Bag);
  });

  it("a resource renamed without an alias: the new one's create, then the old one's delete in the same run, keeps the limits", async () => {
    const old = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    });
    h.newProcess(); // the next `pulumi up`: the engine creates the renamed resource, then deletes the old one
    const renamed = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 12 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    });
    await h.clearLog();
    await limits.delete(old.id, old.outs as Bag);
    expect(await h.count("POST", ROUTES.limitsPurge), "nothing purged").to.equal(0);
    expect(h.notices.join("\n")).to.match(
      /not removing the limits of Contacts → Companies that another AssociationLimits of this deployment has just declared/,
    );
    const live = await h.limits("contacts", "companies");
    expect(live.map(([, max]) => max).sort((a, b) => a - b)).to.deep.equal([3, 12]);
    // The new resource still owns the pair: its delete in a later run purges as usual.
    h.newProcess();
    await limits.delete(renamed.id, renamed.outs as Bag);
    expect(await h.limits("contacts", "companies")).to.deep.equal([]);
  });

  it("an unknown outcome of batch/create is re-read and re-planned: no duplicates, target reached", async () => {
    await h.fault({ method: "POST", route: ROUTES.limitsCreate, count: 1, status: 500, after: true });
    const r = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    });
    expect(await h.count("POST", ROUTES.limitsCreate)).to.equal(1);
    expect(await h.count("GET", ROUTES.limits)).to.equal(2);
    expect(await h.limits("contacts", "companies")).to.deep.equal([
      [manager, 3],
      [279, 10],
    ]);
    expect((r.outs as Bag).resolved).to.have.length(2);
  });

  it("a label limit above the unlabeled limit is refused before any write", async () => {
    const err = await rejection(
      limits.create({
        ...pair,
        limits: [
          { unlabeled: true, maxToObjectIds: 2 },
          { label: "Manager", maxToObjectIds: 3 },
        ],
      }),
    );
    expect(err.message).to.match(/cannot exceed|above the pair's unlabeled limit/);
    expect(await h.writes()).to.equal(0);
  });

  it("HubSpot's CANCELED / 207 answers surface with the item messages", async () => {
    await h.fault({
      method: "POST",
      route: ROUTES.limitsCreate,
      count: 1,
      status: 207,
      body: {
        status: "CANCELED",
        results: [],
        numErrors: 1,
        errors: [
          {
            status: "error",
            category: "VALIDATION_ERROR",
            subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
            message: "0-5 is not a valid association type between CONTACT and COMPANY",
            context: {},
          },
        ],
        startedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
      },
    });
    const err = await rejection(limits.create({ ...pair, limits: [{ typeId: manager, maxToObjectIds: 3 }] }));
    expect(err.message).to.match(/0-5 is not a valid association type between CONTACT and COMPANY/);
    expect(err.message).to.match(/CANCELED/);
  });

  it("unknown label text and unknown typeId give errors that list the pair's types", async () => {
    expect(
      (await rejection(limits.create({ ...pair, limits: [{ label: "Nope", maxToObjectIds: 1 }] }))).message,
    ).to.match(/no association label "Nope".*"Manager"/);
    expect(
      (
        await rejection(
          limits.create({ ...pair, limits: [{ typeId: 4242, category: "USER_DEFINED", maxToObjectIds: 1 }] }),
        )
      ).message,
    ).to.match(/no association type 4242/);
    expect(await h.writes()).to.equal(0);
  });

  it("custom-object pairs find their unlabeled type from HubSpot's labels", async () => {
    const r = await limits.create({
      fromObjectType: "2-123",
      toObjectType: "contacts",
      limits: [{ unlabeled: true, maxToObjectIds: 4 }],
    });
    expect(r.id).to.equal("2-123/0-1");
    const resolved = (r.outs as Bag).resolved as { typeId: number; label: string | null; category: string }[];
    const [unlabeled] = exactly(resolved, 1);
    expect(unlabeled).to.deep.include({ label: null, maxToObjectIds: 4 });
    expect(await h.limits("2-123", "contacts")).to.deep.equal([[unlabeled.typeId, 4]]);
    h.newProcess();
    const read = await limits.read(r.id, r.outs as Bag);
    expect((read.inputs as Bag).limits).to.deep.equal([{ unlabeled: true, maxToObjectIds: 4 }]);
  });

  it("limits on the inverse half of a paired label live on the reverse pair", async () => {
    const r = await limits.create({
      fromObjectType: "companies",
      toObjectType: "contacts",
      limits: [{ typeId: employee, maxToObjectIds: 5 }],
    });
    expect(await h.limits("companies", "contacts")).to.deep.equal([[employee, 5]]);
    expect(r.id).to.equal("0-2/0-1");
  });

  it("state written by an earlier output shape (no resolved, no ids) updates and deletes", async () => {
    const r = await limits.create({
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    });
    const old: Bag = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager, maxToObjectIds: 3 },
      ],
    };
    h.newProcess();
    expect((await limits.diff(r.id, old, old)).changes).to.equal(false);
    const read = await limits.read(r.id, old);
    expect((read.inputs as Bag).limits).to.deep.equal(old.limits);
    const u = await limits.update(r.id, old, { ...pair, limits: [{ unlabeled: true, maxToObjectIds: 20 }] });
    expect(await h.limits("contacts", "companies")).to.deep.equal([[279, 20]]);
    await limits.delete(r.id, { ...pair, limits: (u.outs as Bag).limits });
    expect(await h.limits("contacts", "companies")).to.deep.equal([]);
  });
});
