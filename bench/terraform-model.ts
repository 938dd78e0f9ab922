// The other rival, as a request model: the Terraform provider for HubSpot that manages association labels
// (github.com/jbunting/terraform-provider-hubspot, whose Go module path is revosai's: of the five Terraform HubSpot
// providers in the code index searched, the only one with an association-label resource). Facts read from its source (commit 219df82,
// internal/provider/association_label_resource.go; commit c9e31c7, internal/client/client.go):
// - Read of one `hubspot_association_label`: GET the label list of (from, to) and pick the typeId; a paired label
//   reads the list of (to, from) too for its inverse text. Nothing is shared between resources.
// - Create: one POST, no read before it. Update (text): one PUT. Delete: one DELETE of the forward typeId, a 404
//   counting as done.
// - No resource for association limits: the bench's 20 AssociationLimits have no counterpart, so the model counts
//   labels only (which flatters it by the limits' 40-60 requests).
// - Terraform refreshes every resource in the state before `plan`, `apply` and `destroy` (the default
//   `-refresh=true`); a resource not yet in the state is not read.
// - Its client paces with a token bucket of 100 requests per 10 s (burst 10) unless configured otherwise, and does
//   not adopt the portal's budget from HubSpot's headers.
import type { Operation, PortalSpec } from "./portal";

export const TERRAFORM_DEFAULT_PER_10S = 100;

export interface TerraformModel {
  /** What Terraform runs for the bench's operation. */
  command: string;
  gets: number;
  writes: number;
  total: number;
}

export function terraformModel(op: Operation, spec: PortalSpec, edited: number): TerraformModel {
  const n = spec.labels.length;
  const paired = spec.labels.filter((l) => l.inverseLabel !== undefined).length;
  const refresh = n + paired;
  const m = (command: string, gets: number, writes: number): TerraformModel => ({
    command,
    gets,
    writes,
    total: gets + writes,
  });
  switch (op) {
    case "up":
      return m("terraform apply", 0, n);
    case "preview":
      return m("terraform plan", refresh, 0);
    case "refresh":
      return m("terraform apply -refresh-only", refresh, 0);
    case "upEdit":
      return m("terraform apply", refresh, edited);
    case "destroy":
      return m("terraform destroy", refresh, n);
  }
}
