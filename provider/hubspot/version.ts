// The package version for the User-Agent, read from the installed package.json at run time (walking up from
// this file: dist/provider/hubspot/ in the build, provider/hubspot/ under ts-node). Reading it instead of
// importing it keeps package.json out of the compiled output tree.

import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "pulumi-hubspot-associations";

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = "0.0.0";
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") {
        cached = pkg.version;
        break;
      }
    } catch {
      // no package.json here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return cached;
}

export function defaultUserAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()}`;
}
