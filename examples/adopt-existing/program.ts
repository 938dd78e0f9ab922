// Applies a document written by `hubspot-associations export`: every label carries adoptTypeId, so the
// first `pulumi up` takes the portal's labels over instead of creating them.
import { AssociationSchema } from "pulumi-hubspot-associations";

export function adoptExisting(file = "hubspot-associations.yaml") {
  const schema = new AssociationSchema("portal", { file });
  return { typeIds: schema.typeIds };
}
