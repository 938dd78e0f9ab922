// GENERATED from schema.json by sdk/document/generate-types.ts. Do not edit by hand:
// edit schema.json, then run  npx tsc -p tsconfig.json && node dist/sdk/document/generate-types.js

/** HubSpot association labels and limits as code (hubspot-associations.yaml). Applied by the AssociationSchema component; checked offline by `hubspot-associations validate`. */
export interface AssociationSchemaDocument {
  /** Format version of this document. Always 1. */
  version: 1;
  /** One entry per directed object pair (from -> to). Each pair may appear once; its reverse is a separate entry. */
  associations: AssociationPair[];
}

/** A HubSpot object type: a name like `contacts` (or `contact`), an id like `0-1`, or a custom object id like `2-123`. */
export type ObjectType = string;

/** How many records of the `to` type one `from` record may be associated with through this association type (1..10000). */
export type MaxToObjectIds = number;

/** The labels and limits of one directed object pair. */
export interface AssociationPair {
  /** The object type associations start from, e.g. `contacts`. */
  from: ObjectType;
  /** The object type associations point to, e.g. `companies`. */
  to: ObjectType;
  /** Limit on the pair's unlabeled association type, from -> to (1..10000). Label limits of this direction may not exceed it. Omit for no custom limit. */
  maxToObjectIds?: MaxToObjectIds;
  /** The user-defined labels of this pair. Labels not listed here are left alone unless they were managed before. */
  labels?: AssociationLabelEntry[];
  /** Limits on HubSpot-defined labelled association types of this pair (e.g. `Primary`). */
  limits?: HubSpotDefinedLimit[];
}

/** One user-defined association label: single (only `label`) or paired (`label` and `inverseLabel`). */
export interface AssociationLabelEntry {
  /** Internal name, unique on the pair and its reverse. Letters, digits and underscore; no leading digit. Changing it replaces the label (HubSpot removes a replaced label from every record). */
  name: string;
  /** Display text, from -> to. Changes in place. */
  label: string;
  /** Display text of the other direction, to -> from. Makes the label paired; adding or removing it replaces the label. */
  inverseLabel?: string;
  /** Limit on this label, from -> to (1..10000); at most the pair's unlabeled `maxToObjectIds` when that is set. */
  maxToObjectIds?: MaxToObjectIds;
  /** Limit on the inverse label, to -> from (1..10000); needs `inverseLabel`; at most the reverse pair's unlabeled `maxToObjectIds` when that is set. */
  inverseMaxToObjectIds?: MaxToObjectIds;
  /** Take over the existing label with this typeId instead of creating one (written by `hubspot-associations export`). */
  adoptTypeId?: number;
}

/** A limit on a HubSpot-defined labelled association type of the pair, named by exactly one of `label` or `typeId`. */
export interface HubSpotDefinedLimit {
  /** The association type's label text within the pair, e.g. `Primary`. */
  label?: string;
  /** The association type's id, e.g. 1 (Primary company of a contact). */
  typeId?: number;
  /** Limit on this association type, from -> to (1..10000); at most the pair's unlabeled `maxToObjectIds` when that is set. */
  maxToObjectIds: MaxToObjectIds;
}
