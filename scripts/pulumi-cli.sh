#!/usr/bin/env bash
# Prints the root directory of a pinned Pulumi CLI (the directory holding bin/pulumi).
#
# Order of preference:
#   1. `pulumi` on PATH, when its version is at least the pinned one;
#   2. a CLI built earlier by this script, cached outside the repo and keyed by version;
#   3. a fresh build from the Go module proxy into that cache.
#
# Why a build: no Pulumi CLI binary can be downloaded on our machines, but the CLI's Go modules are served.
# `go install pkg@version` refuses modules with replace directives, so we build through a throwaway wrapper
# module, where the dependency's replace lines are ignored (see shared/reference/pulumi-dynamic-providers.md §5).
#
# The Node.js language host (`pulumi-language-nodejs`) lives in a Go module that the module proxy does not
# serve (its version list answers 403), so it is not built. Nothing here needs it: tests and the demo drive
# the engine through the Automation API's inline programs, which connect the CLI to the SDK's in-process
# language runtime. `pulumi-resource-pulumi-nodejs` (the dynamic-provider plugin, a shell script shipped in
# the @pulumi/pulumi npm package) is copied next to the binary so the engine never tries to download it.
#
# Environment:
#   PULUMI_CLI_VERSION   version to use (default: the version pinned below)
#   PULUMI_CLI_CACHE     cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hubspot-associations)
#   PULUMI_CLI_NO_PATH=1 ignore a `pulumi` found on PATH
set -euo pipefail

version="${PULUMI_CLI_VERSION:-3.248.0}"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hubspot-associations}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plugin_src="$here/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

log() { echo "pulumi-cli: $*" >&2; }

version_ge() { # version_ge A B: A >= B (dotted numeric, leading v ignored)
  [ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n1)" = "${2#v}" ]
}

ensure_plugin() { # copy the dynamic-provider plugin next to the binary when it is missing there
  local bindir="$1"
  if [ ! -x "$bindir/pulumi-resource-pulumi-nodejs" ] && [ -f "$plugin_src" ] && [ -w "$bindir" ]; then
    cp -p "$plugin_src" "$bindir/pulumi-resource-pulumi-nodejs"
    chmod 0755 "$bindir/pulumi-resource-pulumi-nodejs"
  fi
}

if [ "${PULUMI_CLI_NO_PATH:-}" != "1" ] && command -v pulumi >/dev/null 2>&1; then
  found="$(readlink -f "$(command -v pulumi)")"
  have="$("$found" version 2>/dev/null | head -n1 || true)"
  if [ -n "$have" ] && version_ge "$have" "$version"; then
    ensure_plugin "$(dirname "$found")"
    dirname "$(dirname "$found")"
    exit 0
  fi
  log "ignoring pulumi on PATH ($found, version '${have:-unknown}' < $version)"
fi

dest="$cache_root/pulumi-v$version"
if [ -x "$dest/bin/pulumi" ] && [ "$("$dest/bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
  ensure_plugin "$dest/bin"
  echo "$dest"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi >= $version on PATH and no Go toolchain to build one"; exit 1; }

start=$(date +%s)
log "building Pulumi CLI v$version from Go modules into $dest (cold builds take minutes)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-cli-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
(
  cd "$work"
  export GOFLAGS="${GOFLAGS:-} -mod=mod"
  export GOTOOLCHAIN=local
  go mod init example.local/pulumi-cli >/dev/null 2>&1
  go get "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" >&2
  # The clipboard fork pkg/go.mod replaces to; it only changes Windows behaviour, kept for fidelity.
  go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
  cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
  go mod tidy >&2
  go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    -o "$dest/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
)
mv "$dest/bin/pulumi.tmp" "$dest/bin/pulumi"
ensure_plugin "$dest/bin"
log "built $("$dest/bin/pulumi" version) in $(( $(date +%s) - start ))s"
echo "$dest"
