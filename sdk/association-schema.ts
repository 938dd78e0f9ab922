// AssociationSchema: a YAML document (or an already-parsed one) applied as one AssociationLabel per label and one
// AssociationLimits per directed pair that declares limits or owns them (`exclusiveLimits`). Child names derive
// from stable keys -- the pair's object type keys and the label's internal name -- so reordering or reformatting
// the file, or spelling `contact` as `contacts` or `0-1`, changes nothing in a preview. A custom object named by
// its name has the key `p_<name>` whichever way it is spelled; by id, its id (the two cannot be matched offline).
import * as pulumi from "@pulumi/pulumi";
import { pairKey } from "../model";
import { AssociationLabel } from "./association-label";
import { AssociationLimitEntry, AssociationLimits } from "./association-limits";
import {
  AssociationSchemaDocument,
  formatProblem,
  LoadResult,
  loadDocumentFile,
  validateDocumentObject,
} from "./document";
import { objectTypeSide } from "./document/object-type-key";

export interface AssociationSchemaArgs {
  /** Path to a `hubspot-associations.yaml` document, relative to the program's working directory. */
  file?: string;
  /** An already-parsed document (validated the same way as a file). */
  document?: AssociationSchemaDocument;
}

/** The key of an object type the loader already accepted. */
function key(value: string): string {
  const r = objectTypeSide(value);
  if (!r.ok) throw new pulumi.RunError(r.reason); // unreachable after validation; kept for a clear message
  return r.side.key;
}

interface PairLimits {
  from: string;
  to: string;
  /** Each entry with a key that orders it the same however the document is ordered. */
  list: { order: string; entry: AssociationLimitEntry }[];
  exclusive: boolean;
}

export class AssociationSchema extends pulumi.ComponentResource {
  /** The labels, keyed `<from>/<to>/<name>` (object type ids, or `p_<name>` for custom objects given by name). */
  public readonly labels: Record<string, AssociationLabel> = {};
  /** The limits, keyed `<from>/<to>`. */
  public readonly limits: Record<string, AssociationLimits> = {};
  /** Type ids HubSpot assigned, keyed like `labels`. */
  public readonly typeIds: pulumi.Output<Record<string, number>>;

  constructor(name: string, args: AssociationSchemaArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered: a bad document fails the program with its problems and nothing else.
    const doc = loadArgs(args);
    super("hubspot:index:AssociationSchema", name, {}, opts);

    // Limit entries per directed pair; a label's to -> from half belongs to the reverse pair.
    const pairs = new Map<string, PairLimits>();
    const limitsOf = (from: string, to: string): PairLimits => {
      const k = pairKey(from, to);
      let e = pairs.get(k);
      if (!e) pairs.set(k, (e = { from, to, list: [], exclusive: false }));
      return e;
    };

    for (const pair of doc.associations) {
      const from = key(pair.from);
      const to = key(pair.to);
      const own = limitsOf(from, to);
      if (pair.exclusiveLimits === true) own.exclusive = true;
      if (pair.maxToObjectIds !== undefined)
        own.list.push({ order: "0", entry: { unlabeled: true, maxToObjectIds: pair.maxToObjectIds } });
      for (const l of pair.labels ?? []) {
        const labelKey = `${from}/${to}/${l.name}`;
        const label = new AssociationLabel(
          `${name}/${labelKey}`,
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
        this.labels[labelKey] = label;
        if (l.maxToObjectIds !== undefined) {
          own.list.push({
            order: `1 ${labelKey} 1`,
            entry: { typeId: label.typeId, maxToObjectIds: l.maxToObjectIds, category: "USER_DEFINED" },
          });
        }
        // The other half: a paired label's inverse, or a single cross-object label's reverse half (same text).
        if (l.inverseMaxToObjectIds !== undefined) {
          const entry: AssociationLimitEntry = {
            typeId: label.inverseTypeId,
            maxToObjectIds: l.inverseMaxToObjectIds,
            category: "USER_DEFINED",
          };
          limitsOf(to, from).list.push({ order: `1 ${labelKey} 2`, entry });
        }
      }
      for (const lim of pair.limits ?? []) {
        own.list.push(
          lim.typeId !== undefined
            ? {
                order: `2 id ${String(lim.typeId).padStart(12, "0")}`,
                entry: { typeId: lim.typeId, maxToObjectIds: lim.maxToObjectIds, category: "HUBSPOT_DEFINED" },
              }
            : {
                order: `2 text ${lim.label ?? ""}`,
                entry: { label: lim.label, maxToObjectIds: lim.maxToObjectIds, category: "HUBSPOT_DEFINED" },
              },
        );
      }
    }

    for (const [k, e] of pairs) {
      if (e.list.length === 0 && !e.exclusive) continue;
      // Spell the pair as the document does when it declares it, else by its key (an id, or p_<name>).
      const declared = doc.associations.find((p) => key(p.from) === e.from && key(p.to) === e.to);
      this.limits[k] = new AssociationLimits(
        `${name}/${k}/limits`,
        {
          fromObjectType: declared?.from ?? e.from,
          toObjectType: declared?.to ?? e.to,
          limits: [...e.list].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map((x) => x.entry),
          ...(e.exclusive ? { exclusive: true } : {}),
        },
        { parent: this },
      );
    }

    this.typeIds = pulumi.all(Object.fromEntries(Object.entries(this.labels).map(([k, l]) => [k, l.typeId])));
    this.registerOutputs({ typeIds: this.typeIds });
  }
}

/** The document, or a RunError: the program host prints its message, the problems, without a stack trace. */
function loadArgs(args: AssociationSchemaArgs): AssociationSchemaDocument {
  if ((args.file === undefined) === (args.document === undefined)) {
    throw new pulumi.RunError(
      "AssociationSchema: give exactly one of `file` (a path to hubspot-associations.yaml) or `document`",
    );
  }
  const result: LoadResult =
    args.file !== undefined
      ? loadDocumentFile(args.file)
      : validateDocumentObject(args.document, "AssociationSchema document");
  if (!result.document) throw new pulumi.RunError(result.problems.map(formatProblem).join("\n"));
  return result.document;
}
