import { expect } from "chai";
import {
  acceptedNamesHint,
  hubspotDefinedTypes,
  isHubSpotDefinedForPair,
  knownPairs,
  pairsOfHubSpotDefinedType,
  resolveObjectType,
  STANDARD_OBJECT_TYPES,
  unlabeledTypeId,
} from "../../model";

describe("unit: object types", () => {
  const cases: [string, string][] = [
    ["contacts", "0-1"],
    ["contact", "0-1"],
    ["Contacts", "0-1"],
    ["0-1", "0-1"],
    ["companies", "0-2"],
    ["company", "0-2"],
    ["deals", "0-3"],
    ["deal", "0-3"],
    ["tickets", "0-5"],
    ["line_items", "0-8"],
    ["line_item", "0-8"],
    ["quotes", "0-14"],
    ["calls", "0-48"],
    ["emails", "0-49"],
    ["meetings", "0-47"],
    ["notes", "0-46"],
    ["note", "0-46"],
    ["tasks", "0-27"],
    ["postal_mail", "0-116"],
    ["2-123", "2-123"],
    ["2-30931773", "2-30931773"],
  ];
  for (const [input, id] of cases) {
    it(`resolves ${input} -> ${id}`, () => {
      expect(resolveObjectType(input)).to.deep.equal({ ok: true, id });
    });
  }

  for (const bad of ["contactz", "pets", "p_pets", "0-9999", "2-", "", "   ", "lists"]) {
    it(`refuses ${JSON.stringify(bad)} with the accepted names and the custom-object hint`, () => {
      const r = resolveObjectType(bad);
      expect(r.ok).to.equal(false);
      if (!r.ok) {
        expect(r.reason).to.include("contacts");
        expect(r.reason).to.include("a custom object by its name (cars), p_<name>");
      }
    });
  }

  it("refuses non-strings", () => {
    expect(resolveObjectType(12).ok).to.equal(false);
    expect(resolveObjectType(undefined).ok).to.equal(false);
  });

  it("names are unique across the table", () => {
    const seen = new Set<string>();
    for (const t of STANDARD_OBJECT_TYPES) {
      for (const n of [t.name, ...t.aliases, t.id]) {
        expect(seen.has(n), n).to.equal(false);
        seen.add(n);
      }
    }
    expect(acceptedNamesHint()).to.include("line_items");
  });

  it("knows the unlabeled default type of the standard pairs, per direction", () => {
    const cases: [string, string, number][] = [
      ["0-1", "0-2", 279],
      ["0-2", "0-1", 280],
      ["0-1", "0-3", 4],
      ["0-3", "0-1", 3],
      ["0-1", "0-5", 15],
      ["0-5", "0-1", 16],
      ["0-2", "0-3", 342],
      ["0-3", "0-2", 341],
      ["0-2", "0-5", 340],
      ["0-5", "0-2", 339],
      ["0-3", "0-5", 27],
      ["0-5", "0-3", 28],
      ["0-3", "0-8", 19],
      ["0-8", "0-3", 20],
      ["0-3", "0-14", 63],
      ["0-14", "0-3", 64],
      ["0-14", "0-8", 67],
      ["0-14", "0-1", 69],
      ["0-1", "0-14", 70],
      ["0-14", "0-2", 71],
      ["0-1", "0-1", 449],
      ["0-2", "0-2", 450],
      ["0-3", "0-3", 451],
      ["0-5", "0-5", 452],
      ["0-1", "0-48", 193],
      ["0-48", "0-1", 194],
      ["0-1", "0-49", 197],
      ["0-1", "0-47", 199],
      ["0-1", "0-46", 201],
      ["0-1", "0-27", 203],
      ["0-2", "0-27", 191],
      ["0-3", "0-46", 213],
      ["0-5", "0-49", 223],
    ];
    for (const [f, t, id] of cases) expect(unlabeledTypeId(f, t), `${f}->${t}`).to.equal(id);
  });

  it("knows the Primary types per direction", () => {
    expect(hubspotDefinedTypes("0-1", "0-2")).to.deep.include({ typeId: 1, label: "Primary" });
    expect(hubspotDefinedTypes("0-2", "0-1")).to.deep.include({ typeId: 2, label: "Primary" });
    expect(hubspotDefinedTypes("0-3", "0-2")).to.deep.include({ typeId: 5, label: "Primary" });
    expect(hubspotDefinedTypes("0-2", "0-3")).to.deep.include({ typeId: 6, label: "Primary" });
    expect(isHubSpotDefinedForPair("0-5", "0-2", 26)).to.equal(true);
    expect(isHubSpotDefinedForPair("0-1", "0-2", 2)).to.equal(false);
  });

  it("custom-object pairs have no table entry", () => {
    expect(unlabeledTypeId("2-123", "0-1")).to.equal(undefined);
    expect(hubspotDefinedTypes("2-123", "0-1")).to.deep.equal([]);
  });

  it("maps a HubSpot-defined id back to its pairs and lists pairs on one side", () => {
    expect(pairsOfHubSpotDefinedType(279)).to.deep.equal(["0-1/0-2"]);
    expect(knownPairs({ fromId: "0-1" }).map((p) => p.join("/"))).to.include.members(["0-1/0-2", "0-1/0-3", "0-1/0-1"]);
  });
});
