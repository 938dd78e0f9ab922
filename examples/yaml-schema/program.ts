// The schema lives in hubspot-associations.yaml (validated by schema.json; `hubspot-associations validate`
// checks it offline); the program only points at it.
import { AssociationSchema } from "pulumi-hubspot-associations";

/** `file` is relative to the working directory (the project directory under `pulumi up`). */
export function yamlSchema(file = "hubspot-associations.yaml") {
  const schema = new AssociationSchema("schema", { file });
  return { typeIds: schema.typeIds };
}
