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
npx mocha "$@"
