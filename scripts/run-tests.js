#!/usr/bin/env node
// Runs every test file under test/ (compiled to dist/test/), in layers derived from folders, and fails when a test
// file on disk was not run.
//
// Layers: each folder directly under test/ is one layer; LAYER_ORDER puts them fast and pure first, the real Pulumi
// CLI last. A folder missing from LAYER_ORDER still runs (after the fast layers, counted as needing the CLI) and is
// named on stderr so that someone classifies it. ISOLATED entries (a file or a whole folder) run in a mocha process
// of their own: the SIGKILL suite kills CLIs on purpose and leaves a killed run's program behind in its process; the
// soak's verdict should be about the soak alone; setMocks tests (test/schema-mocks/) replace the engine for the
// whole process.
//
// The check: every mocha process loads scripts/mocha-loaded-files.js, which writes down the files that defined
// suites or tests. After the last process, any selected test file that mocha did not load (not compiled, excluded
// from tsconfig, a syntax error that stopped a process, a file that defines no test) is an error.
//
// Usage: node scripts/run-tests.js [--fast] [--layers a,b,...]
//   --fast     only the layers that need no Pulumi CLI (npm run test:fast)
//   --layers   only these layers (folder names); an ISOLATED entry runs only when named as it is listed there
//              (`--layers reliability` runs faults, secrets, ... but not reliability/sigkill.test.ts)
// Exit status: 0 when every mocha process passed and every selected file ran; 1 otherwise.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const repoRoot = path.resolve(__dirname, "..");

/** Folders under test/, in run order. `cli: true` marks layers that drive the real Pulumi CLI. */
const LAYER_ORDER = [
  { folder: "unit", cli: false },
  { folder: "document", cli: false },
  { folder: "emulator", cli: false },
  { folder: "compat", cli: false },
  { folder: "client", cli: false },
  { folder: "cli", cli: false },
  { folder: "provider", cli: false },
  { folder: "serialization", cli: false },
  { folder: "schema-mocks", cli: false },
  { folder: "pack", cli: true },
  { folder: "e2e", cli: true },
  { folder: "examples", cli: true },
  { folder: "scale", cli: true },
  { folder: "reliability", cli: true },
];

/** Entries (paths relative to test/, a file or a folder) that run in a mocha process of their own, in this order. */
const ISOLATED = ["schema-mocks", "reliability/sigkill.test.ts", "reliability/soak.test.ts"];

function listTestFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTestFiles(p));
    else if (e.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** Paths of one checkout: its test/ sources and their compiled dist/test/ files. */
function tree(root) {
  const testDir = path.join(root, "test");
  const rel = (file) => path.relative(testDir, file).split(path.sep).join("/");
  const compiled = (file) => path.join(root, "dist", "test", rel(file).replace(/\.ts$/, ".js"));
  return { root, testDir, rel, compiled };
}
const isolatedEntryOf = (relFile) => ISOLATED.find((e) => relFile === e || relFile.startsWith(e + "/"));

/** Mocha processes in run order: `{ name, layer, cli, files }` (files are sources under test/). */
function planGroups(t) {
  const { testDir, rel } = t;
  const byLayer = new Map();
  for (const file of listTestFiles(testDir)) {
    const r = rel(file);
    const layer = r.includes("/") ? r.slice(0, r.indexOf("/")) : ".";
    if (!byLayer.has(layer)) byLayer.set(layer, []);
    byLayer.get(layer).push(file);
  }
  const known = LAYER_ORDER.filter((l) => byLayer.has(l.folder));
  const unknown = [...byLayer.keys()].filter((f) => !LAYER_ORDER.some((l) => l.folder === f)).sort();
  for (const f of unknown) {
    console.error(
      `run-tests: test/${f} is not classified in scripts/run-tests.js LAYER_ORDER; running it with the CLI layers`,
    );
  }
  const firstCli = known.findIndex((l) => l.cli);
  const ordered = [...known];
  ordered.splice(firstCli < 0 ? ordered.length : firstCli, 0, ...unknown.map((folder) => ({ folder, cli: true })));

  const shared = [];
  const isolated = new Map(ISOLATED.map((e) => [e, []]));
  const layerOf = new Map(ordered.map((l) => [l.folder, l]));
  for (const l of ordered) {
    for (const file of byLayer.get(l.folder)) {
      const entry = isolatedEntryOf(rel(file));
      if (entry) isolated.get(entry).push(file);
      else shared.push({ layer: l.folder, cli: l.cli, file });
    }
  }
  const groups = [];
  // One process for the fast layers and one for the CLI layers, so that --fast and the full run load the same way.
  for (const cli of [false, true]) {
    const items = shared.filter((s) => s.cli === cli);
    if (items.length > 0) {
      const layers = [...new Set(items.map((s) => s.layer))];
      groups.push({ name: layers.join(", "), layers, cli, files: items.map((s) => s.file) });
    }
  }
  for (const [entry, files] of isolated) {
    if (files.length === 0) continue;
    const layer = entry.split("/")[0];
    const cli = layerOf.get(layer)?.cli ?? true;
    groups.push({ name: entry + " (own process)", layers: [layer], entry, cli, files });
  }
  // Isolated entries that need no CLI run before the CLI layers.
  return [...groups.filter((g) => !g.cli), ...groups.filter((g) => g.cli)];
}

function parseArgs(argv) {
  const opts = { fast: false, layers: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--fast") opts.fast = true;
    else if (argv[i] === "--layers") opts.layers = (argv[++i] ?? "").split(",").filter(Boolean);
    else {
      console.error(`run-tests: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  return opts;
}

function selectGroups(t, groups, opts) {
  const { rel } = t;
  return groups
    .filter((g) => !opts.fast || !g.cli)
    .map((g) => {
      if (!opts.layers) return g;
      if (g.entry) return opts.layers.includes(g.entry) ? g : undefined;
      const files = g.files.filter((f) => opts.layers.includes(rel(f).split("/")[0]));
      return files.length
        ? { ...g, files, name: [...new Set(files.map((f) => rel(f).split("/")[0]))].join(", ") }
        : undefined;
    })
    .filter(Boolean);
}

/** Runs the selected groups of the checkout at `root`; `stdio` is mocha's (tests of this runner pass "ignore"). */
function main(argv, root, stdio = "inherit") {
  const say = stdio === "ignore" ? () => undefined : console.log;
  const t = tree(root);
  const { compiled } = t;
  const opts = parseArgs(argv);
  const groups = selectGroups(t, planGroups(t), opts);
  if (groups.length === 0) {
    console.error("run-tests: no test file selected");
    return 1;
  }
  const record = fs.mkdtempSync(path.join(os.tmpdir(), "run-tests-"));
  const mocha = require.resolve("mocha/bin/mocha.js", { paths: [repoRoot] });
  let rc = 0;
  try {
    groups.forEach((g, i) => {
      say(`\n=== mocha ${i + 1}/${groups.length}: ${g.name} (${g.files.length} files)`);
      const env = { ...process.env, MOCHA_LOADED_FILES_OUT: path.join(record, `${i}.txt`) };
      // A source without its compiled file is left out here (mocha would stop at it) and reported below.
      const present = g.files.map(compiled).filter((f) => fs.existsSync(f));
      if (present.length === 0) return;
      const args = [mocha, "--require", path.join(__dirname, "mocha-loaded-files.js"), ...present];
      const r = spawnSync(process.execPath, args, { cwd: root, env, stdio });
      if (r.status !== 0) {
        console.error(`run-tests: mocha for ${g.name} exited ${r.status ?? r.signal}`);
        rc = 1;
      }
    });
    const loaded = new Set(
      fs.readdirSync(record).flatMap((f) => fs.readFileSync(path.join(record, f), "utf8").split("\n").filter(Boolean)),
    );
    const selected = groups.flatMap((g) => g.files);
    const notRun = selected.filter((f) => !loaded.has(compiled(f)));
    if (notRun.length > 0) {
      console.error(
        `run-tests: ${notRun.length} test file(s) under test/ were not run:\n  ${notRun.map((f) => path.relative(root, f)).join("\n  ")}`,
      );
      rc = 1;
    }
    if (notRun.length === 0)
      say(`\nrun-tests: all ${selected.length} selected test files ran (${groups.length} mocha processes)`);
  } finally {
    fs.rmSync(record, { recursive: true, force: true });
  }
  return rc;
}

if (require.main === module) process.exit(main(process.argv.slice(2), repoRoot));
module.exports = { main, planGroups, selectGroups, tree, LAYER_ORDER, ISOLATED };
