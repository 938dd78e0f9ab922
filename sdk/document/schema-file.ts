// Where schema.json lives and its parsed content. schema.json sits at the package root, outside `sdk/`, because
// editors reference it by path (`# yaml-language-server: $schema=...`) and package.json exports it as is. It is
// read at run time rather than imported: `import` would copy it into dist/ and the package would ship two copies.
import * as fs from "fs";
import * as path from "path";

/** A JSON Schema node as far as this package reads it. */
export interface JsonSchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternErrorMessage?: string;
  $defs?: Record<string, JsonSchemaNode>;
  [key: string]: unknown;
}

let cachedPath: string | undefined;

/** Absolute path of schema.json: two levels up from sdk/document in the sources, three from dist/sdk/document. */
export function schemaFilePath(): string {
  if (cachedPath) return cachedPath;
  const candidates = [
    path.resolve(__dirname, "..", "..", "schema.json"),
    path.resolve(__dirname, "..", "..", "..", "schema.json"),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`schema.json not found (looked at ${candidates.join(", ")})`);
  cachedPath = found;
  return found;
}

let cachedSchema: JsonSchemaNode | undefined;

export function documentSchema(): JsonSchemaNode {
  if (!cachedSchema) cachedSchema = JSON.parse(fs.readFileSync(schemaFilePath(), "utf8")) as JsonSchemaNode;
  return cachedSchema;
}
