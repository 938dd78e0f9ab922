// CRM records and their associations (reference §2.3 R1–R4, plus basic v3 object create/read). The provider
// does not need these; tests and demos use them to put labels in use. Record ids are returned as strings
// whatever HubSpot sends (v4 emits numbers for toObjectId).

import { AssociationCategory, AssociationTypeInfo } from "./api";
import { HttpCaller, call } from "./http-caller";
import { parseAssociationType } from "./parse";
import { isRecord } from "./response-errors";
import { ROUTES } from "./routes";

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
}

/** Request-side association type. */
export interface AssociationSpec {
  associationCategory: AssociationCategory;
  associationTypeId: number;
}

export interface LabelsBetweenRecords {
  fromObjectTypeId: string;
  fromObjectId: string;
  toObjectTypeId: string;
  toObjectId: string;
  labels: string[];
}

export interface RecordAssociation {
  toObjectId: string;
  associationTypes: AssociationTypeInfo[];
}

export interface RecordAssociationsPage {
  results: RecordAssociation[];
  /** Cursor for the next page; absent on the last page. */
  nextAfter?: string;
}

const idString = (value: unknown): string => (typeof value === "number" || typeof value === "string" ? String(value) : "");

function parseRecord(raw: Record<string, unknown>): CrmRecord {
  const properties: Record<string, string | null> = {};
  if (isRecord(raw.properties)) {
    for (const [key, value] of Object.entries(raw.properties)) properties[key] = value === null || value === undefined ? null : String(value);
  }
  const record: CrmRecord = { id: idString(raw.id), properties };
  if (typeof raw.createdAt === "string") record.createdAt = raw.createdAt;
  if (typeof raw.updatedAt === "string") record.updatedAt = raw.updatedAt;
  if (typeof raw.archived === "boolean") record.archived = raw.archived;
  return record;
}

/** `POST /crm/v3/objects/{objectType}` (201). Not idempotent. */
export async function createRecord(http: HttpCaller, objectType: string, properties: Record<string, string>): Promise<CrmRecord> {
  const reader = await call(http, { method: "POST", route: ROUTES.records, params: { objectType }, body: { properties } });
  return parseRecord(reader.object());
}

/** `GET /crm/v3/objects/{objectType}/{objectId}` (200). */
export async function getRecord(http: HttpCaller, objectType: string, objectId: string): Promise<CrmRecord> {
  const reader = await call(http, { method: "GET", route: ROUTES.record, params: { objectType, objectId } });
  return parseRecord(reader.object());
}

/** R2 `PUT .../associations/{toObjectType}/{toObjectId}` (201): sets the labels between two records. */
export async function associateLabelled(
  http: HttpCaller,
  fromObjectType: string,
  fromObjectId: string,
  toObjectType: string,
  toObjectId: string,
  types: AssociationSpec[],
): Promise<LabelsBetweenRecords> {
  const reader = await call(http, {
    method: "PUT",
    route: ROUTES.recordAssociation,
    params: { objectType: fromObjectType, objectId: fromObjectId, toObjectType, toObjectId },
    body: types.map((t) => ({ associationCategory: t.associationCategory, associationTypeId: t.associationTypeId })),
  });
  const body = reader.object();
  return {
    fromObjectTypeId: idString(body.fromObjectTypeId),
    fromObjectId: idString(body.fromObjectId),
    toObjectTypeId: idString(body.toObjectTypeId),
    toObjectId: idString(body.toObjectId),
    labels: Array.isArray(body.labels) ? body.labels.map(String) : [],
  };
}

/** R1 `PUT .../associations/default/{toObjectType}/{toObjectId}` (200): the unlabeled default association. */
export async function associateDefault(
  http: HttpCaller,
  fromObjectType: string,
  fromObjectId: string,
  toObjectType: string,
  toObjectId: string,
): Promise<void> {
  await call(http, {
    method: "PUT",
    route: ROUTES.recordDefaultAssociation,
    params: { objectType: fromObjectType, objectId: fromObjectId, toObjectType, toObjectId },
  });
}

/** R3 `GET .../associations/{toObjectType}` (200), one page. */
export async function listRecordAssociations(
  http: HttpCaller,
  fromObjectType: string,
  fromObjectId: string,
  toObjectType: string,
  page: { after?: string; limit?: number } = {},
): Promise<RecordAssociationsPage> {
  const reader = await call(http, {
    method: "GET",
    route: ROUTES.recordAssociations,
    params: { objectType: fromObjectType, objectId: fromObjectId, toObjectType },
    query: { after: page.after, limit: page.limit },
  });
  const results = reader.results((raw) => ({
    toObjectId: idString(raw.toObjectId),
    associationTypes: (Array.isArray(raw.associationTypes) ? raw.associationTypes : []).filter(isRecord).map(parseAssociationType),
  }));
  const body = reader.object();
  const paging = isRecord(body.paging) && isRecord(body.paging.next) ? body.paging.next : undefined;
  const out: RecordAssociationsPage = { results };
  if (paging !== undefined && typeof paging.after === "string") out.nextAfter = paging.after;
  return out;
}

/** R4 `DELETE .../associations/{toObjectType}/{toObjectId}` (204): removes every type between the two records. */
export async function removeRecordAssociations(
  http: HttpCaller,
  fromObjectType: string,
  fromObjectId: string,
  toObjectType: string,
  toObjectId: string,
): Promise<void> {
  await call(http, {
    method: "DELETE",
    route: ROUTES.recordAssociation,
    params: { objectType: fromObjectType, objectId: fromObjectId, toObjectType, toObjectId },
  });
}
