import { expect } from "chai";
import { label } from "./offline-provider";
import { UNKNOWN } from "../../model";
import { exactly } from "../helpers/items";

const base = {
  fromObjectType: "contacts",
  toObjectType: "companies",
  name: "manager",
  label: "Manager",
  inverseLabel: "Employee",
};

describe("unit: AssociationLabel check", () => {
  it("accepts valid inputs and returns them unchanged (no normalization)", async () => {
    const news = { ...base, fromObjectType: "contact", toObjectType: "0-2", __provider: "x" };
    const r = await label.check({}, news);
    expect(r.failures).to.deep.equal([]);
    expect(r.inputs).to.deep.equal(news);
  });

  it("accepts single labels, same-object pairs, custom objects and adoptTypeId", async () => {
    for (const news of [
      { ...base, inverseLabel: undefined },
      { ...base, toObjectType: "contacts" },
      { ...base, fromObjectType: "2-123" },
      { ...base, fromObjectType: "cars" },
      { ...base, fromObjectType: "P_Cars" },
      { ...base, fromObjectType: "p12345_cars" },
      { ...base, adoptTypeId: 145 },
      { ...base, name: "_a1_B" },
      { ...base, name: "x".repeat(100) },
    ]) {
      expect((await label.check({}, news)).failures, JSON.stringify(news)).to.deep.equal([]);
    }
  });

  const table: [string, Record<string, unknown>, string, RegExp][] = [
    ["missing fromObjectType", { fromObjectType: undefined }, "fromObjectType", /required/],
    [
      "an object type that is no standard name nor a custom object of the portal",
      { fromObjectType: "widgets" },
      "fromObjectType",
      /no custom object named "widgets" in this portal; its custom objects are: cars \(2-123\)/,
    ],
    [
      "a custom object id the portal does not have (another portal's)",
      { fromObjectType: "2-999" },
      "fromObjectType",
      /no custom object with id 2-999 in this portal \(custom object ids differ between portals/,
    ],
    [
      "a custom object name the portal does not have",
      { toObjectType: "pets" },
      "toObjectType",
      /no custom object named "pets"/,
    ],
    ["an unknown standard id", { toObjectType: "0-9999" }, "toObjectType", /unknown standard object type id "0-9999"/],
    [
      "a likely typo of a standard type, refused offline",
      { toObjectType: "companeis" },
      "toObjectType",
      /unknown object type "companeis" \(did you mean "companies"\?\); a custom object of that name is written p_companeis/,
    ],
    [
      "the pair's unlabeled association name",
      { name: "Contact_To_Company" },
      "name",
      /is the name HubSpot gives the pair's unlabeled association \(contact_to_company, company_to_contact\)/,
    ],
    [
      "an object type that is no name at all",
      { toObjectType: "my pets!" },
      "toObjectType",
      /neither a standard object type nor a custom object's name/,
    ],
    ["name with hyphen", { name: "my-label" }, "name", /hyphens/],
    ["name with space", { name: "my label" }, "name", /hyphens or spaces/],
    ["name with leading digit", { name: "1abc" }, "name", /must not start with a digit/],
    ["name with other chars", { name: "a.b" }, "name", /letters, digits and underscores/],
    ["name too long", { name: "a".repeat(101) }, "name", /at most 100/],
    [
      "label too long in UTF-16 units (51 emoji)",
      { label: "\u{1F600}".repeat(51) },
      "label",
      /at most 100 characters, counted in UTF-16 units \(got 102\)/,
    ],
    ["missing name", { name: undefined }, "name", /required/],
    ["name not a string", { name: 5 }, "name", /string/],
    ["empty label", { label: "" }, "label", /must not be empty/],
    ["whitespace label", { label: "   " }, "label", /must not be empty/],
    ["label too long", { label: "L".repeat(101) }, "label", /at most 100/],
    ["missing label", { label: undefined }, "label", /required/],
    ["empty inverseLabel", { inverseLabel: " " }, "inverseLabel", /must not be empty/],
    ["inverseLabel too long", { inverseLabel: "L".repeat(101) }, "inverseLabel", /at most 100/],
    ["adoptTypeId zero", { adoptTypeId: 0 }, "adoptTypeId", /positive integer/],
    ["adoptTypeId fractional", { adoptTypeId: 1.5 }, "adoptTypeId", /positive integer/],
    ["adoptTypeId string", { adoptTypeId: "145" }, "adoptTypeId", /positive integer/],
    [
      "adoptTypeId HubSpot-defined unlabeled",
      { adoptTypeId: 279 },
      "adoptTypeId",
      /HubSpot-defined.*unlabeled.*cannot be managed/,
    ],
    ["adoptTypeId HubSpot-defined Primary", { adoptTypeId: 1 }, "adoptTypeId", /HubSpot-defined.*"Primary"/],
  ];
  for (const [what, patch, property, reason] of table) {
    it(`refuses ${what} at ${property}`, async () => {
      const r = await label.check({}, { ...base, ...patch });
      const [failure] = exactly(r.failures ?? [], 1, "failures");
      expect(failure.property).to.equal(property);
      expect(failure.reason).to.match(reason);
    });
  }

  it("reports every failure at once", async () => {
    const r = await label.check(
      {},
      { fromObjectType: "0-999", toObjectType: "x y", name: "1-a", label: "", adoptTypeId: -1 },
    );
    expect(r.failures!.map((f) => f.property)).to.deep.equal([
      "fromObjectType",
      "toObjectType",
      "name",
      "label",
      "adoptTypeId",
    ]);
  });

  it("tolerates the unknown sentinel anywhere", async () => {
    for (const key of Object.keys({ ...base, adoptTypeId: 1 })) {
      const r = await label.check({}, { ...base, [key]: UNKNOWN });
      expect(r.failures, key).to.deep.equal([]);
    }
    const all = Object.fromEntries(Object.keys(base).map((k) => [k, UNKNOWN]));
    expect((await label.check({}, all)).failures).to.deep.equal([]);
  });

  it("does not check adoptTypeId against the table when the pair is unknown", async () => {
    expect((await label.check({}, { ...base, toObjectType: UNKNOWN, adoptTypeId: 279 })).failures).to.deep.equal([]);
  });
});
