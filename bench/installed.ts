// What a user's program loads: this package installed under a node_modules folder, not the repository's symlink.
//
// Why: Pulumi's serializer stores a module's exports by reference (a short require) only when the module's file lies
// under node_modules; inside the repository node_modules/pulumi-hubspot-associations is a symlink whose real path is
// the checkout, so a program importing ../sdk stores the whole shim class by value (about 3.7 KB, twice per
// resource) where an installed package stores a 283-byte require. The bench copies the files the package ships
// (package.json "files") into .state/bench-install/node_modules/ and loads the SDK from there, so that the state it
// measures is a user's. The provider process resolves that require from its working directory through the
// repository's link, which holds the same compiled files.
//
// The engine baseline's no-op provider goes there too (as `bench-noop-provider`), found by the provider process
// through NODE_PATH (baselineEnv), so that its `__provider` is a require as short as ours.
import * as fs from "fs";
import * as path from "path";
import type * as sdk from "../sdk";
import type * as pulumi from "@pulumi/pulumi";

const repoRoot = path.resolve(__dirname, "..", "..");
export const installRoot = path.join(repoRoot, ".state", "bench-install", "node_modules");
const pkgDir = path.join(installRoot, "pulumi-hubspot-associations");
const noopDir = path.join(installRoot, "bench-noop-provider");

let installed = false;

/** Copies the shipped files (fresh each bench process: the copy must be the build just made). */
function install(): void {
  if (installed) return;
  fs.rmSync(path.join(repoRoot, ".state", "bench-install"), { recursive: true, force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { files: string[] };
  for (const f of [...pkg.files, "package.json"]) {
    const from = path.join(repoRoot, f);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(pkgDir, f), { recursive: true });
  }
  fs.mkdirSync(noopDir, { recursive: true });
  fs.copyFileSync(path.join(__dirname, "noop-provider.js"), path.join(noopDir, "index.js"));
  fs.writeFileSync(
    path.join(noopDir, "package.json"),
    JSON.stringify({ name: "bench-noop-provider", version: "0.0.0", main: "index.js" }) + "\n",
  );
  installed = true;
}

/** The SDK as an installed package exports it. */
export function installedSdk(): typeof sdk {
  install();
  return require(path.join(pkgDir, "dist", "sdk", "index.js")) as typeof sdk;
}

/** The baseline's no-op provider, loaded from under node_modules. */
export function installedNoopProvider(): pulumi.dynamic.ResourceProvider {
  install();
  return require(path.join(noopDir, "index.js")) as pulumi.dynamic.ResourceProvider;
}

/** Environment for a baseline stack's CLI and provider process: where `bench-noop-provider` is found. */
export function baselineEnv(): Record<string, string> {
  return { NODE_PATH: installRoot };
}
