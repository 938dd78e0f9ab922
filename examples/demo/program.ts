// The demo program: the whole schema of a portal, from one YAML file under git.
import { AssociationSchema } from "pulumi-hubspot-associations";

export function demo(file = "hubspot-associations.yaml") {
  const schema = new AssociationSchema("schema", { file });
  return { typeIds: schema.typeIds };
}
