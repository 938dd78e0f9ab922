// Record associations: R1–R4 (single record), B1–B5 (batch) and the high-usage report H1.
import { HubSpotError, StandardError, toStandardError, validationError } from "../errors";
import { Answer, batchEnvelope, HandlerContext, idOf } from "../http-context";
import { ObjectType } from "../object-types";
import { AssociationDefinition } from "../types";
import { RouteTable } from "./route-table";

export const BATCH_READ_MAX = 1000;
export const BATCH_WRITE_MAX = 2000;

function specsFrom(
  ctx: HandlerContext,
  raw: unknown,
  from: ObjectType,
  to: ObjectType,
  where: string,
): AssociationDefinition[] {
  if (!Array.isArray(raw)) throw validationError(`${where} must be an array of AssociationSpec`);
  return raw.map((s, i) => {
    if (typeof s !== "object" || s === null) throw validationError(`${where}[${i}] must be an object`);
    const spec = s as Record<string, unknown>;
    if (spec.associationCategory === undefined || spec.associationTypeId === undefined) {
      throw validationError(`${where}[${i}] needs associationCategory and associationTypeId`);
    }
    return ctx.state.definitions.typeFor(spec.associationCategory, spec.associationTypeId, from, to);
  });
}

function num(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}

function labelsBetween(
  ctx: HandlerContext,
  from: ObjectType,
  fromId: string,
  to: ObjectType,
  toId: string,
  types: Set<number>,
): Record<string, unknown> {
  // fromObjectId/toObjectId are JSON numbers on the wire (reference §1), labels only the non-null texts.
  return {
    fromObjectTypeId: from.objectTypeId,
    fromObjectId: num(fromId),
    toObjectTypeId: to.objectTypeId,
    toObjectId: num(toId),
    labels: ctx.state.graph.labelsOf(types),
  };
}

function defaultRows(
  ctx: HandlerContext,
  from: ObjectType,
  fromId: string,
  to: ObjectType,
  toId: string,
): Record<string, unknown>[] {
  ctx.state.graph.associate(from, fromId, to, toId, [], "add");
  const fwd = ctx.state.definitions.defaultOf(from.objectTypeId, to.objectTypeId);
  const rev = ctx.state.definitions.defaultOf(to.objectTypeId, from.objectTypeId);
  const rows: Record<string, unknown>[] = [];
  // One row per direction, as HubSpot answers R1 (and, by our choice, B1).
  if (fwd)
    rows.push({
      from: { id: fromId },
      to: { id: toId },
      associationSpec: { associationCategory: fwd.category, associationTypeId: fwd.typeId },
    });
  if (rev)
    rows.push({
      from: { id: toId },
      to: { id: fromId },
      associationSpec: { associationCategory: rev.category, associationTypeId: rev.typeId },
    });
  return rows;
}

// R1
function putDefault(ctx: HandlerContext): Answer {
  const startedAt = new Date().toISOString();
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const rows = defaultRows(ctx, from, ctx.param("fromObjectId"), to, ctx.param("toObjectId"));
  return { status: 200, body: batchEnvelope(rows, [], startedAt) };
}

// R2
function putLabelled(ctx: HandlerContext): Answer {
  const from = ctx.objectType("objectType");
  const to = ctx.objectType("toObjectType");
  const body = ctx.jsonArray("java.util.HashSet<com.hubspot.crm.associations.AssociationSpec>");
  const types = specsFrom(ctx, body, from, to, "body");
  const result = ctx.state.graph.associate(from, ctx.param("objectId"), to, ctx.param("toObjectId"), types, "replace");
  const path = `/crm/v4/objects/${from.objectTypeId}/${ctx.param("objectId")}/associations/${to.objectTypeId}/${ctx.param("toObjectId")}`;
  return {
    status: 201,
    body: labelsBetween(ctx, from, ctx.param("objectId"), to, ctx.param("toObjectId"), result),
    headers: { location: ctx.baseUrl + path },
  };
}

function encodeCursor(toObjectTypeId: string, lastId: string): string {
  return Buffer.from(`${toObjectTypeId}-${lastId}`).toString("base64");
}

function pageOf(
  ctx: HandlerContext,
  from: ObjectType,
  fromId: string,
  to: ObjectType,
  after: string | undefined,
  limit: number,
) {
  const all = ctx.state.graph.list(from, fromId, to);
  let start = 0;
  if (after) {
    let decoded: string;
    try {
      decoded = Buffer.from(after, "base64").toString("utf8");
    } catch {
      decoded = "";
    }
    const prefix = `${to.objectTypeId}-`;
    if (!decoded.startsWith(prefix))
      throw validationError(`Invalid paging cursor '${after}'`, { context: { after: [after] } });
    const lastId = decoded.slice(prefix.length);
    const idx = all.findIndex((a) => a.toId === lastId);
    start = idx >= 0 ? idx + 1 : all.findIndex((a) => Number(a.toId) > Number(lastId));
    if (start < 0) start = all.length;
  }
  const slice = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const results = slice.map((a) => ({ toObjectId: num(a.toId), associationTypes: a.types }));
  const last = slice.at(-1);
  return { results, after: more && last !== undefined ? encodeCursor(to.objectTypeId, last.toId) : undefined };
}

// R3
function listAssociations(ctx: HandlerContext): Answer {
  const from = ctx.objectType("objectType");
  const to = ctx.objectType("toObjectType");
  const rawLimit = ctx.query.get("limit");
  let limit = ctx.limits.pageSize;
  if (rawLimit !== null) {
    const n = Number(rawLimit);
    if (!Number.isInteger(n) || n < 1) throw validationError(`limit must be a positive integer, got '${rawLimit}'`);
    limit = Math.min(n, ctx.limits.pageSize); // HubSpot documents "Limit 500 per call": larger values are clamped
  }
  const after = ctx.query.get("after") ?? undefined;
  const page = pageOf(ctx, from, ctx.param("objectId"), to, after, limit);
  const body: Record<string, unknown> = { results: page.results };
  if (page.after) {
    const q = new URLSearchParams({ after: page.after, limit: String(limit) });
    body.paging = {
      next: {
        after: page.after,
        link: `${ctx.baseUrl}/crm/v4/objects/${from.objectTypeId}/${ctx.param("objectId")}/associations/${to.objectTypeId}?${q}`,
      },
    };
  }
  return { status: 200, body };
}

// R4
function deleteAll(ctx: HandlerContext): Answer {
  const from = ctx.objectType("objectType");
  const to = ctx.objectType("toObjectType");
  ctx.state.graph.removeAll(from, ctx.param("objectId"), to, ctx.param("toObjectId"));
  return { status: 204 };
}

function asItemError(e: unknown): StandardError {
  if (e instanceof HubSpotError) return toStandardError(e);
  throw e;
}

// B1
function batchDefault(ctx: HandlerContext): Answer {
  const startedAt = new Date().toISOString();
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(
    BATCH_WRITE_MAX,
    "com.hubspot.crm.associations.BatchInputPublicDefaultAssociationMultiPost",
  );
  const results: unknown[] = [];
  const errors: StandardError[] = [];
  for (const x of inputs) {
    try {
      results.push(...defaultRows(ctx, from, idOf(x.from, "from"), to, idOf(x.to, "to")));
    } catch (e) {
      errors.push(asItemError(e));
    }
  }
  // The Node client accepts only 200 here, so item errors ride in a 200 envelope.
  return { status: 200, body: batchEnvelope(results, errors, startedAt) };
}

// B2
function batchCreate(ctx: HandlerContext): Answer {
  const startedAt = new Date().toISOString();
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(BATCH_WRITE_MAX, "com.hubspot.crm.associations.BatchInputPublicAssociationMultiPost");
  const results: unknown[] = [];
  const errors: StandardError[] = [];
  for (const x of inputs) {
    try {
      const fromId = idOf(x.from, "from");
      const toId = idOf(x.to, "to");
      const types = specsFrom(ctx, x.types, from, to, "types");
      const set = ctx.state.graph.associate(from, fromId, to, toId, types, "replace");
      results.push(labelsBetween(ctx, from, fromId, to, toId, set));
    } catch (e) {
      errors.push(asItemError(e));
    }
  }
  return { status: errors.length > 0 ? 207 : 201, body: batchEnvelope(results, errors, startedAt) };
}

// B3
function batchRead(ctx: HandlerContext): Answer {
  const startedAt = new Date().toISOString();
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(
    BATCH_READ_MAX,
    "com.hubspot.crm.associations.BatchInputPublicFetchAssociationsBatchRequest",
  );
  const results: unknown[] = [];
  const errors: StandardError[] = [];
  for (const x of inputs) {
    let id: string;
    if (typeof x.id === "string" && x.id.length > 0) id = x.id;
    else if (typeof x.id === "number") id = String(x.id);
    else throw validationError("inputs[].id is required");
    try {
      const page = pageOf(ctx, from, id, to, typeof x.after === "string" ? x.after : undefined, ctx.limits.pageSize);
      if (page.results.length === 0) {
        errors.push({
          status: "error",
          category: "OBJECT_NOT_FOUND",
          subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
          message: `No ${to.singular} is associated with ${from.singular} ${id}.`,
          context: { fromObjectId: [id], fromObjectType: [from.singular], toObjectType: [to.singular] },
        });
        continue;
      }
      const r: Record<string, unknown> = { from: { id }, to: page.results };
      if (page.after) r.paging = { next: { after: page.after } };
      results.push(r);
    } catch (e) {
      errors.push(asItemError(e));
    }
  }
  return { status: errors.length > 0 ? 207 : 200, body: batchEnvelope(results, errors, startedAt) };
}

// B4
function batchArchive(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(
    BATCH_WRITE_MAX,
    "com.hubspot.crm.associations.BatchInputPublicAssociationMultiArchive",
  );
  // Validate everything first: a 204-only endpoint cannot report per-item errors, so it is all-or-nothing.
  const work = inputs.map((x) => {
    const fromId = idOf(x.from, "from");
    if (!Array.isArray(x.to)) throw validationError("inputs[].to must be an array of {id}");
    return { fromId, toIds: x.to.map((t) => idOf(t, "to")) };
  });
  for (const w of work) for (const toId of w.toIds) ctx.state.graph.removeAll(from, w.fromId, to, toId);
  return { status: 204 };
}

// B5
function batchArchiveLabels(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(BATCH_WRITE_MAX, "com.hubspot.crm.associations.BatchInputPublicAssociationMultiPost");
  const work = inputs.map((x) => ({
    fromId: idOf(x.from, "from"),
    toId: idOf(x.to, "to"),
    types: specsFrom(ctx, x.types, from, to, "types"),
  }));
  for (const w of work) ctx.state.graph.removeTypes(from, w.fromId, to, w.toId, w.types);
  return { status: 204 };
}

// H1
function highUsageReport(ctx: HandlerContext): Answer {
  const raw = ctx.param("userId");
  const userId = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(userId) || userId > 2147483647)
    throw validationError(`userId must be an int32, got '${raw}'`);
  return {
    status: 200,
    body: {
      userEmail: `user${userId}@emulator.example`,
      userId,
      enqueueTime: { value: Date.now(), dateOnly: false, timeZoneShift: 0 },
    },
  };
}

export function registerRecordRoutes(t: RouteTable): void {
  const o = "/crm/v4/objects";
  t.add(
    "PUT",
    `${o}/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}`,
    putDefault,
    "write",
  );
  t.add("PUT", `${o}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`, putLabelled, "write");
  t.add("GET", `${o}/{objectType}/{objectId}/associations/{toObjectType}`, listAssociations, "read");
  t.add("DELETE", `${o}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`, deleteAll, "write");
  const b = "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch";
  t.add("POST", `${b}/associate/default`, batchDefault, "write");
  t.add("POST", `${b}/create`, batchCreate, "write");
  t.add("POST", `${b}/read`, batchRead, "read");
  t.add("POST", `${b}/archive`, batchArchive, "write");
  t.add("POST", `${b}/labels/archive`, batchArchiveLabels, "write");
  t.add("POST", "/crm/v4/associations/usage/high-usage-report/{userId}", highUsageReport, "write");
}
