import * as pulumi from "@pulumi/pulumi";
import limitsProvider = require("./shims/limits");

/** One limit; name the association type by exactly one of `typeId`, `label` or `unlabeled: true`. */
export interface AssociationLimitEntry {
  /** 1..10000; a label's limit may not exceed the pair's unlabeled limit. */
  maxToObjectIds: pulumi.Input<number>;
  /** A label's `typeId` output, or a HubSpot-defined type id of this pair. */
  typeId?: pulumi.Input<number | undefined>;
  /** Label text within the pair (e.g. "Primary"). */
  label?: pulumi.Input<string>;
  /** The pair's unlabeled default association type. */
  unlabeled?: pulumi.Input<boolean>;
  /**
   * Which kind of type `typeId` or `label` names: HubSpot's typeIds are unique only within a category (a user label
   * may have id 1, like HubSpot's "Primary"). AssociationSchema always sets it.
   */
  category?: pulumi.Input<"HUBSPOT_DEFINED" | "USER_DEFINED">;
}

export interface AssociationLimitsArgs {
  fromObjectType: pulumi.Input<string>;
  toObjectType: pulumi.Input<string>;
  /** The limits this resource manages. An entry it managed before and no longer lists is removed. */
  limits: pulumi.Input<pulumi.Input<AssociationLimitEntry>[]>;
  /**
   * Own the pair's whole set of custom limits: limits set at HubSpot but not listed are removed too (default false:
   * a limit this resource never listed is left alone).
   */
  exclusive?: pulumi.Input<boolean>;
}

export interface ResolvedAssociationLimit {
  category: string;
  typeId: number;
  label: string | null;
  maxToObjectIds: number;
}

/**
 * The custom limits of one directed object pair that a program manages: the entries it lists, or with `exclusive`
 * the pair's whole set. Id: `<fromObjectTypeId>/<toObjectTypeId>`.
 */
export class AssociationLimits extends pulumi.dynamic.Resource {
  declare public readonly fromObjectType: pulumi.Output<string>;
  declare public readonly toObjectType: pulumi.Output<string>;
  declare public readonly limits: pulumi.Output<AssociationLimitEntry[]>;
  declare public readonly exclusive: pulumi.Output<boolean | undefined>;
  declare public readonly fromObjectTypeId: pulumi.Output<string>;
  declare public readonly toObjectTypeId: pulumi.Output<string>;
  /** What the entries resolved to at HubSpot, sorted by typeId. */
  declare public readonly resolved: pulumi.Output<ResolvedAssociationLimit[]>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  constructor(name: string, args: AssociationLimitsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      limitsProvider,
      name,
      {
        fromObjectType: args.fromObjectType,
        toObjectType: args.toObjectType,
        limits: args.limits,
        exclusive: args.exclusive,
        fromObjectTypeId: undefined,
        toObjectTypeId: undefined,
        resolved: undefined,
        schemaVersion: undefined,
      },
      opts,
      "hubspot",
      "AssociationLimits",
    );
  }
}
