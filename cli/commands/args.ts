// A small argument parser for the commands: `--flag VALUE`, `--flag=VALUE`, boolean flags, `--help`/`-h`,
// positionals, and `--` to end options. Each command declares its flags; anything else is a usage error. A flag
// given twice keeps its last value in `flags`; `values` keeps every value, for flags that may repeat.

export interface FlagSpec {
  /** Without the leading dashes, e.g. "out". */
  name: string;
  takesValue: boolean;
}

export interface ParsedArgs {
  help: boolean;
  flags: Map<string, string | true>;
  /** Every value of each value-taking flag, in order. */
  values: Map<string, string[]>;
  positionals: string[];
}

export type ParseOutcome = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParseOutcome {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const args: ParsedArgs = { help: false, flags: new Map(), values: new Map(), positionals: [] };
  const rest = [...argv];
  for (let a = rest.shift(); a !== undefined; a = rest.shift()) {
    if (a === "--") {
      args.positionals.push(...rest);
      break;
    }
    if (a === "-h" || a === "--help") {
      args.help = true;
      continue;
    }
    // A lone "-" is a positional (stdin), not a flag.
    if (!a.startsWith("-") || a === "-") {
      args.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, "");
    const spec = byName.get(name);
    if (!spec) return { ok: false, error: `unknown option '${a}'` };
    if (!spec.takesValue) {
      if (eq >= 0) return { ok: false, error: `option '--${name}' takes no value` };
      args.flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : rest.shift();
    if (value === undefined || value === "") return { ok: false, error: `option '--${name}' needs a value` };
    args.flags.set(name, value);
    args.values.set(name, [...(args.values.get(name) ?? []), value]);
  }
  return { ok: true, args };
}

export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/** Every value of a flag that may repeat (`--token a --token b`). */
export function flagValues(args: ParsedArgs, name: string): string[] {
  return args.values.get(name) ?? [];
}
