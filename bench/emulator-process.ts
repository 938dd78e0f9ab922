// The emulator in its own process for the benchmark, so that HubSpot's side does not share an event loop with
// the Automation API and the inline Pulumi program (on a real portal it is a remote server). Started by
// bench/emulator.ts; prints one JSON line `{ url, token }` and serves until SIGTERM or until stdin closes
// (so it never outlives the benchmark).
import { startEmulator } from "../emulator";

async function main(): Promise<void> {
  const budget = Number(process.argv[2] ?? 100);
  const windowMs = Number(process.argv[3] ?? 10_000);
  const emu = await startEmulator({ port: 0, rateLimitPer10s: budget, rateWindowMs: windowMs });
  process.stdout.write(JSON.stringify({ url: emu.url, token: emu.token }) + "\n");
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void emu.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}

main().catch((e: unknown) => {
  console.error(String(e));
  process.exit(1);
});
