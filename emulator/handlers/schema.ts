// Association schema endpoints: labels (L1–L4) and limits/configurations (C1–C5), served under both the
// classic /crm/v4/associations/... family and the re-rendered /crm/associations/v4/... family.
import { validationError } from "../errors";
import { Answer, batchEnvelope, HandlerContext } from "../http-context";
import { specOf } from "../state/definitions";
import { LimitInput } from "../state/limits";
import { RouteTable } from "./route-table";

/** Cap on config batch inputs (HubSpot's figure is unconfirmed; documented in README). */
export const CONFIG_BATCH_MAX = 100;

function getLabels(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  return {
    status: 200,
    body: { results: ctx.state.definitions.between(from.objectTypeId, to.objectTypeId).map(specOf) },
  };
}

function createLabel(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const body = ctx.jsonObject("com.hubspot.crm.associations.PublicAssociationDefinitionCreateRequest");
  return {
    status: 200,
    body: {
      results: ctx.state.definitions.createLabel(from, to, body, ctx.state.settings.maxLabelsPerPair).map(specOf),
    },
  };
}

function updateLabel(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const body = ctx.jsonObject("com.hubspot.crm.associations.PublicAssociationDefinitionUpdateRequest");
  ctx.state.definitions.updateLabel(from, to, body);
  return { status: 204 };
}

function deleteLabel(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  ctx.state.deleteLabel(from, to, ctx.param("associationTypeId"));
  return { status: 204 };
}

function getAllConfigs(ctx: HandlerContext): Answer {
  return { status: 200, body: { results: ctx.state.limits.list() } };
}

function getPairConfigs(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  return { status: 200, body: { results: ctx.state.limits.list(from, to) } };
}

function limitInputs(ctx: HandlerContext): LimitInput[] {
  const inputs = ctx.batchInputs(
    CONFIG_BATCH_MAX,
    "com.hubspot.crm.associations.BatchInputPublicAssociationDefinitionConfigurationCreateRequest",
  );
  return inputs.map((x, i) => {
    for (const f of ["category", "typeId", "maxToObjectIds"]) {
      if (x[f] === undefined || x[f] === null)
        throw validationError(`inputs[${i}].${f} is required`, { context: { [`inputs[${i}].${f}`]: ["required"] } });
    }
    return { category: String(x.category), typeId: x.typeId as number, maxToObjectIds: x.maxToObjectIds as number };
  });
}

function configBatch(mode: "create" | "update") {
  return (ctx: HandlerContext): Answer => {
    const startedAt = new Date().toISOString();
    const from = ctx.objectType("fromObjectType");
    const to = ctx.objectType("toObjectType");
    const inputs = limitInputs(ctx);
    const { applied, errors } = ctx.state.limits.apply(mode, from, to, inputs);
    const results = applied.map(({ def, max }) =>
      mode === "create"
        ? { category: def.category, typeId: def.typeId, userEnforcedMaxToObjectIds: max, label: def.label }
        : { category: def.category, typeId: def.typeId, userEnforcedMaxToObjectIds: max },
    );
    // Nothing applied and something failed: HubSpot reports the batch as CANCELED (still 207).
    const status = applied.length === 0 && errors.length > 0 ? "CANCELED" : "COMPLETE";
    const http = errors.length > 0 ? 207 : mode === "create" ? 201 : 200;
    return { status: http, body: batchEnvelope(results, errors, startedAt, status) };
  };
}

function purgeConfigs(ctx: HandlerContext): Answer {
  const from = ctx.objectType("fromObjectType");
  const to = ctx.objectType("toObjectType");
  const inputs = ctx.batchInputs(CONFIG_BATCH_MAX, "com.hubspot.crm.associations.BatchInputPublicAssociationSpec");
  inputs.forEach((x, i) => {
    if (x.category === undefined || x.typeId === undefined)
      throw validationError(`inputs[${i}] needs category and typeId`);
  });
  ctx.state.limits.purge(
    from,
    to,
    inputs.map((x) => ({ category: x.category, typeId: x.typeId })),
  );
  return { status: 204 };
}

export function registerSchemaRoutes(t: RouteTable): void {
  for (const prefix of ["/crm/v4/associations", "/crm/associations/v4"]) {
    t.add("GET", `${prefix}/{fromObjectType}/{toObjectType}/labels`, getLabels, "read");
    t.add("POST", `${prefix}/{fromObjectType}/{toObjectType}/labels`, createLabel, "write");
    t.add("PUT", `${prefix}/{fromObjectType}/{toObjectType}/labels`, updateLabel, "write");
    t.add("DELETE", `${prefix}/{fromObjectType}/{toObjectType}/labels/{associationTypeId}`, deleteLabel, "write");
    const c = `${prefix}/definitions/configurations`;
    t.add("GET", `${c}/all`, getAllConfigs, "read");
    t.add("GET", `${c}/{fromObjectType}/{toObjectType}`, getPairConfigs, "read");
    t.add("POST", `${c}/{fromObjectType}/{toObjectType}/batch/create`, configBatch("create"), "write");
    t.add("POST", `${c}/{fromObjectType}/{toObjectType}/batch/update`, configBatch("update"), "write");
    t.add("POST", `${c}/{fromObjectType}/{toObjectType}/batch/purge`, purgeConfigs, "write");
  }
}
