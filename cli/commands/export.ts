// `hubspot-associations export`: writes a document that reproduces a live portal's labels and limits, so that an
// existing portal is adopted, not re-created.
import { errorMessage } from "../../model";
import * as fs from "fs";
import * as path from "path";
import { formatProblem, loadDocumentText, schemaFilePath } from "../../sdk/document";
import { flagValue, parseArgs } from "./args";
import { buildExportDocument, describeSkipped, exportedName, SkippedLimit } from "./export/build-document";
import { parseObjectTypesFlag, resolveExportObjectTypes } from "./export/object-types";
import { readPortal } from "./export/portal-snapshot";
import { renderExport } from "./export/render";
import { CommandIo, EXIT_OK, EXIT_USAGE, EXIT_USER_ERROR } from "./io";
import { connectPortal, PORTAL_FLAGS, PORTAL_FLAGS_USAGE } from "./portal";

export const EXPORT_USAGE = `Usage: hubspot-associations export [--out FILE] [--object-types a,b,...] [options]

Reads a live portal and writes a hubspot-associations.yaml that reproduces it: every user-defined label
(with adoptTypeId, so the first \`pulumi up\` adopts it) and every custom limit. Reads only; changes nothing.
A limit the document cannot name (a HubSpot-defined type this tool does not know) is listed in the file's
header and on stderr instead; nothing declares it, so \`pulumi up\` leaves it as it is.

Object types: contacts, companies, deals and tickets, plus any given with --object-types: standard names
like line_items or ids like 0-8, and custom objects by name (cars, p_cars, p123_cars) or id (2-123). The
document names a custom object by its name, which is the same in every portal (its id is not): the file
applies to a sandbox and to production alike. The portal's custom object schemas are read once, and only
when --object-types names a custom object.

The settings are those of the provider: the token from $HUBSPOT_ACCESS_TOKEN (or --token-env), the base URL
from --base-url, else $HUBSPOT_BASE_URL; with $HUBSPOT_PORTAL_ID set, a token of another portal is refused.

Options:
  --out FILE            write to FILE instead of standard output
  --object-types LIST   more object types, comma-separated
${PORTAL_FLAGS_USAGE}
  --schema URL          the $schema reference written on the first line (default: the path of this
                        package's schema.json relative to the output file)
  -h, --help            this text

Exit codes: 0 ok, 1 user error (no token, API error), 2 usage.
`;

function exportDate(env: NodeJS.ProcessEnv): string {
  // SOURCE_DATE_EPOCH (reproducible-builds convention) pins the date, for byte-identical exports in tests.
  const epoch = env.SOURCE_DATE_EPOCH ? Number(env.SOURCE_DATE_EPOCH) * 1000 : Date.now();
  return new Date(Number.isFinite(epoch) ? epoch : Date.now()).toISOString().slice(0, 10);
}

function defaultSchemaUrl(outFile: string | undefined): string {
  const from = path.resolve(outFile ? path.dirname(outFile) : ".");
  const rel = path.relative(from, schemaFilePath()).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export async function runExportCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, [
    { name: "out", takesValue: true },
    { name: "object-types", takesValue: true },
    ...PORTAL_FLAGS,
    { name: "schema", takesValue: true },
  ]);
  const usage = (msg: string): number => {
    io.err(`hubspot-associations export: ${msg}\n\n${EXPORT_USAGE}`);
    return EXIT_USAGE;
  };
  if (!parsed.ok) return usage(parsed.error);
  const args = parsed.args;
  if (args.help) {
    io.out(EXPORT_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) return usage(`unexpected argument '${args.positionals[0]}'`);

  const requested = parseObjectTypesFlag(flagValue(args, "object-types"));
  if (!requested.ok) return usage(`--object-types: ${requested.reason}`);
  const fail = (message: string): number => {
    io.err(`hubspot-associations export: ${message}\n`);
    return EXIT_USER_ERROR;
  };
  const portal = connectPortal(args, io, "export reads the portal");
  if (!portal.ok) return fail(portal.message);
  const { session } = portal;
  const out = flagValue(args, "out");

  let text: string;
  let skipped: SkippedLimit[];
  try {
    await session.verifyPortal();
    const resolved = await resolveExportObjectTypes(requested.refs, () => session.api.listCustomObjectSchemas());
    if (!resolved.ok) return fail(`--object-types: ${resolved.reason}`);
    const { ids, customNames } = resolved.types;
    const snapshot = { ...(await readPortal(session.api, ids)), customObjectNames: customNames };
    const result = buildExportDocument(snapshot);
    skipped = result.skipped;
    text = renderExport(result.document, {
      schemaUrl: flagValue(args, "schema") ?? defaultSchemaUrl(out),
      portalId: snapshot.portalId,
      date: exportDate(io.env),
      objectTypes: ids.map((id) => exportedName(snapshot, id)),
      customObjects: [...customNames].map(([id, name]) => `${name} = ${id}`),
      skipped: skipped.map((s) => describeSkipped(s)),
    });
  } catch (e) {
    // The client's errors never contain the token (provider/hubspot/errors.ts redacts it).
    return fail(errorMessage(e));
  }

  // What we write must load: a failure here is our bug, reported rather than written silently.
  const check = loadDocumentText(text, out ?? "<export>");
  if (check.problems.length > 0) {
    io.err(
      `hubspot-associations export: the exported document does not validate (a bug; please report it):\n${check.problems.map(formatProblem).join("\n")}\n`,
    );
    return EXIT_USER_ERROR;
  }
  if (skipped.length > 0) {
    const n = skipped.length;
    io.err(
      `hubspot-associations export: warning: ${n} limit${n === 1 ? "" : "s"} not written (listed in the file's header; nothing ` +
        `declares ${n === 1 ? "it" : "them"}, so \`pulumi up\` leaves ${n === 1 ? "it" : "them"} as ${n === 1 ? "it is" : "they are"}):\n` +
        skipped.map((s) => `  ${describeSkipped(s)}\n`).join(""),
    );
  }
  if (out) {
    fs.writeFileSync(out, text);
    const labels = check.document?.associations.reduce((n, p) => n + (p.labels?.length ?? 0), 0) ?? 0;
    io.err(`wrote ${out}: ${check.document?.associations.length ?? 0} pairs, ${labels} labels\n`);
  } else {
    io.out(text);
  }
  return EXIT_OK;
}
