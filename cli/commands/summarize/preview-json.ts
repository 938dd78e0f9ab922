// The parts of `pulumi preview --json` the summary reads, checked at the boundary (the input is any JSON).
// Shape as the Pulumi CLI 3.248 prints it (see test/fixtures/preview-*.json, captured from real runs).
import { errorMessage } from "../../../model";

export type Props = Record<string, unknown>;

export interface StepState {
  inputs: Props;
  outputs: Props;
  propertyDependencies: Record<string, string[]>;
  dependencies: string[];
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: StepState;
  newState?: StepState;
  replaceReasons: string[];
  diffReasons: string[];
}

/** A message of the run: the program's and the providers' errors and warnings (the CLI prefixes `error: `). */
export interface PreviewDiagnostic {
  urn?: string;
  message: string;
  severity: string;
}

export interface PreviewJson {
  steps: PreviewStep[];
  changeSummary: Record<string, number>;
  diagnostics: PreviewDiagnostic[];
}

/** What Pulumi puts where a value is not known until the update runs (an output of a resource being changed). */
export { UNKNOWN } from "../../../model";

export const asProps = (v: unknown): Props =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : {};
const asStrings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function parseState(v: unknown): StepState | undefined {
  if (v === null || typeof v !== "object") return undefined;
  const s = asProps(v);
  const deps: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(asProps(s.propertyDependencies))) deps[k] = asStrings(list);
  return {
    inputs: asProps(s.inputs),
    outputs: asProps(s.outputs),
    propertyDependencies: deps,
    dependencies: asStrings(s.dependencies),
  };
}

export type ParsedPreview = { ok: true; preview: PreviewJson } | { ok: false; reason: string };

export function parsePreviewJson(text: string): ParsedPreview {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON (${errorMessage(e)}); pass the output of \`pulumi preview --json\`` };
  }
  const root = asProps(raw);
  // The CLI leaves `steps` out when nothing was registered (a program that failed at once): diagnostics still say so.
  if (!Array.isArray(root.steps) && !Array.isArray(root.diagnostics)) {
    return {
      ok: false,
      reason: "no `steps` or `diagnostics` list: this does not look like the output of `pulumi preview --json`",
    };
  }
  const steps: PreviewStep[] = [];
  for (const s of Array.isArray(root.steps) ? root.steps : []) {
    const p = asProps(s);
    if (typeof p.op !== "string" || typeof p.urn !== "string") continue;
    steps.push({
      op: p.op,
      urn: p.urn,
      oldState: parseState(p.oldState),
      newState: parseState(p.newState),
      replaceReasons: asStrings(p.replaceReasons),
      diffReasons: asStrings(p.diffReasons),
    });
  }
  const summary: Record<string, number> = {};
  for (const [k, v] of Object.entries(asProps(root.changeSummary))) if (typeof v === "number") summary[k] = v;
  const diagnostics: PreviewDiagnostic[] = [];
  for (const d of Array.isArray(root.diagnostics) ? root.diagnostics : []) {
    const p = asProps(d);
    if (typeof p.message !== "string" || typeof p.severity !== "string") continue;
    diagnostics.push({
      message: p.message,
      severity: p.severity,
      ...(typeof p.urn === "string" ? { urn: p.urn } : {}),
    });
  }
  return { ok: true, preview: { steps, changeSummary: summary, diagnostics } };
}

/** `urn:pulumi:stack::project::parent$pkg:mod:Type::name` -> `pkg:mod:Type`. */
export function urnType(urn: string): string {
  const parts = urn.split("::");
  const chain = parts[2] ?? "";
  return chain.slice(chain.lastIndexOf("$") + 1);
}

export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
