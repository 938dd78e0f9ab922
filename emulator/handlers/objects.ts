// Account details (portal id) and basic CRM record create/read, so that tests can make records to associate.
import { notFoundError, validationError } from "../errors";
import { Answer, HandlerContext } from "../http-context";
import { CrmRecord } from "../types";
import { RouteTable } from "./route-table";

function accountDetails(ctx: HandlerContext): Answer {
  return {
    status: 200,
    body: {
      portalId: ctx.principal.portalId,
      accountType: "STANDARD",
      timeZone: "US/Eastern",
      companyCurrency: "USD",
      additionalCurrencies: [],
      utcOffset: "-05:00",
      utcOffsetMilliseconds: -18000000,
      uiDomain: "app.hubspot.com",
      dataHostingLocation: "na1",
    },
  };
}

function recordBody(r: CrmRecord): Record<string, unknown> {
  return { id: r.id, properties: { ...r.properties }, createdAt: r.createdAt, updatedAt: r.updatedAt, archived: false };
}

function createObject(ctx: HandlerContext): Answer {
  const type = ctx.objectType("objectType");
  const body = ctx.jsonObject("com.hubspot.crm.objects.SimplePublicObjectInputForCreate");
  const props = body.properties ?? {};
  if (typeof props !== "object" || props === null || Array.isArray(props))
    throw validationError("properties must be an object");
  const assoc = body.associations ?? [];
  if (!Array.isArray(assoc)) throw validationError("associations must be an array");
  // Validate associations before creating the record so that a bad input leaves no half-made record.
  const planned = assoc.map((a: unknown, i: number) => {
    const x = (typeof a === "object" && a !== null ? a : {}) as Record<string, unknown>;
    const toId = (x.to as { id?: unknown } | undefined)?.id;
    if ((typeof toId !== "string" && typeof toId !== "number") || !Array.isArray(x.types) || x.types.length === 0) {
      throw validationError(`associations[${i}] needs to.id and types`);
    }
    const types = (x.types as Array<Record<string, unknown>>).map((s) => {
      const d = typeof s.associationTypeId === "number" ? ctx.state.definitions.get(s.associationTypeId) : undefined;
      if (!d || d.fromObjectTypeId !== type.objectTypeId || d.category !== s.associationCategory) {
        throw validationError(
          `associations[${i}]: ${String(s.associationCategory)} ${String(s.associationTypeId)} is not a valid association type from ${type.upper}`,
          { subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE" },
        );
      }
      return d;
    });
    const toType = ctx.state.customObjects.registry.byObjectTypeId(types[0]!.toObjectTypeId); // x.types is not empty (checked above)
    if (!toType || types.some((d) => d.toObjectTypeId !== toType.objectTypeId))
      throw validationError(`associations[${i}]: types point at different object types`);
    ctx.state.graph.requireRecord(toType, String(toId));
    return { toType, toId: String(toId), types };
  });
  ctx.state.graph.checkRoomForRecord(type, props as Record<string, unknown>, planned.length);
  const r = ctx.state.graph.createRecord(type, props as Record<string, unknown>);
  for (const p of planned) ctx.state.graph.associate(type, r.id, p.toType, p.toId, p.types, "add");
  return { status: 201, body: recordBody(r) };
}

function getObject(ctx: HandlerContext): Answer {
  const type = ctx.objectType("objectType");
  const r = ctx.state.graph.getRecord(type, ctx.param("objectId"));
  if (!r)
    throw notFoundError("Object not found.  objectId are usually numeric.", {
      context: { id: [ctx.param("objectId")] },
    });
  return { status: 200, body: recordBody(r) };
}

export function registerObjectRoutes(t: RouteTable): void {
  t.add("GET", "/account-info/v3/details", accountDetails, "none");
  t.add("POST", "/crm/v3/objects/{objectType}", createObject, "objects-write");
  t.add("GET", "/crm/v3/objects/{objectType}/{objectId}", getObject, "objects-read");
}
