// Generates sdk/document/types.generated.ts from schema.json, so that the document's TypeScript types follow
// from the one schema instead of being written beside it. Supports the subset of JSON Schema the document uses:
// objects with properties, arrays, strings, integers, const, enum and $ref to titled $defs.
//
// Run after editing schema.json:  npm run build && node dist/sdk/document/generate-types.js
// test/document/generated-types.test.ts fails while the committed file is stale.
import * as fs from "fs";
import * as path from "path";
import { documentSchema, JsonSchemaNode, schemaFilePath } from "./schema-file";

const HEADER = `// GENERATED from schema.json by sdk/document/generate-types.ts. Do not edit by hand:
// edit schema.json, then run  npm run build && node dist/sdk/document/generate-types.js
`;

function refTarget(root: JsonSchemaNode, ref: string): JsonSchemaNode {
  const name = /^#\/\$defs\/([^/]+)$/.exec(ref)?.[1];
  const target = name !== undefined ? root.$defs?.[name] : undefined;
  if (!target) throw new Error(`unsupported $ref ${ref}`);
  return target;
}

function docComment(text: string | undefined, indent: string): string {
  if (!text) return "";
  const lines = text.split("\n");
  if (lines.length === 1) return `${indent}/** ${text} */\n`;
  return `${indent}/**\n${lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)).join("\n")}\n${indent} */\n`;
}

function typeExpression(root: JsonSchemaNode, node: JsonSchemaNode): string {
  if (node.$ref) {
    const target = refTarget(root, node.$ref);
    if (!target.title) return typeExpression(root, target);
    return target.title;
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  switch (node.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      if (!node.items) return "unknown[]";
      return `${wrapForArray(typeExpression(root, node.items))}[]`;
    case "object":
      return objectLiteral(root, node, "");
    default:
      throw new Error(`unsupported schema node ${JSON.stringify(node)}`);
  }
}

function wrapForArray(t: string): string {
  return /^[A-Za-z0-9_]+$/.test(t) ? t : `(${t})`;
}

function propertyDescription(root: JsonSchemaNode, prop: JsonSchemaNode): string | undefined {
  return prop.description ?? (prop.$ref ? refTarget(root, prop.$ref).description : undefined);
}

function objectBody(root: JsonSchemaNode, node: JsonSchemaNode, indent: string): string {
  const required = new Set(node.required ?? []);
  const lines: string[] = [];
  for (const [key, prop] of Object.entries(node.properties ?? {})) {
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
    lines.push(
      docComment(propertyDescription(root, prop), indent + "  ") +
        `${indent}  ${name}${required.has(key) ? "" : "?"}: ${typeExpression(root, prop)};\n`,
    );
  }
  return lines.join("");
}

function objectLiteral(root: JsonSchemaNode, node: JsonSchemaNode, indent: string): string {
  return `{\n${objectBody(root, node, indent)}${indent}}`;
}

function declaration(root: JsonSchemaNode, node: JsonSchemaNode): string {
  const name = node.title;
  if (!name) throw new Error("declaration needs a title");
  const doc = docComment(node.description, "");
  if (node.type === "object" && node.properties)
    return `${doc}export interface ${name} ${objectLiteral(root, node, "")}\n`;
  return `${doc}export type ${name} = ${typeExpression(root, { ...node, title: undefined })};\n`;
}

/** The TypeScript source of the document's types: the root first, then every titled $def in schema order. */
export function generateDocumentTypes(schema: JsonSchemaNode): string {
  const parts = [declaration(schema, schema)];
  for (const def of Object.values(schema.$defs ?? {})) {
    if (def.title) parts.push(declaration(schema, def));
  }
  return HEADER + "\n" + parts.join("\n");
}

/** Where the generated file is committed: the sources, even when this runs from dist/. */
export function generatedTypesPath(): string {
  return path.join(path.dirname(schemaFilePath()), "sdk", "document", "types.generated.ts");
}

if (require.main === module) {
  const out = generatedTypesPath();
  fs.writeFileSync(out, generateDocumentTypes(documentSchema()));
  process.stdout.write(`wrote ${out}\n`);
}
