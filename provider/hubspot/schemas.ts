// Custom object schemas: how the provider turns a custom object's name (`cars`, `p_cars`) into this portal's
// `2-<n>` id (shared/reference/hubspot-open-questions.md Q6).

import { CustomObjectSchemaInfo } from "./api";
import { HttpCaller, call } from "./http-caller";
import { parseCustomObjectSchema } from "./parse";
import { isRecord } from "./response-errors";
import { ROUTES } from "./routes";

/** A portal has at most a few hundred custom objects; more pages than this means the server is looping. */
const MAX_PAGES = 100;

/**
 * `GET /crm/v3/schemas` (200): `{ results: ObjectSchema[] }`. HubSpot's spec has no paging on this endpoint; a
 * `paging.next.after` is followed anyway, so that a server which does page never makes us miss an object (a
 * missing object would read as "no custom object named ..."). Archived schemas are left out.
 */
export async function listCustomObjectSchemas(http: HttpCaller): Promise<CustomObjectSchemaInfo[]> {
  const schemas: CustomObjectSchemaInfo[] = [];
  const cursors = new Set<string>();
  let after: string | undefined;
  for (let page = 1; ; page++) {
    const reader = await call(http, { method: "GET", route: ROUTES.schemas, query: { after } });
    schemas.push(...reader.results(parseCustomObjectSchema));
    const paging = reader.object().paging;
    const next = isRecord(paging) && isRecord(paging.next) ? paging.next.after : undefined;
    if (next === undefined || next === null || next === "") break;
    after =
      typeof next === "string" || typeof next === "number"
        ? String(next)
        : reader.fail("paging.next.after is not a cursor");
    if (cursors.has(after)) reader.fail(`paging.next.after repeats the cursor ${JSON.stringify(after)}`);
    if (page >= MAX_PAGES) reader.fail(`more than ${MAX_PAGES} pages of schemas`);
    cursors.add(after);
  }
  return schemas.filter((schema) => !schema.archived);
}
