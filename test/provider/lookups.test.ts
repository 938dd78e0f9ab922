import { expect } from "chai";
import { getAssociationLabels, getAssociationLimits } from "../../sdk/lookups";
import { Bag, label, limits, ProviderHarness } from "./harness";

describe("provider: lookups over the same client", function () {
  this.timeout(60_000);
  const h = new ProviderHarness();
  let typeId: number;

  before(async () => {
    await h.start();
    const r = await label.create({
      fromObjectType: "contacts",
      toObjectType: "companies",
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
    typeId = (r.outs as Bag).typeId as number;
    await limits.create({
      fromObjectType: "contacts",
      toObjectType: "companies",
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId, maxToObjectIds: 2 },
      ],
    });
  });
  after(async () => h.stop());

  const opts = () => ({ accessToken: h.emu.token, baseUrl: h.emu.url });

  it("getAssociationLabels lists the pair's types, sorted, with ids", async () => {
    const labels = await getAssociationLabels({ fromObjectType: "contact", toObjectType: "company" }, opts());
    expect(labels).to.deep.include({
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
      category: "USER_DEFINED",
      typeId,
      label: "Manager",
    });
    expect(labels).to.deep.include({
      fromObjectTypeId: "0-1",
      toObjectTypeId: "0-2",
      category: "HUBSPOT_DEFINED",
      typeId: 279,
      label: null,
    });
    expect(labels.map((l) => l.typeId)).to.deep.equal([...labels.map((l) => l.typeId)].sort((a, b) => a - b));
  });

  it("getAssociationLimits for a pair, for one side, and portal-wide", async () => {
    const pair = await getAssociationLimits({ fromObjectType: "contacts", toObjectType: "companies" }, opts());
    expect(pair).to.deep.equal([
      {
        fromObjectTypeId: "0-1",
        toObjectTypeId: "0-2",
        category: "USER_DEFINED",
        typeId,
        label: "Manager",
        maxToObjectIds: 2,
      },
      {
        fromObjectTypeId: "0-1",
        toObjectTypeId: "0-2",
        category: "HUBSPOT_DEFINED",
        typeId: 279,
        label: null,
        maxToObjectIds: 10,
      },
    ]);
    const side = await getAssociationLimits({ fromObjectType: "contacts" }, opts());
    expect(side).to.deep.equal(pair);
    const all = await getAssociationLimits({}, opts());
    expect(all.map((l): [number, number] => [l.typeId, l.maxToObjectIds]).sort((a, b) => a[0] - b[0])).to.deep.equal([
      [typeId, 2],
      [279, 10],
    ]);
  });

  it("a name that is neither a standard type nor one of the portal's custom objects: one schemas read, then a clear error", async () => {
    await h.clearLog();
    let err: Error | undefined;
    await getAssociationLabels({ fromObjectType: "pets", toObjectType: "contacts" }, opts()).catch(
      (e: Error) => (err = e),
    );
    expect(err?.message).to.match(/fromObjectType: no custom object named "pets" in this portal/);
    const log = await h.log();
    expect(Object.keys(log.counts)).to.deep.equal(["GET /crm/v3/schemas"]);
  });
});
