// `npm pack` produces a package that installs into a project that already has its own @pulumi/pulumi (this leg's
// version) and works there with exactly that one copy of the SDK: the sdk, the emulator and the provider entry load,
// the bin runs, the types check under strict TypeScript, and an Automation API program run from that project creates,
// updates and destroys a label and a limit against the packed emulator through the real CLI.
import { expect } from "chai";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { offlineEnv, pulumiCommand } from "../../examples/support/automation";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
/** This leg's SDK: the consumer installs the same version before our package. */
const sdkVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;

function run(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

// The consumer's program, run with node in the consumer project: one operation per process, as CI runs them.
// argv: up|destroy, the label text, the limit. Prints the outputs and the change summary as JSON.
const app = `"use strict";
const auto = require("@pulumi/pulumi/automation");
const { AssociationLabel, AssociationLimits } = require("pulumi-hubspot-associations");
const [op, text, max] = process.argv.slice(2);
(async () => {
  const program = async () => {
    const label = new AssociationLabel("manager", { fromObjectType: "contacts", toObjectType: "companies", name: "manager", label: text });
    const limits = new AssociationLimits("limits", {
      fromObjectType: "contacts",
      toObjectType: "companies",
      limits: [{ typeId: label.typeId, maxToObjectIds: Number(max) }],
    });
    return { typeId: label.typeId, limitsId: limits.id };
  };
  const pulumiCommand = await auto.PulumiCommand.get({ root: process.env.PULUMI_ROOT });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: "organization/consumer/dev", projectName: "consumer", program },
    { workDir: __dirname, pulumiHome: process.env.PULUMI_HOME, envVars: {}, pulumiCommand,
      projectSettings: { name: "consumer", runtime: "nodejs", backend: { url: process.env.PULUMI_BACKEND_URL } } },
  );
  await stack.setAllConfig({
    "hubspot:baseUrl": { value: process.env.EMULATOR_URL },
    "hubspot:accessToken": { value: process.env.EMULATOR_TOKEN, secret: true },
  });
  const r = op === "destroy" ? await stack.destroy() : await stack.up();
  const outputs = Object.fromEntries(Object.entries(r.outputs ?? {}).map(([k, v]) => [k, v.value]));
  console.log(JSON.stringify({ outputs, changes: r.summary.resourceChanges }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface Emulator {
  url: string;
  token: string;
  close(): Promise<void>;
}

describe(`npm pack: the package installs next to the project's own @pulumi/pulumi ${sdkVersion} and works`, function () {
  this.timeout(600_000);
  let dir: string;
  let project: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-pack-"));
    const out = run("npm", ["pack", "--silent", "--pack-destination", dir], repoRoot).trim().split("\n").pop() ?? "";
    const tarball = path.join(dir, out);
    expect(fs.existsSync(tarball), `tarball ${tarball}`).to.equal(true);
    project = path.join(dir, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
    );
    // The project has its SDK first, as a Pulumi project does; then our package joins it.
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `@pulumi/pulumi@${sdkVersion}`], project);
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project);
  });

  it("holds exactly one @pulumi/pulumi, the project's own (a peer dependency, never nested)", () => {
    const copies = run("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], project)
      .trim()
      .split("\n")
      .filter(Boolean);
    expect(copies).to.deep.equal([path.join(project, "node_modules", "@pulumi", "pulumi")]);
    const installed = require(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json")) as {
      version: string;
    };
    expect(installed.version).to.equal(sdkVersion);
    expect(
      fs.existsSync(path.join(project, "node_modules", "pulumi-hubspot-associations", "node_modules", "@pulumi")),
    ).to.equal(false);
  });

  it("declares @pulumi/pulumi as a peer (npm refuses the install when the range excludes the project's SDK), and ships no install script", () => {
    const pkg = require(path.join(project, "node_modules", "pulumi-hubspot-associations", "package.json")) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      scripts?: Record<string, string>;
    };
    expect(pkg.dependencies ?? {}).to.not.have.property("@pulumi/pulumi");
    expect(pkg.peerDependencies).to.have.property("@pulumi/pulumi");
    for (const hook of ["prepare", "preinstall", "install", "postinstall"])
      expect(pkg.scripts ?? {}).to.not.have.property(hook);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ships only built code, the schema and the README", () => {
    const pkgDir = path.join(project, "node_modules", "pulumi-hubspot-associations");
    expect(fs.existsSync(path.join(pkgDir, "dist", "sdk", "index.js"))).to.equal(true);
    expect(fs.existsSync(path.join(pkgDir, "dist", "sdk", "index.d.ts"))).to.equal(true);
    expect(fs.existsSync(path.join(pkgDir, "dist", "test"))).to.equal(false);
    expect(fs.existsSync(path.join(pkgDir, "provider"))).to.equal(false); // no TypeScript sources
  });

  it("publishes the provider entry's types without its test seams (declarations marked @internal)", () => {
    const types = (file: string): string =>
      fs.readFileSync(
        path.join(project, "node_modules", "pulumi-hubspot-associations", "dist", "provider", file),
        "utf8",
      );
    expect(types("index.d.ts")).to.match(
      /export declare function loadProvider\(kind: ProviderKind\): HubSpotResourceProvider;/,
    );
    for (const file of ["index.d.ts", "runtime.d.ts"]) {
      expect(types(file), file).to.not.match(
        /createProvider|defaultHost|ProviderHost|ProviderRuntime|ClientOptions|defaultRuntime/,
      );
    }
  });

  it("loads the sdk, the provider entry and the emulator, and the emulator answers", () => {
    const script = `
      const sdk = require("pulumi-hubspot-associations");
      const provider = require("pulumi-hubspot-associations/provider");
      const { startEmulator } = require("pulumi-hubspot-associations/emulator");
      if (typeof sdk.AssociationLabel !== "function" || typeof sdk.AssociationLimits !== "function") throw new Error("sdk");
      if (typeof provider.loadProvider !== "function") throw new Error("provider");
      (async () => {
        const emu = await startEmulator({ port: 0 });
        const res = await fetch(emu.url + "/crm/v4/associations/contacts/companies/labels", { headers: { authorization: "Bearer " + emu.token } });
        const body = await res.json();
        await emu.close();
        console.log(JSON.stringify({ status: res.status, n: body.results.length }));
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const out = JSON.parse(run("node", ["-e", script], project)) as { status: number; n: number };
    expect(out.status).to.equal(200);
    expect(out.n).to.be.greaterThan(0);
  });

  it("runs the hubspot-associations bin", () => {
    const out = run(path.join(project, "node_modules", ".bin", "hubspot-associations"), ["--help"], project);
    expect(out).to.include("emulator");
  });

  // Pulumi's TypeScript templates use the legacy "node" resolution, which ignores `exports`; node16 honours it.
  for (const moduleResolution of ["node", "node16"]) {
    it(`type-checks a consumer program under strict TypeScript (moduleResolution ${moduleResolution})`, () => {
      fs.writeFileSync(
        path.join(project, "index.ts"),
        `import { AssociationLabel, AssociationLimits, AssociationLabelArgs } from "pulumi-hubspot-associations";
import { startEmulator } from "pulumi-hubspot-associations/emulator";
import { loadProvider, parseLabelId } from "pulumi-hubspot-associations/provider";
// The provider's test seams are not published: each import below must fail to type-check.
// @ts-expect-error createProvider is internal
import { createProvider } from "pulumi-hubspot-associations/provider";
// @ts-expect-error ProviderHost is internal
import { ProviderHost } from "pulumi-hubspot-associations/provider";
// @ts-expect-error ProviderRuntime is internal
import type { ProviderRuntime } from "pulumi-hubspot-associations/provider";
// @ts-expect-error defaultRuntime is internal
import { defaultRuntime } from "pulumi-hubspot-associations/provider";
export const seams = [createProvider, ProviderHost, defaultRuntime] as unknown[];
export type Seam = ProviderRuntime;
export const entry: typeof loadProvider = loadProvider;
export const labelId: { typeId: number } = parseLabelId("0-1/0-2/145");
const args: AssociationLabelArgs = { fromObjectType: "contacts", toObjectType: "companies", name: "manager", label: "Manager", inverseLabel: "Employee" };
export function program(): void {
  const label = new AssociationLabel("manager", args);
  new AssociationLimits("limits", { fromObjectType: "contacts", toObjectType: "companies", limits: [{ typeId: label.typeId, maxToObjectIds: 1 }, { unlabeled: true, maxToObjectIds: 5 }] });
}
export const started: Promise<{ url: string }> = startEmulator({ port: 0 });
`,
      );
      fs.writeFileSync(
        path.join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: moduleResolution === "node" ? "commonjs" : "node16",
            target: "ES2022",
            moduleResolution,
            skipLibCheck: true,
            types: [],
          },
          files: ["index.ts"],
        }),
      );
      run("node", [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], project);
    });
  }

  it("an Automation API program in the project creates, updates and destroys a label and a limit (packed emulator, real CLI)", async () => {
    const pkgDir = path.join(project, "node_modules", "pulumi-hubspot-associations");
    const { startEmulator } = require(path.join(pkgDir, "dist", "emulator", "index.js")) as {
      startEmulator(o: { port: number }): Promise<Emulator>;
    };
    fs.writeFileSync(path.join(project, "app.js"), app);
    const root = path.dirname(path.dirname((await pulumiCommand()).command));
    const emu = await startEmulator({ port: 0 });
    const backend = path.join(dir, "backend");
    const home = path.join(dir, "pulumi-home");
    fs.mkdirSync(backend);
    fs.mkdirSync(home);
    const env = {
      ...process.env,
      ...offlineEnv(backend, home),
      PULUMI_ROOT: root,
      EMULATOR_URL: emu.url,
      EMULATOR_TOKEN: emu.token,
    };
    const get = async (
      route: string,
    ): Promise<{
      results: { typeId: number; label?: string; category: string; userEnforcedMaxToObjectIds?: number }[];
    }> => {
      const res = await fetch(emu.url + route, { headers: { authorization: `Bearer ${emu.token}` } });
      expect(res.status, route).to.equal(200);
      return (await res.json()) as {
        results: { typeId: number; label?: string; category: string; userEnforcedMaxToObjectIds?: number }[];
      };
    };
    const ours = async () => ({
      labels: (await get("/crm/v4/associations/contacts/companies/labels")).results
        .filter((l) => l.category === "USER_DEFINED")
        .map((l) => [l.typeId, l.label]),
      limits: (await get("/crm/v4/associations/definitions/configurations/0-1/0-2")).results
        .filter((l) => l.userEnforcedMaxToObjectIds !== undefined)
        .map((l) => [l.typeId, l.userEnforcedMaxToObjectIds]),
    });
    // Asynchronous: the emulator answers from this process's event loop.
    const step = async (...args: string[]) => {
      const r = await promisify(execFile)("node", ["app.js", ...args], {
        cwd: project,
        env,
        encoding: "utf8",
        maxBuffer: 16 << 20,
      }).catch((e: { stdout?: string; stderr?: string }) => {
        throw new Error(`node app.js ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
      });
      return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as {
        outputs: { typeId?: number };
        changes: Record<string, number>;
      };
    };
    try {
      const created = await step("up", "Manager", "2");
      const typeId = created.outputs.typeId as number;
      expect(created.changes).to.include({ create: 3 });
      expect(await ours()).to.deep.equal({ labels: [[typeId, "Manager"]], limits: [[typeId, 2]] });

      const updated = await step("up", "Line manager", "3");
      expect(updated.outputs.typeId).to.equal(typeId);
      expect(updated.changes).to.include({ update: 2 });
      expect(await ours()).to.deep.equal({ labels: [[typeId, "Line manager"]], limits: [[typeId, 3]] });

      const destroyed = await step("destroy", "Line manager", "3");
      expect(destroyed.changes).to.include({ delete: 3 });
      expect(await ours()).to.deep.equal({ labels: [], limits: [] });
    } finally {
      await emu.close();
    }
  });
});
