// The dynamic-provider implementation, loaded at run time by the thin serialized shim (sdk/provider-shim.ts):
//   require("pulumi-hubspot-associations/provider").loadProvider("label" | "limits")
// Because the shim resolves this module from the installed package, upgrading the package fixes refresh, update
// and destroy of existing stacks without changing any resource's `__provider`.

import type * as pulumi from "@pulumi/pulumi";
import { applyProviderConfig, ConfigSource } from "./config";
import { checkLabel, createLabel, deleteLabel, diffLabel, readLabel, updateLabel } from "./label";
import { checkLimits, createLimits, deleteLimits, diffLimits, readLimits, updateLimits } from "./limits";
import { PropertyBag } from "./values";

export type ProviderKind = "label" | "limits";

/** The provider surface the shim forwards to; property bags are plain JSON objects. */
export interface HubSpotResourceProvider extends pulumi.dynamic.ResourceProvider<PropertyBag, PropertyBag> {
  configure(req: { config: ConfigSource }): Promise<void>;
  check(olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.CheckResult<PropertyBag>>;
  diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: PropertyBag): Promise<pulumi.dynamic.CreateResult<PropertyBag>>;
  read(id: string, props?: PropertyBag): Promise<pulumi.dynamic.ReadResult<PropertyBag>>;
  update(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.UpdateResult<PropertyBag>>;
  delete(id: string, props: PropertyBag): Promise<void>;
}

const configure = async (req: { config: ConfigSource }): Promise<void> => applyProviderConfig(req.config);

const providers: Record<ProviderKind, HubSpotResourceProvider> = {
  label: {
    configure,
    check: checkLabel,
    diff: diffLabel,
    create: createLabel,
    read: readLabel,
    update: updateLabel,
    delete: deleteLabel,
  },
  limits: {
    configure,
    check: checkLimits,
    diff: diffLimits,
    create: createLimits,
    read: readLimits,
    update: updateLimits,
    delete: deleteLimits,
  },
};

/** The process-wide implementation for a resource kind (one client and cache shared by both kinds). */
export function loadProvider(kind: ProviderKind): HubSpotResourceProvider {
  const p = (providers as Record<string, HubSpotResourceProvider | undefined>)[kind];
  if (!p) throw new Error(`unknown HubSpot resource kind "${kind}" (expected "label" or "limits")`);
  return p;
}


export { formatLabelId, parseLabelId, formatLimitsId, parseLimitsId } from "./ids";
export { resolveSettings, MISSING_TOKEN_MESSAGE } from "./config";
export { getSession } from "./session";
