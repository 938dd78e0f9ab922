// The pull-request comment: a heading, one table row per change, and a count.
import { ChangeRow } from "./describe";

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
