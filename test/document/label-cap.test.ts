// The label cap and custom object spellings: HubSpot allows MAX_LABELS_PER_PAIR user-defined labels per object
// pair, both directions together, a paired label counting once; the loader refuses the one over, at its position.
import { expect } from "chai";
import { MAX_LABELS_PER_PAIR } from "../../model";
import { formatProblem, loadDocumentText } from "../../sdk/document";

/** Pairs in order, each with `n` labels (paired when `paired`). */
function doc(pairs: { from: string; to: string; n: number; paired?: boolean }[]): string {
  const lines = ["version: 1", "associations:"];
  pairs.forEach(({ from, to, n, paired }, p) => {
    lines.push(`  - from: ${from}`, `    to: ${to}`, "    labels:");
    for (let i = 0; i < n; i++)
      lines.push(`      - { name: l${p}_${i}, label: "L ${p} ${i}"${paired ? `, inverseLabel: "I ${p} ${i}"` : ""} }`);
  });
  return lines.join("\n") + "\n";
}

describe("document loader: labels per object pair", () => {
  it(`is ${MAX_LABELS_PER_PAIR}, the limit HubSpot documents`, () => expect(MAX_LABELS_PER_PAIR).to.equal(50));

  it("50 labels on a pair and its reverse together load, paired ones counting once", () => {
    const r = loadDocumentText(
      doc([
        { from: "contacts", to: "companies", n: 30, paired: true },
        { from: "companies", to: "contacts", n: 20 },
      ]),
      "cap.yaml",
    );
    expect(r.problems.map(formatProblem)).to.deep.equal([]);
  });

  it("the 51st is refused at its position, wherever it is declared", () => {
    const r = loadDocumentText(
      doc([
        { from: "contacts", to: "companies", n: 30, paired: true },
        { from: "companies", to: "contacts", n: 22 },
      ]),
      "cap.yaml",
    );
    // Pair 0 takes lines 3-35 (3 header lines + 30 labels); pair 1's labels start at line 39: the 21st is line 59.
    expect(r.problems.map(formatProblem)).to.deep.equal([
      "cap.yaml:59:9: associations[1].labels[20]: label 51 of 52 on Companies → Contacts and its reverse: HubSpot allows at most 50 user-defined labels per object pair, both directions together, a paired label counting once",
    ]);
  });

  it("counts a same-object pair, and a custom object spelled two ways, as one object pair", () => {
    const same = loadDocumentText(doc([{ from: "contacts", to: "contact", n: 51 }]), "same.yaml");
    expect(same.problems.map((p) => p.path)).to.deep.equal(["associations[0].labels[50]"]);
    const custom = loadDocumentText(
      doc([
        { from: "cars", to: "contacts", n: 25 },
        { from: "contacts", to: "P_Cars", n: 26 },
      ]),
      "custom.yaml",
    );
    expect(custom.problems.map((p) => p.path)).to.deep.equal(["associations[1].labels[25]"]);
  });

  it("other pairs have their own 50", () => {
    const r = loadDocumentText(
      doc([
        { from: "contacts", to: "companies", n: 50 },
        { from: "contacts", to: "deals", n: 50 },
        { from: "deals", to: "companies", n: 50 },
      ]),
      "many.yaml",
    );
    expect(r.problems.map(formatProblem)).to.deep.equal([]);
  });
});

describe("document loader: custom objects by name", () => {
  const pair = (from: string, to = "contacts"): string =>
    `version: 1\nassociations:\n  - from: ${from}\n    to: ${to}\n`;

  it("accepts a custom object's name, p_<name>, p<portalId>_<name> and its id", () => {
    for (const name of ["cars", "Cars", "p_cars", "p123_cars", "2-123", "vehicle_registrations"]) {
      expect(loadDocumentText(pair(name), "c.yaml").problems.map(formatProblem), name).to.deep.equal([]);
    }
  });

  it("refuses a likely typo of a standard type, which p_<name> still reaches", () => {
    expect(loadDocumentText(pair("companeis"), "c.yaml").problems.map((p) => p.message)).to.deep.equal([
      'associations[0].from: unknown object type "companeis" (did you mean "companies"?); a custom object of that name is written p_companeis',
    ]);
    expect(loadDocumentText(pair("line_itmes"), "c.yaml").problems.map((p) => p.message)[0]).to.contain(
      'did you mean "line_items"?',
    );
    expect(loadDocumentText(pair("p_companeis"), "c.yaml").problems).to.deep.equal([]);
  });
});
