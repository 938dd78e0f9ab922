// Small helpers for the property bags Pulumi hands to a dynamic provider.

export type PropertyBag = Record<string, unknown>;

export const STATE_SCHEMA_VERSION = 1;

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
