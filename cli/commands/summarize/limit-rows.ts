// The rows of one AssociationLimits change: one per limit added, raised, lowered or removed, and one when the
// resource starts or stops owning the pair's whole set (`exclusive`). An entry is keyed by the association type it
// limits, however it names it (typeId, label text, unlabeled, or a label's typeId output not known in a preview),
// so the same type before and after compares equal and a limit that goes is exactly one row.
import { hubspotDefinedTypes, isUnknown, unlabeledTypeId } from "../../../model";
import { LabelIndex, objectTypeIdOf } from "./label-index";
import { asProps, Props } from "./preview-json";
import { ResourceChange } from "./resource-changes";
import { ChangeRow, code, pairOf, text } from "./rows";

interface LimitEntry {
  key: string;
  name: string;
  max: number;
}

interface PairContext {
  fromId?: string;
  toId?: string;
  labels: LabelIndex;
  /** What the entries resolved to at HubSpot (the old outputs): typeId, category, text. */
  resolved: Props[];
}

/** The HubSpot-defined or resolved type named by text or id, for its key and its name in the table. */
function knownType(
  ctx: PairContext,
  by: { typeId?: number; label?: string },
): { typeId: number; label: string | null } | undefined {
  const defined = ctx.fromId && ctx.toId ? hubspotDefinedTypes(ctx.fromId, ctx.toId) : [];
  const hit = defined.find((t) => (by.typeId !== undefined ? t.typeId === by.typeId : t.label === by.label));
  if (hit) return hit;
  const r = ctx.resolved.find((x) => (by.typeId !== undefined ? x.typeId === by.typeId : x.label === by.label));
  return r && typeof r.typeId === "number" ? { typeId: r.typeId, label: text(r.label) ?? null } : undefined;
}

function limitEntries(state: Props, deps: string[], ctx: PairContext): LimitEntry[] {
  const raw = Array.isArray(state.limits) ? state.limits.map(asProps) : [];
  const unlabeled = ctx.fromId && ctx.toId ? unlabeledTypeId(ctx.fromId, ctx.toId) : undefined;
  const usedRefs = new Set<string>();
  for (const e of raw) {
    const ref =
      typeof e.typeId === "number" && e.category !== "HUBSPOT_DEFINED" ? ctx.labels.byId(e.typeId) : undefined;
    if (ref) usedRefs.add(`${ref.urn}#${ref.half}`);
  }
  const out: LimitEntry[] = [];
  for (const e of raw) {
    const max = typeof e.maxToObjectIds === "number" ? e.maxToObjectIds : NaN;
    const typeId = e.typeId;
    if (e.unlabeled === true || (typeof typeId === "number" && typeId === unlabeled)) {
      out.push({ key: "unlabeled", name: "unlabeled", max });
    } else if (typeof e.label === "string") {
      const t = knownType(ctx, { label: e.label });
      out.push({ key: t ? `type:${t.typeId}` : `text:${e.label}`, name: code(e.label), max });
    } else if (typeof typeId === "number") {
      const ref = e.category !== "HUBSPOT_DEFINED" ? ctx.labels.byId(typeId) : undefined;
      if (ref) {
        out.push({ key: `label:${ref.urn}#${ref.half}`, name: code(ctx.labels.textOf(ref) ?? `type ${typeId}`), max });
        continue;
      }
      const t = knownType(ctx, { typeId });
      out.push({ key: `type:${typeId}`, name: t?.label ? code(t.label) : t ? "unlabeled" : `type ${typeId}`, max });
    } else if (isUnknown(typeId)) {
      // Not known until the label it comes from is applied: find that label among the entry's dependencies.
      const ref = ctx.labels.halvesOnPair(deps, ctx.fromId, ctx.toId).find((r) => !usedRefs.has(`${r.urn}#${r.half}`));
      if (ref) {
        usedRefs.add(`${ref.urn}#${ref.half}`);
        out.push({ key: `label:${ref.urn}#${ref.half}`, name: code(ctx.labels.textOf(ref) ?? "a changed label"), max });
      } else out.push({ key: `unknown:${out.length}`, name: "a label created by this update", max });
    }
  }
  return out;
}

export function limitRows(c: ResourceChange, labels: LabelIndex): ChangeRow[] {
  const before = { ...(c.oldState?.inputs ?? {}), ...(c.oldState?.outputs ?? {}) };
  const after = c.newState?.inputs ?? {};
  const props = c.newState ? after : before;
  const ctx: PairContext = {
    fromId: objectTypeIdOf(props, "from"),
    toId: objectTypeIdOf(props, "to"),
    labels,
    resolved: Array.isArray(before.resolved) ? before.resolved.map(asProps) : [],
  };
  const deps = c.newState ? (c.newState.propertyDependencies.limits ?? c.newState.dependencies) : [];
  const olds = c.oldState ? limitEntries(before, c.oldState.propertyDependencies.limits ?? [], ctx) : [];
  const news = c.newState ? limitEntries(after, deps, ctx) : [];
  const pair = pairOf(props);
  const rows: ChangeRow[] = [];
  const row = (subject: string, change: string): void => void rows.push({ pair, subject, change, kind: "limit" });
  const wasExclusive = c.oldState !== undefined && before.exclusive === true;
  const isExclusive = c.newState !== undefined && after.exclusive === true;
  if (isExclusive && !wasExclusive)
    row("limits not declared here", "**exclusive**: any such limit at HubSpot is removed");
  if (wasExclusive && !isExclusive && c.newState)
    row("limits not declared here", "no longer exclusive: left as HubSpot has them");
  for (const n of news) {
    const o = olds.find((x) => x.key === n.key);
    if (!o) row(`limit on ${n.name}`, `added: ${n.max}`);
    else if (n.max > o.max) row(`limit on ${n.name}`, `raised ${o.max} -> ${n.max}`);
    else if (n.max < o.max) row(`limit on ${n.name}`, `lowered ${o.max} -> ${n.max}`);
  }
  for (const o of olds) if (!news.some((n) => n.key === o.key)) row(`limit on ${o.name}`, `removed (was ${o.max})`);
  return rows;
}
