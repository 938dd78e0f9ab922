// Route templates of the endpoints this client calls (the classic `/crm/v4/associations/...` family, which is
// what @hubspot/api-client 13.5 calls and what the emulator serves). Templates name errors and statistics;
// `expandRoute` fills them with URL-encoded parameters.

export const ROUTES = {
  labels: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
  label: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels/{associationTypeId}",
  limitsAll: "/crm/v4/associations/definitions/configurations/all",
  limitsPair: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}",
  limitsCreate: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create",
  limitsUpdate: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update",
  limitsPurge: "/crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge",
  accountDetails: "/account-info/v3/details",
  schemas: "/crm/v3/schemas",
} as const;

export type RouteTemplate = (typeof ROUTES)[keyof typeof ROUTES];

export type RouteParams = Record<string, string | number>;

/** Fills `{name}` placeholders; every value is URL-encoded (object types like `p_my/obj` stay one segment). */
export function expandRoute(
  template: string,
  params: RouteParams = {},
  query?: Record<string, string | number | undefined>,
): string {
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`missing route parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
  const qs = search.toString();
  return qs.length > 0 ? `${path}?${qs}` : path;
}
