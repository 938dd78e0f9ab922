// Custom object schemas (reference hubspot-open-questions.md Q6): create, list (no paging), read by objectTypeId,
// fully qualified name or p_<name>. Answers use HubSpot's ObjectSchema shape: `id` is the digits only,
// `objectTypeId` is 2-<id>, `fullyQualifiedName` p<portalId>_<name>.
import { notFoundError } from "../errors";
import { Answer, HandlerContext } from "../http-context";
import { fullyQualifiedName } from "../object-types";
import { PortalState } from "../portal-state";
import { CustomObjectRecord, SchemaProperty } from "../types";
import { RouteTable } from "./route-table";

function propertyBody(p: SchemaProperty, r: CustomObjectRecord): Record<string, unknown> {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description ?? "",
    groupName: p.groupName ?? `${r.name}_information`,
    options: p.options ?? [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    formField: true,
    archived: false,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function objectSchemaBody(state: PortalState, r: CustomObjectRecord): Record<string, unknown> {
  const registry = state.customObjects.registry;
  // Association names read `<from>_to_<to>` with a standard object's singular or a custom object's name.
  const nameOf = (id: string): string =>
    state.customObjects.get(id)?.name ?? registry.byObjectTypeId(id)?.singular ?? id;
  const associations = state.definitions
    .all()
    .filter((d) => d.kind === "default" && d.fromObjectTypeId === r.objectTypeId)
    .map((d) => ({
      id: String(d.typeId),
      fromObjectTypeId: d.fromObjectTypeId,
      toObjectTypeId: d.toObjectTypeId,
      name: `${r.name}_to_${nameOf(d.toObjectTypeId)}`,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  const body: Record<string, unknown> = {
    id: r.objectTypeId.slice(2),
    objectTypeId: r.objectTypeId,
    fullyQualifiedName: fullyQualifiedName(r.name, state.settings.portalId),
    name: r.name,
    labels: { singular: r.singular ?? r.name, plural: r.plural ?? r.name },
    requiredProperties: r.requiredProperties ?? [],
    searchableProperties: [],
    secondaryDisplayProperties: [],
    properties: (r.properties ?? []).map((p) => propertyBody(p, r)),
    associations,
    archived: false,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    metaType: "PORTAL_SPECIFIC",
  };
  if (r.primaryDisplayProperty !== undefined) body.primaryDisplayProperty = r.primaryDisplayProperty;
  return body;
}

function createSchema(ctx: HandlerContext): Answer {
  const body = ctx.jsonObject("com.hubspot.inbounddb.publicobject.core.v2.ObjectSchemaEgg");
  const record = ctx.state.createCustomObject(body);
  return { status: 201, body: objectSchemaBody(ctx.state, record) };
}

function listSchemas(ctx: HandlerContext): Answer {
  // Nothing is ever archived here, so `archived=true` lists nothing.
  const archived = ctx.query.get("archived") === "true";
  return {
    status: 200,
    body: { results: archived ? [] : ctx.state.customObjects.all().map((r) => objectSchemaBody(ctx.state, r)) },
  };
}

function getSchema(ctx: HandlerContext): Answer {
  const raw = ctx.param("objectType");
  const record = ctx.state.customObjects.find(raw);
  if (!record)
    throw notFoundError(`No custom object schema with objectTypeId or fully qualified name '${raw}' exists`, {
      context: { objectType: [raw] },
    });
  return { status: 200, body: objectSchemaBody(ctx.state, record) };
}

export function registerCustomObjectSchemaRoutes(t: RouteTable): void {
  t.add("POST", "/crm/v3/schemas", createSchema, "schemas-write");
  t.add("GET", "/crm/v3/schemas", listSchemas, "schemas-read");
  t.add("GET", "/crm/v3/schemas/{objectType}", getSchema, "schemas-read");
}
