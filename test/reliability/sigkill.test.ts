// The `pulumi` process SIGKILLed in the middle of an `up` (the real CLI, DIY file backend, through the Automation
// API). What really happens, checked here and written up for users in docs/recovery.md:
// - the DIY backend's lock file stays behind: the next `up` refuses with "the stack is currently locked";
//   `pulumi cancel` (Stack.cancel()) removes it;
// - the engine had recorded the in-flight creates as pending operations; `pulumi refresh --clear-pending-creates`
//   (RefreshOptions.clearPendingCreates) drops them;
// - the dynamic-provider processes outlive the killed CLI and finish their in-flight HubSpot calls, so labels can
//   appear at HubSpot that no state records; the next `up` creates them again, HubSpot refuses the duplicate name,
//   and the provider stops before any write naming each label (nothing proves it is this stack's: anyone's label
//   can carry the name); with adoptTypeId set as the error says, the next `up` takes them over: no duplicate, no
//   orphan;
// - a kill that lands while the file backend writes a checkpoint can leave that blob's metadata sidecar
//   (`<stack>.json.attrs`) empty; every command then fails with `failed to load checkpoint: EOF` until the empty
//   sidecar is deleted (the state file itself is always whole: it is written to a temp file and renamed).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { createTestStack, emulatorConfig, TestStack } from "../e2e/harness";
import { firstOf, itemAt } from "../helpers/items";
import {
  adoptWhatTheErrorsName,
  armedFaults,
  clearFaults,
  clearLog,
  compareWithModel,
  descendants,
  emptySidecars,
  emulatorState,
  expectConverged,
  findPulumiCli,
  injectFault,
  isAlive,
  outputValues,
  requestLog,
  ROUTES,
  waitFor,
} from "./helpers";
import { failureText, sleep } from "../helpers/async";
import { initialModel, soakProgram } from "./soak-model";
import { tally } from "./tally";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

interface Deployment {
  resources: { urn: string; type: string; outputs?: Record<string, unknown> }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

describe("reliability: the pulumi CLI killed (SIGKILL) in the middle of an up", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let t: TestStack;
  const model = initialModel(12, 2);
  const leftovers: number[] = [];

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: 0 });
    t = await createTestStack({
      projectName: "rel-sigkill",
      program: async () => soakProgram(model),
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    // Only processes this suite started (the killed CLI's provider children, or a CLI a failed test left), by pid.
    const cli = t ? findPulumiCli(t.workDir, "up") : undefined;
    if (cli !== undefined) leftovers.push(cli, ...descendants(cli));
    for (const pid of leftovers) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    await t?.dispose();
    await emu?.close();
  });

  async function deployment(): Promise<Deployment> {
    return (JSON.parse(await t.exportState()) as { deployment: Deployment }).deployment;
  }

  /**
   * Starts `up`, waits until `ready` says HubSpot is mid-flight, SIGKILLs the `pulumi` process and returns the
   * provider processes it left behind (still running, and still finishing their HubSpot calls).
   */
  async function killUpWhen(ready: () => Promise<boolean>): Promise<{ failure: string; orphans: number[] }> {
    let finished: string | undefined;
    const running = failureText(t.up()).then((f) => (finished = f));
    const cli = await waitFor("the pulumi up process", () => findPulumiCli(t.workDir, "up"), 60_000);
    try {
      await waitFor(
        "HubSpot mid-flight",
        async () => {
          if (finished !== undefined) throw new Error(`the up ended before the kill: ${finished.slice(0, 2000)}`);
          return (await ready()) ? true : undefined;
        },
        120_000,
      );
    } catch (e) {
      // Never leave a CLI running behind a failed test: it would hold the lock and keep talking to HubSpot.
      for (const pid of [cli, ...descendants(cli)]) if (isAlive(pid)) process.kill(pid, "SIGKILL");
      const log = await requestLog(emu);
      throw new Error(
        `${(e as Error).message}; requests so far: ${JSON.stringify(log.counts)}; output: ${t.transcript.join("").slice(-3000)}`,
      );
    }
    const children = descendants(cli);
    process.kill(cli, "SIGKILL");
    const failure = await running;
    const orphans = children.filter(isAlive);
    leftovers.push(...orphans);
    return { failure, orphans };
  }

  const stackSidecar = (): string => path.join(t.backendDir, ".pulumi", "stacks", "rel-sigkill", "test.json.attrs");

  /**
   * docs/recovery.md, step 0: when the kill landed in a checkpoint write, the stack does not load
   * (`failed to load checkpoint: EOF`) until the empty metadata sidecar is deleted. Returns how many were deleted.
   */
  async function repairCheckpoint(
    what = "pulumi SIGKILLed mid-checkpoint write (empty sidecar deleted)",
  ): Promise<number> {
    const empty = emptySidecars(t.backendDir);
    if (empty.length > 0) {
      // The stack file's own sidecar makes the stack unloadable; others (backup, history, lock) are removed alike.
      if (empty.includes(stackSidecar())) {
        expect(await failureText(t.exportState()), "an empty sidecar makes the stack unloadable").to.match(
          /failed to load checkpoint: EOF/,
        );
      }
      for (const f of empty) fs.rmSync(f);
      tally.fault(what, empty.length);
    }
    return empty.length;
  }

  it("killed while label creates are in flight: cancel, refresh --clear-pending-creates, up: converged, no duplicates, no orphans", async () => {
    await clearLog(emu);
    // Every label create is held for 2 s at HubSpot before it is applied, so the kill lands mid-flight.
    await injectFault(emu, { method: "POST", route: ROUTES.labels, count: 12, delayMs: 2000 });
    const { failure, orphans } = await killUpWhen(async () => {
      const [armed] = (await armedFaults(emu)) as { remaining: number }[];
      return armed === undefined || armed.remaining <= 9; // at least 3 creates have reached HubSpot
    });
    expect(failure, "the Automation API reports the killed CLI").to.not.equal("");
    expect(orphans.length, "the dynamic provider outlives the killed CLI").to.be.greaterThan(0);

    // The provider finishes the creates it had sent: labels appear at HubSpot that no state records.
    await sleep(2500);
    for (const pid of orphans) process.kill(pid, "SIGKILL");
    await clearFaults(emu);
    await repairCheckpoint();
    const made = (await emulatorState(emu)).definitions.filter(
      (d) => d.category === "USER_DEFINED" && d.label !== null,
    ).length;
    expect(made, "labels HubSpot made before/after the kill").to.be.greaterThan(0);
    const interrupted = await deployment();
    expect(interrupted.pending_operations?.length ?? 0, "pending creates recorded").to.be.greaterThan(0);

    // 1. The DIY backend's lock is still there.
    const locked = await failureText(t.up());
    expect(locked).to.match(/the stack is currently locked by 1 lock/);
    expect(locked).to.match(/pulumi cancel/);
    // 2. `pulumi cancel` removes it (DIY backend).
    await t.stack.cancel();
    // 3. Drop the pending creates: the provider cannot tell the engine which typeId an interrupted create got.
    await t.refresh({ clearPendingCreates: true });
    expect((await deployment()).pending_operations ?? []).to.deep.equal([]);
    // 4. up: creates what is not in state; the names HubSpot already has stop it before any write, naming each label.
    // 5. As the errors say: adoptTypeId for those, and up again until it completes (the engine stops at its first
    //    failures, so one refused up may not name every orphan).
    const orphaned = made / 2;
    let r: Awaited<ReturnType<TestStack["up"]>> | undefined;
    let created = 0;
    for (let round = 0; round < 12 && r === undefined; round++) {
      await clearLog(emu);
      try {
        r = await t.up();
      } catch (e) {
        const refused = e instanceof Error ? e.message : String(e);
        expect(refused, `round ${round}: the refusal names the label to adopt`).to.match(
          /set adoptTypeId to its typeId/,
        );
        expect(adoptWhatTheErrorsName(refused, model.slots), `round ${round}: progress`).to.be.greaterThan(0);
      }
      created += (await requestLog(emu)).entries.filter(
        (e) => e.method === "POST" && e.route === ROUTES.labels && e.status === 200,
      ).length;
    }
    if (!r) throw new Error("the up never completed");
    expect(model.slots.filter((s) => s.adoptTypeId !== undefined).length, "every orphan adopted").to.equal(orphaned);
    const typeIds = outputValues(r.outputs);
    expect(created + orphaned, "each label made exactly once").to.equal(12);
    expectConverged(compareWithModel(await emulatorState(emu), model, typeIds), "after recovering from the kill");
    const final = await deployment();
    expect(final.pending_operations ?? []).to.deep.equal([]);
    const ids = final.resources.filter((x) => x.type.endsWith(":AssociationLabel")).map((x) => x.outputs?.typeId);
    expect(new Set(ids).size, "no label recorded twice").to.equal(12);
    await t.preview({ expectNoChanges: true });
    tally.fault("pulumi SIGKILLed during creates", 1);
  });

  it("killed while text edits and limit changes are in flight: cancel, up: converged", async () => {
    const p0 = model.slots.filter((s) => s.pair === 0);
    for (const s of model.slots.slice(0, 6)) s.label = `${s.label} (killed run)`;
    const limits = firstOf(model.limits, "model.limits");
    limits.unlabeled = 12;
    limits.labels = [{ slot: itemAt(p0, 1).key, max: 11 }];
    await clearLog(emu);
    await injectFault(emu, { method: "PUT", route: ROUTES.labels, count: 6, delayMs: 2000 });
    const { failure, orphans } = await killUpWhen(async () => {
      const [armed] = (await armedFaults(emu)) as { remaining: number }[];
      return armed === undefined || armed.remaining <= 4;
    });
    expect(failure).to.not.equal("");
    await sleep(2500);
    for (const pid of orphans) process.kill(pid, "SIGKILL");
    await clearFaults(emu);
    await repairCheckpoint();

    const interrupted = await deployment();
    expect(interrupted.pending_operations?.map((p) => p.type) ?? []).to.include("updating");

    await t.stack.cancel();
    const r = await t.up();
    // The engine warns about the interrupted updates and simply runs them again (a label PUT and the limits
    // batches are idempotent); pending updates, unlike pending creates, are cleared by the up itself.
    expect(r.stdout).to.match(/pending operations from previous deployment/);
    expect(r.stdout).to.match(/interrupted while updating/);
    const typeIds = outputValues(r.outputs);
    expectConverged(
      compareWithModel(await emulatorState(emu), model, typeIds),
      "after recovering from the kill during updates",
    );
    // Interrupted updates leave no pending creates; a refresh afterwards changes nothing.
    expect((await deployment()).pending_operations ?? []).to.deep.equal([]);
    await t.refresh({ expectNoChanges: true });
    await t.preview({ expectNoChanges: true });
    tally.fault("pulumi SIGKILLed during updates", 1);
  });

  it("killed in the middle of a checkpoint write (empty metadata sidecar): the stack fails to load; deleting the empty sidecar restores it", async () => {
    // The instant between fileblob's create and write of `<stack>.json.attrs`, reproduced exactly: the sidecar
    // is left empty while the state file itself is whole.
    const sidecar = stackSidecar();
    expect(fs.existsSync(sidecar), "the file backend keeps a sidecar beside the stack file").to.equal(true);
    fs.truncateSync(sidecar, 0);
    expect(await failureText(t.preview())).to.match(/failed to load checkpoint: EOF/);
    expect(await failureText(t.up())).to.match(/failed to load checkpoint: EOF/);
    // Nothing reached HubSpot meanwhile, and the documented step brings the stack back as it was.
    expect(await repairCheckpoint("checkpoint sidecar emptied as a kill leaves it, then deleted")).to.equal(1);
    await clearLog(emu);
    await t.preview({ expectNoChanges: true });
    const r = await t.up();
    expect(r.summary.resourceChanges).to.deep.equal({ same: 15 }); // the stack, 12 labels, 2 limits
    expect((await requestLog(emu)).entries.filter((e) => e.method !== "GET")).to.deep.equal([]);
  });

  it("a file backend URL with ?metadata=skip writes no sidecar at all, so a kill cannot leave one empty", async () => {
    const skip = await createTestStack({
      projectName: "rel-sigkill-skip",
      program: async () => ({ ok: true }),
      config: emulatorConfig(emu),
      backendQuery: "metadata=skip",
    });
    try {
      await skip.up();
      await skip.up();
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(dir, e.name));
          else files.push(e.name);
        }
      };
      walk(skip.backendDir);
      expect(files).to.include("test.json");
      expect(files.filter((f) => f.endsWith(".attrs"))).to.deep.equal([]);
      expect(JSON.parse(await skip.exportState()).deployment.resources.length).to.equal(1); // the stack
    } finally {
      await skip.dispose();
    }
  });
});
