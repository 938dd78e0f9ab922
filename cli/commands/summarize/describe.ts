// The reviewer's view of a preview: one row per label change and per limit change, in plain words.
import { hubspotDefinedTypes, pairDisplay } from "../../../model";
import { LabelIndex, objectTypeIdOf } from "./label-index";
import { asProps, PreviewJson, Props, UNKNOWN, urnType } from "./preview-json";
import { collapseSteps, ResourceChange } from "./resource-changes";

export const LABEL_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLabel";
export const LIMITS_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLimits";

export interface ChangeRow {
  /** `Contacts → Companies`. */
  pair: string;
  /** `label \`Manager / Employee\`` or `limit on \`Primary\``. */
  subject: string;
  change: string;
  kind: "label" | "limit";
}

const REMOVES_FROM_RECORDS = "HubSpot removes a replaced label from every record";

/** Text for a Markdown code span: backticks would end it early. */
export const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function pairOf(props: Props): string {
  const from = objectTypeIdOf(props, "from") ?? text(props.fromObjectType) ?? "?";
  const to = objectTypeIdOf(props, "to") ?? text(props.toObjectType) ?? "?";
  return pairDisplay(from, to);
}

function labelTitle(props: Props): string {
  const label = text(props.label) ?? "?";
  const inverse = text(props.inverseLabel);
  return `label ${code(inverse === undefined ? label : `${label} / ${inverse}`)}`;
}

function replaceWhy(c: ResourceChange, before: Props, after: Props): string {
  const why: string[] = [];
  for (const reason of c.replaceReasons.length > 0 ? c.replaceReasons : ["?"]) {
    if (reason === "name") why.push(`internal name ${code(text(before.name) ?? "?")} -> ${code(text(after.name) ?? "?")}`);
    else if (reason === "inverseLabel") why.push(text(after.inverseLabel) === undefined ? "paired -> single" : "single -> paired");
    else if (reason === "fromObjectType" || reason === "toObjectType") why.push(`object pair ${pairOf(before)} -> ${pairOf(after)}`);
    else if (reason === "adoptTypeId") why.push(`adopts the existing label with typeId ${String(after.adoptTypeId)}`);
    else if (reason !== "?") why.push(`${reason} changed`);
  }
  return why.length > 0 ? why.join(", ") : "its identity changed";
}

function labelRows(c: ResourceChange): ChangeRow[] {
  const before = { ...(c.oldState?.inputs ?? {}), ...(c.oldState?.outputs ?? {}) };
  const after = c.newState?.inputs ?? {};
  const row = (props: Props, change: string): ChangeRow => ({ pair: pairOf(props), subject: labelTitle(props), change, kind: "label" });
  switch (c.kind) {
    case "create": {
      const adopt = after.adoptTypeId;
      return [row(after, typeof adopt === "number" ? `adopted (existing typeId ${adopt}; nothing is created)` : "added")];
    }
    case "delete":
      return [row(before, "**deleted**: HubSpot removes it from every record")];
    case "replace":
      return [row(after, `**replaced** (${replaceWhy(c, before, after)}): ${REMOVES_FROM_RECORDS}`)];
    case "update": {
      const parts: string[] = [];
      if (before.label !== after.label) parts.push(`text ${code(text(before.label) ?? "")} -> ${code(text(after.label) ?? "")}`);
      if (before.inverseLabel !== after.inverseLabel) parts.push(`inverse text ${code(text(before.inverseLabel) ?? "")} -> ${code(text(after.inverseLabel) ?? "")}`);
      return [row(after, parts.length > 0 ? parts.join(", ") : "updated")];
    }
  }
}

/** A limit entry, identified so that the same association type before and after compares equal. */
interface LimitEntry {
  key: string;
  name: string;
  max: number;
}

function limitEntries(
  state: Props,
  deps: string[],
  fromId: string | undefined,
  toId: string | undefined,
  labels: LabelIndex,
  resolved: Props[],
): LimitEntry[] {
  const raw = Array.isArray(state.limits) ? state.limits.map(asProps) : [];
  const explicit = new Set(raw.map((e) => e.typeId).filter((id): id is number => typeof id === "number"));
  const usedRefs = new Set<string>();
  for (const id of explicit) {
    const ref = labels.byId(id);
    if (ref) usedRefs.add(`${ref.urn}#${ref.half}`);
  }
  const out: LimitEntry[] = [];
  for (const e of raw) {
    const max = typeof e.maxToObjectIds === "number" ? e.maxToObjectIds : NaN;
    if (e.unlabeled === true) {
      out.push({ key: "unlabeled", name: "unlabeled", max });
      continue;
    }
    if (typeof e.label === "string") {
      out.push({ key: `text:${e.label}`, name: code(e.label), max });
      continue;
    }
    const typeId = e.typeId;
    if (typeof typeId === "number") {
      const ref = labels.byId(typeId);
      if (ref) {
        out.push({ key: `label:${ref.urn}#${ref.half}`, name: code(labels.textOf(ref) ?? `type ${typeId}`), max });
        continue;
      }
      const known = resolved.find((r) => r.typeId === typeId) ?? (fromId && toId ? hubspotDefinedTypes(fromId, toId).find((t) => t.typeId === typeId) : undefined);
      const label = known ? text(asProps(known).label) : undefined;
      out.push({ key: `type:${typeId}`, name: label ? code(label) : known ? "unlabeled" : `type ${typeId}`, max });
      continue;
    }
    if (typeId === UNKNOWN) {
      // Not known until the label it comes from is applied: find that label among the entry's dependencies.
      const candidates = labels.halvesOnPair(deps, fromId, toId).filter((r) => !usedRefs.has(`${r.urn}#${r.half}`));
      const ref = candidates[0];
      if (ref) {
        usedRefs.add(`${ref.urn}#${ref.half}`);
        out.push({ key: `label:${ref.urn}#${ref.half}`, name: code(labels.textOf(ref) ?? "a changed label"), max });
        continue;
      }
      out.push({ key: `unknown:${out.length}`, name: "a label created by this update", max });
    }
  }
  return out;
}

function limitRows(c: ResourceChange, labels: LabelIndex): ChangeRow[] {
  const before = { ...(c.oldState?.inputs ?? {}), ...(c.oldState?.outputs ?? {}) };
  const after = c.newState?.inputs ?? {};
  const props = c.newState ? after : before;
  const fromId = objectTypeIdOf(props, "from");
  const toId = objectTypeIdOf(props, "to");
  const resolved = Array.isArray(before.resolved) ? before.resolved.map(asProps) : [];
  const deps = c.newState ? (c.newState.propertyDependencies.limits ?? c.newState.dependencies) : [];
  const olds = c.oldState ? limitEntries(before, c.oldState.propertyDependencies.limits ?? [], fromId, toId, labels, resolved) : [];
  const news = c.newState ? limitEntries(after, deps, fromId, toId, labels, resolved) : [];
  const pair = pairOf(props);
  const rows: ChangeRow[] = [];
  const row = (name: string, change: string): void => void rows.push({ pair, subject: `limit on ${name}`, change, kind: "limit" });
  for (const n of news) {
    const o = olds.find((x) => x.key === n.key);
    if (!o) row(n.name, `added: ${n.max}`);
    else if (n.max > o.max) row(n.name, `raised ${o.max} -> ${n.max}`);
    else if (n.max < o.max) row(n.name, `lowered ${o.max} -> ${n.max}`);
  }
  for (const o of olds) if (!news.some((n) => n.key === o.key)) row(o.name, `removed (was ${o.max})`);
  return rows;
}

/** Every label and limit change of the preview, labels first, in the preview's order. */
export function describePreview(preview: PreviewJson): ChangeRow[] {
  const labels = new LabelIndex();
  // Every label the preview mentions, changed or not, so that limits can name the labels they point at.
  for (const s of preview.steps) if (urnType(s.urn) === LABEL_TYPE) labels.add(s.urn, s.oldState, s.op === "delete" ? undefined : s.newState);
  const changes = collapseSteps(preview.steps);
  const labelChanges = changes.filter((c) => urnType(c.urn) === LABEL_TYPE).flatMap(labelRows);
  const limitChanges = changes.filter((c) => urnType(c.urn) === LIMITS_TYPE).flatMap((c) => limitRows(c, labels));
  return [...labelChanges, ...limitChanges];
}
