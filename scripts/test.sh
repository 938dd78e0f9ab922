#!/usr/bin/env bash
# The test suite of one checkout with its installed @pulumi/pulumi (one leg): link the checkout as the installed
# package, build, lint, make sure the Pulumi CLI of the installed SDK's version exists (scripts/pulumi-cli.sh), then
# every test file under test/ in layers derived from folders (scripts/run-tests.js, which fails when a file did not
# run).
#
# Usage:
#   scripts/test.sh                  everything (npm test)
#   scripts/test.sh --fast           the layers that need no Pulumi CLI; no lint (npm run test:fast)
#   scripts/test.sh --layers a,b     only these layers (folders under test/)
#   scripts/test.sh FILE... [OPTS]   mocha with these arguments instead of the layers, e.g. dist/test/e2e/schema.test.js
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build

fast=0
runner=0
case "${1:-}" in
  "") runner=1 ;;
  --fast) runner=1; fast=1 ;;
  --layers) runner=1 ;;
esac

echo "Node $(node --version), @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version')"
if [ $fast -eq 0 ]; then
  npx eslint .
  npx prettier --check . --log-level warn
  echo "Pulumi CLI: $(bash scripts/pulumi-cli.sh)"
  # Tests that run a project through `pulumi up` need it; without one they skip (and .ci/run fails).
  if host="$(bash scripts/pulumi-cli.sh --language-host)"; then
    echo "Node.js language host: $host"
  else
    echo "Node.js language host: none (tests that need it skip, and .ci/run fails)"
  fi
fi
if [ $runner -eq 0 ]; then
  exec npx mocha "$@"
fi

# The reliability suites add their figures (faults survived, bad inputs refused, duplicates, secrets found) to one
# file across mocha processes; they are printed once at the end.
export RELIABILITY_FIGURES_FILE="$PWD/.state/reliability-figures.json"
mkdir -p .state
rm -f "$RELIABILITY_FIGURES_FILE"
rc=0
node scripts/run-tests.js "$@" || rc=$?
if [ -f "$RELIABILITY_FIGURES_FILE" ]; then
  node dist/test/reliability/print-figures.js
fi
exit $rc
