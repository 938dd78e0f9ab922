// `hubspot-associations validate FILE...`: checks documents offline (no token, no network) with the same loader
// the AssociationSchema component uses, so what passes here passes there. With `--portal`, the custom object
// references of the files are also checked against a live portal (validate/portal-check.ts), with one schemas read
// for all the files; without it, nothing leaves the machine.
import { CustomObjectSchema, errorMessage } from "../../model";
import {
  AssociationSchemaDocument,
  countDocument,
  DocumentProblem,
  formatProblem,
  loadDocumentFile,
} from "../../sdk/document";
import { parseArgs } from "./args";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";
import { connectPortal, PORTAL_FLAGS, PORTAL_FLAGS_USAGE, portalFlagGiven } from "./portal";
import { checkAgainstPortal, customReferences } from "./validate/portal-check";

export const VALIDATE_USAGE = `Usage: hubspot-associations validate [--portal [options]] FILE [FILE...]

Checks hubspot-associations.yaml files offline against schema.json and every rule knowable without a portal:
the file is UTF-8, YAML aliases stay small; object types (a custom object's name cannot be checked offline);
duplicate pairs and label names (case-insensitive), names of unlabeled associations, at most 50 labels per object
pair; limits: HubSpot-defined types of their pair only, each type limited once, label limits at most the
unlabeled limit; adoptTypeId once and never a HubSpot-defined type. Needs no token and makes no API call.

With --portal, also checks every custom object the files name (by name, p_<name>, fully qualified name or id)
against a live portal, with one read of its custom object schemas for all the files (none when no file names a
custom object): an unknown one is reported with the custom objects that exist, and the rules above run again with
each custom object resolved, so that its name and its id in one document count as one object. The settings are
those of the provider: the token from $HUBSPOT_ACCESS_TOKEN (or --token-env), the base URL from --base-url, else
$HUBSPOT_BASE_URL; with $HUBSPOT_PORTAL_ID set, a token of another portal is refused.

Checks every FILE given. Prints each problem as FILE:LINE:COL: message (on stderr), and FILE: ok (N pairs,
M labels, K limits) for each good file; exits 1 when any file has a problem or the portal cannot be read, 0
otherwise, 2 on a usage error.

Options:
  --portal              check custom objects against the portal the settings name
${PORTAL_FLAGS_USAGE}
  -h, --help            this text
`;

interface Checked {
  file: string;
  document?: AssociationSchemaDocument;
  problems: DocumentProblem[];
  /** `cars = 2-123`, when checked against a portal. */
  resolved: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function runValidateCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, [{ name: "portal", takesValue: false }, ...PORTAL_FLAGS]);
  const usage = (msg: string): number => {
    io.err(`hubspot-associations validate: ${msg}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  };
  if (!parsed.ok) return usage(parsed.error);
  const args = parsed.args;
  if (args.help) {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  const portal = args.flags.has("portal");
  const stray = portalFlagGiven(args);
  if (!portal && stray !== undefined) return usage(`--${stray} is for reading a portal: give --portal too`);
  if (args.positionals.length === 0) return usage("a FILE is required");

  const checked: Checked[] = args.positionals.map((file) => ({ file, ...loadDocumentFile(file), resolved: [] }));
  const needPortal = portal
    ? checked.filter((c) => c.document !== undefined && customReferences(c.document).length > 0)
    : [];
  let portalError: string | undefined;
  if (needPortal.length > 0) {
    const schemas = await readSchemas(args, io);
    if (schemas.ok) {
      for (const c of needPortal)
        Object.assign(c, checkAgainstPortal(c.file, c.document as AssociationSchemaDocument, schemas.schemas));
    } else portalError = schemas.message;
  }

  let failed = portalError !== undefined;
  for (const c of checked) {
    if (c.problems.length > 0 || !c.document) {
      failed = true;
      for (const p of c.problems) io.err(formatProblem(p) + "\n");
      continue;
    }
    // Not confirmed while the portal that would confirm it could not be read.
    if (portalError !== undefined && needPortal.includes(c)) continue;
    const n = countDocument(c.document);
    const inPortal = c.resolved.length > 0 ? `; in this portal ${c.resolved.join(", ")}` : "";
    io.out(
      `${c.file}: ok (${plural(n.pairs, "pair")}, ${plural(n.labels, "label")}, ${plural(n.limits, "limit")}${inPortal})\n`,
    );
  }
  if (portalError !== undefined)
    io.err(`hubspot-associations validate: cannot check custom objects against the portal: ${portalError}\n`);
  return failed ? EXIT_USER_ERROR : EXIT_OK;
}

type SchemasRead = { ok: true; schemas: readonly CustomObjectSchema[] } | { ok: false; message: string };

/** The portal's custom objects, read once for every file. */
async function readSchemas(args: Parameters<typeof connectPortal>[0], io: CommandIo): Promise<SchemasRead> {
  const connection = connectPortal(args, io, "validate --portal reads the portal");
  if (!connection.ok) return connection;
  try {
    await connection.session.verifyPortal();
    return { ok: true, schemas: await connection.session.api.listCustomObjectSchemas() };
  } catch (e) {
    // The client's errors never contain the token (provider/hubspot/errors.ts redacts it).
    return { ok: false, message: errorMessage(e) };
  }
}
