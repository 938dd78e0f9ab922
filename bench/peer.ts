// The peer: the plain reconcile script a user would write instead of this package, with the official
// @hubspot/api-client 13.5.0 and its documented limiter preset (README "Rate limiting":
// `limiterOptions: DEFAULT_LIMITER_OPTIONS` = Bottleneck { minTime: 1000/9 ms, maxConcurrent: 6 }) and its documented
// retries (`numberOfApiCallRetries: 3`). It reads every pair's labels and limit configurations, creates the labels
// that are missing (matched by text, the only key HubSpot returns), and writes each pair's limits with one batch.
// The limits API is not wired into the 13.5.0 client (reference §9.1), so it goes through the client's documented
// `apiRequest`, which runs through the same decorators (limiter and retries).
//
// Runs as its own process: `node dist/bench/peer.js <url> <token> <n> <mode: up|check>`; prints one JSON line.
// The portal it reconciles is bench/portal.ts's, exactly what the Pulumi program declares.

import { Client, DEFAULT_LIMITER_OPTIONS } from "@hubspot/api-client";
import { LabelSpec, makePortal, pairsToReadOnRefresh, PortalSpec } from "./portal";

interface TypeRow {
  category: string;
  typeId: number;
  label?: string | null;
}

export interface PeerResult {
  mode: "up" | "check";
  wallMs: number;
  created: number;
  limitBatches: number;
  /** Labels or limits that differ from the declaration (the no-op check reports them without writing). */
  drift: number;
  failures: string[];
  /** Peak resident memory of the script's process, kB. */
  maxRssKb: number;
}

export async function reconcile(
  url: string,
  token: string,
  spec: PortalSpec,
  mode: "up" | "check",
): Promise<PeerResult> {
  const client = new Client({
    accessToken: token,
    basePath: url,
    limiterOptions: DEFAULT_LIMITER_OPTIONS,
    numberOfApiCallRetries: 3,
  });
  const defs = client.crm.associations.v4.schema.definitionsApi;
  const failures: string[] = [];
  let created = 0;
  let limitBatches = 0;
  let drift = 0;
  const t0 = Date.now();

  // 1. Labels of every pair we manage (and the reverse pairs, where paired labels keep their inverse text).
  const labelsByPair = new Map<string, TypeRow[]>();
  await Promise.all(
    [...pairsToReadOnRefresh(spec)].map(async (key) => {
      const [from = "", to = ""] = key.split("/");
      const r = await defs.getAll(from, to);
      labelsByPair.set(
        key,
        r.results.map((x) => ({ category: String(x.category), typeId: x.typeId, label: x.label ?? null })),
      );
    }),
  );

  // 2. Missing labels: create them (paired ones in one call), remember every label's typeId.
  const typeIds = new Map<string, number>();
  const existing = (l: LabelSpec): number | undefined => {
    const fwd = (labelsByPair.get(`${l.from}/${l.to}`) ?? []).find(
      (x) => x.category === "USER_DEFINED" && x.label === l.label,
    );
    if (!fwd) return undefined;
    if (l.inverseLabel === undefined) return fwd.typeId;
    const inv = (labelsByPair.get(`${l.to}/${l.from}`) ?? []).find(
      (x) => x.category === "USER_DEFINED" && x.label === l.inverseLabel,
    );
    return inv ? fwd.typeId : undefined;
  };
  await Promise.all(
    spec.labels.map(async (l) => {
      const found = existing(l);
      if (found !== undefined) {
        typeIds.set(l.key, found);
        return;
      }
      drift++;
      if (mode === "check") return;
      try {
        const r = await defs.create(l.from, l.to, {
          name: l.name,
          label: l.label,
          ...(l.inverseLabel !== undefined ? { inverseLabel: l.inverseLabel } : {}),
        });
        const fwd = r.results.filter((x) => x.label === l.label).sort((a, b) => a.typeId - b.typeId)[0];
        if (fwd) typeIds.set(l.key, fwd.typeId);
        created++;
      } catch (e) {
        failures.push(`create ${l.key}: ${String(e).slice(0, 200)}`);
      }
    }),
  );

  // 3. Limits: each pair's set compared with what HubSpot has; missing ones created, wrong ones updated.
  await Promise.all(
    spec.limits.map(async (m) => {
      const base = `/crm/v4/associations/definitions/configurations/${m.from}/${m.to}`;
      const res = await client.apiRequest({ method: "GET", path: base });
      if (!res.ok) {
        failures.push(`GET ${base}: ${res.status}`);
        return;
      }
      const current = (
        (await res.json()) as { results: { category: string; typeId: number; userEnforcedMaxToObjectIds?: number }[] }
      ).results;
      const unlabeled = (labelsByPair.get(`${m.from}/${m.to}`) ?? []).find((x) => x.label === null);
      const desired: { category: string; typeId: number; maxToObjectIds: number }[] = [];
      if (unlabeled)
        desired.push({ category: unlabeled.category, typeId: unlabeled.typeId, maxToObjectIds: m.unlabeledMax });
      const labelTypeId = m.labelKey !== undefined ? typeIds.get(m.labelKey) : undefined;
      if (labelTypeId !== undefined)
        desired.push({ category: "USER_DEFINED", typeId: labelTypeId, maxToObjectIds: m.labelMax });
      const toCreate = desired.filter((d) => !current.some((c) => c.typeId === d.typeId));
      const toUpdate = desired.filter((d) =>
        current.some((c) => c.typeId === d.typeId && c.userEnforcedMaxToObjectIds !== d.maxToObjectIds),
      );
      drift += toCreate.length + toUpdate.length;
      if (mode === "check") return;
      for (const [op, inputs] of [
        ["create", toCreate],
        ["update", toUpdate],
      ] as const) {
        if (inputs.length === 0) continue;
        const r = await client.apiRequest({ method: "POST", path: `${base}/batch/${op}`, body: { inputs } });
        limitBatches++;
        if (!r.ok) failures.push(`POST ${base}/batch/${op}: ${r.status}`);
      }
    }),
  );

  return {
    mode,
    wallMs: Date.now() - t0,
    created,
    limitBatches,
    drift,
    failures,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

if (require.main === module) {
  const [url, token, n, mode] = process.argv.slice(2);
  if (!url || !token || !n || (mode !== "up" && mode !== "check")) {
    console.error("usage: node dist/bench/peer.js URL TOKEN N up|check");
    process.exit(2);
  }
  reconcile(url, token, makePortal({ n: Number(n) }), mode).then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + "\n");
      // Bottleneck keeps no timers after the last job; exit explicitly anyway so a stray handle cannot hang the bench.
      process.exit(0);
    },
    (e: unknown) => {
      console.error(String(e));
      process.exit(1);
    },
  );
}
