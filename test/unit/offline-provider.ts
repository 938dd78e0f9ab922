// The providers as check and diff see them: a host whose HubSpot answers only the schemas read (the portal has the
// given custom objects) and fails the test on any other request, because check and diff must make none.
import { createProvider, ProviderHost } from "../../provider";
import type { CustomObjectSchemaInfo, HubSpotApi } from "../../provider/hubspot/api";

function offlineApi(schemas: CustomObjectSchemaInfo[], reads: { schemas: number }): HubSpotApi {
  const refuse = (what: string) => (): never => {
    throw new Error(`check and diff must not call HubSpot (${what})`);
  };
  return {
    listCustomObjectSchemas: async () => {
      reads.schemas++;
      return schemas;
    },
    listLabels: refuse("listLabels"),
    createLabel: refuse("createLabel"),
    updateLabel: refuse("updateLabel"),
    deleteLabel: refuse("deleteLabel"),
    listAllLimits: refuse("listAllLimits"),
    listLimits: refuse("listLimits"),
    createLimits: refuse("createLimits"),
    updateLimits: refuse("updateLimits"),
    purgeLimits: refuse("purgeLimits"),
    getAccountDetails: refuse("getAccountDetails"),
    get retry(): never {
      return refuse("retry")();
    },
  };
}

/** The offline portal has one custom object, `cars` (2-123). */
export function offlineProviders(
  schemas: CustomObjectSchemaInfo[] = [
    { objectTypeId: "2-123", name: "cars", fullyQualifiedName: "p12345_cars", archived: false },
  ],
) {
  const reads = { schemas: 0 };
  const host = new ProviderHost({
    createClient: () => offlineApi(schemas, reads),
    notice: () => undefined,
    env: { HUBSPOT_ACCESS_TOKEN: "unit-test-token" },
  });
  return { label: createProvider("label", host), limits: createProvider("limits", host), reads };
}

export const { label, limits } = offlineProviders();
