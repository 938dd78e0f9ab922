// The dynamic-provider implementation, loaded at run time by the thin serialized shim (sdk/provider-shim.ts):
//   require("pulumi-hubspot-associations/provider").loadProvider("label" | "limits")
// Because the shim resolves this module from the installed package, upgrading the package fixes refresh, update
// and destroy of existing stacks without changing any resource's `__provider`.

import { errorMessage } from "../model";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigSource } from "./config";
import { apiErrorOf } from "./errors";
import * as label from "./label/crud";
import * as limits from "./limits/crud";
import { SessionSource } from "./object-types";
import { defaultRuntime, ProviderHost } from "./runtime";
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

/**
 * `refresh` and `destroy` run with the provider configuration stored in the stack's state (Pulumi does not run the
 * program), so after a token rotation given as stack config they still send the old token.
 */
async function withStoredConfigHint<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (apiErrorOf(e)?.status !== 401) throw e;
    throw new Error(
      `${errorMessage(e)}\n${what} uses the provider configuration stored in the stack's state, not ` +
        "the program's: after rotating hubspot:accessToken, run `pulumi up` first, or `pulumi refresh --run-program` / " +
        "`pulumi destroy --run-program` (Pulumi 3.160 or later), which read the current stack config",
      { cause: e },
    );
  }
}

/**
 * The provider of one resource kind on a host; the host's one session is shared by both kinds.
 * @internal The test seam (a host with a runtime of the test's choosing); the shim uses loadProvider.
 */
export function createProvider(kind: ProviderKind, host: ProviderHost): HubSpotResourceProvider {
  const session: SessionSource = () => host.session();
  /** A stack pointed at the wrong portal fails its preview, not only its `up` (one account read per run). */
  const guard = async (): Promise<void> => {
    if (host.settings().portalId !== undefined) await session().verifyPortal();
  };
  const crud =
    kind === "label"
      ? {
          check: label.checkLabel,
          diff: label.diffLabelResource,
          create: label.createLabel,
          read: label.readLabel,
          update: label.updateLabel,
          delete: label.deleteLabel,
        }
      : {
          check: limits.checkLimits,
          diff: limits.diffLimitsResource,
          create: limits.createLimits,
          read: limits.readLimits,
          update: limits.updateLimits,
          delete: limits.deleteLimits,
        };
  return {
    configure: async (req) => host.configure(req.config),
    check: async (_olds, news) => {
      await guard();
      return crud.check(session, news);
    },
    diff: (id, olds, news) => crud.diff(session, id, olds, news),
    create: (news) => crud.create(session, news),
    read: (id, props) => withStoredConfigHint("refresh", () => crud.read(session, id, props)),
    update: (id, olds, news) => crud.update(session, id, olds, news),
    delete: (id, props) =>
      withStoredConfigHint("destroy (and a delete in an update)", () => crud.delete(session, id, props)),
  };
}

let processHost: ProviderHost | undefined;

/**
 * The provider process's host: one client, cache and ledger per settings, shared by both kinds and the lookups.
 * @internal
 */
export function defaultHost(): ProviderHost {
  processHost ??= new ProviderHost(defaultRuntime());
  return processHost;
}

const providers = new Map<ProviderKind, HubSpotResourceProvider>();

/** The process-wide implementation for a resource kind. */
export function loadProvider(kind: ProviderKind): HubSpotResourceProvider {
  if (kind !== "label" && kind !== "limits")
    throw new Error(`unknown HubSpot resource kind "${String(kind)}" (expected "label" or "limits")`);
  let p = providers.get(kind);
  if (!p) providers.set(kind, (p = createProvider(kind, defaultHost())));
  return p;
}

/** @internal The host and its runtime: what the tests and the lookups build providers and sessions on. */
export { ProviderHost, ProviderRuntime, ClientOptions, defaultRuntime } from "./runtime";
export { formatLabelId, parseLabelId, formatLimitsId, parseLimitsId } from "./ids";
export { resolveSettings, MISSING_TOKEN_MESSAGE } from "./config";
