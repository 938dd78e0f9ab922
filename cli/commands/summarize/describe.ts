// The reviewer's view of a preview: one row per label change and per limit change, in plain words.
import { LabelIndex } from "./label-index";
import { limitRows } from "./limit-rows";
import { PreviewJson, Props, urnType } from "./preview-json";
import { collapseSteps, ResourceChange } from "./resource-changes";
import { ChangeRow, code, pairOf, text } from "./rows";

export { ChangeRow } from "./rows";

export const LABEL_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLabel";
export const LIMITS_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLimits";

const REMOVES_FROM_RECORDS = "HubSpot removes a replaced label from every record";

function labelTitle(props: Props): string {
  const label = text(props.label) ?? "?";
  const inverse = text(props.inverseLabel);
  return `label ${code(inverse === undefined ? label : `${label} / ${inverse}`)}`;
}

function replaceWhy(c: ResourceChange, before: Props, after: Props): string {
  const why: string[] = [];
  for (const reason of c.replaceReasons.length > 0 ? c.replaceReasons : ["?"]) {
    if (reason === "name")
      why.push(`internal name ${code(text(before.name) ?? "?")} -> ${code(text(after.name) ?? "?")}`);
    else if (reason === "inverseLabel")
      why.push(text(after.inverseLabel) === undefined ? "paired -> single" : "single -> paired");
    else if (reason === "fromObjectType" || reason === "toObjectType")
      why.push(`object pair ${pairOf(before)} -> ${pairOf(after)}`);
    else if (reason === "adoptTypeId") why.push(`adopts the existing label with typeId ${String(after.adoptTypeId)}`);
    else if (reason !== "?") why.push(`${reason} changed`);
  }
  return why.length > 0 ? why.join(", ") : "its identity changed";
}

function labelRows(c: ResourceChange): ChangeRow[] {
  const before = { ...(c.oldState?.inputs ?? {}), ...(c.oldState?.outputs ?? {}) };
  const after = c.newState?.inputs ?? {};
  const row = (props: Props, change: string): ChangeRow => ({
    pair: pairOf(props),
    subject: labelTitle(props),
    change,
    kind: "label",
  });
  switch (c.kind) {
    case "create": {
      const adopt = after.adoptTypeId;
      return [
        row(after, typeof adopt === "number" ? `adopted (existing typeId ${adopt}; nothing is created)` : "added"),
      ];
    }
    case "delete":
      return [row(before, "**deleted**: HubSpot removes it from every record")];
    case "replace":
      return [row(after, `**replaced** (${replaceWhy(c, before, after)}): ${REMOVES_FROM_RECORDS}`)];
    case "update": {
      const parts: string[] = [];
      if (before.label !== after.label)
        parts.push(`text ${code(text(before.label) ?? "")} -> ${code(text(after.label) ?? "")}`);
      if (before.inverseLabel !== after.inverseLabel)
        parts.push(`inverse text ${code(text(before.inverseLabel) ?? "")} -> ${code(text(after.inverseLabel) ?? "")}`);
      return [row(after, parts.length > 0 ? parts.join(", ") : "updated")];
    }
  }
}

/** Every label and limit change of the preview, labels first, in the preview's order. */
export function describePreview(preview: PreviewJson): ChangeRow[] {
  const labels = new LabelIndex();
  // Every label the preview mentions, changed or not, so that limits can name the labels they point at.
  for (const s of preview.steps)
    if (urnType(s.urn) === LABEL_TYPE) labels.add(s.urn, s.oldState, s.op === "delete" ? undefined : s.newState);
  const changes = collapseSteps(preview.steps);
  const labelChanges = changes.filter((c) => urnType(c.urn) === LABEL_TYPE).flatMap(labelRows);
  const limitChanges = changes.filter((c) => urnType(c.urn) === LIMITS_TYPE).flatMap((c) => limitRows(c, labels));
  return [...labelChanges, ...limitChanges];
}
