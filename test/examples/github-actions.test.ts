// The GitHub Actions example, executed: its `run:` steps in order, in a repository made of the yaml-schema example
// (copied out, the packed package installed, package-lock.json written), first the pull-request job, then the
// push job. The emulator stands in for HubSpot, a file backend for the state backend, and a `gh` that records its
// comment for GitHub; the environment is the workflow's own `env:` blocks with test values for the secrets.
// `uses:` steps are the only ones not run: checkout (the directory is the checkout), setup-node (this leg's Node is
// on PATH) and pulumi/actions (this leg's CLI is on PATH).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { startEmulator } from "pulumi-hubspot-associations/emulator";
import { repoRoot } from "../../examples/support/automation";
import { copyOut, emulatorGet, run, Toolchain, toolchain, userEnv } from "./project-runner";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { paths?: string[]; branches?: string[] }>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW = path.join(repoRoot, "examples", "github-actions", "hubspot-associations.yml");
const SKIPPED_ACTIONS = ["actions/checkout@v4", "actions/setup-node@v4", "pulumi/actions@v6"];

/** GitHub's `paths` filter glob: `**` crosses directories, `*` does not. */
function globMatches(glob: string, file: string): boolean {
  const re = glob
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${re}$`).test(file);
}

/** Replaces `${{ expr }}` by its test value; an expression the test does not know fails the test. */
function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    const v = values[expr];
    if (v === undefined) throw new Error(`the workflow uses \${{ ${expr} }}, which this test gives no value`);
    return v;
  });
}

describe("examples: the GitHub Actions workflow, its run steps executed in order", function () {
  this.timeout(900_000);
  let tc: Toolchain | undefined;
  const scratch: string[] = [];
  const workflow = parse(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;

  before(async function () {
    tc = await toolchain();
    if (!tc) this.skip();
  });
  after(() => {
    for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
  });

  it("runs on changes to every file of the project, for pull requests and pushes alike", () => {
    const projectFiles = [
      "index.ts",
      "program.ts",
      "lib/schema.ts",
      "tsconfig.json",
      "package.json",
      "package-lock.json",
      "Pulumi.yaml",
      "Pulumi.production.yaml",
      "hubspot-associations.yaml",
    ];
    for (const event of ["pull_request", "push"]) {
      const paths = workflow.on[event]?.paths ?? [];
      for (const f of projectFiles)
        expect(
          paths.some((g) => globMatches(g, f)),
          `${event}: ${f}`,
        ).to.equal(true);
      expect(
        paths.some((g) => globMatches(g, "README.md")),
        `${event}: README.md`,
      ).to.equal(false);
    }
  });

  it("a pull request previews once and gets the table; the merge applies it and leaves no changes", async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-gha-home-"));
      scratch.push(home);
      const base = userEnv(tc!, home);
      const repo = await copyOut("yaml-schema", base);
      scratch.push(path.dirname(repo));
      fs.mkdirSync(path.join(repo, ".github", "workflows"), { recursive: true });
      fs.copyFileSync(WORKFLOW, path.join(repo, ".github", "workflows", "hubspot-associations.yml"));
      expect(fs.existsSync(path.join(repo, "package-lock.json")), "npm ci needs the lock file").to.equal(true);

      // GitHub's CLI, recording each comment it is asked to post; `--edit-last` fails while there is none, as it does.
      const bin = path.join(home, "bin");
      const comments = path.join(home, "comments");
      fs.mkdirSync(bin);
      fs.mkdirSync(comments);
      fs.writeFileSync(
        path.join(bin, "gh"),
        `#!/bin/bash
set -eu
body=""; edit=0
while [ $# -gt 0 ]; do case "$1" in --body-file) body="$2"; shift 2;; --edit-last) edit=1; shift;; *) shift;; esac; done
n=$(ls "${comments}" | wc -l)
if [ "$edit" = 1 ] && [ "$n" = 0 ]; then echo "no comments found for current user" >&2; exit 1; fi
cp "$body" "${comments}/comment-$n.md"
`,
        { mode: 0o755 },
      );

      const backend = path.join(home, "backend");
      fs.mkdirSync(backend);
      const values: Record<string, string> = {
        "secrets.HUBSPOT_ACCESS_TOKEN": emu.token,
        "secrets.PULUMI_ACCESS_TOKEN": "", // an unset secret is empty: this run uses a self-managed backend
        "secrets.PULUMI_BACKEND_URL": `file://${backend}`,
        "secrets.PULUMI_CONFIG_PASSPHRASE": "ci-test-passphrase",
        "github.token": "gh-test-token",
        "github.event.pull_request.number": "42",
      };
      const workflowEnv = Object.fromEntries(
        Object.entries(workflow.env).map(([k, v]) => [k, substitute(String(v), values)]),
      );
      // The one addition: the emulator standing in for api.hubapi.com.
      const env = { ...base, ...workflowEnv, HUBSPOT_BASE_URL: emu.url, PATH: [bin, base.PATH].join(path.delimiter) };

      const runJob = async (name: string, event: string): Promise<string[]> => {
        const job = workflow.jobs[name];
        expect(job, `job ${name}`).to.not.equal(undefined);
        expect(job!.if).to.equal(`github.event_name == '${event}'`);
        const ran: string[] = [];
        for (const step of job!.steps) {
          if (step.uses !== undefined) {
            expect(SKIPPED_ACTIONS, `an action this test does not stand in for: ${step.uses}`).to.include(step.uses);
            continue;
          }
          const script = substitute(step.run ?? "", values);
          const stepEnv = Object.fromEntries(
            Object.entries({ ...job!.env, ...step.env }).map(([k, v]) => [k, substitute(String(v), values)]),
          );
          // GitHub's default shell for run steps on Linux.
          const r = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], repo, {
            ...env,
            ...stepEnv,
          });
          if (r.code !== 0)
            throw new Error(`${name}: step \`${step.name ?? script}\` failed (${r.code}):\n${r.output}`);
          ran.push(script);
        }
        return ran;
      };

      const pr = await runJob("preview", "pull_request");
      expect(pr.join("\n").match(/pulumi preview/g), "previews per pull request").to.have.length(1);
      const posted = fs.readdirSync(comments);
      expect(posted).to.deep.equal(["comment-0.md"]);
      const table = fs.readFileSync(path.join(comments, "comment-0.md"), "utf8");
      expect(table).to.include("| Contacts → Companies | label `Manager / Employee` | added |");
      // A preview writes nothing.
      const userLabels = async (): Promise<string[]> =>
        (
          await emulatorGet<{ results: { category: string; label: string | null }[] }>(
            emu,
            "/crm/v4/associations/contacts/companies/labels",
          )
        ).results
          .filter((l) => l.category === "USER_DEFINED")
          .map((l) => l.label ?? "")
          .sort();
      expect(await userLabels()).to.deep.equal([]);

      await runJob("apply", "push");
      expect(await userLabels()).to.deep.equal(["Billing owner", "Manager"]);
    } finally {
      await emu.close();
    }
  });
});
