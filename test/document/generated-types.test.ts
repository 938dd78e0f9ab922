// schema.json is the one source of the document's shape: the committed TypeScript types must be what the
// generator makes of it today.
import { expect } from "chai";
import * as fs from "fs";
import { documentSchema } from "../../sdk/document/schema-file";
import { generateDocumentTypes, generatedTypesPath } from "../../sdk/document/generate-types";

describe("document types generated from schema.json", () => {
  it("sdk/document/types.generated.ts is up to date (regenerate: node dist/sdk/document/generate-types.js)", () => {
    expect(fs.readFileSync(generatedTypesPath(), "utf8")).to.equal(generateDocumentTypes(documentSchema()));
  });

  it("every property in schema.json has a description an editor can show", () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== "object") return;
      const n = node as { properties?: Record<string, { description?: string }>; $defs?: Record<string, unknown> };
      for (const [k, v] of Object.entries(n.properties ?? {})) {
        if (!v.description) missing.push(`${where}.${k}`);
        walk(v, `${where}.${k}`);
      }
      for (const [k, v] of Object.entries(n.$defs ?? {})) walk(v, `$defs.${k}`);
    };
    walk(documentSchema(), "");
    expect(missing).to.deep.equal([]);
  });
});
