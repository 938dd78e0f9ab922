// Every example project, run as its README says (stack init, config, preview --diff, up, preview
// --expect-no-changes, an edit, refresh, destroy) through `pulumi` and the Node.js language host against emulators
// started by the README's own command: once in place inside the repository, once copied out of it with the packed
// package installed from its tarball next to this leg's @pulumi/pulumi.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../examples/support/automation";
import {
  copyOut,
  emulatorGet,
  EXAMPLES,
  ExampleRun,
  readmeSteps,
  restore,
  runReadme,
  snapshot,
  StartedEmulator,
  Toolchain,
  toolchain,
  userEnv,
} from "./project-runner";

interface Label {
  category: string;
  typeId: number;
  label: string | null;
}

const userLabels = async (emu: StartedEmulator, from: string, to: string): Promise<string[]> =>
  (await emulatorGet<{ results: Label[] }>(emu, `/crm/v4/associations/${from}/${to}/labels`)).results
    // A custom object's unlabeled type is USER_DEFINED too, without a label.
    .filter((l) => l.category === "USER_DEFINED" && l.label !== null)
    .map((l) => l.label ?? "")
    .sort();

/** The output of the README's commands from its edit (the `perl -pi` line) up to the refresh. */
function afterEdit(output: string): string {
  const start = output.indexOf("\n+ perl -pi");
  const end = output.indexOf("\n+ pulumi refresh", start);
  expect(start, "the README makes an edit").to.be.greaterThan(-1);
  expect(end, "the README refreshes after its edit").to.be.greaterThan(start);
  return output.slice(start, end);
}

/** What each example leaves behind, checked against its emulators after the README's last line (destroy). */
const checks: Record<string, (r: ExampleRun) => Promise<void>> = {
  quickstart: async ({ emulators: [emu] }) => {
    expect(await userLabels(emu!, "contacts", "companies")).to.deep.equal([]);
    expect(await userLabels(emu!, "contacts", "deals")).to.deep.equal([]);
  },
  "yaml-schema": async ({ emulators: [emu] }) => {
    expect(await userLabels(emu!, "contacts", "companies")).to.deep.equal([]);
    expect(await userLabels(emu!, "companies", "companies")).to.deep.equal([]);
  },
  "adopt-existing": async ({ output, emulators: [emu] }) => {
    // Adopted, renamed in place, then kept by HubSpot when the stack let go of them (retainOnDelete).
    expect(await userLabels(emu!, "contacts", "companies")).to.deep.equal(["Team manager"]);
    expect(await userLabels(emu!, "contacts", "deals")).to.deep.equal(["Referrer"]);
    expect(output).to.match(/\[retain\]/);
  },
  "sandbox-to-production": async ({ emulators }) => {
    const [sandbox, production] = emulators;
    const ids = emulators.map((e) => e.customObjects.get("cars"));
    expect(
      ids.every((id) => id !== undefined),
      "both emulators have cars",
    ).to.equal(true);
    expect(ids[0], "cars has another id in each portal").to.not.equal(ids[1]);
    // The same file created the driver label on each portal's own cars id; destroy removed it again.
    for (const [emu, id] of [
      [sandbox!, ids[0]],
      [production!, ids[1]],
    ] as const) {
      const log = await emulatorGet<{ entries: { method: string; path: string; status: number }[] }>(
        emu,
        "/__emulator/requests",
      );
      expect(
        log.entries.some(
          (e) => e.method === "POST" && e.path.startsWith(`/crm/v4/associations/${id}/0-1/labels`) && e.status < 300,
        ),
      ).to.equal(true);
      expect(await userLabels(emu, id!, "contacts")).to.deep.equal([]);
    }
  },
};

/** Checks every run shares: the plans the README announces, creates, the edit as one in-place update, deletes. */
function commonChecks(example: string, script: string[], output: string): void {
  // A README comment such as `# + 5 to create` says what the line's preview shows: hold it to that.
  for (const line of script) {
    for (const m of line.matchAll(/# ([+~-] \d+ to (?:create|update|delete))/g))
      expect(output, `${example}: ${line}`).to.include(m[1]);
  }
  expect(output).to.match(/\+ \d+ created/);
  const edit = afterEdit(output);
  expect(edit, `${example}: the edit's preview`).to.match(/~ 1 to update/);
  // Issue 10 item 9: a label's text edit must not show the limits that reference the label's typeId as changing.
  expect(edit, `${example}: the edit's preview`).to.not.match(/=> \[unknown\]/);
  expect(edit).to.not.match(/AssociationLimits: \(update\)/);
  expect(output).to.match(/- \d+ deleted/);
}

describe("examples: every example project through `pulumi up` and the Node.js language host, as its README says", function () {
  this.timeout(900_000);
  let tc: Toolchain | undefined;
  const scratch: string[] = [];

  before(async function () {
    tc = await toolchain();
    if (!tc) this.skip();
  });
  after(() => {
    for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
  });

  const home = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-example-home-"));
    scratch.push(d);
    return d;
  };

  for (const example of EXAMPLES) {
    const readme = (): string => fs.readFileSync(path.join(repoRoot, "examples", example, "README.md"), "utf8");

    it(`${example}: in place, inside the repository`, async () => {
      const dir = path.join(repoRoot, "examples", example);
      const steps = readmeSteps(readme());
      expect(steps.installs, "the README installs the project").to.equal(true);
      const before = snapshot(dir);
      try {
        await runReadme(dir, steps, userEnv(tc!, home()), async (r) => {
          commonChecks(example, steps.script, r.output);
          await checks[example]!(r);
        });
      } finally {
        restore(dir, before);
      }
    });

    it(`${example}: copied out of the repository, with the packed package installed`, async () => {
      const env = userEnv(tc!, home());
      const dir = await copyOut(example, env);
      scratch.push(path.dirname(dir));
      // Issue 10 item 11b: a YAML file's $schema line points at the installed package's schema.json.
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".yaml") && !n.startsWith("Pulumi"))) {
        const ref = /\$schema=(\S+)/.exec(fs.readFileSync(path.join(dir, f), "utf8"))?.[1];
        expect(ref, `${f} names its schema`).to.be.a("string");
        expect(fs.readFileSync(path.resolve(dir, ref!), "utf8")).to.equal(
          fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"),
        );
      }
      const steps = readmeSteps(readme());
      await runReadme(dir, steps, env, async (r) => {
        commonChecks(example, steps.script, r.output);
        await checks[example]!(r);
      });
    });
  }
});
