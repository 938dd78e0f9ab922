#!/usr/bin/env bash
# Prints the root directory of the Pulumi CLI for this checkout (the directory holding bin/pulumi), or with
# --language-host the directory holding the Node.js language host (`pulumi-language-nodejs`) to use with that CLI.
#
# Version: PULUMI_CLI_VERSION, else the version of the @pulumi/pulumi this checkout resolves (node_modules), else
# the devDependency pinned in package.json. So each test leg gets the CLI of its own SDK.
#
# The CLI, in order of preference:
#   1. `pulumi` on PATH, when its version is at least the wanted one;
#   2. a CLI built earlier by this script, cached outside the repo and keyed by version;
#   3. a fresh build from the Go module proxy into that cache (cold: about ten minutes on two cores).
# Why a build: no Pulumi CLI binary can be downloaded on our machines, but the CLI's Go modules are served.
# `go install pkg@version` refuses modules with replace directives, so we build through a throwaway wrapper
# module, where the dependency's replace lines are ignored (see shared/reference/pulumi-dynamic-providers.md §5).
# `pulumi-resource-pulumi-nodejs` (the dynamic-provider plugin, a shell script shipped in the @pulumi/pulumi npm
# package) is copied next to the binary so that the engine never tries to download it.
#
# The Node.js language host runs a project whose Pulumi.yaml says `runtime: nodejs` (`pulumi up` in an example's
# directory); the Automation API's inline programs need none. Its Go module is not served here, so it is built from
# Pulumi's source kept beside the project (shared/tools/pulumi-language-nodejs, v3.248.0). That one build serves both
# test legs: test/e2e/language-host.test.ts passes with CLI and SDK 3.248.0 on Node 20 and 3.276.0 on Node 24 (and
# it ran a project with 3.216.0 too), so no per-leg build against other modules is needed. In order of preference:
#   1. `pulumi-language-nodejs` next to the CLI (a real installation ships it), or on PATH;
#   2. one built earlier, cached outside the repo and keyed by a hash of its source;
#   3. a build with that source's build.sh, found through $PULUMI_LANGUAGE_NODEJS_SRC (the directory holding
#      build.sh), then <repo>/../shared/tools/pulumi-language-nodejs, then shared/tools/pulumi-language-nodejs in
#      each parent directory of the repo (CI runs a clean clone in a temporary directory, so the build is cached
#      outside the repo like the CLI).
# A cached host is also copied next to a cached CLI, where the CLI finds it without PATH.
#
# How a test finds it: run `bash scripts/pulumi-cli.sh --language-host` (or languageHost() in
# examples/support/automation.ts). Exit 0: stdout is the directory; put it first on the PATH the CLI runs with (it
# is the CLI's own bin directory whenever it could be placed there). Exit 3: none could be had (no source found, no
# Go toolchain, or the build failed); stderr says why. Such a test must say so loudly and count itself as skipped
# (mocha's this.skip()); .ci/run fails a run with skipped tests, so CI cannot pass without the language host.
#
# Environment:
#   PULUMI_CLI_VERSION          version to use (default: the checkout's @pulumi/pulumi, see above)
#   PULUMI_CLI_CACHE            cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hubspot-associations)
#   PULUMI_CLI_NO_PATH=1        ignore a `pulumi` (and a language host) found on PATH
#   PULUMI_LANGUAGE_NODEJS_SRC  directory holding the language host's build.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hubspot-associations}"
want_host=0
case "${1:-}" in
  "") ;;
  --language-host) want_host=1 ;;
  *) echo "usage: $0 [--language-host]" >&2; exit 2 ;;
esac

log() { echo "pulumi-cli: $*" >&2; }

sdk_version() { # the @pulumi/pulumi this checkout resolves, else its pinned devDependency
  node -e '
    const path = require("path");
    const root = process.argv[1];
    try { console.log(require(require.resolve("@pulumi/pulumi/package.json", { paths: [root] })).version); process.exit(0); } catch {}
    const pkg = require(path.join(root, "package.json"));
    const pin = (pkg.devDependencies || {})["@pulumi/pulumi"] || "";
    if (!/^\d+\.\d+\.\d+$/.test(pin)) { console.error("no installed @pulumi/pulumi and no exact devDependency pin"); process.exit(1); }
    console.log(pin);' "$here"
}

version="${PULUMI_CLI_VERSION:-$(sdk_version)}"
version="${version#v}"
plugin_src="$(node -e 'try { console.log(require("path").join(require("path").dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.argv[1]] })), "pulumi-resource-pulumi-nodejs")) } catch {}' "$here")"

version_ge() { # version_ge A B: A >= B (dotted numeric, leading v ignored)
  [ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n1)" = "${2#v}" ]
}

ensure_plugin() { # copy the dynamic-provider plugin next to the binary when it is missing there
  local bindir="$1"
  if [ ! -x "$bindir/pulumi-resource-pulumi-nodejs" ] && [ -n "$plugin_src" ] && [ -f "$plugin_src" ] && [ -w "$bindir" ]; then
    cp -p "$plugin_src" "$bindir/pulumi-resource-pulumi-nodejs"
    chmod 0755 "$bindir/pulumi-resource-pulumi-nodejs"
  fi
}

build_cli() { # build_cli DEST: the CLI of $version from its Go modules into DEST/bin/pulumi
  local dest="$1" start work
  command -v go >/dev/null 2>&1 || { log "no pulumi >= $version on PATH and no Go toolchain to build one"; exit 1; }
  start=$(date +%s)
  log "building Pulumi CLI v$version from Go modules into $dest (cold builds take minutes)"
  work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-cli-build.XXXXXX")"
  mkdir -p "$dest/bin"
  if ! (
    cd "$work"
    export GOFLAGS="${GOFLAGS:-} -mod=mod"
    export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
    go mod init example.local/pulumi-cli >/dev/null 2>&1
    go get "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" >&2
    # The clipboard fork pkg/go.mod replaces to; it only changes Windows behaviour, kept for fidelity.
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
    go mod tidy >&2
    go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$dest/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  ); then
    rm -rf "$work"
    log "building Pulumi CLI v$version failed"
    exit 1
  fi
  rm -rf "$work"
  mv "$dest/bin/pulumi.tmp" "$dest/bin/pulumi"
  log "built $("$dest/bin/pulumi" version) in $(( $(date +%s) - start ))s"
}

cli_root() { # the CLI's root directory, found or built
  if [ "${PULUMI_CLI_NO_PATH:-}" != "1" ] && command -v pulumi >/dev/null 2>&1; then
    local found have
    found="$(readlink -f "$(command -v pulumi)")"
    have="$("$found" version 2>/dev/null | head -n1 || true)"
    if [ -n "$have" ] && version_ge "$have" "$version"; then
      ensure_plugin "$(dirname "$found")"
      dirname "$(dirname "$found")"
      return
    fi
    log "ignoring pulumi on PATH ($found, version '${have:-unknown}' < $version)"
  fi
  local dest="$cache_root/pulumi-v$version"
  if ! { [ -x "$dest/bin/pulumi" ] && [ "$("$dest/bin/pulumi" version 2>/dev/null)" = "v$version" ]; }; then
    build_cli "$dest"
  fi
  ensure_plugin "$dest/bin"
  echo "$dest"
}

host_source() { # the directory holding the language host's build.sh, or nothing
  local d
  if [ -n "${PULUMI_LANGUAGE_NODEJS_SRC:-}" ]; then
    if [ -f "$PULUMI_LANGUAGE_NODEJS_SRC/build.sh" ]; then echo "$PULUMI_LANGUAGE_NODEJS_SRC"; return; fi
    log "PULUMI_LANGUAGE_NODEJS_SRC=$PULUMI_LANGUAGE_NODEJS_SRC holds no build.sh; looking elsewhere"
  fi
  for d in "$here/../shared/tools/pulumi-language-nodejs" $(p="$here"; while [ "$p" != "/" ]; do p="$(dirname "$p")"; echo "$p/shared/tools/pulumi-language-nodejs"; done); do
    if [ -f "$d/build.sh" ]; then (cd "$d" && pwd); return; fi
  done
}

host_key() { # a hash of the source tree, so that a changed source gets its own cache entry
  (cd "$1" && find . -type f ! -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
}

language_host() { # prints the directory holding pulumi-language-nodejs for the CLI at $1; exit 3 when none
  local bindir="$1/bin" src key cached
  if [ -x "$bindir/pulumi-language-nodejs" ]; then echo "$bindir"; return; fi
  if [ "${PULUMI_CLI_NO_PATH:-}" != "1" ] && command -v pulumi-language-nodejs >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pulumi-language-nodejs)")"
    return
  fi
  src="$(host_source)"
  if [ -n "$src" ]; then
    key="$(host_key "$src")"
    cached="$cache_root/pulumi-language-nodejs-$key"
    if [ ! -x "$cached/pulumi-language-nodejs" ]; then
      if ! command -v go >/dev/null 2>&1; then
        log "no Node.js language host: its source is at $src but there is no Go toolchain to build it"
        exit 3
      fi
      log "building the Node.js language host from $src into $cached"
      if ! GOTOOLCHAIN="${GOTOOLCHAIN:-local}" bash "$src/build.sh" "$cached" >&2; then
        log "no Node.js language host: building it from $src failed"
        exit 3
      fi
    fi
  else
    # No source here: a build cached by an earlier run is still good.
    cached="$(ls -dt "$cache_root"/pulumi-language-nodejs-*/ 2>/dev/null | head -n1 || true)"
    cached="${cached%/}"
    if [ -z "$cached" ] || [ ! -x "$cached/pulumi-language-nodejs" ]; then
      log "no Node.js language host: none next to the CLI or on PATH, none cached in $cache_root, and no source" \
        "(set PULUMI_LANGUAGE_NODEJS_SRC, or keep shared/tools/pulumi-language-nodejs beside the repo)"
      exit 3
    fi
  fi
  case "$1" in
    "$cache_root"/*) # a CLI this script built: place the host beside it
      cp -p "$cached/pulumi-language-nodejs" "$bindir/pulumi-language-nodejs.tmp"
      mv "$bindir/pulumi-language-nodejs.tmp" "$bindir/pulumi-language-nodejs"
      echo "$bindir" ;;
    *) echo "$cached" ;; # an installation on PATH is left as it is
  esac
}

root="$(cli_root)"
if [ $want_host -eq 1 ]; then
  language_host "$root"
else
  echo "$root"
fi
