// The tables issue 12 asks for, from a results.json: state size, the engine baseline with our wall time over it,
// the default profile against its targets, and the Terraform provider's request model beside ours.
// bench/report.ts puts them in bench/README.md with the rest.

import { floors } from "./measure";
import { editPortal, makePortal, Operation } from "./portal";
import type { OpResult } from "./pulumi-ops";
import type { BenchResults } from "./run";
import { TERRAFORM_DEFAULT_PER_10S, terraformModel } from "./terraform-model";
import { OPERATION_NAMES as OPS, ratioText as x, seconds as s } from "./report-format";

const kb = (b: number): string => (b / 1024).toFixed(1);

/** The engine baseline's run of `op` at N and profile next to `budget` (else the one run for every budget). */
export function baselineOf(
  r: BenchResults,
  n: number,
  engine: string,
  op: Operation,
  budget?: number,
): OpResult | undefined {
  const all = (r.baselines ?? []).filter((b) => b.n === n && b.engine.name === engine);
  return (all.find((b) => b.budget === budget) ?? all.find((b) => b.budget === undefined))?.ops.find(
    (o) => o.op === op,
  );
}

export function stateTable(r: BenchResults): string[] {
  const rows: string[] = [
    "| program | N | engine | after | resources | `stack export` KB | bytes per resource | bytes per dynamic resource | `__provider` chars | checkpoint KB |",
    "|---|---:|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  const add = (who: string, n: number, engine: string, ops: OpResult[]): void => {
    for (const o of ops) {
      if (!o.state) continue;
      rows.push(
        `| ${who} | ${n} | ${engine} | ${OPS[o.op]} | ${o.state.resources} | ${kb(o.state.exportBytes)} | ${o.state.bytesPerResource} | ${o.state.bytesPerDynamicResource} | ${o.state.providerChars ?? "–"} | ${kb(o.state.checkpointBytes)} |`,
      );
    }
  };
  for (const sc of r.scenarios) add(`this package (budget ${sc.budget})`, sc.n, sc.engine.name, sc.ops);
  for (const b of r.baselines ?? [])
    add(`engine baseline${b.budget !== undefined ? ` (next to ${b.budget})` : ""}`, b.n, b.engine.name, b.ops);
  return rows;
}

export function baselineTable(r: BenchResults): string[] {
  const rows: string[] = [
    "| budget /10 s | N | engine | operation | this package wall s | baseline wall s | wall / baseline | load (1 min) ours → | load baseline → |",
    "|---:|---:|---|---|---:|---:|---:|---|---|",
  ];
  for (const sc of r.scenarios) {
    for (const o of sc.ops) {
      const b = baselineOf(r, sc.n, sc.engine.name, o.op, sc.budget);
      rows.push(
        `| ${sc.budget} | ${sc.n} | ${sc.engine.name} | ${OPS[o.op]} | ${s(o.wallMs)} | ${s(b?.wallMs)} | ${x(b ? o.wallMs / b.wallMs : undefined)} | ` +
          `${o.loadAvg1m.join(" → ")} | ${b ? b.loadAvg1m.join(" → ") : "–"} |`,
      );
    }
  }
  return rows;
}

/** Issue 12's targets for the default profile (plain `pulumi up`, no flag, no environment). */
export function targetsTable(r: BenchResults): string[] {
  const rows: string[] = [
    "| budget /10 s | N | measure | value | target | met | the engine alone (baseline) |",
    "|---:|---:|---|---:|---:|---|---|",
  ];
  for (const sc of r.scenarios.filter((c) => c.engine.name === "default")) {
    const op = (o: Operation): OpResult | undefined => sc.ops.find((p) => p.op === o);
    const up = op("up");
    if (up) {
      const target = sc.budget >= 190 ? 1.4 : 1.2;
      const b = baselineOf(r, sc.n, "default", "up", sc.budget);
      const v = up.wallToSteadyFloor;
      rows.push(
        `| ${sc.budget} | ${sc.n} | up from empty: wall / steady floor | ${x(v)} | ${target} | ${v !== null && v <= target ? "yes" : "no"} | ` +
          `${b ? `${s(b.wallMs)} s = ${x(b.wallMs / up.floors.steadyMs)} × the floor by itself` : "–"} |`,
      );
    }
    for (const o of ["preview", "upEdit"] as const) {
      const ours = op(o);
      const b = baselineOf(r, sc.n, "default", o, sc.budget);
      if (!ours || !b) continue;
      const v = ours.wallMs / b.wallMs;
      rows.push(
        `| ${sc.budget} | ${sc.n} | ${OPS[o]}: wall / baseline | ${x(v)} | 1.3 | ${v <= 1.3 ? "yes" : "no"} | ${s(b.wallMs)} s |`,
      );
    }
  }
  return rows;
}

/** The Terraform provider's requests for the same operations, and the time its own limiter alone needs for them. */
export function terraformTable(r: BenchResults): string[] {
  const rows: string[] = [
    `| N | operation | Terraform command | GET | writes | requests | its limiter alone s (${TERRAFORM_DEFAULT_PER_10S}/10 s) | this package: requests (lower bound) |`,
    "|---:|---|---|---:|---:|---:|---:|---|",
  ];
  const ns = [...new Set(r.scenarios.map((c) => c.n))];
  for (const n of ns) {
    const spec = makePortal({ n });
    const { edited } = editPortal(spec, typeof r.options.editFraction === "number" ? r.options.editFraction : 0.1);
    for (const op of Object.keys(OPS) as Operation[]) {
      const m = terraformModel(op, spec, edited.length);
      const ours = r.scenarios.find((c) => c.n === n)?.ops.find((o) => o.op === op);
      rows.push(
        `| ${n} | ${OPS[op]} | \`${m.command}\` | ${m.gets} | ${m.writes} | ${m.total} | ${s(floors(m.total, TERRAFORM_DEFAULT_PER_10S).steadyMs)} | ` +
          `${ours ? `${ours.requests.total} (${ours.lowerBound.total})` : "–"} |`,
      );
    }
  }
  return rows;
}

/**
 * Where the time goes, in CPU seconds per process (steadier than wall time on a shared machine): the inline
 * program's process, the dynamic-provider process, the Pulumi CLI; ours beside the baseline's.
 */
export function cpuTable(r: BenchResults): string[] {
  const rows: string[] = [
    "| budget /10 s | N | engine | operation | CPU s: program (ours / baseline) | provider (ours / baseline) | Pulumi CLI (ours / baseline) | total (ours / baseline) |",
    "|---:|---:|---|---|---|---|---|---|",
  ];
  const cpu = (o: OpResult | undefined): [number, number, number] | undefined =>
    o?.programCpuMs === undefined || o.provider.cpuMs === undefined
      ? undefined
      : [o.programCpuMs, o.provider.cpuMs.provider, o.provider.cpuMs.cli];
  for (const sc of r.scenarios) {
    for (const o of sc.ops) {
      const a = cpu(o);
      if (!a) continue;
      const b = cpu(baselineOf(r, sc.n, sc.engine.name, o.op, sc.budget));
      const pair = (i: number): string => `${s(a[i])} / ${b ? s(b[i]) : "–"}`;
      const sum = (v: [number, number, number]): number => v[0] + v[1] + v[2];
      rows.push(
        `| ${sc.budget} | ${sc.n} | ${sc.engine.name} | ${OPS[o.op]} | ${pair(0)} | ${pair(1)} | ${pair(2)} | ${s(sum(a))} / ${b ? s(sum(b)) : "–"} |`,
      );
    }
  }
  return rows.length > 2 ? rows : [];
}
