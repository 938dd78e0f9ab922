import { expect } from "chai";
import {
  formatLabelId,
  formatLimitsId,
  parseLabelId,
  parseLimitsId,
  tryParseLabelId,
  tryParseLimitsId,
} from "../../provider/ids";

describe("unit: id codecs", () => {
  it("label ids round-trip", () => {
    const id = { fromObjectTypeId: "0-1", toObjectTypeId: "0-2", typeId: 145 };
    expect(formatLabelId(id)).to.equal("0-1/0-2/145");
    expect(parseLabelId("0-1/0-2/145")).to.deep.equal(id);
    expect(parseLabelId(formatLabelId({ fromObjectTypeId: "2-123", toObjectTypeId: "0-1", typeId: 7 }))).to.deep.equal({
      fromObjectTypeId: "2-123",
      toObjectTypeId: "0-1",
      typeId: 7,
    });
  });

  it("limits ids round-trip", () => {
    expect(formatLimitsId({ fromObjectTypeId: "0-1", toObjectTypeId: "0-2" })).to.equal("0-1/0-2");
    expect(parseLimitsId("2-5/0-3")).to.deep.equal({ fromObjectTypeId: "2-5", toObjectTypeId: "0-3" });
  });

  for (const bad of ["", "0-1/0-2", "0-1/0-2/x", "0-1/0-2/0", "contacts/companies/1", "0-1/0-2/1/2", "0-1//1"]) {
    it(`refuses label id ${JSON.stringify(bad)}`, () => {
      expect(() => parseLabelId(bad)).to.throw(/invalid AssociationLabel id/);
      expect(tryParseLabelId(bad)).to.equal(undefined);
    });
  }

  for (const bad of ["", "0-1", "0-1/0-2/3", "contacts/companies"]) {
    it(`refuses limits id ${JSON.stringify(bad)}`, () => {
      expect(() => parseLimitsId(bad)).to.throw(/invalid AssociationLimits id/);
      expect(tryParseLimitsId(bad)).to.equal(undefined);
    });
  }

  it("refuses to format invalid parts", () => {
    expect(() => formatLabelId({ fromObjectTypeId: "contacts", toObjectTypeId: "0-2", typeId: 1 })).to.throw();
    expect(() => formatLabelId({ fromObjectTypeId: "0-1", toObjectTypeId: "0-2", typeId: 0 })).to.throw();
    expect(() => formatLimitsId({ fromObjectTypeId: "0-1", toObjectTypeId: "x" })).to.throw();
  });
});
