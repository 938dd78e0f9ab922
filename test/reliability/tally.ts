// The figures the reliability suites report: faults injected and survived, bad inputs tried and refused,
// duplicates found and secrets found. Each suite adds to the tally; a root `after` hook reports it once per mocha
// process. Run alone, that process prints the figures and writes .state/reliability-figures.json (git-ignored).
// `npm test` runs the reliability suites in more than one mocha process: it names a file in
// RELIABILITY_FIGURES_FILE, each process adds its figures to that file without printing, and the test script
// prints the sum once at the end (print-figures.ts).
import * as fs from "fs";
import * as path from "path";

export interface Figures {
  faultsSurvived: Record<string, number>;
  badInputsRefused: number;
  badInputsTried: number;
  duplicatesFound: number;
  /** Existing labels a create could have taken over without proof, left to their owners. */
  takeoversRefused: number;
  /** Custom limits nobody declared, still in place after an up that wrote limits on their pair. */
  undeclaredLimitsKept: number;
  /** Portals exported and applied back with zero writes and no change after. */
  roundTrips: number;
  secretsFound: number;
  secretPlacesSearched: number;
  soak?: Record<string, unknown>;
  notes: Record<string, number>;
}

function emptyFigures(): Figures {
  return {
    faultsSurvived: {},
    badInputsRefused: 0,
    badInputsTried: 0,
    duplicatesFound: 0,
    takeoversRefused: 0,
    undeclaredLimitsKept: 0,
    roundTrips: 0,
    secretsFound: 0,
    secretPlacesSearched: 0,
    notes: {},
  };
}

const figures = emptyFigures();

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
  takeoversRefused(n: number): void {
    figures.takeoversRefused += n;
  },
  undeclaredLimitsKept(n: number): void {
    figures.undeclaredLimitsKept += n;
  },
  roundTrip(): void {
    figures.roundTrips++;
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

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** The figures of two mocha processes as one. */
export function mergeFigures(a: Figures, b: Figures): Figures {
  return {
    faultsSurvived: addCounts(a.faultsSurvived, b.faultsSurvived),
    badInputsRefused: a.badInputsRefused + b.badInputsRefused,
    badInputsTried: a.badInputsTried + b.badInputsTried,
    duplicatesFound: a.duplicatesFound + b.duplicatesFound,
    takeoversRefused: a.takeoversRefused + b.takeoversRefused,
    undeclaredLimitsKept: a.undeclaredLimitsKept + b.undeclaredLimitsKept,
    roundTrips: a.roundTrips + b.roundTrips,
    secretsFound: a.secretsFound + b.secretsFound,
    secretPlacesSearched: a.secretPlacesSearched + b.secretPlacesSearched,
    notes: addCounts(a.notes, b.notes),
    ...(a.soak || b.soak ? { soak: b.soak ?? a.soak } : {}),
  };
}

export function formatFigures(f: Figures): string {
  const total = Object.values(f.faultsSurvived).reduce((a, b) => a + b, 0);
  return [
    "",
    "  reliability figures",
    `    faults injected and survived: ${total}`,
    ...Object.entries(f.faultsSurvived).map(([k, v]) => `      ${k}: ${v}`),
    `    bad inputs tried: ${f.badInputsTried}, refused with one clear error and zero writes: ${f.badInputsRefused}`,
    `    duplicates found: ${f.duplicatesFound}`,
    `    takeovers refused (a label with our text or name, not proven ours, left to its owner): ${f.takeoversRefused}`,
    `    undeclared limits kept: ${f.undeclaredLimitsKept}`,
    `    export -> apply round trips with zero writes: ${f.roundTrips}`,
    `    secrets found: ${f.secretsFound} (in ${f.secretPlacesSearched} places searched)`,
    ...Object.entries(f.notes).map(([k, v]) => `    ${k}: ${v}`),
    ...(f.soak ? [`    soak: ${JSON.stringify(f.soak)}`] : []),
    "",
  ].join("\n");
}

export function readFigures(file: string): Figures {
  return fs.existsSync(file)
    ? { ...emptyFigures(), ...(JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Figures>) }
    : emptyFigures();
}

// Registered at load time, outside any describe: a root hook, run once after every suite of the mocha run.
if (typeof after === "function") {
  after(function () {
    const shared = process.env.RELIABILITY_FIGURES_FILE;
    if (shared) {
      fs.mkdirSync(path.dirname(shared), { recursive: true });
      fs.writeFileSync(shared, JSON.stringify(mergeFigures(readFigures(shared), figures), null, 2) + "\n");
      return;
    }
    console.log(formatFigures(figures));
    try {
      const dir = path.resolve(__dirname, "..", "..", "..", ".state");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "reliability-figures.json"), JSON.stringify(figures, null, 2) + "\n");
    } catch {
      // the figures are also in the log above
    }
  });
}
