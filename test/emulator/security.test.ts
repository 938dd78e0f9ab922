// The emulator is closed to everyone but its user: the control plane takes the emulator's token, cross-origin and
// foreign-Host requests are refused (a web page, or a DNS-rebinding page, cannot drive it), secrets never reach the
// request log, and no client can make it buffer huge bodies or grow its state without bound. Each test replays the
// attack that used to work.
import { expect } from "chai";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { EmulatorHttp, ErrorBody, LabelsResponse, useEmulator } from "../helpers/emulator-http";
import { ChildEmulator } from "./child-emulator";

const LABELS = "/crm/v4/associations/contacts/companies/labels";
const TOKEN = "pat-na1-security-test";

/** A request with headers fetch will not let a test set (Host). */
function rawRequest(
  url: string,
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port: Number(port), method, path: p, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("emulator security: the control plane is closed", () => {
  const { api, emu } = useEmulator();

  it("every /__emulator/* endpoint needs the emulator's token → 401 HubSpot-style otherwise", async () => {
    for (const [method, p] of [
      ["GET", "requests"],
      ["DELETE", "requests"],
      ["POST", "reset"],
      ["GET", "state"],
      ["PUT", "state"],
      ["POST", "faults"],
      ["GET", "faults"],
      ["DELETE", "faults"],
      ["POST", "rate-limit"],
      ["GET", "health"],
    ] as const) {
      for (const token of [null, "not-a-token"]) {
        const r = await api().call<ErrorBody>(method, `/__emulator/${p}`, undefined, token);
        expect(r.status, `${method} ${p} with ${String(token)}`).to.equal(401);
        expect(r.body.category).to.equal("INVALID_AUTHENTICATION");
        expect(r.body.correlationId).to.equal(r.headers.get("x-hubspot-correlation-id"));
      }
    }
    expect((await api().control("GET", "health")).status).to.equal(200);
  });

  it("the cross-site text/plain POST to reset fails, and changes nothing", async () => {
    await api().post(LABELS, { name: "precious", label: "Precious" });
    // What a page on another site can make a browser send: no Authorization, an Origin, a "simple" content type.
    const attack = await fetch(`${emu().url}/__emulator/reset`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: "{}",
    });
    expect(attack.status).to.equal(403);
    expect(((await attack.json()) as ErrorBody).message).to.match(/Cross-origin requests are refused/);
    // Each layer holds on its own: a foreign Origin even with the token; text/plain even with the token; no token.
    const withToken = { authorization: `Bearer ${emu().token}` };
    expect(
      (
        await fetch(`${emu().url}/__emulator/reset`, {
          method: "POST",
          headers: { ...withToken, origin: "https://evil.example" },
        })
      ).status,
    ).to.equal(403);
    expect(
      (await fetch(`${emu().url}/__emulator/reset`, { method: "POST", headers: { ...withToken, origin: "null" } }))
        .status,
    ).to.equal(403);
    const plain = await fetch(`${emu().url}/__emulator/reset`, {
      method: "POST",
      headers: { ...withToken, "content-type": "text/plain" },
      body: "{}",
    });
    expect(plain.status).to.equal(415);
    expect(((await plain.json()) as ErrorBody).message).to.match(/application\/json/);
    expect(
      (
        await fetch(`${emu().url}/__emulator/reset`, {
          method: "POST",
          body: "{}",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).to.equal(401);
    expect((await api().get<LabelsResponse>(LABELS)).body.results.map((x) => x.label)).to.include("Precious");
    // the emulator's own origin, with the token and JSON, is fine
    const own = await fetch(`${emu().url}/__emulator/reset`, {
      method: "POST",
      headers: { ...withToken, origin: emu().url, "content-type": "application/json" },
      body: "{}",
    });
    expect(own.status).to.equal(204);
    expect((await api().get<LabelsResponse>(LABELS)).body.results.map((x) => x.label)).to.not.include("Precious");
  });

  it("API requests from another origin are refused too (403), same-origin ones are not", async () => {
    const r = await api().raw<ErrorBody>("POST", LABELS, {
      body: JSON.stringify({ name: "x", label: "X" }),
      headers: { origin: "http://127.0.0.1:1" },
    });
    expect(r.status).to.equal(403);
    expect(r.body.category).to.equal("FORBIDDEN");
    expect((await api().raw("GET", LABELS, { headers: { origin: emu().url } })).status).to.equal(200);
  });

  it("a foreign Host header (DNS rebinding) → 403 on the API and the control plane; loopback names pass", async () => {
    const port = new URL(emu().url).port;
    const auth = { authorization: `Bearer ${emu().token}` };
    for (const host of [
      `evil.example:${port}`,
      "evil.example",
      `127.0.0.1:${Number(port) + 1}`,
      `attacker.127.0.0.1.nip.io:${port}`,
    ]) {
      const a = await rawRequest(emu().url, "GET", LABELS, { ...auth, host });
      expect(a.status, host).to.equal(403);
      expect((JSON.parse(a.text) as ErrorBody).message).to.match(/is not this emulator/);
      expect((await rawRequest(emu().url, "POST", "/__emulator/reset", { ...auth, host })).status, host).to.equal(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await rawRequest(emu().url, "GET", LABELS, { ...auth, host })).status, host).to.equal(200);
    }
    expect(
      emu()
        .requests()
        .entries.filter((e) => e.status === 403).length,
    ).to.equal(4);
  });

  it("no secret in the request log: hapikey, access_token and token query parameters are [redacted]", async () => {
    const secret = "pat-na1-secret-in-query-0000";
    await api().get(
      `${LABELS}?hapikey=${secret}&limit=5&access_token=${secret}&TOKEN=${secret}&developer_hapikey=${secret}`,
    );
    const log = (await api().control<{ entries: Array<{ query?: string }> }>("GET", "requests")).body;
    expect(log.entries[0]?.query).to.equal(
      "?hapikey=[redacted]&limit=5&access_token=[redacted]&TOKEN=[redacted]&developer_hapikey=[redacted]",
    );
    expect(JSON.stringify(log)).to.not.include(secret);
    expect(JSON.stringify(emu().requests())).to.not.include(secret);
  });
});

describe("emulator security: bounded bodies and state", function () {
  this.timeout(60_000);

  it("30 requests of 9 MB: each refused with 413 (or its connection closed) without being read; the server stays small and healthy", async () => {
    const child = await ChildEmulator.start(["--token", TOKEN, "--rate-limit", "0"]);
    try {
      const big = new Uint8Array(9 * 1024 * 1024).fill(0x61);
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const p = i % 2 === 0 ? LABELS : "/__emulator/faults";
          try {
            const r = await fetch(child.url + p, {
              method: "POST",
              headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
              body: big,
            });
            const body = (await r.json()) as ErrorBody;
            expect(body.message).to.match(/exceeds the maximum of 1048576 bytes/);
            return r.status;
          } catch {
            return "closed";
          }
        }),
      );
      for (const o of outcomes) expect([413, "closed"]).to.include(o);
      // The emulator process never held the bodies: its peak memory stays near an idle Node process's.
      expect(child.peakRssBytes(), "emulator peak RSS").to.be.below(150 * 1024 * 1024);
      const api = new EmulatorHttp(child.url, TOKEN);
      expect((await api.control("GET", "health")).status).to.equal(200);
      expect((await api.control<{ definitions: unknown[] }>("GET", "state")).body.definitions).to.deep.equal([]);
    } finally {
      await child.kill();
    }
  });

  it("a body that outgrows the cap while streaming is answered 413 and the connection closed before the client sent it all", async () => {
    const emu = await startEmulator({ rateLimitPer10s: 0, maxBodyBytes: 64 * 1024 });
    try {
      const { port } = new URL(emu.url);
      for (const chunked of [false, true]) {
        const result = await new Promise<{ head: string; sent: number }>((resolve) => {
          const socket = net.connect(Number(port), "127.0.0.1");
          let head = "";
          let sent = 0;
          let stop = false;
          const chunk = Buffer.alloc(16 * 1024, 0x61);
          socket.on("connect", () => {
            const length = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${9 * 1024 * 1024}`;
            socket.write(
              `POST ${LABELS} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${emu.token}\r\nContent-Type: application/json\r\n${length}\r\n\r\n`,
            );
            const pump = (): void => {
              // A slow writer: 16 KiB every 5 ms, up to 9 MB, until the server answers.
              if (stop || sent >= 9 * 1024 * 1024) return;
              socket.write(
                chunked
                  ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
                  : chunk,
              );
              sent += chunk.length;
              setTimeout(pump, 5);
            };
            pump();
          });
          socket.on("data", (c: Buffer) => {
            head += c.toString("latin1");
            stop = true;
          });
          socket.on("error", () => undefined);
          socket.on("close", () => resolve({ head, sent }));
        });
        expect(result.head, `chunked: ${chunked}`).to.match(/^HTTP\/1\.1 413 /);
        expect(result.head.toLowerCase()).to.include("connection: close");
        expect(result.sent, `chunked: ${chunked}: bytes sent before the server answered and closed`).to.be.below(
          2 * 1024 * 1024,
        );
      }
    } finally {
      await emu.close();
    }
  });

  it("records per object type, properties per record and the whole state are bounded (400 HubSpot-style)", async () => {
    const emu = await startEmulator({
      rateLimitPer10s: 0,
      maxRecordsPerObjectType: 3,
      maxPropertiesBytes: 1024,
      maxStateBytes: 3000,
    });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      for (let i = 0; i < 3; i++) await api.record("contacts");
      const fourth = await api.post<ErrorBody>("/crm/v3/objects/contacts", { properties: {} });
      expect(fourth.status).to.equal(400);
      expect(fourth.body).to.include({ category: "VALIDATION_ERROR", subCategory: "emulator.STATE_LIMIT_EXCEEDED" });
      expect(fourth.body.message).to.match(/at most 3 contacts records/);
      const fat = await api.post<ErrorBody>("/crm/v3/objects/companies", { properties: { notes: "x".repeat(2000) } });
      expect(fat.status).to.equal(400);
      expect(fat.body.message).to.match(/at most 1024 bytes/);
      // the whole state: deals with properties just under the per-record bound until the portal is full
      let full: ErrorBody | undefined;
      for (let i = 0; i < 10 && !full; i++) {
        const r = await api.post<ErrorBody>("/crm/v3/objects/deals", { properties: { notes: "y".repeat(900) } });
        if (r.status === 400) full = r.body;
        else if (r.status === 201) continue;
        else throw new Error(`unexpected ${r.status}`);
      }
      expect(full?.message).to.match(/portal is full/);
      expect(JSON.stringify(emu.state().records).length).to.be.below(3000);
    } finally {
      await emu.close();
    }
  });

  it("a hostile client cannot grow the state file past the bound", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-emu-bound-"));
    const file = path.join(dir, "state.json");
    const emu = await startEmulator({ rateLimitPer10s: 0, stateFile: file, maxStateBytes: 256 * 1024 });
    try {
      const api = new EmulatorHttp(emu.url, emu.token);
      let refused = 0;
      for (let i = 0; i < 40 && refused === 0; i++) {
        const r = await api.post("/crm/v3/objects/contacts", { properties: { blob: "z".repeat(60 * 1024) } });
        if (r.status === 400) refused++;
      }
      expect(refused).to.equal(1);
      expect(fs.statSync(file).size).to.be.below(300 * 1024);
    } finally {
      await emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
