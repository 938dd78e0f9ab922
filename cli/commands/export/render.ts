// The exported file's text: the editor's schema line, a header that says where the data came from and how the
// parts HubSpot does not return were chosen, then the document.
import { stringify } from "yaml";
import { AssociationSchemaDocument } from "../../../sdk/document";
import { EXPORT_HEURISTICS } from "./build-document";

export interface ExportHeader {
  schemaUrl: string;
  portalId: number;
  /** YYYY-MM-DD */
  date: string;
  objectTypes: string[];
  /** `cars = 2-123` per custom object: the document names it, this portal's id is said once, here. */
  customObjects: string[];
  /** Limits the document could not express, one line each. */
  skipped: string[];
}

export function renderExport(doc: AssociationSchemaDocument, h: ExportHeader): string {
  const header = [
    `# yaml-language-server: $schema=${h.schemaUrl}`,
    "#",
    `# Exported by \`hubspot-associations export\` from HubSpot portal ${h.portalId} on ${h.date},`,
    `# object types: ${h.objectTypes.join(", ")}.`,
    ...(h.customObjects.length > 0
      ? [`# Custom objects are named by their name, the same in every portal; here ${h.customObjects.join(", ")}.`]
      : []),
    "# Every user-defined label carries adoptTypeId: the first `pulumi up` takes it over instead of creating it.",
    "#",
    ...EXPORT_HEURISTICS.map((l) => (l === "" ? "#" : `# ${l}`)),
    ...(h.skipped.length > 0
      ? [
          "#",
          "# Not in this document (nothing declares them, so `pulumi up` leaves them as they are):",
          ...h.skipped.map((s) => `#   ${s}`),
        ]
      : []),
  ].join("\n");
  return `${header}\n${stringify(doc, { lineWidth: 0 })}`;
}
