// Burst benchmark of the HubSpot client: 500 label reads, 50 in flight, against the emulator at HubSpot's
// Free/Starter budget of 100 requests per rolling 10 s. Run after building: `node dist/bench/client-burst.js`.
//
// The rate limit sets a floor on wall time: the first 100 requests may go at once, every further 100 need
// the window to move on by 10 s, so 400 requests beyond the first window take at least 40 s. A good client
// gets close to the floor (it never idles below the budget) and receives zero 429s (it never exceeds it).

import { startEmulator } from "../emulator";
import { HubSpotClient } from "../provider/hubspot";
import { busiestWindow } from "./measure";

const TOTAL_CALLS = 500;
const CONCURRENCY = 50;
const BUDGET_PER_10S = 100;
const WINDOW_MS = 10_000;

interface RequestLog {
  total: number;
  entries: { status: number; at: string }[];
}

/** The most requests the server accepted in any rolling window (from its log's arrival times). */
function maxAcceptedInAnyWindow(log: RequestLog, windowMs: number): number {
  const times = log.entries
    .filter((e) => e.status !== 429)
    .map((e) => Date.parse(e.at))
    .sort((a, b) => a - b);
  return busiestWindow(times, windowMs);
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, rateLimitPer10s: BUDGET_PER_10S });
  try {
    const client = new HubSpotClient({
      accessToken: emulator.token,
      baseUrl: emulator.url,
      maxRequestsPer10s: BUDGET_PER_10S,
    });
    let successes = 0;
    let failures = 0;
    const failureMessages = new Set<string>();
    let started = 0;
    const t0 = Date.now();
    const worker = async (): Promise<void> => {
      while (started < TOTAL_CALLS) {
        started++;
        try {
          await client.listLabels("contacts", "companies");
          successes++;
        } catch (error) {
          failures++;
          failureMessages.add(String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const wallMs = Date.now() - t0;

    const log = (await (
      await fetch(`${emulator.url}/__emulator/requests`, { headers: { authorization: `Bearer ${emulator.token}` } })
    ).json()) as RequestLog;
    const floorMs = Math.ceil(TOTAL_CALLS / BUDGET_PER_10S - 1) * WINDOW_MS;
    const stats = client.stats();
    const result = {
      benchmark: "client-burst",
      calls: TOTAL_CALLS,
      concurrency: CONCURRENCY,
      budgetPer10s: BUDGET_PER_10S,
      successes,
      failures,
      failureMessages: [...failureMessages].slice(0, 5),
      served429: log.entries.filter((e) => e.status === 429).length,
      requestsServed: log.total,
      clientRequests: stats.requests,
      clientRetries: stats.retries,
      wallMs,
      floorMs,
      overheadVsFloorMs: wallMs - floorMs,
      maxServedInAnyWindow: maxAcceptedInAnyWindow(log, WINDOW_MS),
    };
    console.log(JSON.stringify(result, null, 2));
    if (failures > 0 || result.served429 > 0) process.exitCode = 1;
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exitCode = 1;
});
