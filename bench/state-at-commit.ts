// State size of another build of this repository (an older commit checked out and built elsewhere): its own
// harness, emulator and bench portal, N labels, `up` from empty, then `pulumi stack export`. For the "before" row of
// bench/README.md's state-size table, where the current bench cannot run against old code.
//
//   node dist/bench/state-at-commit.js <root of the other checkout, built> <N>
//
// Uses only what every version since the bench's portal.ts has had: EmulatorProcess.start(budget), createTestStack,
// makePortal, portalProgram.
import * as fs from "fs";
import * as path from "path";

interface Old {
  emulator: {
    EmulatorProcess: { start(budget: number): Promise<{ url: string; token: string; close(): Promise<void> }> };
  };
  harness: {
    createTestStack(o: unknown): Promise<{
      up(o: unknown): Promise<unknown>;
      exportState(): Promise<string>;
      backendDir: string;
      dispose(): Promise<void>;
    }>;
  };
  portal: { makePortal(o: { n: number }): unknown; portalProgram(get: () => unknown): unknown };
}

async function main(): Promise<void> {
  const [root, nText] = process.argv.slice(2);
  const n = Number(nText);
  if (!root || !Number.isInteger(n) || n <= 0) throw new Error("usage: state-at-commit.js <built checkout> <N>");
  const load = (p: string): unknown => require(path.resolve(root, "dist", p));
  const old: Old = {
    emulator: load("bench/emulator.js") as Old["emulator"],
    harness: load("test/e2e/harness.js") as Old["harness"],
    portal: load("bench/portal.js") as Old["portal"],
  };
  const emu = await old.emulator.EmulatorProcess.start(190);
  const spec = old.portal.makePortal({ n });
  const t = await old.harness.createTestStack({
    program: old.portal.portalProgram(() => spec),
    projectName: "bench",
    config: { "hubspot:baseUrl": { value: emu.url }, "hubspot:accessToken": { value: emu.token, secret: true } },
  });
  try {
    await t.up({});
    const text = await t.exportState();
    const resources = (
      JSON.parse(text) as { deployment: { resources: { type: string; inputs?: { __provider?: string } }[] } }
    ).deployment.resources;
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    const stacks = path.join(t.backendDir, ".pulumi", "stacks");
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.json(\.gz)?$/.test(e.name)) files.push(p);
      }
    };
    walk(stacks);
    console.log(
      JSON.stringify({
        n,
        resources: resources.length,
        exportBytes: Buffer.byteLength(text),
        bytesPerResource: Math.round(Buffer.byteLength(text) / resources.length),
        checkpointBytes: files[0] === undefined ? 0 : fs.statSync(files[0]).size,
        providerBytes: dynamic[0]?.inputs?.__provider?.length ?? 0,
      }),
    );
  } finally {
    await t.dispose();
    await emu.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
