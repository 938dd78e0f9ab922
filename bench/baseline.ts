// The engine baseline: the same portal (N labels, P limits resources, each limits resource depending on its pair's
// first label through a typeId output) declared with a dynamic provider that does nothing. Same engine, same
// parallelism, same checkpoint setting, no HubSpot and no client: what Pulumi alone costs for this resource graph.
// A HubSpot operation's wall time over the baseline's is "our overhead above Pulumi's own".
//
// The provider (bench/noop-provider.ts) is loaded from under node_modules (bench/installed.ts), so that its
// serialized `__provider` is a short require like ours.

import * as pulumi from "@pulumi/pulumi";
import { installedNoopProvider } from "./installed";
import { declarePortal, PortalSpec } from "./portal";

type Bag = Record<string, unknown>;

class NoopLabel extends pulumi.dynamic.Resource {
  declare public readonly typeId: pulumi.Output<number>;
  constructor(name: string, args: Bag) {
    super(installedNoopProvider(), name, { ...args, typeId: undefined }, undefined, "bench", "NoopLabel");
  }
}

class NoopLimits extends pulumi.dynamic.Resource {
  constructor(name: string, args: Bag) {
    super(installedNoopProvider(), name, args, undefined, "bench", "NoopLimits");
  }
}

/** The portal's resource graph through the no-op provider (inline program for the Automation API). */
export function baselineProgram(getSpec: () => PortalSpec): pulumi.automation.PulumiFn {
  return async () =>
    declarePortal(getSpec(), {
      label: (key, args) => new NoopLabel(key, { ...args }),
      limits: (key, args) => new NoopLimits(key, { ...args }),
    });
}
