// One schema for every portal: the stack decides which portal (token, portalId guard) it is applied to.
import * as pulumi from "@pulumi/pulumi";
import { AssociationSchema } from "pulumi-hubspot-associations";

/** `file` is relative to the working directory (the project directory under `pulumi up`). */
export function promote(file = "hubspot-associations.yaml") {
  const schema = new AssociationSchema("schema", { file });
  return { stack: pulumi.getStack(), typeIds: schema.typeIds };
}
