import * as pulumi from "@pulumi/pulumi";
import labelProvider = require("./shims/label");

export interface AssociationLabelArgs {
  /** Object type name (`contacts`, `contact`) or id (`0-1`, custom objects `2-123`). */
  fromObjectType: pulumi.Input<string>;
  toObjectType: pulumi.Input<string>;
  /** Internal name: letters, digits and underscore, no leading digit. Write-only at HubSpot; changing it replaces the label. */
  name: pulumi.Input<string>;
  /** Display text (from -> to). Changes in place. */
  label: pulumi.Input<string>;
  /** Display text of the inverse direction; makes the label paired. Adding or removing it replaces the label. */
  inverseLabel?: pulumi.Input<string>;
  /**
   * Take over the existing USER_DEFINED label with this typeId instead of creating one. The only way a label that
   * exists already becomes this resource's: HubSpot never returns internal names, so nothing else proves it.
   */
  adoptTypeId?: pulumi.Input<number>;
}

/** One USER_DEFINED HubSpot association label, single or paired. Id: `<fromObjectTypeId>/<toObjectTypeId>/<typeId>`. */
export class AssociationLabel extends pulumi.dynamic.Resource {
  declare public readonly fromObjectType: pulumi.Output<string>;
  declare public readonly toObjectType: pulumi.Output<string>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly label: pulumi.Output<string>;
  declare public readonly inverseLabel: pulumi.Output<string | undefined>;
  declare public readonly adoptTypeId: pulumi.Output<number | undefined>;
  /** HubSpot's association type id of the from -> to direction. */
  declare public readonly typeId: pulumi.Output<number>;
  /**
   * The to -> from half's type id: a paired label's inverse, or, for a single label between two different object
   * types, the reverse half HubSpot creates with the same text (undefined when HubSpot made none).
   */
  declare public readonly inverseTypeId: pulumi.Output<number | undefined>;
  declare public readonly category: pulumi.Output<string>;
  declare public readonly fromObjectTypeId: pulumi.Output<string>;
  declare public readonly toObjectTypeId: pulumi.Output<string>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  constructor(name: string, args: AssociationLabelArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      labelProvider,
      name,
      {
        fromObjectType: args.fromObjectType,
        toObjectType: args.toObjectType,
        name: args.name,
        label: args.label,
        inverseLabel: args.inverseLabel,
        adoptTypeId: args.adoptTypeId,
        // Outputs must be declared here to be resolved on the resource (undefined values are not sent as inputs).
        typeId: undefined,
        inverseTypeId: undefined,
        category: undefined,
        fromObjectTypeId: undefined,
        toObjectTypeId: undefined,
        schemaVersion: undefined,
      },
      opts,
      "hubspot",
      "AssociationLabel",
    );
  }
}
