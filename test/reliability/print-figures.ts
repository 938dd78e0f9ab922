// Prints the reliability figures that the mocha processes of one `npm test` added up in the file named by
// RELIABILITY_FIGURES_FILE (see tally.ts). Not a test: scripts/test.sh runs it once, after the last mocha process.
import { formatFigures, readFigures } from "./tally";

const file = process.env.RELIABILITY_FIGURES_FILE ?? process.argv[2];
if (!file) {
  console.error("usage: RELIABILITY_FIGURES_FILE=<file> node print-figures.js");
  process.exit(2);
}
console.log(formatFigures(readFigures(file)));
