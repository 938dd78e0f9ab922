#!/usr/bin/env bash
# The whole test suite: build, lint, make sure the pinned Pulumi CLI exists (built from Go modules when
# absent, cached outside the repo), then every mocha layer (unit, emulator contract, client, provider,
# serialization, end-to-end with the real CLI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node scripts/link-self.js
npx tsc -p tsconfig.json
npx eslint .
echo "Pulumi CLI: $(bash scripts/pulumi-cli.sh)"
# Layers in order: fast and pure first, the real CLI last. Arguments replace the default spec.
if [ $# -gt 0 ]; then
  exec npx mocha "$@"
fi
rc=0
# The reliability suites add their figures (faults survived, bad inputs refused, duplicates, secrets found) to
# one file across the mocha processes below; they are printed once at the end.
export RELIABILITY_FIGURES_FILE="$PWD/.state/reliability-figures.json"
mkdir -p .state
rm -f "$RELIABILITY_FIGURES_FILE"
npx mocha 'dist/test/unit/**/*.test.js' 'dist/test/emulator/**/*.test.js' 'dist/test/compat/**/*.test.js' \
  'dist/test/client/**/*.test.js' 'dist/test/provider/**/*.test.js' 'dist/test/serialization/**/*.test.js' \
  'dist/test/pack/**/*.test.js' 'dist/test/e2e/**/*.test.js' 'dist/test/scale/**/*.test.js' \
  --exclude 'dist/test/reliability/soak.test.js' --exclude 'dist/test/reliability/sigkill.test.js' \
  'dist/test/reliability/**/*.test.js' || rc=$?
# The SIGKILL suite and the soak each run in a mocha process of their own: the first kills CLIs on purpose, and
# a process of its own keeps whatever a killed run leaves in the process (its hanging inline program) away from
# other suites; the soak's verdict should be about the soak alone.
npx mocha 'dist/test/reliability/sigkill.test.js' || rc=$?
npx mocha 'dist/test/reliability/soak.test.js' || rc=$?
node dist/test/reliability/print-figures.js
exit $rc
