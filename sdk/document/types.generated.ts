// GENERATED from schema.json by sdk/document/generate-types.ts. Do not edit by hand:
// edit schema.json, then run  npm run build && node dist/sdk/document/generate-types.js

/** HubSpot association labels and limits as code (hubspot-associations.yaml). Applied by the AssociationSchema component; checked offline by `hubspot-associations validate`. */
export interface AssociationSchemaDocument {
  /** Format version of this document. Always 1. */
  version: 1;
  /** One entry per directed object pair (from -> to). Each pair may appear once; its reverse is a separate entry. */
  associations: AssociationPair[];
}

/** A HubSpot object type: a standard name like `contacts` (or `contact`) or id like `0-1`; a custom object's id like `2-123`, its name (`cars`), `p_cars`, or its fully qualified name (`p123_cars`). Names are case-insensitive. Prefer a custom object's name: its id and fully qualified name differ between portals. */
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
  /** The user-defined labels of this pair: at most 50 per object pair, this pair and its reverse together, a paired label counting once. Labels not listed here are left alone unless they were managed before. */
  labels?: AssociationLabelEntry[];
  /** Limits on HubSpot-defined association types of this pair (e.g. `Primary`). A user-defined label's limit is set on the label (`maxToObjectIds`, `inverseMaxToObjectIds`), the unlabeled type's on the pair (`maxToObjectIds`). */
  limits?: HubSpotDefinedLimit[];
  /** Own every custom limit of this direction (from -> to): limits set at HubSpot but not declared in this document for it are removed, also when none is declared. Default false: only limits this document declared before are ever removed. */
  exclusiveLimits?: boolean;
}

/** One user-defined association label: single (only `label`) or paired (`label` and `inverseLabel`). */
export interface AssociationLabelEntry {
  /** Internal name, unique on the pair and its reverse, compared case-insensitively as HubSpot does; not the name of the pair's unlabeled association (`contact_to_company`). Letters, digits and underscore; no leading digit; at most 100 characters. Changing it replaces the label (HubSpot removes a replaced label from every record). */
  name: string;
  /** Display text, from -> to; at most 100 characters, counted in UTF-16 code units (an emoji counts 2). Changes in place. */
  label: string;
  /** Display text of the other direction, to -> from; at most 100 characters. Makes the label paired; adding or removing it replaces the label. */
  inverseLabel?: string;
  /** Limit on this label, from -> to (1..10000); at most the pair's unlabeled `maxToObjectIds` when that is set. */
  maxToObjectIds?: MaxToObjectIds;
  /** Limit on the label's to -> from half (1..10000): the inverse label of a paired label, or the reverse half of a single label between two different object types (HubSpot creates a single label in both directions). Not on a single label of a same-object pair, whose one type serves both directions. At most the reverse pair's unlabeled `maxToObjectIds` when that is set. */
  inverseMaxToObjectIds?: MaxToObjectIds;
  /** Take over the existing label with this typeId instead of creating one (written by `hubspot-associations export`). */
  adoptTypeId?: number;
}

/** A limit on a HubSpot-defined association type of the pair, named by exactly one of `label` or `typeId`. Only HubSpot-defined types of this directed pair are accepted; `validate` lists them. */
export interface HubSpotDefinedLimit {
  /** The HubSpot-defined type's label text within the pair, exactly as HubSpot writes it, e.g. `Primary`. */
  label?: string;
  /** The HubSpot-defined type's id within the pair, e.g. 1 (Primary company of a contact). */
  typeId?: number;
  /** Limit on this association type, from -> to (1..10000); at most the pair's unlabeled `maxToObjectIds` when that is set. */
  maxToObjectIds: MaxToObjectIds;
}
