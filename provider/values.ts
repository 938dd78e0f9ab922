// Small helpers for the property bags Pulumi hands to a dynamic provider.

/** During preview, inputs computed from not-yet-known outputs arrive as this string (runtime/rpc.ts unknownValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type PropertyBag = Record<string, unknown>;

export const STATE_SCHEMA_VERSION = 1;

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** True when the value or anything inside it is the unknown sentinel. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** A copy without `__provider` (the host puts it back itself) and without undefined values. */
export function withoutProvider(bag: PropertyBag | undefined): PropertyBag {
  const out: PropertyBag = {};
  for (const [k, v] of Object.entries(bag ?? {})) {
    if (k === "__provider" || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

export function optionalString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Numbers may come back from state as numbers; tolerate numeric strings written by hand-edited state. */
export function optionalNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?[0-9]+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}
