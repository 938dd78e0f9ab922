#!/usr/bin/env node
// Links node_modules/pulumi-hubspot-associations to this checkout, and gives every example project under examples/
// the same link plus the `hubspot-associations` command in its node_modules/.bin.
//
// Why: the serialized provider shim loads its implementation at run time with
// require("pulumi-hubspot-associations/provider"), resolved from the Pulumi provider process's working
// directory. Users have the package in node_modules; inside this repository (tests, examples, the demo) the
// link plays that part. The build, test, demo and bench scripts run it first; it is no install hook, because the
// published package does not ship this file.
// An example is a project of its own (its own package.json), so npm treats its directory as the project: `npx
// hubspot-associations` there looks only in its node_modules/.bin (else in the registry), and its YAML file's
// `$schema` points at ./node_modules/pulumi-hubspot-associations/schema.json as it will in a user's copy. The links
// make both work in place; the example's program resolves the package either way (Node walks up to the root link).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** Makes `link` a symbolic link to `target` (relative), replacing whatever else is there. */
function ensureLink(link, target) {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  let current = null;
  try {
    current = fs.readlinkSync(link);
  } catch {
    // absent, or not a link
  }
  if (current !== target) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(target, link, "dir");
  }
}

/** A launcher rather than a link to dist/cli/main.js: tsc writes that file without the executable bit. */
function ensureLauncher(file) {
  const text = '#!/bin/sh\nexec node "$(dirname "$0")/../pulumi-hubspot-associations/dist/cli/main.js" "$@"\n';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = null;
  try {
    current = fs.readFileSync(file, "utf8");
  } catch {
    // absent
  }
  if (current !== text) {
    fs.rmSync(file, { recursive: true, force: true });
    fs.writeFileSync(file, text);
  }
  fs.chmodSync(file, 0o755);
}

ensureLink(path.join(root, "node_modules", "pulumi-hubspot-associations"), "..");

const examples = path.join(root, "examples");
for (const e of fs.existsSync(examples) ? fs.readdirSync(examples, { withFileTypes: true }) : []) {
  if (!e.isDirectory()) continue;
  const dir = path.join(examples, e.name);
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    continue; // not a project of its own (examples/demo, examples/support)
  }
  if (!pkg.dependencies || !("pulumi-hubspot-associations" in pkg.dependencies)) continue;
  ensureLink(path.join(dir, "node_modules", "pulumi-hubspot-associations"), path.join("..", "..", ".."));
  ensureLauncher(path.join(dir, "node_modules", ".bin", "hubspot-associations"));
}
