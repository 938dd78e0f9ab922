// Loaded into every mocha process by scripts/run-tests.js: writes the test files that defined suites or tests to
// the file named by MOCHA_LOADED_FILES_OUT, so that the runner can tell a file on disk that never ran.
"use strict";
const fs = require("fs");

function filesOf(suite, out) {
  if (suite.file) out.add(suite.file);
  for (const t of suite.tests) if (t.file) out.add(t.file);
  for (const s of suite.suites) filesOf(s, out);
  return out;
}

module.exports.mochaHooks = {
  beforeAll() {
    const out = process.env.MOCHA_LOADED_FILES_OUT;
    if (!out) return;
    let rootSuite = this.test.parent;
    while (rootSuite.parent) rootSuite = rootSuite.parent;
    fs.writeFileSync(out, [...filesOf(rootSuite, new Set())].join("\n") + "\n");
  },
};
