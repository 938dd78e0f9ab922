// `validate --portal`: what only a portal can tell about a document that passed every offline rule. Each custom
// object reference (a name, `p_<name>`, a fully qualified name, or an id) must be one of the portal's custom objects;
// an unknown one is reported with the objects that exist, as the provider's check reports it. Then the offline rules
// run again with every custom object spelled by its name: two spellings the loader could not match (`cars` and its
// id `2-123`) are one object in this portal, so a pair declared under both, or a label name used under both, is
// caught here rather than by HubSpot in the middle of `pulumi up`.
import * as fs from "fs";
import { CustomObjectSchema, ObjectTypeRef, parseObjectTypeRef } from "../../../model";
import { AssociationSchemaDocument, DocumentProblem } from "../../../sdk/document";
import { Finding, formatPath, PathSegment, problemMessage, sortProblems } from "../../../sdk/document/problems";
import { semanticFindings } from "../../../sdk/document/rules";
import { decodeUtf8 } from "../../../sdk/document/utf8";
import { parseYaml, Position } from "../../../sdk/document/yaml-source";
import { documentName, isCustomReference, matchCustomReference } from "../custom-objects";

/** One `from` or `to` of a document that names a custom object. */
export interface CustomReference {
  path: PathSegment[];
  /** As written. */
  value: string;
  ref: ObjectTypeRef;
}

export function customReferences(doc: AssociationSchemaDocument): CustomReference[] {
  const refs: CustomReference[] = [];
  doc.associations.forEach((pair, index) => {
    for (const side of ["from", "to"] as const) {
      const parsed = parseObjectTypeRef(pair[side]);
      if (parsed.ok && isCustomReference(parsed.ref))
        refs.push({ path: ["associations", index, side], value: pair[side], ref: parsed.ref });
    }
  });
  return refs;
}

export interface PortalCheck {
  problems: DocumentProblem[];
  /** `cars = 2-123`, once per spelling, in document order: what the references are in this portal. */
  resolved: string[];
}

/** Checks a loaded document's custom object references against one portal's schemas (read by the caller, once). */
export function checkAgainstPortal(
  file: string,
  doc: AssociationSchemaDocument,
  schemas: readonly CustomObjectSchema[],
): PortalCheck {
  const findings: Finding[] = [];
  const resolved = new Set<string>();
  const renamed = new Map<string, string>();
  const spelledByName: AssociationSchemaDocument = structuredClone(doc);
  for (const r of customReferences(doc)) {
    const match = matchCustomReference(r.ref, schemas);
    if (!match.ok) {
      findings.push({ path: r.path, reason: match.reason });
      continue;
    }
    resolved.add(`${r.value} = ${match.id}`);
    const schema = schemas.find((s) => s.objectTypeId === match.id) as CustomObjectSchema;
    const name = documentName(schema);
    if (name.toLowerCase() !== r.value.trim().toLowerCase()) renamed.set(r.value, `${r.value} is ${name}`);
    const [, index, side] = r.path as ["associations", number, "from" | "to"];
    const association = spelledByName.associations[index];
    if (association === undefined)
      throw new Error(`internal: ${r.path.join(".")} is not in the document it was found in`);
    association[side] = name;
  }
  // The document passed these rules as written; whatever they find now comes from spellings that meet in this portal.
  const note = renamed.size > 0 ? ` (in this portal ${[...renamed.values()].join(", ")})` : "";
  for (const f of semanticFindings(spelledByName)) findings.push({ ...f, reason: f.reason + note });
  return { problems: locateFindings(file, findings), resolved: [...resolved] };
}

/** FILE:LINE:COL for each finding, from the file's text (the loader keeps no positions); line 0 if it cannot be read again. */
function locateFindings(file: string, findings: Finding[]): DocumentProblem[] {
  if (findings.length === 0) return [];
  let locate = (_f: Finding): Position => ({ line: 0, col: 0 });
  try {
    const decoded = decodeUtf8(fs.readFileSync(file));
    if (decoded.ok) locate = parseYaml(decoded.text).locate;
  } catch {
    // Read a moment ago by the loader; if it is gone now, the problems are still reported, without a position.
  }
  return sortProblems(
    findings.map((f) => ({ file, ...locate(f), path: formatPath(f.path), message: problemMessage(f.path, f.reason) })),
  );
}
