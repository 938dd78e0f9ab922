// `hubspot-associations validate FILE...`: checks documents offline (no token, no network) with the same loader
// the AssociationSchema component uses, so what passes here passes there.
import { countDocument, formatProblem, loadDocumentFile } from "../../sdk/document";
import { parseArgs } from "./args";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";

export const VALIDATE_USAGE = `Usage: hubspot-associations validate FILE [FILE...]

Checks hubspot-associations.yaml files offline against schema.json and every rule knowable without a portal:
the file is UTF-8, YAML aliases stay small; object types (a custom object's name cannot be checked offline);
duplicate pairs and label names (case-insensitive), names of unlabeled associations, at most 50 labels per object
pair; limits: HubSpot-defined types of their pair only, each type limited once, label limits at most the
unlabeled limit; adoptTypeId once and never a HubSpot-defined type. Needs no token and makes no API call.

Checks every FILE given. Prints each problem as FILE:LINE:COL: message (on stderr), and FILE: ok (N pairs,
M labels, K limits) for each good file; exits 1 when any file has a problem, 0 otherwise, 2 on a usage error.
`;

export async function runValidateCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, []);
  if (!parsed.ok) {
    io.err(`hubspot-associations validate: ${parsed.error}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.args.help) {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  const files = parsed.args.positionals;
  if (files.length === 0) {
    io.err(`hubspot-associations validate: a FILE is required\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  let failed = false;
  for (const file of files) {
    const result = loadDocumentFile(file);
    if (result.document) {
      const c = countDocument(result.document);
      io.out(`${file}: ok (${c.pairs} pair${c.pairs === 1 ? "" : "s"}, ${c.labels} label${c.labels === 1 ? "" : "s"}, ${c.limits} limit${c.limits === 1 ? "" : "s"})\n`);
      continue;
    }
    failed = true;
    for (const p of result.problems) io.err(formatProblem(p) + "\n");
  }
  return failed ? EXIT_USER_ERROR : EXIT_OK;
}
