// Pulumi resource id codecs. Ids are stable, human-readable and carry everything needed to address the object at
// HubSpot, so that read/delete work even on state written by an earlier output shape.
//   AssociationLabel:  <fromObjectTypeId>/<toObjectTypeId>/<typeId>     e.g. 0-1/0-2/145
//   AssociationLimits: <fromObjectTypeId>/<toObjectTypeId>               e.g. 0-1/0-2

import { pairKey } from "../model";

const OBJECT_TYPE_ID = /^[0-9]+-[0-9]+$/;

export interface LabelId {
  fromObjectTypeId: string;
  toObjectTypeId: string;
  typeId: number;
}

export interface LimitsId {
  fromObjectTypeId: string;
  toObjectTypeId: string;
}

function checkObjectTypeId(v: string, what: string): void {
  if (!OBJECT_TYPE_ID.test(v)) throw new Error(`invalid ${what} object type id "${v}" (expected e.g. 0-1 or 2-123)`);
}

export function formatLabelId(id: LabelId): string {
  checkObjectTypeId(id.fromObjectTypeId, "from");
  checkObjectTypeId(id.toObjectTypeId, "to");
  if (!Number.isInteger(id.typeId) || id.typeId <= 0) throw new Error(`invalid association typeId ${id.typeId}`);
  return `${id.fromObjectTypeId}/${id.toObjectTypeId}/${id.typeId}`;
}

export function parseLabelId(id: string): LabelId {
  // A missing part is "", which no pattern accepts.
  const [from = "", to = "", typeId = "", ...extra] = typeof id === "string" ? id.split("/") : [];
  if (extra.length > 0 || !OBJECT_TYPE_ID.test(from) || !OBJECT_TYPE_ID.test(to) || !/^[1-9][0-9]*$/.test(typeId)) {
    throw new Error(
      `invalid AssociationLabel id "${id}": expected <fromObjectTypeId>/<toObjectTypeId>/<typeId>, e.g. 0-1/0-2/145`,
    );
  }
  return { fromObjectTypeId: from, toObjectTypeId: to, typeId: Number(typeId) };
}

export function tryParseLabelId(id: unknown): LabelId | undefined {
  try {
    return typeof id === "string" ? parseLabelId(id) : undefined;
  } catch {
    return undefined;
  }
}

export function formatLimitsId(id: LimitsId): string {
  checkObjectTypeId(id.fromObjectTypeId, "from");
  checkObjectTypeId(id.toObjectTypeId, "to");
  return pairKey(id.fromObjectTypeId, id.toObjectTypeId);
}

export function parseLimitsId(id: string): LimitsId {
  // A missing part is "", which the pattern does not accept.
  const [from = "", to = "", ...extra] = typeof id === "string" ? id.split("/") : [];
  if (extra.length > 0 || !OBJECT_TYPE_ID.test(from) || !OBJECT_TYPE_ID.test(to)) {
    throw new Error(`invalid AssociationLimits id "${id}": expected <fromObjectTypeId>/<toObjectTypeId>, e.g. 0-1/0-2`);
  }
  return { fromObjectTypeId: from, toObjectTypeId: to };
}

export function tryParseLimitsId(id: unknown): LimitsId | undefined {
  try {
    return typeof id === "string" ? parseLimitsId(id) : undefined;
  } catch {
    return undefined;
  }
}
