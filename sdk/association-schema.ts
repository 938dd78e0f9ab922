// AssociationSchema: a YAML document (or an already-parsed one) applied as one AssociationLabel per label and one
// AssociationLimits per directed pair that declares limits. Child names derive from stable keys -- the object type
// ids of the pair and the label's internal name -- so reordering or reformatting the file, or spelling `contact`
// as `contacts` or `0-1`, changes nothing in a preview.
import * as pulumi from "@pulumi/pulumi";
import { pairKey, resolveObjectType } from "../model";
import { AssociationLabel } from "./association-label";
import { AssociationLimitEntry, AssociationLimits } from "./association-limits";
import { AssociationSchemaDocument, loadDocumentFile, requireDocument, validateDocumentObject } from "./document";

export interface AssociationSchemaArgs {
  /** Path to a `hubspot-associations.yaml` document, relative to the program's working directory. */
  file?: string;
  /** An already-parsed document (validated the same way as a file). */
  document?: AssociationSchemaDocument;
}

/** Resolves an object type the loader already validated. */
function typeId(value: string): string {
  const r = resolveObjectType(value);
  if (!r.ok) throw new Error(r.reason); // unreachable after validation; kept for a clear message
  return r.id;
}

export class AssociationSchema extends pulumi.ComponentResource {
  /** The labels, keyed `<fromObjectTypeId>/<toObjectTypeId>/<name>`. */
  public readonly labels: Record<string, AssociationLabel> = {};
  /** The limits, keyed `<fromObjectTypeId>/<toObjectTypeId>`. */
  public readonly limits: Record<string, AssociationLimits> = {};
  /** Type ids HubSpot assigned, keyed like `labels`. */
  public readonly typeIds: pulumi.Output<Record<string, number>>;

  constructor(name: string, args: AssociationSchemaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hubspot:index:AssociationSchema", name, {}, opts);
    const doc = loadArgs(args);

    // Limit entries per directed pair; a paired label's inverse limit belongs to the reverse pair.
    const entries = new Map<string, { from: string; to: string; list: AssociationLimitEntry[] }>();
    const limitsOf = (from: string, to: string): AssociationLimitEntry[] => {
      const key = pairKey(from, to);
      let e = entries.get(key);
      if (!e) entries.set(key, (e = { from, to, list: [] }));
      return e.list;
    };

    for (const pair of doc.associations) {
      const from = typeId(pair.from);
      const to = typeId(pair.to);
      if (pair.maxToObjectIds !== undefined) limitsOf(from, to).push({ unlabeled: true, maxToObjectIds: pair.maxToObjectIds });
      for (const l of pair.labels ?? []) {
        const key = `${from}/${to}/${l.name}`;
        const label = new AssociationLabel(
          `${name}/${key}`,
          {
            fromObjectType: pair.from,
            toObjectType: pair.to,
            name: l.name,
            label: l.label,
            inverseLabel: l.inverseLabel,
            adoptTypeId: l.adoptTypeId,
          },
          { parent: this },
        );
        this.labels[key] = label;
        if (l.maxToObjectIds !== undefined) limitsOf(from, to).push({ typeId: label.typeId, maxToObjectIds: l.maxToObjectIds, category: "USER_DEFINED" });
        if (l.inverseMaxToObjectIds !== undefined) {
          limitsOf(to, from).push({ typeId: label.inverseTypeId, maxToObjectIds: l.inverseMaxToObjectIds, category: "USER_DEFINED" });
        }
      }
      for (const lim of pair.limits ?? []) {
        limitsOf(from, to).push(
          lim.typeId !== undefined
            ? { typeId: lim.typeId, maxToObjectIds: lim.maxToObjectIds, category: "HUBSPOT_DEFINED" }
            : { label: lim.label, maxToObjectIds: lim.maxToObjectIds },
        );
      }
    }

    for (const [key, e] of entries) {
      // Spell the pair as the document does when it declares it, else by id.
      const declared = doc.associations.find((p) => typeId(p.from) === e.from && typeId(p.to) === e.to);
      this.limits[key] = new AssociationLimits(
        `${name}/${key}/limits`,
        { fromObjectType: declared?.from ?? e.from, toObjectType: declared?.to ?? e.to, limits: e.list },
        { parent: this },
      );
    }

    const keys = Object.keys(this.labels);
    this.typeIds = pulumi.all(keys.map((k) => this.labels[k].typeId)).apply((ids) => Object.fromEntries(keys.map((k, i) => [k, ids[i]])));
    this.registerOutputs({ typeIds: this.typeIds });
  }
}

function loadArgs(args: AssociationSchemaArgs): AssociationSchemaDocument {
  if ((args.file === undefined) === (args.document === undefined)) {
    throw new Error("AssociationSchema: give exactly one of `file` (a path to hubspot-associations.yaml) or `document`");
  }
  if (args.file !== undefined) return requireDocument(loadDocumentFile(args.file));
  return requireDocument(validateDocumentObject(args.document, "AssociationSchema document"));
}
