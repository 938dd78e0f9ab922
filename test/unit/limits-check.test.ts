import { expect } from "chai";
import { limits as provider } from "./offline-provider";
import { UNKNOWN } from "../../model";
import { exactly } from "../helpers/items";

const pair = { fromObjectType: "contacts", toObjectType: "companies" };

async function failures(limits: unknown, extra: Record<string, unknown> = {}) {
  return (await provider.check({}, { ...pair, ...extra, limits })).failures ?? [];
}

describe("unit: AssociationLimits check", () => {
  it("accepts a valid set and returns inputs unchanged", async () => {
    const news = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { label: "Primary", maxToObjectIds: 1 },
        { typeId: 145, maxToObjectIds: 10 },
        { typeId: 1000, category: "USER_DEFINED", maxToObjectIds: 1 },
        { typeId: 931, maxToObjectIds: 2 },
      ],
    };
    const r = await provider.check({}, news);
    expect(r.failures).to.deep.equal([]);
    expect(r.inputs).to.equal(news);
  });

  it("accepts an empty set", async () => {
    expect(await failures([])).to.deep.equal([]);
  });

  const table: [string, unknown[], string, RegExp][] = [
    ["no target", [{ maxToObjectIds: 1 }], "limits[0]", /exactly one.*none given/],
    ["two targets", [{ typeId: 145, label: "X", maxToObjectIds: 1 }], "limits[0]", /exactly one.*typeId and label/],
    ["unlabeled false only", [{ unlabeled: false, maxToObjectIds: 1 }], "limits[0]", /exactly one/],
    ["zero", [{ typeId: 145, maxToObjectIds: 0 }], "limits[0].maxToObjectIds", /integer from 1 to 10000, got 0/],
    ["negative", [{ typeId: 145, maxToObjectIds: -3 }], "limits[0].maxToObjectIds", /from 1 to 10000/],
    ["fractional", [{ typeId: 145, maxToObjectIds: 1.5 }], "limits[0].maxToObjectIds", /from 1 to 10000/],
    ["over max", [{ typeId: 145, maxToObjectIds: 10001 }], "limits[0].maxToObjectIds", /from 1 to 10000/],
    ["missing max", [{ typeId: 145 }], "limits[0].maxToObjectIds", /from 1 to 10000/],
    ["typeId not integer", [{ typeId: "145", maxToObjectIds: 1 }], "limits[0].typeId", /positive integer/],
    ["empty label", [{ label: " ", maxToObjectIds: 1 }], "limits[0].label", /non-empty/],
    [
      "bad category",
      [{ typeId: 145, category: "WORK", maxToObjectIds: 1 }],
      "limits[0].category",
      /HUBSPOT_DEFINED or USER_DEFINED/,
    ],
    ["entry not an object", [5], "limits[0]", /must be an object/],
    [
      "HubSpot-defined type of another pair",
      [{ typeId: 4, maxToObjectIds: 1 }],
      "limits[0].typeId",
      /HubSpot-defined association type of Contacts → Deals, not of Contacts → Companies.*279.*category: USER_DEFINED/,
    ],
  ];
  for (const [what, limits, property, reason] of table) {
    it(`refuses ${what} at ${property}`, async () => {
      const f = await failures(limits);
      const [failure] = exactly(f, 1, "failures");
      expect(failure.property).to.equal(property);
      expect(failure.reason).to.match(reason);
    });
  }

  it("paths point at the offending entry", async () => {
    const f = await failures([
      { typeId: 145, maxToObjectIds: 1 },
      { typeId: 146, maxToObjectIds: 1 },
      { typeId: 147, maxToObjectIds: 0 },
    ]);
    expect(f.map((x) => x.property)).to.deep.equal(["limits[2].maxToObjectIds"]);
  });

  it("refuses duplicate targets", async () => {
    for (const limits of [
      [
        { typeId: 145, maxToObjectIds: 1 },
        { typeId: 145, maxToObjectIds: 2 },
      ],
      [
        { label: "A", maxToObjectIds: 1 },
        { label: "A", maxToObjectIds: 2 },
      ],
      [
        { unlabeled: true, maxToObjectIds: 5 },
        { unlabeled: true, maxToObjectIds: 5 },
      ],
      [
        { unlabeled: true, maxToObjectIds: 5 },
        { typeId: 279, maxToObjectIds: 5 },
      ],
    ]) {
      const f = await failures(limits);
      expect(
        f.map((x) => x.property),
        JSON.stringify(limits),
      ).to.deep.equal(["limits[1]"]);
      expect(f[0]?.reason).to.match(/same association type as limits\[0\]/);
    }
  });

  it("refuses a label limit above the unlabeled limit when both are known", async () => {
    const f = await failures([
      { unlabeled: true, maxToObjectIds: 5 },
      { typeId: 145, maxToObjectIds: 6 },
      { label: "Primary", maxToObjectIds: 5 },
    ]);
    expect(f.map((x) => x.property)).to.deep.equal(["limits[1].maxToObjectIds"]);
    expect(f[0]?.reason).to.match(/above the pair's unlabeled limit 5/);
    // The unlabeled type given by its id counts too.
    expect(
      (
        await failures([
          { typeId: 279, maxToObjectIds: 2 },
          { typeId: 1, maxToObjectIds: 3 },
        ])
      ).map((x) => x.property),
    ).to.deep.equal(["limits[1].maxToObjectIds"]);
  });

  it("tolerates unknown values (a label's typeId output during preview)", async () => {
    expect(await failures(UNKNOWN)).to.deep.equal([]);
    expect(await failures([UNKNOWN])).to.deep.equal([]);
    expect(
      await failures([
        { typeId: UNKNOWN, maxToObjectIds: 1 },
        { typeId: UNKNOWN, maxToObjectIds: 2 },
      ]),
    ).to.deep.equal([]);
    expect(
      await failures([
        { unlabeled: true, maxToObjectIds: UNKNOWN },
        { typeId: 145, maxToObjectIds: 3 },
      ]),
    ).to.deep.equal([]);
    expect(
      (
        await provider.check(
          {},
          { fromObjectType: UNKNOWN, toObjectType: "companies", limits: [{ typeId: 4, maxToObjectIds: 1 }] },
        )
      ).failures,
    ).to.deep.equal([]);
  });

  it("refuses a limits value that is not a list, and bad object types", async () => {
    expect((await failures({})).map((f) => f.property)).to.deep.equal(["limits"]);
    expect((await failures([], { toObjectType: "pets" })).map((f) => f.property)).to.deep.equal(["toObjectType"]);
  });
});
