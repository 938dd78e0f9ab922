// `hubspot-associations validate FILE...`: checks documents offline (no token, no network) with the same loader
// the AssociationSchema component uses, so what passes here passes there.
import { countDocument, formatProblem, loadDocumentFile } from "../../sdk/document";
import { parseArgs } from "./args";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";

export const VALIDATE_USAGE = `Usage: hubspot-associations validate FILE [FILE...]

Checks a hubspot-associations.yaml offline against schema.json and the rules beyond it (object types,
duplicate pairs and names, inverse fields, label limits above the unlabeled limit, duplicate adoptTypeId).
Needs no token and makes no API call.

Prints each problem as FILE:LINE:COL: message (on stderr) and exits 1 when there is any;
prints FILE: ok (N pairs, M labels, K limits) and exits 0 otherwise. Exit 2 on a usage error.
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
