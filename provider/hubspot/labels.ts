// Association labels (definitions): reference §2.1 (L1–L4) and §4.

import { AssociationTypeInfo, CreateLabelRequest, UpdateLabelRequest } from "./api";
import { HttpCaller, call } from "./http-caller";
import { parseAssociationType } from "./parse";
import { ROUTES } from "./routes";

/** L1 `GET .../labels` (200): HubSpot-defined and user-defined types of the A→B direction. */
export async function listLabels(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
): Promise<AssociationTypeInfo[]> {
  const reader = await call(http, { method: "GET", route: ROUTES.labels, params: { fromObjectType, toObjectType } });
  return reader.results(parseAssociationType);
}

/**
 * L2 `POST .../labels` (200): one result per direction for paired labels, in no guaranteed order; match by
 * label text or object type ids, never by position. Not idempotent (see OutcomeUnknownError).
 */
export async function createLabel(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  req: CreateLabelRequest,
): Promise<AssociationTypeInfo[]> {
  const body: Record<string, string> = { name: req.name, label: req.label };
  if (req.inverseLabel !== undefined) body.inverseLabel = req.inverseLabel;
  const reader = await call(http, {
    method: "POST",
    route: ROUTES.labels,
    params: { fromObjectType, toObjectType },
    body,
  });
  return reader.results(parseAssociationType);
}

/** L3 `PUT .../labels` (204): changes display text only. */
export async function updateLabel(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  req: UpdateLabelRequest,
): Promise<void> {
  const body: Record<string, string | number> = { associationTypeId: req.associationTypeId, label: req.label };
  if (req.inverseLabel !== undefined) body.inverseLabel = req.inverseLabel;
  await call(http, { method: "PUT", route: ROUTES.labels, params: { fromObjectType, toObjectType }, body });
}

/** L4 `DELETE .../labels/{associationTypeId}` (204). */
export async function deleteLabel(
  http: HttpCaller,
  fromObjectType: string,
  toObjectType: string,
  typeId: number,
): Promise<void> {
  await call(http, {
    method: "DELETE",
    route: ROUTES.label,
    params: { fromObjectType, toObjectType, associationTypeId: typeId },
  });
}
