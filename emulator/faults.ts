// Fault injection: the next `count` requests matching method + route template get a canned failure.
import { randomUUID } from "node:crypto";
import { validationError } from "./errors";
import { ArmedFault, FaultSpec } from "./types";

const POLICIES = new Set(["TEN_SECONDLY_ROLLING", "SECONDLY", "DAILY"]);

export function validateFaultSpec(raw: unknown): FaultSpec {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw validationError("fault spec must be a JSON object");
  const s = raw as Record<string, unknown>;
  const spec: FaultSpec = {};
  if (s.method !== undefined) {
    if (typeof s.method !== "string") throw validationError("method must be a string");
    spec.method = s.method.toUpperCase();
  }
  if (s.route !== undefined) {
    if (typeof s.route !== "string") throw validationError("route must be a string");
    spec.route = s.route;
  }
  if (s.count !== undefined) {
    if (typeof s.count !== "number" || !Number.isInteger(s.count) || s.count < 1)
      throw validationError("count must be a positive integer");
    spec.count = s.count;
  }
  if (s.status !== undefined) {
    if (typeof s.status !== "number" || !Number.isInteger(s.status) || s.status < 100 || s.status > 599)
      throw validationError("status must be an HTTP status code");
    spec.status = s.status;
  }
  if (s.body !== undefined) spec.body = s.body;
  if (s.policy !== undefined) {
    if (typeof s.policy !== "string" || !POLICIES.has(s.policy))
      throw validationError("policy must be TEN_SECONDLY_ROLLING, SECONDLY or DAILY");
    spec.policy = s.policy as FaultSpec["policy"];
  }
  if (s.delayMs !== undefined) {
    if (typeof s.delayMs !== "number" || s.delayMs < 0 || s.delayMs > 600_000)
      throw validationError("delayMs must be between 0 and 600000");
    spec.delayMs = s.delayMs;
  }
  if (s.drop !== undefined) spec.drop = s.drop === true;
  if (s.after !== undefined) spec.after = s.after === true;
  if (spec.status === undefined && !spec.drop && spec.delayMs === undefined)
    throw validationError("a fault needs status, drop or delayMs");
  return spec;
}

export class FaultTable {
  private faults: ArmedFault[] = [];

  arm(spec: FaultSpec): string {
    const id = randomUUID();
    this.faults.push({
      ...spec,
      method: spec.method ?? "*",
      route: spec.route ?? "*",
      count: spec.count ?? 1,
      id,
      remaining: spec.count ?? 1,
    });
    return id;
  }

  /** Consumes one shot of the first fault matching this request. */
  take(method: string, route: string): ArmedFault | undefined {
    const f = this.faults.find(
      (x) => (x.method === "*" || x.method === method) && (x.route === "*" || x.route === route),
    );
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return { ...f };
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
