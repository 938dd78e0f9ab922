// The figures the reliability suites report: faults injected and survived, bad inputs tried and refused,
// duplicates found and secrets found. Each suite adds to the tally; a root `after` hook prints it once per mocha
// run and writes it to .state/reliability-figures.json (git-ignored) for the CI log.
import * as fs from "fs";
import * as path from "path";

interface Figures {
  faultsSurvived: Record<string, number>;
  badInputsRefused: number;
  badInputsTried: number;
  duplicatesFound: number;
  secretsFound: number;
  secretPlacesSearched: number;
  soak?: Record<string, unknown>;
  notes: Record<string, number>;
}

const figures: Figures = {
  faultsSurvived: {},
  badInputsRefused: 0,
  badInputsTried: 0,
  duplicatesFound: 0,
  secretsFound: 0,
  secretPlacesSearched: 0,
  notes: {},
};

export const tally = {
  fault(kind: string, n: number): void {
    figures.faultsSurvived[kind] = (figures.faultsSurvived[kind] ?? 0) + n;
  },
  badInputTried(): void {
    figures.badInputsTried++;
  },
  badInputRefused(): void {
    figures.badInputsRefused++;
  },
  duplicates(n: number): void {
    figures.duplicatesFound += n;
  },
  secrets(found: number, places: number): void {
    figures.secretsFound += found;
    figures.secretPlacesSearched += places;
  },
  note(what: string, n: number): void {
    figures.notes[what] = (figures.notes[what] ?? 0) + n;
  },
  soak(details: Record<string, unknown>): void {
    figures.soak = details;
  },
  figures(): Figures {
    return figures;
  },
};

// Registered at load time, outside any describe: a root hook, run once after every suite of the mocha run.
if (typeof after === "function") {
  after(function () {
    const total = Object.values(figures.faultsSurvived).reduce((a, b) => a + b, 0);
    const lines = [
      "",
      "  reliability figures",
      `    faults injected and survived: ${total}`,
      ...Object.entries(figures.faultsSurvived).map(([k, v]) => `      ${k}: ${v}`),
      `    bad inputs tried: ${figures.badInputsTried}, refused with one clear error: ${figures.badInputsRefused}`,
      `    duplicates found: ${figures.duplicatesFound}`,
      `    secrets found: ${figures.secretsFound} (in ${figures.secretPlacesSearched} places searched)`,
      ...Object.entries(figures.notes).map(([k, v]) => `    ${k}: ${v}`),
      ...(figures.soak ? [`    soak: ${JSON.stringify(figures.soak)}`] : []),
      "",
    ];
    console.log(lines.join("\n"));
    try {
      const dir = path.resolve(__dirname, "..", "..", "..", ".state");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "reliability-figures.json"), JSON.stringify(figures, null, 2) + "\n");
    } catch {
      // the figures are also in the log above
    }
  });
}
