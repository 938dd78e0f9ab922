// YAML aliases: real documents may use one anchor hundreds of times; a bomb that expands to billions of nodes is
// refused quickly, at the alias that crosses the bound, with FILE:LINE:COL like every other problem.
import { expect } from "chai";
import { formatProblem, loadDocumentText } from "../../sdk/document";
import { MAX_ALIAS_EXPANSION } from "../../sdk/document/yaml-aliases";
import { exactly } from "../helpers/items";

/** `perPair` labels on each of four object pairs, every limit the alias *one. */
function manyAliases(perPair: number): string {
  const lines = ["version: 1", "associations:"];
  const pairs = [
    ["contacts", "companies"],
    ["contacts", "deals"],
    ["contacts", "tickets"],
    ["companies", "deals"],
  ];
  pairs.forEach(([from, to], p) => {
    lines.push(
      `  - from: ${from}`,
      `    to: ${to}`,
      p === 0 ? "    maxToObjectIds: &one 1" : "    maxToObjectIds: *one",
      "    labels:",
    );
    for (let i = 0; i < perPair; i++)
      lines.push(`      - { name: l${p}_${i}, label: "Label ${p} ${i}", maxToObjectIds: *one }`);
  });
  return lines.join("\n") + "\n";
}

function laughs(levels: number, width: number): string {
  const lines = ["version: 1", "x0: &x0 [lol]"];
  for (let i = 1; i <= levels; i++)
    lines.push(`x${i}: &x${i} [${Array.from({ length: width }, () => `*x${i - 1}`).join(", ")}]`);
  lines.push("associations: []");
  return lines.join("\n") + "\n";
}

describe("document loader: YAML aliases", () => {
  it("a document using one anchor 203 times loads", () => {
    const r = loadDocumentText(manyAliases(50), "many.yaml");
    expect(r.problems.map(formatProblem)).to.deep.equal([]);
    const limits = r.document?.associations.flatMap((p) => (p.labels ?? []).map((l) => l.maxToObjectIds));
    expect(limits).to.have.length(200);
    expect(new Set(limits)).to.deep.equal(new Set([1]));
  });

  it("a billion laughs is refused fast, at the alias that crosses the bound", () => {
    const started = Date.now();
    const r = loadDocumentText(laughs(9, 10), "bomb.yaml");
    expect(Date.now() - started, "milliseconds").to.be.below(2000);
    expect(r.document).to.equal(undefined);
    const [p] = exactly(r.problems, 1);
    // Level 6 is 10^6 nodes: its 1st alias of *x5 (10^5 + ...) crosses the bound after the levels below added theirs.
    expect(formatProblem(p)).to.match(
      /^bomb\.yaml:8:\d+: expanding the aliases up to \*x5 makes the document more than 1,000,000 nodes and characters larger/,
    );
  });

  it("the bound is on the expansion: just under it loads, just over it does not", () => {
    // One anchored text of 999 characters (1000 with its node) aliased n times adds 1000 per alias.
    const doc = (n: number): string =>
      [
        "version: 1",
        `x: &big "${"a".repeat(999)}"`,
        `y: [${Array.from({ length: n }, () => "*big").join(", ")}]`,
        "associations: []",
        "",
      ].join("\n");
    const allowed = MAX_ALIAS_EXPANSION / 1000;
    const under = loadDocumentText(doc(allowed), "under.yaml");
    // Under the bound the only problems are the unknown properties x and y, not the aliases.
    expect(under.problems.map((p) => p.message)).to.deep.equal([
      "x: unknown property; allowed here: version, associations",
      "y: unknown property; allowed here: version, associations",
    ]);
    const over = loadDocumentText(doc(allowed + 1), "over.yaml");
    expect(over.problems.map((p) => [p.line, p.message.slice(0, 38)])).to.deep.equal([
      [3, "expanding the aliases up to *big makes"],
    ]);
  });

  it("an unknown anchor and an alias inside its own anchor are refused with their position", () => {
    const unknown = loadDocumentText("version: 1\nassociations:\n  - from: contacts\n    to: *company\n", "u.yaml");
    expect(unknown.problems.map(formatProblem)).to.deep.equal([
      'u.yaml:4:9: unknown anchor "*company": an alias needs an anchor &company before it',
    ]);
    const loop = loadDocumentText("version: 1\nassociations: &a\n  - *a\n", "loop.yaml");
    expect(loop.problems.map(formatProblem)).to.deep.equal([
      "loop.yaml:3:5: the alias *a is inside the node it refers to, which would make it infinite",
    ]);
  });

  it("an anchor redefined later: each alias takes the last one before it, as YAML says", () => {
    const r = loadDocumentText(
      [
        "version: 1",
        "associations:",
        "  - { from: contacts, to: companies, maxToObjectIds: &n 2 }",
        "  - { from: companies, to: contacts, maxToObjectIds: *n }",
        "  - { from: contacts, to: deals, maxToObjectIds: &n 7 }",
        "  - { from: deals, to: contacts, maxToObjectIds: *n }",
        "",
      ].join("\n"),
      "redef.yaml",
    );
    expect(r.problems).to.deep.equal([]);
    expect(r.document?.associations.map((p) => p.maxToObjectIds)).to.deep.equal([2, 2, 7, 7]);
  });
});
