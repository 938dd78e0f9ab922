import { expect } from "chai";
import { limits as provider } from "./offline-provider";
import { UNKNOWN } from "../../model";

const inputs = {
  fromObjectType: "contacts",
  toObjectType: "companies",
  limits: [
    { unlabeled: true, maxToObjectIds: 10 },
    { typeId: 145, maxToObjectIds: 1 },
    { label: "Primary", maxToObjectIds: 1 },
  ],
};
const stored = {
  ...inputs,
  schemaVersion: 1,
  fromObjectTypeId: "0-1",
  toObjectTypeId: "0-2",
  resolved: [
    { category: "HUBSPOT_DEFINED", typeId: 1, label: "Primary", maxToObjectIds: 1 },
    { category: "USER_DEFINED", typeId: 145, label: "Manager", maxToObjectIds: 1 },
    { category: "HUBSPOT_DEFINED", typeId: 279, label: null, maxToObjectIds: 10 },
  ],
  __provider: "x",
};
const ID = "0-1/0-2";

describe("unit: AssociationLimits diff", () => {
  it("no change (explicit false), order and __provider ignored", async () => {
    expect(await provider.diff(ID, stored, { ...inputs, __provider: "y" })).to.deep.equal({
      changes: false,
      replaces: [],
    });
    expect((await provider.diff(ID, stored, { ...inputs, limits: [...inputs.limits].reverse() })).changes).to.equal(
      false,
    );
  });

  it("the same type named another way is no change", async () => {
    const limits = [
      { typeId: 279, maxToObjectIds: 10 },
      { label: "Manager", maxToObjectIds: 1 },
      { typeId: 1, maxToObjectIds: 1 },
    ];
    expect((await provider.diff(ID, stored, { ...inputs, limits })).changes).to.equal(false);
  });

  it("a changed max, an added entry, a removed entry are changes", async () => {
    const changed = [{ unlabeled: true, maxToObjectIds: 9 }, inputs.limits[1], inputs.limits[2]];
    expect(await provider.diff(ID, stored, { ...inputs, limits: changed })).to.deep.equal({
      changes: true,
      replaces: [],
    });
    expect(
      (await provider.diff(ID, stored, { ...inputs, limits: [...inputs.limits, { typeId: 150, maxToObjectIds: 1 }] }))
        .changes,
    ).to.equal(true);
    expect((await provider.diff(ID, stored, { ...inputs, limits: inputs.limits.slice(1) })).changes).to.equal(true);
    expect((await provider.diff(ID, stored, { ...inputs, limits: [] })).changes).to.equal(true);
  });

  it("replaces when a resolved object type id differs, not on spelling", async () => {
    expect((await provider.diff(ID, stored, { ...inputs, toObjectType: "company" })).changes).to.equal(false);
    expect(await provider.diff(ID, stored, { ...inputs, toObjectType: "deals" })).to.deep.equal({
      changes: true,
      replaces: ["toObjectType"],
    });
    expect((await provider.diff(ID, stored, { ...inputs, fromObjectType: UNKNOWN })).replaces).to.deep.equal([
      "fromObjectType",
    ]);
  });

  it("unknown values are changes", async () => {
    expect((await provider.diff(ID, stored, { ...inputs, limits: UNKNOWN })).changes).to.equal(true);
    const limits = [inputs.limits[0], inputs.limits[1], { label: UNKNOWN, maxToObjectIds: 1 }];
    expect(await provider.diff(ID, stored, { ...inputs, limits })).to.deep.equal({ changes: true, replaces: [] });
  });

  it("preview of a label's text edit: an unknown typeId where the same typeId entry stood is no change", async () => {
    const news = { ...inputs, limits: [inputs.limits[0], { typeId: UNKNOWN, maxToObjectIds: 1 }, inputs.limits[2]] };
    expect(await provider.diff(ID, stored, news)).to.deep.equal({ changes: false, replaces: [] });
    // ...but not when the limit differs, the position held another kind of entry, or more is unknown.
    const otherMax = {
      ...inputs,
      limits: [inputs.limits[0], { typeId: UNKNOWN, maxToObjectIds: 2 }, inputs.limits[2]],
    };
    expect((await provider.diff(ID, stored, otherMax)).changes).to.equal(true);
    const otherPos = {
      ...inputs,
      limits: [{ typeId: UNKNOWN, maxToObjectIds: 10 }, inputs.limits[1], inputs.limits[2]],
    };
    expect((await provider.diff(ID, stored, otherPos)).changes).to.equal(true);
    const added = { ...inputs, limits: [...inputs.limits, { typeId: UNKNOWN, maxToObjectIds: 1 }] };
    expect((await provider.diff(ID, stored, added)).changes).to.equal(true);
  });

  it("accepts state written by an earlier output shape (no resolved, no ids)", async () => {
    const old = {
      fromObjectType: "contacts",
      toObjectType: "companies",
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: 145, maxToObjectIds: 1 },
      ],
    };
    expect(await provider.diff(ID, old, { ...old })).to.deep.equal({ changes: false, replaces: [] });
    expect(
      (
        await provider.diff(ID, old, {
          ...old,
          limits: [
            { unlabeled: true, maxToObjectIds: 3 },
            { typeId: 145, maxToObjectIds: 1 },
          ],
        })
      ).changes,
    ).to.equal(true);
  });
});
