// Checks the data against schema.json with ajv and turns each ajv error into a Finding whose reason a person
// can act on: "must be between 1 and 10000, got 0" rather than "must be <= 10000".
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import { textLength } from "../../model";
import { documentSchema, JsonSchemaNode } from "./schema-file";
import { Finding, PathSegment } from "./problems";
import { closest } from "../../model/spelling";

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strictRequired off: oneOf branches name properties declared beside them, as JSON Schema intends.
    // unicode off: maxLength counts UTF-16 code units, as model/text-rules.ts's textLength does (ajv counts code
    // points otherwise), so a text validate accepts is one the provider accepts. ajv calls the option deprecated
    // but it is its only switch for this; its one warning about it is dropped so that every load stays quiet.
    const logger = {
      log: (...args: unknown[]) => console.log(...args),
      warn: (...args: unknown[]) => {
        if (!String(args[0]).startsWith("DEPRECATED: option unicode")) console.warn(...args);
      },
      error: (...args: unknown[]) => console.error(...args),
    };
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      unicode: false,
      logger,
    });
    // An annotation VS Code's and yaml-language-server's JSON support show for a failed pattern; we show it too.
    ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
    compiled = ajv.compile(documentSchema());
  }
  return compiled;
}

/** `/associations/0/labels` -> `["associations", 0, "labels"]` (JSON pointer, RFC 6901 escapes). */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** What a value is, in words: "text", "a list", "a mapping", ... */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return "nothing (null)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return String(v);
  return "a mapping";
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
};

function findingFor(e: ErrorObject): Finding | undefined {
  const path = pointerToPath(e.instancePath);
  const parent = (e.parentSchema ?? {}) as JsonSchemaNode;
  const data: unknown = e.data;
  switch (e.keyword) {
    case "required": {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { path, reason: `missing required property "${missing}"` };
    }
    case "additionalProperties": {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const hint = closest(extra, allowed);
      return {
        path: [...path, extra],
        at: "key",
        reason: `unknown property${hint ? ` (did you mean "${hint}"?)` : ""}; allowed here: ${allowed.join(", ")}`,
      };
    }
    case "type": {
      const expected = String((e.params as { type: string }).type);
      return { path, reason: `must be ${TYPE_WORDS[expected] ?? expected}, got ${describeValue(data)}` };
    }
    case "minimum":
    case "maximum":
      if (parent.minimum !== undefined && parent.maximum !== undefined) {
        return { path, reason: `must be between ${parent.minimum} and ${parent.maximum}, got ${describeValue(data)}` };
      }
      return {
        path,
        reason: `must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(e.schema)}, got ${describeValue(data)}`,
      };
    case "minLength":
      return {
        path,
        reason: Number(e.schema) === 1 ? "must not be empty" : `must be at least ${String(e.schema)} characters`,
      };
    case "maxLength": {
      if (typeof data !== "string") return { path, reason: `must be at most ${String(e.schema)} characters` };
      const units = textLength(data);
      const wide =
        units !== [...data].length ? " (counted in UTF-16 code units, as HubSpot may count: an emoji counts 2)" : "";
      return { path, reason: `must be at most ${String(e.schema)} characters, got ${units}${wide}` };
    }
    case "pattern":
      if (parent.patternErrorMessage && String(e.schema) === "\\S") return { path, reason: parent.patternErrorMessage };
      return {
        path,
        reason: `must match ${String(e.schema)}${parent.patternErrorMessage ? ` (${parent.patternErrorMessage})` : ""}, got ${describeValue(data)}`,
      };
    case "const":
      if (path.length === 1 && path[0] === "version") {
        return {
          path,
          reason: `unsupported version ${describeValue(data)}: this tool reads \`version: ${JSON.stringify(e.schema)}\``,
        };
      }
      return { path, reason: `must be ${JSON.stringify(e.schema)}, got ${describeValue(data)}` };
    case "enum":
      return {
        path,
        reason: `must be one of ${(e.schema as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(data)}`,
      };
    case "oneOf": {
      const names = (parent.oneOf ?? []).flatMap((b) => b.required ?? []);
      const given = names.filter((n) => data !== null && typeof data === "object" && n in data);
      const which = names.map((n) => `"${n}"`).join(" or ");
      return {
        path,
        reason: given.length > 1 ? `give either ${which}, not both` : `needs ${which} to name the association type`,
      };
    }
    default:
      return { path, reason: e.message ?? `fails ${e.keyword}` };
  }
}

/** Every schema violation in the data, as findings (none when it is valid). */
export function schemaFindings(data: unknown): Finding[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // The branches of a oneOf each report their own failure; the oneOf error says it better, alone.
  const relevant = errors.filter((e) => !/\/oneOf\/\d+\//.test(e.schemaPath));
  // An empty label fails both minLength and the not-blank pattern; one message is enough.
  const tooShort = new Set(relevant.filter((e) => e.keyword === "minLength").map((e) => e.instancePath));
  return relevant
    .filter((e) => !(e.keyword === "pattern" && tooShort.has(e.instancePath)))
    .map(findingFor)
    .filter((f): f is Finding => f !== undefined);
}
