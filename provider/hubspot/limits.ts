// Association limits (definition configurations): reference §2.2 (C1–C5) and §5.

import { BatchResult, LimitConfiguration, LimitInput, LimitKey } from "./api";
import { HttpCaller, call } from "./http-caller";
import { parseLimitConfiguration } from "./parse";
import { ROUTES } from "./routes";

/** C1 `GET .../configurations/all` (200): every custom limit of the portal. */
export async function listAllLimits(http: HttpCaller): Promise<LimitConfiguration[]> {
  const reader = await call(http, { method: "GET", route: ROUTES.limitsAll });
  return reader.results(parseLimitConfiguration);
}

/** C2 `GET .../configurations/{from}/{to}` (200). */
export async function listLimits(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
): Promise<LimitConfiguration[]> {
  const reader = await call(http, {
    method: "GET",
    route: ROUTES.limitsPair,
    params: { fromObjectType, toObjectType },
  });
  return reader.results(parseLimitConfiguration);
}

const limitInputs = (inputs: LimitInput[]): { inputs: LimitInput[] } => ({
  inputs: inputs.map((i) => ({ category: i.category, typeId: i.typeId, maxToObjectIds: i.maxToObjectIds })),
});

/** C3 `POST .../batch/create` (201, or 207 with errors; a CANCELED envelope is returned as data). Not idempotent. */
export async function createLimits(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  inputs: LimitInput[],
): Promise<BatchResult<LimitConfiguration>> {
  const reader = await call(http, {
    method: "POST",
    route: ROUTES.limitsCreate,
    params: { fromObjectType, toObjectType },
    body: limitInputs(inputs),
  });
  return reader.batch(parseLimitConfiguration);
}

/** C4 `POST .../batch/update` (200 or 207). Sets absolute values, so it is retried like a PUT. */
export async function updateLimits(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  inputs: LimitInput[],
): Promise<BatchResult<LimitConfiguration>> {
  const reader = await call(http, {
    method: "POST",
    route: ROUTES.limitsUpdate,
    params: { fromObjectType, toObjectType },
    body: limitInputs(inputs),
  });
  return reader.batch(parseLimitConfiguration);
}

/** C5 `POST .../batch/purge` (204). Removing a limit twice leaves the same state, so it is retried. */
export async function purgeLimits(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  inputs: LimitKey[],
): Promise<void> {
  const body = { inputs: inputs.map((i) => ({ category: i.category, typeId: i.typeId })) };
  await call(http, { method: "POST", route: ROUTES.limitsPurge, params: { fromObjectType, toObjectType }, body });
}
