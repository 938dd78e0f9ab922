// A problem found in a document, and how it is printed: `FILE:LINE:COL: message`, the form editors, CI annotators
// and compilers share, so a terminal or a CI log can jump to the spot.

/** One step of a property path: a mapping key or a list index. */
export type PathSegment = string | number;

export interface DocumentProblem {
  file: string;
  /** 1-based; 0 when the document has no source text (validateDocumentObject). */
  line: number;
  /** 1-based; 0 when the document has no source text. */
  col: number;
  /** The property path as written in messages, e.g. `associations[0].labels[1].name`; "" for the whole document. */
  path: string;
  /** The whole message: the property path and the reason in plain words. */
  message: string;
}

/** A problem before it has a position: where it is in the data, and whether it is about the key or the value. */
export interface Finding {
  path: PathSegment[];
  reason: string;
  /** `key` points at `name:` itself (unknown or misplaced properties), `value` at what follows it. */
  at?: "key" | "value";
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["associations", 0, "labels", 1, "name"]` -> `associations[0].labels[1].name`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function problemMessage(path: readonly PathSegment[], reason: string): string {
  const p = formatPath(path);
  return p === "" ? reason : `${p}: ${reason}`;
}

export function formatProblem(p: DocumentProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.col}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** By position, then text, without exact duplicates (two rules may say the same thing about one node). */
export function sortProblems(problems: DocumentProblem[]): DocumentProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message))
    .filter((p) => {
      const key = formatProblem(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Thrown by callers that need a valid document (the AssociationSchema component); its message lists every problem. */
export class DocumentError extends Error {
  readonly problems: readonly DocumentProblem[];

  constructor(problems: readonly DocumentProblem[]) {
    const file = problems[0]?.file ?? "document";
    const n = problems.length;
    super(`${file}: ${n} problem${n === 1 ? "" : "s"}\n${problems.map(formatProblem).join("\n")}`);
    this.name = "DocumentError";
    this.problems = problems;
  }
}
