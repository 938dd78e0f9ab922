// The pull-request comment: a heading, one table row per change, and a count; or, for a preview that failed, the
// errors it printed, since its steps are partial and a table of them would mislead.
import { ChangeRow } from "./describe";
import { PreviewDiagnostic, urnName, urnType } from "./preview-json";

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(rows: ChangeRow[], title = "HubSpot association changes"): string {
  if (rows.length === 0) return `### ${title}\n\nNo changes to association labels or limits.\n`;
  const labels = rows.filter((r) => r.kind === "label").length;
  const limits = rows.length - labels;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [
    `### ${title}`,
    "",
    "| Object pair | Label or limit | Change |",
    "|---|---|---|",
    ...rows.map((r) => `| ${cell(r.pair)} | ${cell(r.subject)} | ${cell(r.change)} |`),
    "",
    `${plural(labels, "label change")}, ${plural(limits, "limit change")}.`,
    "",
  ].join("\n");
}

/**
 * The error diagnostics' lines, each with the resource it is about (none for the program itself). A diagnostic the
 * CLI reports twice (an inline program's error is) is shown once.
 */
export function errorLines(diagnostics: PreviewDiagnostic[]): string[] {
  const errors = diagnostics.filter((d) => d.severity === "error");
  return errors
    .filter((d, i) => errors.findIndex((x) => x.message === d.message && x.urn === d.urn) === i)
    .flatMap((d) => {
      const lines = d.message
        .replace(/^error: /, "")
        .trimEnd()
        .split("\n");
      const about = d.urn && urnType(d.urn) !== "pulumi:pulumi:Stack" ? `${urnName(d.urn)}: ` : "";
      return lines.map((l, i) => (i === 0 ? `${about}${l}` : l));
    })
    .filter((l) => l.trim() !== "");
}

export function renderFailure(lines: string[], title = "HubSpot association changes"): string {
  return [
    `### ${title}`,
    "",
    "**The preview failed**: no changes can be listed until it succeeds. Its errors:",
    "",
    "```",
    ...lines.map((l) => l.replace(/```/g, "'''")),
    "```",
    "",
  ].join("\n");
}
