// `npm run demo`: the project's main job on the embedded default.
//
// Starts the HubSpot emulator with its state kept in .state/demo/ (git-ignored), uses a local file backend beside
// it, shows the preview with its diff and the reviewer's summary table, applies it, and prints the labels and
// limits read back from HubSpot. Run again, it reports no changes. With HUBSPOT_ACCESS_TOKEN set and no
// HUBSPOT_BASE_URL, the same program runs against that real portal instead.
//
// The CLI attaches to this process's language runtime (an inline program): see scripts/pulumi-cli.sh for why.
import * as fs from "fs";
import * as path from "path";
import * as auto from "@pulumi/pulumi/automation";
import { startEmulator } from "pulumi-hubspot-associations/emulator";
import { HubSpotClient } from "../../provider/hubspot";
import { AssociationSchemaDocument, loadDocumentFile } from "pulumi-hubspot-associations";
import { renderMarkdown } from "../../cli/commands/summarize/markdown";
import { describePreview } from "../../cli/commands/summarize/describe";
import { parsePreviewJson } from "../../cli/commands/summarize/preview-json";
import { pairDisplay, pairKey, resolveObjectType } from "../../model";
import { offlineEnv, previewJson, pulumiCommand, repoRoot } from "../support/automation";
import { demo } from "./program";

const DOCUMENT = "hubspot-associations.yaml";
const STATE_DIR = path.join(repoRoot, ".state", "demo");
const DEMO_TOKEN = "pat-na1-demo-emulator-token";

function log(s = ""): void {
  process.stdout.write(s + "\n");
}

async function main(): Promise<number> {
  fs.mkdirSync(path.join(STATE_DIR, "backend"), { recursive: true });
  fs.mkdirSync(path.join(STATE_DIR, "pulumi-home"), { recursive: true });

  const realPortal = !!process.env.HUBSPOT_ACCESS_TOKEN && !process.env.HUBSPOT_BASE_URL;
  const emulator = realPortal
    ? undefined
    : await startEmulator({ port: 0, tokens: [DEMO_TOKEN], stateFile: path.join(STATE_DIR, "hubspot.json") });
  const baseUrl = emulator?.url ?? process.env.HUBSPOT_BASE_URL ?? "https://api.hubapi.com";
  const token = emulator ? DEMO_TOKEN : (process.env.HUBSPOT_ACCESS_TOKEN ?? "");
  log(
    emulator
      ? `HubSpot emulator at ${baseUrl} (state: ${path.relative(process.cwd(), path.join(STATE_DIR, "hubspot.json"))})`
      : `HubSpot portal at ${baseUrl}`,
  );

  try {
    // The base URL and token reach the provider process through its environment, never through state: the
    // emulator's port changes between runs and must not show up as a change.
    const envVars = {
      ...offlineEnv(path.join(STATE_DIR, "backend"), path.join(STATE_DIR, "pulumi-home"), "demo"),
      HUBSPOT_BASE_URL: baseUrl,
      HUBSPOT_ACCESS_TOKEN: token,
    };
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      {
        stackName: "organization/hubspot-associations-demo/demo",
        projectName: "hubspot-associations-demo",
        program: async () => demo(DOCUMENT),
      },
      {
        workDir: repoRoot,
        pulumiHome: path.join(STATE_DIR, "pulumi-home"),
        envVars,
        pulumiCommand: await pulumiCommand(),
      },
    );
    const onOutput = (s: string): void => {
      process.stdout.write(s);
    };

    log(`\n== pulumi preview --diff (${DOCUMENT})\n`);
    const preview = await stack.preview({ diff: true, onOutput });
    const changes = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);

    log("\n== What a reviewer sees (hubspot-associations summarize)\n");
    const parsed = parsePreviewJson(await previewJson(stack));
    log(parsed.ok ? renderMarkdown(describePreview(parsed.preview)) : `(could not read the preview: ${parsed.reason})`);

    if (changes.length === 0) {
      log("\nNo changes: HubSpot already matches the document.");
    } else {
      log("\n== pulumi up\n");
      await stack.up({ onOutput });
    }

    log("\n== Read back from HubSpot\n");
    log(
      await readBack(
        loadDocumentFile(path.join(repoRoot, DOCUMENT)).document,
        new HubSpotClient({ accessToken: token, baseUrl }),
      ),
    );
    return 0;
  } finally {
    await emulator?.close();
  }
}

/** The labels and custom limits of every pair the document touches, as HubSpot reports them. */
async function readBack(doc: AssociationSchemaDocument | undefined, client: HubSpotClient): Promise<string> {
  if (!doc) return "(the document did not load)";
  const pairs = new Map<string, [string, string]>();
  for (const p of doc.associations) {
    const directions: [string, string][] = [
      [p.from, p.to],
      [p.to, p.from],
    ];
    for (const [a, b] of directions) {
      const idOf = (v: string): string => {
        const r = resolveObjectType(v);
        return r.ok ? r.id : v;
      };
      const [fromId, toId] = [idOf(a), idOf(b)];
      pairs.set(pairKey(fromId, toId), [fromId, toId]);
    }
  }
  const lines = ["| pair | typeId | category | label | limit |", "|---|---|---|---|---|"];
  for (const [from, to] of [...pairs.values()].sort()) {
    const [labels, limits] = await Promise.all([client.listLabels(from, to), client.listLimits(from, to)]);
    const limitOf = new Map(limits.map((l) => [l.typeId, l.userEnforcedMaxToObjectIds]));
    const shown = labels
      .filter((l) => l.category === "USER_DEFINED" || limitOf.has(l.typeId))
      .sort((a, b) => a.typeId - b.typeId);
    for (const l of shown) {
      lines.push(
        `| ${pairDisplay(from, to)} | ${l.typeId} | ${l.category} | ${l.label ?? "(unlabeled)"} | ${limitOf.get(l.typeId) ?? ""} |`,
      );
    }
  }
  return lines.join("\n");
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
