// `hubspot-associations summarize [FILE|-]`: `pulumi preview --json` -> a Markdown table for a pull request.
import { errorMessage } from "../../model";
import * as fs from "fs";
import { parseArgs, flagValue } from "./args";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";
import { describePreview } from "./summarize/describe";
import { errorLines, renderFailure, renderMarkdown } from "./summarize/markdown";
import { parsePreviewJson } from "./summarize/preview-json";

export const SUMMARIZE_USAGE = `Usage: hubspot-associations summarize [FILE|-] [--title TEXT]

Reads the JSON of \`pulumi preview --json\` (from FILE, or standard input when FILE is - or absent) and prints
a Markdown table of the association label and limit changes, for a pull-request comment:

  pulumi preview --json > preview.json && hubspot-associations summarize preview.json

Options:
  --title TEXT   heading of the table (default: HubSpot association changes)
  -h, --help     this text

A preview that failed (its JSON lists errors) is summarized as failed, with its error lines, and exits 1:
its partial steps are not a list of changes.

Exit codes: 0 ok (also when nothing changes), 1 the preview failed or the input is unreadable or not preview
JSON, 2 usage.
`;

export interface SummarizeIo extends CommandIo {
  /** Standard input; tests pass a string. Defaults to the process's stdin. */
  readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function runSummarizeCommand(argv: string[], io: SummarizeIo): Promise<number> {
  const parsed = parseArgs(argv, [{ name: "title", takesValue: true }]);
  if (!parsed.ok) {
    io.err(`hubspot-associations summarize: ${parsed.error}\n\n${SUMMARIZE_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.args.help) {
    io.out(SUMMARIZE_USAGE);
    return EXIT_OK;
  }
  if (parsed.args.positionals.length > 1) {
    io.err(`hubspot-associations summarize: one FILE at most\n\n${SUMMARIZE_USAGE}`);
    return EXIT_USAGE;
  }
  const file = parsed.args.positionals[0] ?? "-";
  let text: string;
  try {
    text = file === "-" ? await (io.readStdin ?? readProcessStdin)() : fs.readFileSync(file, "utf8");
  } catch (e) {
    io.err(`hubspot-associations summarize: cannot read ${file}: ${errorMessage(e)}\n`);
    return EXIT_USER_ERROR;
  }
  const preview = parsePreviewJson(text);
  if (!preview.ok) {
    io.err(`hubspot-associations summarize: ${file === "-" ? "standard input" : file}: ${preview.reason}\n`);
    return EXIT_USER_ERROR;
  }
  const title = flagValue(parsed.args, "title");
  const errors = errorLines(preview.preview.diagnostics);
  if (errors.length > 0) {
    io.out(renderFailure(errors, title));
    io.err(
      `hubspot-associations summarize: the preview failed (${errors.length} error line${errors.length === 1 ? "" : "s"}); see the summary\n`,
    );
    return EXIT_USER_ERROR;
  }
  io.out(renderMarkdown(describePreview(preview.preview), title));
  return EXIT_OK;
}
