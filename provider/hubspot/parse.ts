// Tolerant readers of HubSpot's success bodies: ids may be numbers or numeric strings, optional fields may be
// missing or null, unknown fields are ignored. A body that is not even the right shape is a
// HubSpotResponseFormatError (never a TypeError deep inside the provider).

import {
  AccountDetails,
  AssociationCategory,
  AssociationTypeInfo,
  BatchItemError,
  BatchResult,
  CustomObjectSchemaInfo,
  LimitConfiguration,
} from "./api";
import { HubSpotResponseFormatError, RequestDescription } from "./errors";
import { isRecord } from "./response-errors";
import { HttpResponse } from "./transport";

export type ItemParser<T> = (raw: Record<string, unknown>) => T;

export class ResponseReader {
  constructor(
    private readonly response: HttpResponse,
    private readonly request: RequestDescription,
  ) {}

  fail(problem: string): never {
    throw new HubSpotResponseFormatError(this.response.status, problem, this.request);
  }

  object(): Record<string, unknown> {
    if (!isRecord(this.response.body)) this.fail("expected a JSON object");
    return this.response.body;
  }

  /** `{ results: [...] }` collections. */
  results<T>(parse: ItemParser<T>): T[] {
    const results = this.object().results;
    if (!Array.isArray(results)) this.fail("expected `results` to be an array");
    return results.map((item, index) => {
      if (!isRecord(item)) this.fail(`results[${index}] is not an object`);
      try {
        return parse(item);
      } catch (error) {
        return this.fail(`results[${index}]: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  /** Batch envelopes: 200/201/207 alike; a CANCELED envelope is data, not an exception. */
  batch<T>(parse: ItemParser<T>): BatchResult<T> {
    const body = this.object();
    const status = typeof body.status === "string" ? body.status : "COMPLETE";
    const results = Array.isArray(body.results) ? this.results(parse) : [];
    const errors: BatchItemError[] = Array.isArray(body.errors)
      ? body.errors.filter(isRecord).map(parseBatchItemError)
      : [];
    const numErrors = toOptionalInteger(body.numErrors) ?? errors.length;
    return {
      status: (["PENDING", "PROCESSING", "CANCELED", "COMPLETE"].includes(status)
        ? status
        : "COMPLETE") as BatchResult<T>["status"],
      results,
      numErrors,
      errors,
      httpStatus: this.response.status,
    };
  }
}

export function parseAssociationType(raw: Record<string, unknown>): AssociationTypeInfo {
  const info: AssociationTypeInfo = {
    category: parseCategory(raw.category),
    typeId: toInteger(raw.typeId ?? raw.associationTypeId, "typeId"),
    label: typeof raw.label === "string" ? raw.label : null,
  };
  const fromObjectTypeId = toOptionalId(raw.fromObjectTypeId, "fromObjectTypeId");
  const toObjectTypeId = toOptionalId(raw.toObjectTypeId, "toObjectTypeId");
  if (fromObjectTypeId !== undefined) info.fromObjectTypeId = fromObjectTypeId;
  if (toObjectTypeId !== undefined) info.toObjectTypeId = toObjectTypeId;
  return info;
}

/** An optional id sent as a string or a number; anything else is not the right shape (never "[object Object]"). */
function toOptionalId(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  throw new TypeError(`${name} is not an id: ${JSON.stringify(value)}`);
}

export function parseLimitConfiguration(raw: Record<string, unknown>): LimitConfiguration {
  const config: LimitConfiguration = {
    category: parseCategory(raw.category),
    typeId: toInteger(raw.typeId, "typeId"),
  };
  const max = toOptionalInteger(raw.userEnforcedMaxToObjectIds ?? raw.maxToObjectIds);
  if (max !== undefined) config.userEnforcedMaxToObjectIds = max;
  if (raw.label !== undefined) config.label = typeof raw.label === "string" ? raw.label : null;
  return config;
}

export function parseAccountDetails(raw: Record<string, unknown>): AccountDetails {
  const details: AccountDetails = { portalId: toInteger(raw.portalId ?? raw.hubId, "portalId") };
  if (typeof raw.timeZone === "string") details.timeZone = raw.timeZone;
  if (typeof raw.accountType === "string") details.accountType = raw.accountType;
  if (typeof raw.uiDomain === "string") details.uiDomain = raw.uiDomain;
  return details;
}

/**
 * One ObjectSchema of `GET /crm/v3/schemas`. `objectTypeId` is required and must look like `2-123`: it goes into
 * association paths and resource ids (`<from>/<to>/<typeId>`), so a value with a slash or a space is refused here
 * rather than later. `id` is not a fallback: HubSpot sends it without the `2-` prefix (open questions Q6).
 */
export function parseCustomObjectSchema(raw: Record<string, unknown>): CustomObjectSchemaInfo {
  const objectTypeId = typeof raw.objectTypeId === "string" ? raw.objectTypeId.trim() : "";
  if (!/^[0-9]+-[0-9]+$/.test(objectTypeId))
    throw new TypeError(`objectTypeId is not an object type id: ${JSON.stringify(raw.objectTypeId)}`);
  if (typeof raw.name !== "string" || raw.name.trim() === "")
    throw new TypeError(`name is missing (objectTypeId ${objectTypeId})`);
  const schema: CustomObjectSchemaInfo = {
    objectTypeId,
    name: raw.name.trim(),
    archived: raw.archived === true || raw.archived === "true",
  };
  if (typeof raw.fullyQualifiedName === "string" && raw.fullyQualifiedName.trim() !== "")
    schema.fullyQualifiedName = raw.fullyQualifiedName.trim();
  if (isRecord(raw.labels)) {
    const labels: { singular?: string; plural?: string } = {};
    if (typeof raw.labels.singular === "string") labels.singular = raw.labels.singular;
    if (typeof raw.labels.plural === "string") labels.plural = raw.labels.plural;
    schema.labels = labels;
  }
  return schema;
}

function parseBatchItemError(raw: Record<string, unknown>): BatchItemError {
  const error: BatchItemError = {
    status: typeof raw.status === "string" ? raw.status : "error",
    category: typeof raw.category === "string" ? raw.category : "UNKNOWN",
    message: typeof raw.message === "string" ? raw.message : "",
  };
  if (typeof raw.subCategory === "string") error.subCategory = raw.subCategory;
  if (isRecord(raw.context)) {
    const context: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(raw.context))
      context[key] = (Array.isArray(value) ? value : [value]).map(String);
    error.context = context;
  }
  return error;
}

function parseCategory(value: unknown): AssociationCategory {
  if (typeof value !== "string" || value === "") throw new TypeError("missing category");
  // Passed through unchecked: HubSpot adds categories (WORK arrived in 2026) and the provider only compares.
  return value as AssociationCategory;
}

export function toInteger(value: unknown, name: string): number {
  const n = toOptionalInteger(value);
  if (n === undefined) throw new TypeError(`${name} is not an integer: ${JSON.stringify(value)}`);
  return n;
}

export function toOptionalInteger(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
