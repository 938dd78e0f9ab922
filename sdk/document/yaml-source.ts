// Parses the YAML text keeping every node's source range, and answers "where is this property path?" so that
// schema errors (which only know a JSON pointer into the data) point at the node a person has to fix.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, YAMLError } from "yaml";
import { Finding } from "./problems";
import { checkAliases } from "./yaml-aliases";

export interface Position {
  line: number;
  col: number;
}

export interface ParsedYaml {
  /** The data (plain JS values), when the text parsed well enough to check it. */
  data?: unknown;
  /** YAML-level problems: syntax errors, duplicate keys, several documents, an empty file. */
  syntax: { position: Position; reason: string }[];
  /** Where a finding's node is; falls back to the nearest ancestor that exists, then to 1:1. */
  locate(finding: Finding): Position;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return range[0];
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed scalar is a string, number, boolean or null
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return undefined;
}

function yamlErrorReason(err: YAMLError, text: string): string {
  if (err.code === "DUPLICATE_KEY") {
    const rest = text.slice(err.pos[0]);
    const key = /^[^:\n]*/.exec(rest)?.[0].trim();
    return `duplicate key${key ? ` "${key}"` : ""}: each key may appear once in a mapping`;
  }
  // yaml's messages are already plain ("Nested mappings are not allowed in compact mappings"); drop the code.
  return `YAML syntax error: ${err.message.replace(/\s+at line \d+, column \d+.*$/s, "")}`;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const syntax: ParsedYaml["syntax"] = [];
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    // Nothing but whitespace and comments: parseAllDocuments answers with an empty stream.
    syntax.push({
      position: { line: 1, col: 1 },
      reason: "the file is empty: expected a mapping with `version: 1` and `associations`",
    });
  }
  for (const doc of list) {
    for (const err of doc.errors) syntax.push({ position: at(err.pos[0]), reason: yamlErrorReason(err, text) });
  }
  for (const extra of list.slice(1)) {
    syntax.push({
      position: at(extra.range[0]),
      reason: "a second YAML document (---): the file must hold exactly one",
    });
  }
  const doc = list[0];
  // Duplicate keys leave a usable tree (the last value wins in toJS), so keep checking; real syntax errors do not.
  const fatal = list.some((d) => d.errors.some((e) => e.code !== "DUPLICATE_KEY"));
  let data: unknown;
  const aliasProblem = doc && !fatal ? checkAliases(doc) : undefined;
  if (aliasProblem) syntax.push({ position: at(aliasProblem.offset), reason: aliasProblem.reason });
  if (doc && !fatal && !aliasProblem) {
    // checkAliases bounded what aliases expand to; the library's own count would refuse legitimate documents.
    data = doc.toJS({ maxAliasCount: -1 });
    if (data === null || data === undefined) {
      syntax.push({
        position: at(doc.range[0]),
        reason: "the document is empty: expected a mapping with `version: 1` and `associations`",
      });
      data = undefined;
    }
  }

  const locate = (finding: Finding): Position => {
    if (!doc) return { line: 1, col: 1 };
    let node: unknown = doc.contents;
    let best: number | undefined = rangeStart(node);
    const resolve = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
    for (const [i, seg] of finding.path.entries()) {
      const last = i === finding.path.length - 1;
      node = resolve(node);
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        if (last && finding.at === "key") {
          best = rangeStart(pair.key) ?? best;
          break;
        }
        // `name:` with nothing after it has no value node with a range: point at the key.
        best = rangeStart(pair.value) ?? rangeStart(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item: unknown = node.items[seg];
        if (item === undefined) break;
        best = rangeStart(item) ?? best;
        node = item;
      } else {
        break;
      }
    }
    return best === undefined ? { line: 1, col: 1 } : at(best);
  };
  return { data, syntax, locate };
}
