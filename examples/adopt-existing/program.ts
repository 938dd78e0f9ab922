// Applies a document written by `hubspot-associations export`: every label carries adoptTypeId, so the
// first `pulumi up` takes the portal's labels over instead of creating them.
//
// The labels existed before Pulumi, so `pulumi destroy` (or deleting an entry from the file) must not delete them
// from HubSpot: every label and limits resource of the schema gets retainOnDelete, and leaving the stack only
// forgets them. retainOnDelete is not inherited from a component, so a transform sets it on each child.
import * as pulumi from "@pulumi/pulumi";
import { AssociationSchema } from "pulumi-hubspot-associations";

const keepInHubSpot: pulumi.ResourceTransform = (args) =>
  args.custom ? { props: args.props, opts: { ...args.opts, retainOnDelete: true } } : undefined;

/** `retain: false` lets the stack own the labels outright: destroy then deletes them from HubSpot. */
export function adoptExisting(file = "hubspot-associations.yaml", retain = true) {
  const schema = new AssociationSchema("portal", { file }, retain ? { transforms: [keepInHubSpot] } : undefined);
  return { typeIds: schema.typeIds };
}
