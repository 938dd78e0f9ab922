// The object types an export reads: the four standard ones plus `--object-types`, where a custom object may be given
// by name (`cars`, `p_cars`, `p123_cars`) or id (`2-123`). Custom objects are resolved against the portal's schemas,
// read once and only when the list names one; the exported document then names each by its plain name, which is the
// same in every portal (see ../custom-objects.ts).
import { CustomObjectSchema, ObjectTypeRef, parseObjectTypeRef } from "../../../model";
import { documentName, isCustomReference, matchCustomReference } from "../custom-objects";

const STANDARD = ["0-1", "0-2", "0-3", "0-5"];

export type ObjectTypesFlag = { ok: true; refs: ObjectTypeRef[] } | { ok: false; reason: string };

/** `--object-types a,b,...`, checked offline: a value that can name nothing is a usage error. */
export function parseObjectTypesFlag(value: string | undefined): ObjectTypesFlag {
  const refs: ObjectTypeRef[] = [];
  for (const raw of (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    const parsed = parseObjectTypeRef(raw);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    refs.push(parsed.ref);
  }
  return { ok: true, refs };
}

export interface ExportObjectTypes {
  /** Object type ids in the order the document follows: the standard four, then the flag's, each once. */
  ids: string[];
  /** The document's name of each custom object among `ids`. */
  customNames: Map<string, string>;
}

export type ExportObjectTypesResolution = { ok: true; types: ExportObjectTypes } | { ok: false; reason: string };

export async function resolveExportObjectTypes(
  refs: readonly ObjectTypeRef[],
  readSchemas: () => Promise<readonly CustomObjectSchema[]>,
): Promise<ExportObjectTypesResolution> {
  const schemas = refs.some(isCustomReference) ? await readSchemas() : [];
  const ids = [...STANDARD];
  const customNames = new Map<string, string>();
  for (const ref of refs) {
    const match = matchCustomReference(ref, schemas);
    if (!match.ok) return { ok: false, reason: match.reason };
    if (!ids.includes(match.id)) ids.push(match.id);
    const schema = schemas.find((s) => s.objectTypeId === match.id);
    if (schema) customNames.set(match.id, documentName(schema));
  }
  return { ok: true, types: { ids, customNames } };
}
