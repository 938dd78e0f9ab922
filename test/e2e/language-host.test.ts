// The toolchain for running a project as users run it: `pulumi up` in a directory whose Pulumi.yaml says
// `runtime: nodejs`, through the Node.js language host that scripts/pulumi-cli.sh provides, with this leg's CLI, SDK
// and Node. A tiny TypeScript program with a dynamic resource goes through up, a no-change preview, an update,
// refresh and destroy on a file backend. Example-project tests build on the same pieces (languageHost()).
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { languageHost, offlineEnv, pulumiCommand, repoRoot } from "../../examples/support/automation";

const program = `import * as pulumi from "@pulumi/pulumi";

interface Props { n: number; doubled?: number }
const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async create(inputs) { return { id: "thing-" + inputs.n, outs: { n: inputs.n, doubled: inputs.n * 2 } }; },
  async diff(_id, olds, news) { return { changes: olds.n !== news.n }; },
  async update(_id, _olds, news) { return { outs: { n: news.n, doubled: news.n * 2 } }; },
  async read(id, props) { return { id, props }; },
  async delete() { return; },
};

class Thing extends pulumi.dynamic.Resource {
  declare readonly doubled: pulumi.Output<number>;
  constructor(name: string, n: number) {
    super(provider, name, { n, doubled: undefined }, undefined, "toolchain", "Thing");
  }
}

const n = new pulumi.Config().requireNumber("n");
export const doubled = new Thing("thing", n).doubled;
`;

describe("e2e toolchain: a TypeScript project through `pulumi up` and the Node.js language host", function () {
  this.timeout(300_000);
  let dir = "";
  let pulumiHome = "";
  let pulumi = "";
  let env: NodeJS.ProcessEnv = {};

  const run = (...args: string[]): string => {
    try {
      return execFileSync(pulumi, [...args, "--non-interactive"], {
        cwd: path.join(dir, "project"),
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      throw new Error(`pulumi ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
    }
  };

  before(async function () {
    const host = languageHost();
    if ("missing" in host) {
      console.error(
        `\n*** NO NODE.JS LANGUAGE HOST: ${host.missing}\n*** projects cannot run through \`pulumi up\`: SKIPPED (CI fails on skipped tests)\n`,
      );
      this.skip();
    }
    pulumi = (await pulumiCommand()).command;
    // Under the repository, so that the project resolves this checkout's @pulumi/pulumi and typescript.
    const scratch = path.join(repoRoot, ".state", "e2e");
    fs.mkdirSync(scratch, { recursive: true });
    dir = fs.mkdtempSync(path.join(scratch, "language-host-"));
    pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
    const project = path.join(dir, "project");
    fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
    fs.mkdirSync(project);
    // A package.json of its own: without one the language host would run the repository's package "main".
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "toolchain-check", version: "1.0.0", private: true, main: "index.ts" }),
    );
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: toolchain-check\nruntime: nodejs\n");
    // Both module and moduleResolution, as Pulumi's templates have them: recent SDKs (3.276) give ts-node
    // moduleResolution "nodenext" unless the project says otherwise, and TypeScript 5 refuses that with commonjs.
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          types: ["node"],
        },
      }),
    );
    fs.writeFileSync(path.join(project, "index.ts"), program);
    env = {
      ...process.env,
      ...offlineEnv(path.join(dir, "backend"), pulumiHome),
      PATH: [host.dir, path.dirname(pulumi), process.env.PATH ?? ""].join(path.delimiter),
    };
    run("stack", "init", "organization/toolchain-check/dev");
  });

  after(() => {
    for (const d of [dir, pulumiHome]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("up creates the dynamic resource; a second preview has no changes", () => {
    run("config", "set", "n", "21");
    run("up", "--yes", "--skip-preview");
    expect(run("stack", "output", "doubled").trim()).to.equal("42");
    run("preview", "--expect-no-changes");
  });

  it("an input change updates in place; refresh finds no drift", () => {
    run("config", "set", "n", "5");
    expect(run("up", "--yes", "--skip-preview")).to.match(/1 updated/);
    expect(run("stack", "output", "doubled").trim()).to.equal("10");
    run("refresh", "--yes", "--expect-no-changes");
  });

  it("destroy deletes everything", () => {
    expect(run("destroy", "--yes", "--skip-preview")).to.match(/2 deleted/);
    expect(JSON.parse(run("stack", "export")).deployment.resources ?? []).to.deep.equal([]);
  });
});
