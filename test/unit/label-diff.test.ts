import { expect } from "chai";
import { label } from "./offline-provider";
import { UNKNOWN } from "../../model";

const inputs = {
  fromObjectType: "contacts",
  toObjectType: "companies",
  name: "manager",
  label: "Manager",
  inverseLabel: "Employee",
};
const stored = {
  ...inputs,
  schemaVersion: 1,
  typeId: 145,
  inverseTypeId: 146,
  category: "USER_DEFINED",
  fromObjectTypeId: "0-1",
  toObjectTypeId: "0-2",
  __provider: "old provider text",
};
const ID = "0-1/0-2/145";

describe("unit: AssociationLabel diff", () => {
  it("no change: changes is explicitly false, __provider ignored", async () => {
    const r = await label.diff(ID, stored, { ...inputs, __provider: "new provider text" });
    expect(r).to.deep.include({ changes: false, replaces: [] });
  });

  it("object type spellings that resolve to the same id are no change", async () => {
    for (const [f, t] of [
      ["contact", "company"],
      ["0-1", "0-2"],
      ["Contacts", "companies"],
    ]) {
      expect((await label.diff(ID, stored, { ...inputs, fromObjectType: f, toObjectType: t })).changes).to.equal(false);
    }
  });

  const replaceCases: [string, Record<string, unknown>, string][] = [
    ["fromObjectType", { fromObjectType: "deals" }, "fromObjectType"],
    ["toObjectType", { toObjectType: "0-3" }, "toObjectType"],
    ["name", { name: "boss" }, "name"],
    ["paired -> single", { inverseLabel: undefined }, "inverseLabel"],
    ["adoptTypeId different from typeId", { adoptTypeId: 200 }, "adoptTypeId"],
  ];
  for (const [what, patch, key] of replaceCases) {
    it(`replaces on ${what}`, async () => {
      const r = await label.diff(ID, stored, { ...inputs, ...patch });
      expect(r.changes).to.equal(true);
      expect(r.replaces).to.deep.equal([key]);
    });
  }

  it("replaces single -> paired", async () => {
    const single = { ...stored, inverseLabel: undefined, inverseTypeId: undefined };
    const r = await label.diff(ID, single, { ...inputs, inverseLabel: "Employee" });
    expect(r.replaces).to.deep.equal(["inverseLabel"]);
  });

  it("deletes before replacing on the same pair (the replacement would otherwise adopt the old label)", async () => {
    expect((await label.diff(ID, stored, { ...inputs, name: "boss" })).deleteBeforeReplace).to.equal(true);
    expect((await label.diff(ID, stored, { ...inputs, toObjectType: "deals" })).deleteBeforeReplace).to.equal(false);
  });

  it("adoptTypeId equal to typeId, or removed, is no change", async () => {
    expect((await label.diff(ID, stored, { ...inputs, adoptTypeId: 145 })).changes).to.equal(false);
    expect((await label.diff(ID, { ...stored, adoptTypeId: 145 }, inputs)).changes).to.equal(false);
  });

  it("label and inverseLabel text change in place", async () => {
    expect(await label.diff(ID, stored, { ...inputs, label: "Boss" })).to.deep.include({ changes: true, replaces: [] });
    expect(await label.diff(ID, stored, { ...inputs, inverseLabel: "Staff" })).to.deep.include({
      changes: true,
      replaces: [],
    });
  });

  it("unknown values: changes true, and replace when on a replace key", async () => {
    expect(await label.diff(ID, stored, { ...inputs, label: UNKNOWN })).to.deep.include({
      changes: true,
      replaces: [],
    });
    expect(await label.diff(ID, stored, { ...inputs, inverseLabel: UNKNOWN })).to.deep.include({
      changes: true,
      replaces: [],
    });
    expect((await label.diff(ID, stored, { ...inputs, name: UNKNOWN })).replaces).to.deep.equal(["name"]);
    expect((await label.diff(ID, stored, { ...inputs, fromObjectType: UNKNOWN })).replaces).to.deep.equal([
      "fromObjectType",
    ]);
    expect((await label.diff(ID, stored, { ...inputs, adoptTypeId: UNKNOWN })).replaces).to.deep.equal(["adoptTypeId"]);
    const single = { ...stored, inverseLabel: undefined, inverseTypeId: undefined };
    expect((await label.diff(ID, single, { ...inputs, inverseLabel: UNKNOWN })).replaces).to.deep.equal([
      "inverseLabel",
    ]);
  });

  it("accepts state written by an earlier output shape (no schemaVersion, no object type ids, no inverseTypeId)", async () => {
    const old = {
      fromObjectType: "contact",
      toObjectType: "company",
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
      typeId: 145,
    };
    expect(await label.diff(ID, old, inputs)).to.deep.include({ changes: false, replaces: [] });
    expect((await label.diff(ID, old, { ...inputs, toObjectType: "deals" })).replaces).to.deep.equal(["toObjectType"]);
    // Even without typeId in state, the id carries it.
    const older = { fromObjectType: "contacts", toObjectType: "companies", name: "manager", label: "Manager" };
    expect(await label.diff("0-1/0-2/145", older, { ...inputs, inverseLabel: undefined })).to.deep.include({
      changes: false,
      replaces: [],
    });
  });
});
