// README's YAML example is what users copy first: it must load, and declare what its comments say.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { countDocument, formatProblem, loadDocumentText } from "../../sdk/document";
import { defined } from "../helpers/items";

describe("README: the YAML document example", () => {
  it("loads without a problem", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## The YAML document"));
    const yaml = defined(/```yaml\n([\s\S]*?)```/.exec(section)?.[1], "a ```yaml block in README's YAML section");
    const r = loadDocumentText(yaml, "README.md");
    expect(r.problems.map(formatProblem)).to.deep.equal([]);
    expect(countDocument(r.document ?? { version: 1, associations: [] })).to.deep.equal({
      pairs: 3,
      labels: 3,
      limits: 6,
    });
  });
});
