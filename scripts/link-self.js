#!/usr/bin/env node
// Links node_modules/pulumi-hubspot-associations to this checkout.
//
// Why: the serialized provider shim loads its implementation at run time with
// require("pulumi-hubspot-associations/provider"), resolved from the Pulumi provider process's working
// directory. Users have the package in node_modules; inside this repository (tests, examples, the demo) the
// link plays that part. The build, test, demo and bench scripts run it first; it is no install hook, because the
// published package does not ship this file.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-hubspot-associations");
fs.mkdirSync(path.dirname(link), { recursive: true });
let current = null;
try {
  current = fs.readlinkSync(link);
} catch {
  // absent, or not a link
}
if (current !== "..") {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}
