// The state file: atomic, loaded at start, durable before a change is acknowledged (SIGKILL right after the answer
// loses nothing), and the typeId counter that is never lowered (reference: DESIGN.md "durable before a write is
// acknowledged"; typeIds are never given out twice).
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorStateSnapshot, startEmulator } from "../../emulator";
import { EmulatorHttp, LabelsResponse } from "../helpers/emulator-http";
import { ChildEmulator } from "./child-emulator";

const LABELS = "/crm/v4/associations/contacts/companies/labels";
const TOKEN = "pat-na1-persistence-test";

function readState(file: string): EmulatorStateSnapshot {
  return JSON.parse(fs.readFileSync(file, "utf8")) as EmulatorStateSnapshot;
}

describe("emulator persistence", function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildEmulator[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-emu-"));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) await c.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function child(file: string): Promise<{ emu: ChildEmulator; api: EmulatorHttp }> {
    const emu = await ChildEmulator.start(["--state", file, "--token", TOKEN, "--rate-limit", "0"]);
    children.push(emu);
    return { emu, api: new EmulatorHttp(emu.url, TOKEN) };
  }

  it("writes the state file atomically and loads it at the next start", async () => {
    const file = path.join(dir, "sub", "state.json");
    const emu = await startEmulator({ stateFile: file });
    const api = new EmulatorHttp(emu.url, emu.token);
    const made = await api.post<LabelsResponse>(LABELS, { name: "kept", label: "Kept", inverseLabel: "Kept inv" });
    const c = await api.record("contacts", { email: "a@example.com" });
    const co = await api.record("companies");
    await api.put(`/crm/v4/objects/contacts/${c}/associations/default/companies/${co}`);
    await api.post("/crm/v4/associations/definitions/configurations/contacts/companies/batch/create", {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 }],
    });
    await emu.close();
    expect(readState(file).version).to.equal(1);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".tmp"))).to.deep.equal([]);

    const emu2 = await startEmulator({ stateFile: file });
    try {
      const api2 = new EmulatorHttp(emu2.url, emu2.token);
      const labels = await api2.get<LabelsResponse>(LABELS);
      expect(labels.body.results.map((x) => x.typeId)).to.include.members(
        made.body.results.filter((x) => x.label === "Kept").map((x) => x.typeId),
      );
      expect(
        (await api2.get<{ results: unknown[] }>(`/crm/v4/objects/contacts/${c}/associations/companies`)).body.results,
      ).to.have.length(1);
      expect(
        (await api2.get<{ results: unknown[] }>("/crm/v4/associations/definitions/configurations/all")).body.results,
      ).to.have.length(1);
      const next = await api2.post<LabelsResponse>(LABELS, { name: "next", label: "Next" });
      const oldIds = made.body.results.map((x) => x.typeId);
      for (const x of next.body.results) expect(x.typeId).to.be.greaterThan(Math.max(...oldIds));
    } finally {
      await emu2.close();
    }
  });

  it("a change is on disk when its answer arrives, without flush(); reset() persists the seed", async () => {
    const file = path.join(dir, "state.json");
    const emu = await startEmulator({ stateFile: file });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      expect(readState(file).definitions).to.deep.equal([]);
      expect((await api.post(LABELS, { name: "acked", label: "Acked" })).status).to.equal(200);
      expect(readState(file).definitions.map((d) => d.name)).to.include("acked");
      const c = await api.record("contacts");
      expect(readState(file).records.map((r) => r.id)).to.include(c);
      emu.reset();
      await emu.flush();
      expect(readState(file).definitions).to.deep.equal([]);
    } finally {
      await emu.close();
    }
  });

  it("concurrent writers share writes and every acknowledged change is on disk", async () => {
    const file = path.join(dir, "state.json");
    const emu = await startEmulator({ stateFile: file, rateLimitPer10s: 0 });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => api.post(LABELS, { name: `c${i}`, label: `C${i}` })),
      );
      expect(answers.map((a) => a.status)).to.deep.equal(answers.map(() => 200));
      const names = new Set(readState(file).definitions.map((d) => d.name));
      for (let i = 0; i < 40; i++) expect(names.has(`c${i}`), `c${i}`).to.equal(true);
    } finally {
      await emu.close();
    }
  });

  it("SIGKILL right after the 200: the restarted emulator has the label (child process)", async () => {
    const file = path.join(dir, "state.json");
    const made: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { emu, api } = await child(file);
      const r = await api.post<LabelsResponse>(LABELS, { name: `killed_${round}`, label: `Killed ${round}` });
      expect(r.status).to.equal(200);
      await emu.kill(); // immediately after the acknowledgement
      made.push(...r.body.results.map((x) => x.typeId));
    }
    const { api } = await child(file);
    const listed = (await api.get<LabelsResponse>(LABELS)).body.results;
    for (let round = 0; round < 3; round++) expect(listed.map((x) => x.label)).to.include(`Killed ${round}`);
    expect(new Set(made).size, "no typeId given out twice across the kills").to.equal(made.length);
  });

  it("typeIds are never reused: create, delete, SIGKILL, restart, create gives a new id", async () => {
    const file = path.join(dir, "state.json");
    const first = await child(file);
    const a = await first.api.post<LabelsResponse>(LABELS, { name: "gone", label: "Gone" });
    const ids = a.body.results.map((x) => x.typeId);
    expect((await first.api.del(`${LABELS}/${Math.min(...ids)}`)).status).to.equal(204);
    await first.emu.kill();
    expect(readState(file).nextTypeId).to.be.greaterThan(Math.max(...ids));
    const second = await child(file);
    const b = await second.api.post<LabelsResponse>(LABELS, { name: "gone", label: "Gone" });
    for (const x of b.body.results) expect(x.typeId).to.be.greaterThan(Math.max(...ids));
  });

  it("reset() and a loaded state document never lower the typeId counter", async () => {
    const emu = await startEmulator({ customObjects: [{ objectTypeId: "2-77", name: "pets" }] });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      const seedDefaults = (await api.get<LabelsResponse>("/crm/v4/associations/2-77/contacts/labels")).body.results;
      const fresh = emu.state();
      const a = (await api.post<LabelsResponse>(LABELS, { name: "a", label: "A" })).body.results.map((x) => x.typeId);
      emu.reset();
      const b = (await api.post<LabelsResponse>(LABELS, { name: "a", label: "A" })).body.results.map((x) => x.typeId);
      expect(Math.min(...b)).to.be.greaterThan(Math.max(...a));
      // a document with an older counter (the fresh portal's) does not take the counter back either
      const put = await fetch(`${emu.url}/__emulator/state`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${emu.token}` },
        body: JSON.stringify(fresh),
      });
      expect(put.status).to.equal(204);
      const c = (await api.post<LabelsResponse>(LABELS, { name: "a", label: "A" })).body.results.map((x) => x.typeId);
      expect(Math.min(...c)).to.be.greaterThan(Math.max(...b));
      // the seed's custom-object default types keep their ids across resets
      emu.reset();
      expect((await api.get<LabelsResponse>("/crm/v4/associations/2-77/contacts/labels")).body.results).to.deep.equal(
        seedDefaults,
      );
    } finally {
      await emu.close();
    }
  });

  it("a corrupt state file makes start fail with a clear error naming the file and the field", async () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, "{not json");
    let err: Error | undefined;
    try {
      await startEmulator({ stateFile: file });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).to.match(/not valid JSON/);
    fs.writeFileSync(
      file,
      JSON.stringify({ version: 1, portalId: 1, nextTypeId: 100, nextRecordId: 1, definitions: [{ typeId: "x" }] }),
    );
    err = undefined;
    try {
      await startEmulator({ stateFile: file });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).to.include(file).and.include("definitions[0].typeId must be an integer");
  });
});
