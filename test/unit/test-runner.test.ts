// scripts/run-tests.js: every test file under test/ runs, layers come from folders, and a file that did not run
// fails the run.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

interface Group {
  name: string;
  layers: string[];
  cli: boolean;
  entry?: string;
  files: string[];
}
interface Tree {
  root: string;
}
interface Runner {
  tree(root: string): Tree;
  planGroups(t: Tree): Group[];
  selectGroups(t: Tree, groups: Group[], opts: { fast: boolean; layers?: string[] }): Group[];
  main(argv: string[], root: string, stdio?: "inherit" | "ignore"): number;
}
const runner = require(path.join(repoRoot, "scripts", "run-tests.js")) as Runner;

function testFilesOnDisk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFilesOnDisk(p);
    return e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Writes `files` (path relative to root -> content) under a fresh temporary directory. */
function scratchTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "run-tests-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const passing = `describe("x", () => { it("passes", () => undefined); });\n`;

describe("test runner: layers from folders, every file runs", function () {
  this.timeout(60_000);
  const t = runner.tree(repoRoot);
  const groups = runner.planGroups(t);

  it("plans every *.test.ts under test/ exactly once", () => {
    const planned = groups.flatMap((g) => g.files).sort();
    expect(planned).to.deep.equal(testFilesOnDisk(path.join(repoRoot, "test")).sort());
  });

  it("runs the fast layers first, the real-CLI layers last, and the SIGKILL suite and the soak in processes of their own", () => {
    expect(groups[0]?.layers[0]).to.equal("unit");
    expect(groups[0]?.layers).to.include.members(["document", "cli", "provider"]);
    const firstCli = groups.findIndex((g) => g.cli);
    expect(groups.slice(firstCli).every((g) => g.cli)).to.equal(true);
    for (const entry of ["reliability/sigkill.test.ts", "reliability/soak.test.ts"]) {
      const own = groups.filter((g) => g.files.some((f) => f.endsWith(entry)));
      expect(
        own.map((g) => g.files.length),
        entry,
      ).to.deep.equal([1]);
    }
  });

  it("--fast selects exactly the layers that need no Pulumi CLI", () => {
    const fast = runner.selectGroups(t, groups, { fast: true });
    const layers = fast.flatMap((g) => g.layers);
    expect(layers).to.include.members(["unit", "document", "emulator", "client", "cli", "provider", "serialization"]);
    expect(layers).to.not.include.members(["pack"]);
    expect(layers.some((l) => ["pack", "e2e", "scale", "reliability"].includes(l))).to.equal(false);
  });

  it("--layers runs the named folders; a process-of-its-own entry only when named itself", () => {
    const files = (layers: string[]) =>
      runner
        .selectGroups(t, groups, { fast: false, layers })
        .flatMap((g) => g.files.map((f) => path.relative(repoRoot, f)));
    const reliability = files(["reliability"]);
    expect(reliability).to.include("test/reliability/faults.test.ts");
    expect(reliability).to.not.include("test/reliability/sigkill.test.ts");
    expect(reliability).to.not.include("test/reliability/soak.test.ts");
    expect(files(["reliability/sigkill.test.ts"])).to.deep.equal(["test/reliability/sigkill.test.ts"]);
    expect(files(["e2e", "pack"]).every((f) => /^test\/(e2e|pack)\//.test(f))).to.equal(true);
  });

  it("runs a folder it does not know, with the CLI layers", () => {
    const root = scratchTree({ "test/unit/a.test.ts": "", "test/newlayer/b.test.ts": "", "test/e2e/c.test.ts": "" });
    const said: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => said.push(args.join(" "));
    try {
      const planned = runner.planGroups(runner.tree(root));
      expect(planned.map((g) => [g.layers, g.cli])).to.deep.equal([
        [["unit"], false],
        [["newlayer", "e2e"], true],
      ]);
    } finally {
      console.error = original;
      fs.rmSync(root, { recursive: true, force: true });
    }
    expect(said).to.deep.equal([
      "run-tests: test/newlayer is not classified in scripts/run-tests.js LAYER_ORDER; running it with the CLI layers",
    ]);
  });

  it("passes when every file ran, and fails naming a file that was not compiled or defines no test", () => {
    const complete = scratchTree({
      "test/unit/a.test.ts": "",
      "dist/test/unit/a.test.js": passing,
      "test/e2e/b.test.ts": "",
      "dist/test/e2e/b.test.js": passing,
    });
    const incomplete = scratchTree({
      "test/unit/a.test.ts": "",
      "dist/test/unit/a.test.js": passing,
      "test/unit/empty.test.ts": "",
      "dist/test/unit/empty.test.js": "// no suite\n",
      "test/client/uncompiled.test.ts": "",
    });
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    try {
      expect(runner.main([], complete, "ignore")).to.equal(0);
      expect(runner.main([], incomplete, "ignore")).to.equal(1);
    } finally {
      console.error = original;
      for (const d of [complete, incomplete]) fs.rmSync(d, { recursive: true, force: true });
    }
    const report = errors.find((e) => e.includes("were not run")) ?? "";
    expect(report).to.include("test/unit/empty.test.ts").and.include("test/client/uncompiled.test.ts");
    expect(report).to.not.include("a.test.ts");
  });
});
