// `npm pack` produces a package that installs into an empty project elsewhere and works there: the sdk,
// the emulator and the provider entry load, the bin runs, and the types check under strict TypeScript.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20 });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

describe("npm pack: the package installs and works in an empty project", function () {
  this.timeout(300_000);
  let dir: string;
  let project: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-pack-"));
    const out = run("npm", ["pack", "--silent", "--pack-destination", dir], repoRoot).trim().split("\n").pop() ?? "";
    const tarball = path.join(dir, out);
    expect(fs.existsSync(tarball), `tarball ${tarball}`).to.equal(true);
    project = path.join(dir, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project);
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
});
