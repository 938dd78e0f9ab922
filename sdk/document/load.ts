// Loading a hubspot-associations.yaml: YAML with positions -> schema.json (ajv, all errors) -> the rules beyond
// the schema. Every problem carries FILE:LINE:COL of the node to fix; all of them are collected, in file order.
import { errorMessage } from "../../model";
import * as fs from "fs";
import { DocumentError, DocumentProblem, Finding, formatPath, problemMessage, sortProblems } from "./problems";
import { schemaFindings } from "./schema-validation";
import { semanticFindings } from "./rules";
import { AssociationSchemaDocument } from "./types.generated";
import { decodeUtf8 } from "./utf8";
import { parseYaml, Position } from "./yaml-source";

export interface LoadResult {
  /** Present exactly when there are no problems. */
  document?: AssociationSchemaDocument;
  problems: DocumentProblem[];
}

function checkData(data: unknown, file: string, locate: (f: Finding) => Position | undefined): LoadResult {
  const findings = [...schemaFindings(data), ...semanticFindings(data)];
  const problems = sortProblems(
    findings.map((f) => {
      const pos = locate(f) ?? { line: 0, col: 0 };
      return {
        file,
        line: pos.line,
        col: pos.col,
        path: formatPath(f.path),
        message: problemMessage(f.path, f.reason),
      };
    }),
  );
  return problems.length === 0 ? { document: data as AssociationSchemaDocument, problems } : { problems };
}

/** Checks already-parsed data (a program may build the document in code). Problems have no line or column. */
export function validateDocumentObject(obj: unknown, fileName = "document"): LoadResult {
  return checkData(obj, fileName, () => undefined);
}

export function loadDocumentText(text: string, fileName: string): LoadResult {
  const parsed = parseYaml(text);
  const yamlProblems: DocumentProblem[] = parsed.syntax.map((s) => ({
    file: fileName,
    ...s.position,
    path: "",
    message: s.reason,
  }));
  if (parsed.data === undefined) return { problems: sortProblems(yamlProblems) };
  const checked = checkData(parsed.data, fileName, parsed.locate);
  const problems = sortProblems([...yamlProblems, ...checked.problems]);
  return problems.length === 0 ? checked : { problems };
}

/** Reads and checks a file; an unreadable file, or one that is not UTF-8, is one problem rather than an exception. */
export function loadDocumentFile(path: string): LoadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `cannot read: ${errorMessage(e)}`;
    return { problems: [{ file: path, line: 0, col: 0, path: "", message: reason }] };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { problems: [{ file: path, ...decoded.position, path: "", message: decoded.reason }] };
  return loadDocumentText(decoded.text, path);
}

/** The document or a DocumentError listing every problem (for callers that cannot go on without one). */
export function requireDocument(result: LoadResult): AssociationSchemaDocument {
  if (!result.document) throw new DocumentError(result.problems);
  return result.document;
}

export interface DocumentCounts {
  pairs: number;
  labels: number;
  /** Every custom limit the document sets: unlabeled, per label (both directions) and HubSpot-defined. */
  limits: number;
}

export function countDocument(doc: AssociationSchemaDocument): DocumentCounts {
  let labels = 0;
  let limits = 0;
  for (const pair of doc.associations) {
    if (pair.maxToObjectIds !== undefined) limits++;
    for (const l of pair.labels ?? []) {
      labels++;
      if (l.maxToObjectIds !== undefined) limits++;
      if (l.inverseMaxToObjectIds !== undefined) limits++;
    }
    limits += (pair.limits ?? []).length;
  }
  return { pairs: doc.associations.length, labels, limits };
}
