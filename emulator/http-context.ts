// What a route handler sees: path params, query, the raw body with HubSpot-style JSON parsing helpers,
// the authenticated principal and the portal state. Handlers return an Answer or throw a HubSpotError.
import { invalidJsonError, MISSING_BODY_MESSAGE, validationError } from "./errors";
import { ObjectType } from "./object-types";
import { PortalState } from "./portal-state";
import { jsonErrorOffset } from "./json-position";
import { Principal } from "./auth";

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EmulatorLimits {
  pageSize: number;
}

export class HandlerContext {
  private parsed: { value: unknown } | undefined;

  constructor(
    readonly method: string,
    private readonly params: Record<string, string>,
    readonly query: URLSearchParams,
    readonly rawBody: Buffer,
    readonly principal: Principal,
    readonly state: PortalState,
    readonly limits: EmulatorLimits,
    readonly baseUrl: string,
  ) {}

  /** The path parameter `{name}` of the matched route; a handler asking for one its route lacks is a bug. */
  param(name: string): string {
    const value = this.params[name];
    if (value === undefined) throw new Error(`internal: the route of this ${this.method} has no {${name}} parameter`);
    return value;
  }

  objectType(param: string): ObjectType {
    return this.state.objectType(this.param(param));
  }

  /** Parsed JSON body; 400 with HubSpot's messages when missing or malformed. */
  json(): unknown {
    if (this.parsed) return this.parsed.value;
    const text = this.rawBody.toString("utf8");
    if (text.trim().length === 0) throw validationError(MISSING_BODY_MESSAGE);
    try {
      this.parsed = { value: JSON.parse(text) };
    } catch (e) {
      let pos: number;
      try {
        pos = jsonErrorOffset(text);
      } catch {
        // The locator is recursive: a body nested ~10 000 levels deep overflowed its stack and the request got a
        // 500 (reliability suite, emulator abuse). JSON.parse has already said what is wrong; answer the 400.
        throw invalidJsonError(`${(e as Error).message.split("\n")[0]} (nested too deeply to locate the error)`, 1, 1);
      }
      const before = text.slice(0, pos);
      const line = before.split("\n").length;
      const column = pos - (before.lastIndexOf("\n") + 1) + 1;
      const found =
        pos < text.length
          ? `Unexpected character ('${text[pos]}' (code ${text.charCodeAt(pos)}))`
          : "Unexpected end-of-input";
      throw invalidJsonError(`${found}: ${(e as Error).message.split("\n")[0]}`, line, column);
    }
    return this.parsed.value;
  }

  jsonObject(javaType = "java.util.Map"): Record<string, unknown> {
    const v = this.json();
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw invalidJsonError(`Cannot deserialize value of type \`${javaType}\` from ${describeJson(v)} value`);
    }
    return v as Record<string, unknown>;
  }

  jsonArray(javaType: string): unknown[] {
    const v = this.json();
    if (!Array.isArray(v))
      throw invalidJsonError(`Cannot deserialize value of type \`${javaType}\` from ${describeJson(v)} value`);
    return v;
  }

  /** `{ inputs: [...] }` with HubSpot's size cap for this endpoint. */
  batchInputs(max: number, javaType: string): Record<string, unknown>[] {
    const body = this.jsonObject(javaType);
    const inputs = body.inputs;
    if (!Array.isArray(inputs))
      throw validationError("inputs is required and must be an array", { context: { inputs: ["required"] } });
    if (inputs.length > max) {
      throw validationError(`Batch size ${inputs.length} exceeds the maximum of ${max} inputs for this endpoint`, {
        subCategory: "crm.associations.BATCH_TOO_LARGE",
        context: { limit: [String(max)], size: [String(inputs.length)] },
      });
    }
    inputs.forEach((x, i) => {
      if (typeof x !== "object" || x === null || Array.isArray(x))
        throw invalidJsonError(`inputs[${i}] must be an object`);
    });
    return inputs as Record<string, unknown>[];
  }
}

function describeJson(v: unknown): string {
  if (Array.isArray(v)) return "Array";
  if (v === null) return "Null";
  if (typeof v === "object") return "Object";
  if (typeof v === "string") return "String";
  if (typeof v === "number") return "Number";
  return "Boolean";
}

/** `{ id: "123" }` from a batch input field; HubSpot wants strings, numbers are tolerated. */
export function idOf(v: unknown, field: string): string {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const id = (v as { id?: unknown }).id;
    if (typeof id === "string" && id.length > 0) return id;
    if (typeof id === "number" && Number.isSafeInteger(id)) return String(id);
  }
  throw validationError(`${field}.id is required`, { context: { [field]: ["required"] } });
}

export function batchEnvelope<T>(
  results: T[],
  errors: unknown[],
  startedAt: string,
  status?: string,
): Record<string, unknown> {
  const env: Record<string, unknown> = { status: status ?? "COMPLETE", results };
  if (errors.length > 0) {
    env.numErrors = errors.length;
    env.errors = errors;
  }
  env.startedAt = startedAt;
  env.completedAt = new Date().toISOString();
  return env;
}
