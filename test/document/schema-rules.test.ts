// schema.json states HubSpot's text and limit rules for editors and for ajv; model/text-rules.ts states them for the
// provider. The two must say the same thing, and ajv must count lengths the way textLength does.
import { expect } from "chai";
import { MAX_LIMIT, MAX_TEXT_LENGTH, MIN_LIMIT, NAME_PATTERN, textLength } from "../../model";
import { formatProblem, loadDocumentText } from "../../sdk/document";
import { documentSchema, JsonSchemaNode } from "../../sdk/document/schema-file";

const defs = (): Record<string, JsonSchemaNode> => documentSchema().$defs ?? {};
const prop = (def: string, name: string): JsonSchemaNode => {
  const node = defs()[def]?.properties?.[name];
  if (!node) throw new Error(`schema.json has no $defs.${def}.properties.${name}`);
  return node;
};

describe("schema.json agrees with model/text-rules.ts", () => {
  it("the internal name pattern is NAME_PATTERN", () => {
    expect(prop("label", "name").pattern).to.equal(NAME_PATTERN.source);
  });

  it("every text has maxLength MAX_TEXT_LENGTH", () => {
    for (const [def, name] of [
      ["label", "name"],
      ["label", "label"],
      ["label", "inverseLabel"],
      ["hubspotDefinedLimit", "label"],
    ] as const) {
      expect(prop(def, name).maxLength, `${def}.${name}`).to.equal(MAX_TEXT_LENGTH);
    }
  });

  it("maxToObjectIds is MIN_LIMIT..MAX_LIMIT", () => {
    const limit = defs().maxToObjectIds;
    expect([limit?.minimum, limit?.maximum]).to.deep.equal([MIN_LIMIT, MAX_LIMIT]);
  });
});

describe("text lengths are counted in UTF-16 code units, as the provider counts them", () => {
  const doc = (label: string): string =>
    [
      "version: 1",
      "associations:",
      "  - from: contacts",
      "    to: companies",
      "    labels:",
      "      - name: emoji",
      `        label: "${label}"`,
      "",
    ].join("\n");

  it("60 emoji (120 code units) are refused", () => {
    const text = "😀".repeat(60);
    expect(textLength(text)).to.equal(120);
    const r = loadDocumentText(doc(text), "e.yaml");
    expect(r.problems.map(formatProblem)).to.deep.equal([
      "e.yaml:7:16: associations[0].labels[0].label: must be at most 100 characters, got 120 (counted in UTF-16 code units, as HubSpot may count: an emoji counts 2)",
    ]);
  });

  it("50 emoji (100 code units) and 100 accented letters are accepted", () => {
    expect(loadDocumentText(doc("😀".repeat(50)), "e.yaml").problems).to.deep.equal([]);
    expect(loadDocumentText(doc("é".repeat(100)), "e.yaml").problems).to.deep.equal([]);
  });
});
