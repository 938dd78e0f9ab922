// The `hubspot-associations emulator` command (cli/commands/emulator.ts): flags, output, exit codes.
import { expect } from "chai";
import { sleep } from "../helpers/async";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { runEmulatorCommand } from "../../cli/commands/emulator";
import { EmulatorHttp, LabelsResponse } from "../helpers/emulator-http";
import { defined } from "../helpers/items";

const LABELS = "/crm/v4/associations/contacts/companies/labels";

/** The URL the command printed, once it did. */
async function listening(out: string[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const url = /listening on (\S+)/.exec(out.join(""))?.[1];
    if (url !== undefined && out.join("").includes("token:")) return url;
    await sleep(10);
  }
  throw new Error(`the emulator did not start: ${out.join("")}`);
}

describe("emulator CLI", () => {
  function capture(): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void } } {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s) => out.push(s), err: (s) => err.push(s) } };
  }

  it("--help → 0 with usage", async () => {
    const c = capture();
    expect(await runEmulatorCommand(["--help"], c.io)).to.equal(0);
    expect(c.out.join("")).to.match(/Usage: hubspot-associations emulator/);
  });

  it("bad flags → 2", async () => {
    for (const argv of [
      ["--port"],
      ["--port", "x"],
      ["--bogus"],
      ["--rate-limit", "-1"],
      ["--port", "70000"],
      ["stray"],
    ]) {
      const c = capture();
      expect(await runEmulatorCommand(argv, c.io), argv.join(" ")).to.equal(2);
      expect(c.err.join("")).to.match(/hubspot-associations emulator:/);
    }
  });

  it("runs, prints URL and token, serves requests and stops", async () => {
    const c = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runEmulatorCommand(["--port", "0", "--token", "pat-na1-cli", "--rate-limit", "7"], {
      ...c.io,
      waitForStop: () => stopped,
    });
    for (let i = 0; i < 100 && !c.out.join("").includes("token:"); i++) await sleep(10);
    const text = c.out.join("");
    const url = defined(/listening on (\S+)/.exec(text)?.[1], "the URL the command printed");
    expect(text).to.include("token: pat-na1-cli");
    const r = await new EmulatorHttp(url, "pat-na1-cli").get(LABELS);
    expect(r.status).to.equal(200);
    expect(r.headers.get("x-hubspot-ratelimit-max")).to.equal("7");
    stop();
    expect(await done).to.equal(0);
  });

  it("--state FILE persists across runs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-emu-cli-"));
    const file = path.join(dir, "s.json");
    try {
      for (const round of [1, 2]) {
        const c = capture();
        let stop!: () => void;
        const stopped = new Promise<void>((r) => (stop = r));
        const done = runEmulatorCommand(["--state", file], { ...c.io, waitForStop: () => stopped });
        for (let i = 0; i < 100 && !c.out.join("").includes("token:"); i++) await sleep(10);
        const url = defined(/listening on (\S+)/.exec(c.out.join(""))?.[1], "the URL the command printed");
        const api = new EmulatorHttp(url, "pat-na1-emulator-dev-token");
        if (round === 1) expect((await api.post(LABELS, { name: "kept", label: "Kept" })).status).to.equal(200);
        else expect((await api.get<LabelsResponse>(LABELS)).body.results.map((x) => x.label)).to.include("Kept");
        stop();
        expect(await done).to.equal(0);
      }
      const c = capture();
      fs.writeFileSync(file, "[]");
      expect(await runEmulatorCommand(["--state", file], c.io)).to.equal(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--token repeats: every token is accepted; --port=N and -h work", async () => {
    const c = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runEmulatorCommand(["--port=0", "--token", "pat-na1-one", "--token=pat-na1-two"], {
      ...c.io,
      waitForStop: () => stopped,
    });
    const url = await listening(c.out);
    for (const token of ["pat-na1-one", "pat-na1-two"])
      expect((await new EmulatorHttp(url, token).get(LABELS)).status, token).to.equal(200);
    expect((await new EmulatorHttp(url, "pat-na1-emulator-dev-token").get(LABELS)).status).to.equal(401);
    expect(c.err.join("")).to.equal("");
    stop();
    expect(await done).to.equal(0);
    const h = capture();
    expect(await runEmulatorCommand(["-h"], h.io)).to.equal(0);
    expect(h.out.join("")).to.match(/Usage: hubspot-associations emulator/);
  });

  it("a non-loopback --host prints a clear warning on stderr; loopback hosts do not", async () => {
    for (const [host, warns] of [
      ["0.0.0.0", true],
      ["127.0.0.1", false],
      ["localhost", false],
    ] as const) {
      const c = capture();
      let stop!: () => void;
      const stopped = new Promise<void>((r) => (stop = r));
      const done = runEmulatorCommand(["--host", host], { ...c.io, waitForStop: () => stopped });
      await listening(c.out);
      if (warns)
        expect(c.err.join("")).to.match(/warning: --host 0\.0\.0\.0 makes the emulator reachable from other machines/);
      else expect(c.err.join(""), host).to.equal("");
      stop();
      expect(await done).to.equal(0);
    }
  });

  it("port in use → 1", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const c = capture();
      expect(await runEmulatorCommand(["--port", String(port)], c.io)).to.equal(1);
    } finally {
      srv.close();
    }
  });
});
