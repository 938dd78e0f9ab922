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
if [ $# -eq 0 ]; then
  set -- 'dist/test/unit/**/*.test.js' 'dist/test/emulator/**/*.test.js' 'dist/test/compat/**/*.test.js' \
    'dist/test/client/**/*.test.js' 'dist/test/provider/**/*.test.js' 'dist/test/serialization/**/*.test.js' \
    'dist/test/pack/**/*.test.js' 'dist/test/e2e/**/*.test.js' 'dist/test/scale/**/*.test.js' \
    'dist/test/reliability/**/*.test.js'
fi
npx mocha "$@"
