// Collapses a preview's steps into one change per resource. Pulumi reports a replacement as several steps
// (`replace`, `create-replacement`, `delete-replaced`) for the same URN; a reviewer wants one row.
import { PreviewStep, StepState } from "./preview-json";

export type ChangeKind = "create" | "update" | "replace" | "delete";

export interface ResourceChange {
  urn: string;
  kind: ChangeKind;
  oldState?: StepState;
  newState?: StepState;
  replaceReasons: string[];
}

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced", "discard-replaced"]);
// `same`, `read`, `refresh`, `import`... change nothing at HubSpot.
const KIND_OF: Record<string, ChangeKind> = { create: "create", update: "update", delete: "delete", discard: "delete" };

export function collapseSteps(steps: PreviewStep[]): ResourceChange[] {
  const byUrn = new Map<string, ResourceChange>();
  for (const s of steps) {
    const kind: ChangeKind | undefined = REPLACE_OPS.has(s.op) ? "replace" : KIND_OF[s.op];
    if (!kind) continue;
    const existing = byUrn.get(s.urn);
    if (!existing) {
      byUrn.set(s.urn, {
        urn: s.urn,
        kind,
        oldState: s.oldState,
        newState: s.newState,
        replaceReasons: [...s.replaceReasons],
      });
      continue;
    }
    // Another step of the same replacement: keep the fullest picture of before and after.
    existing.kind = "replace";
    existing.oldState ??= s.oldState;
    if (s.op !== "delete-replaced") existing.newState ??= s.newState;
    for (const r of s.replaceReasons) if (!existing.replaceReasons.includes(r)) existing.replaceReasons.push(r);
  }
  return [...byUrn.values()];
}
