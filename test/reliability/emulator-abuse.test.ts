// The emulator under abuse: malformed and hostile bodies, wrong content types, huge and truncated bodies, garbage
// on the socket, unknown routes, methods HubSpot does not allow, and concurrent writers. Every answer must be
// HubSpot-shaped (JSON error with status/message/correlationId) or a controlled connection close, the server must
// keep serving, and its state must stay consistent: in memory, and in its state file under concurrent writes and a
// SIGKILL in the middle of them (the emulator CLI as a child process, restarted from the file).
import { expect } from "chai";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { repoRoot } from "../e2e/harness";
import { firstOf, itemAt } from "../helpers/items";
import { countDuplicates, Definition, emulatorState, EmulatorState, waitFor } from "./helpers";
import { sleep } from "../helpers/async";
import { Prng } from "./prng";
import { tally } from "./tally";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const LABELS = "/crm/v4/associations/contacts/companies/labels";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function send(
  url: string,
  token: string,
  method: string,
  p: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** HubSpot's error shape: JSON, status "error", a message, and the correlation id of the header. */
function expectHubSpotError(a: Answer, status: number, message?: RegExp): void {
  expect(a.status, a.text.slice(0, 300)).to.equal(status);
  expect(a.headers.get("content-type")).to.equal("application/json;charset=utf-8");
  const body = JSON.parse(a.text) as { status: string; message: string; correlationId: string };
  expect(body.status).to.equal("error");
  expect(body.message).to.be.a("string").and.not.equal("");
  expect(body.correlationId).to.equal(a.headers.get("x-hubspot-correlation-id"));
  if (message) expect(body.message).to.match(message);
}

/** Raw bytes over TCP; resolves with whatever came back before the server closed (or after `waitMs`). */
function raw(url: string, bytes: string | Buffer, waitMs = 1500): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
    const done = (): void => resolve(Buffer.concat(chunks).toString("latin1"));
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", done);
    socket.on("error", done);
    setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
  });
}

/** Invariants of a portal's definitions: unique typeIds, both halves of every cross-object label, one name per pair. */
function checkDefinitions(state: EmulatorState & { nextTypeId?: number }): void {
  const ids = state.definitions.map((d) => d.typeId);
  expect(new Set(ids).size, "typeIds unique").to.equal(ids.length);
  expect(countDuplicates(state), "no duplicate labels").to.equal(0);
  const byName = new Map<string, Definition[]>();
  for (const d of state.definitions.filter((x) => x.category === "USER_DEFINED" && x.label !== null)) {
    const key = `${[d.fromObjectTypeId, d.toObjectTypeId].sort().join("|")}#${d.name}`;
    byName.set(key, [...(byName.get(key) ?? []), d]);
  }
  for (const [key, defs] of byName) {
    const first = firstOf(defs, key);
    const cross = first.fromObjectTypeId !== first.toObjectTypeId;
    const halves = cross || first.kind === "paired" ? 2 : 1;
    expect(defs.length, `${key}: halves`).to.equal(halves);
  }
  if (state.nextTypeId !== undefined && ids.length > 0) expect(state.nextTypeId).to.be.greaterThan(Math.max(...ids));
}

describe("reliability: the emulator under abuse", function () {
  this.timeout(180_000);
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ port: 0, rateLimitPer10s: 0, maxBodyBytes: 256 * 1024 });
  });
  after(async () => emu?.close());

  async function healthy(): Promise<void> {
    const r = await fetch(`${emu.url}/__emulator/health`, { headers: { authorization: `Bearer ${emu.token}` } });
    expect(r.status).to.equal(200);
  }

  it("hostile bodies, content types, sizes, routes and methods: HubSpot-shaped answers, no crash, state unchanged", async () => {
    // typeIds are never reused, so the counter moves with the content-type creates below; the rest must not move
    const stateOf = (): string => JSON.stringify({ ...emu.state(), nextTypeId: 0 });
    const before = stateOf();
    // the emulator reports real server errors on stderr: none may happen
    const serverErrors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]): void => {
      serverErrors.push(args);
    };
    try {
      await abuse();
    } finally {
      console.error = consoleError;
    }
    expect(
      serverErrors.map((e) => String((e as unknown[])[0])),
      "server errors logged",
    ).to.deep.equal([]);
    expect(stateOf(), "state unchanged by all of it").to.equal(before);
  });

  async function abuse(): Promise<void> {
    const deep = "[".repeat(100_000);
    const cases: [string, () => Promise<Answer>, number, RegExp?][] = [
      [
        "malformed JSON",
        () =>
          send(emu.url, emu.token, "POST", LABELS, '{"name": "a", "label": ', { "content-type": "application/json" }),
        400,
        /Invalid input JSON on line 1, column \d+/,
      ],
      [
        "JSON with a trailing comma",
        () =>
          send(emu.url, emu.token, "POST", LABELS, '{"name":"a","label":"A",}', { "content-type": "application/json" }),
        400,
        /Invalid input JSON/,
      ],
      [
        "JSON on several lines, error on line 3",
        () =>
          send(emu.url, emu.token, "POST", LABELS, '{\n"name": "a",\n"label": nope\n}', {
            "content-type": "application/json",
          }),
        400,
        /line 3/,
      ],
      [
        "an array instead of an object",
        () => send(emu.url, emu.token, "POST", LABELS, "[1,2,3]", { "content-type": "application/json" }),
        400,
        /Cannot deserialize/,
      ],
      ["null", () => send(emu.url, emu.token, "POST", LABELS, "null", { "content-type": "application/json" }), 400],
      [
        "a string",
        () => send(emu.url, emu.token, "POST", LABELS, '"label"', { "content-type": "application/json" }),
        400,
      ],
      [
        "numbers where text is expected",
        () =>
          send(emu.url, emu.token, "POST", LABELS, '{"name": 12, "label": 13}', { "content-type": "application/json" }),
        400,
      ],
      [
        "an empty body",
        () => send(emu.url, emu.token, "POST", LABELS, "", { "content-type": "application/json" }),
        400,
        /a request body was expected/,
      ],
      [
        "invalid UTF-8",
        () =>
          send(emu.url, emu.token, "POST", LABELS, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), {
            "content-type": "application/json",
          }),
        400,
      ],
      [
        "100 000 unclosed brackets",
        () => send(emu.url, emu.token, "POST", LABELS, deep, { "content-type": "application/json" }),
        400,
        /Invalid input JSON/,
      ],
      [
        "100 000 nested arrays, well formed",
        () =>
          send(emu.url, emu.token, "POST", LABELS, deep + "]".repeat(100_000), { "content-type": "application/json" }),
        400,
      ],
      [
        "a body over the size cap",
        () =>
          send(emu.url, emu.token, "POST", LABELS, JSON.stringify({ name: "big", label: "x".repeat(300_000) }), {
            "content-type": "application/json",
          }),
        413,
        /exceeds the maximum/,
      ],
      [
        "a label text of 100 000 characters (under the cap)",
        () =>
          send(emu.url, emu.token, "POST", LABELS, JSON.stringify({ name: "long", label: "x".repeat(100_000) }), {
            "content-type": "application/json",
          }),
        400,
      ],
      [
        "form-encoded body",
        () =>
          send(emu.url, emu.token, "POST", LABELS, "name=a&label=A", {
            "content-type": "application/x-www-form-urlencoded",
          }),
        400,
        /Invalid input JSON/,
      ],
      [
        "XML body",
        () =>
          send(emu.url, emu.token, "POST", LABELS, "<label><name>a</name></label>", {
            "content-type": "application/xml",
          }),
        400,
        /Invalid input JSON/,
      ],
      ["unknown route", () => send(emu.url, emu.token, "GET", "/crm/v4/associations/contacts/companies/labelz"), 404],
      [
        "unknown API version",
        () => send(emu.url, emu.token, "GET", "/crm/v9/associations/contacts/companies/labels"),
        404,
      ],
      ["path traversal", () => send(emu.url, emu.token, "GET", "/crm/v4/associations/../../../etc/passwd"), 404],
      [
        "unknown control route",
        () => send(emu.url, emu.token, "POST", "/__emulator/explode", "{}", { "content-type": "application/json" }),
        404,
      ],
      [
        "PATCH on labels",
        () => send(emu.url, emu.token, "PATCH", LABELS, "{}", { "content-type": "application/json" }),
        405,
        /not supported/,
      ],
      ["DELETE on the labels collection", () => send(emu.url, emu.token, "DELETE", LABELS), 405],
      [
        "POST on one label",
        () => send(emu.url, emu.token, "POST", `${LABELS}/279`, "{}", { "content-type": "application/json" }),
        405,
      ],
      [
        "PUT on configurations",
        () =>
          send(emu.url, emu.token, "PUT", "/crm/v4/associations/definitions/configurations/contacts/companies", "{}"),
        405,
      ],
      [
        "unknown object type",
        () => send(emu.url, emu.token, "GET", "/crm/v4/associations/widgets/companies/labels"),
        400,
        /Unable to infer object type from: widgets/,
      ],
      ["a non-numeric typeId", () => send(emu.url, emu.token, "DELETE", `${LABELS}/abc`), 400],
      ["no token", () => send(emu.url, "", "GET", LABELS), 401],
      [
        "a fault spec that is not JSON",
        () => send(emu.url, emu.token, "POST", "/__emulator/faults", "{oops", { "content-type": "application/json" }),
        400,
      ],
      [
        "a fault spec without an effect",
        () => send(emu.url, emu.token, "POST", "/__emulator/faults", "{}", { "content-type": "application/json" }),
        400,
      ],
      [
        "a state document of the wrong shape",
        () =>
          send(emu.url, emu.token, "PUT", "/__emulator/state", '{"version":1,"definitions":"nope"}', {
            "content-type": "application/json",
          }),
        400,
      ],
    ];
    for (const [what, run, status, message] of cases) {
      const a = await run();
      try {
        expectHubSpotError(a, status, message);
      } catch (e) {
        throw new Error(`${what}: ${(e as Error).message}`);
      }
      await healthy();
      tally.note("emulator abuse requests answered HubSpot-style", 1);
    }
    // Content types HubSpot clients do not send, with a valid JSON body: the emulator reads the body as JSON
    // (lenient, like the official client's own requests never test) and answers normally.
    for (const type of ["text/plain", "application/octet-stream", undefined]) {
      const a = await send(
        emu.url,
        emu.token,
        "POST",
        "/crm/v4/associations/deals/tickets/labels",
        JSON.stringify({ name: `ct_${String(type).replace(/\W/g, "_")}`, label: `CT ${String(type)}` }),
        type ? { "content-type": type } : {},
      );
      expect(a.status, `${String(type)}: ${a.text}`).to.equal(200);
      await send(
        emu.url,
        emu.token,
        "DELETE",
        `/crm/v4/associations/deals/tickets/labels/${firstOf((JSON.parse(a.text) as { results: { typeId: number }[] }).results).typeId}`,
      );
    }
    // Garbage and broken HTTP on the socket.
    for (const [what, bytes] of [
      ["not HTTP at all", "\x00\x01\x02 hello\r\n\r\n"],
      ["a bad request line", "GET\r\n\r\n"],
      [
        "a header without a colon",
        "GET /crm/v4/associations/contacts/companies/labels HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n",
      ],
      [
        "a body shorter than its Content-Length",
        `POST ${LABELS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${emu.token}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"name":"cut"`,
      ],
      [
        "a chunked body that never ends",
        `POST ${LABELS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${emu.token}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"nam\r\n`,
      ],
    ] as const) {
      const answer = await raw(emu.url, bytes, 1000);
      expect(answer === "" || /^HTTP\/1\.1 4\d\d/.test(answer), `${what}: ${answer.slice(0, 80)}`).to.equal(true);
      await healthy();
      tally.note("emulator abuse requests answered HubSpot-style", 1);
    }
  }

  it("200 concurrent creates on one pair: the 50-label cap holds, names stay unique, typeIds unique", async () => {
    emu.reset();
    const creates = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(
          emu.url,
          emu.token,
          "POST",
          LABELS,
          JSON.stringify({
            name: `c_${i}`,
            label: `Concurrent ${i}`,
            ...(i % 2 ? { inverseLabel: `Inverse ${i}` } : {}),
          }),
          { "content-type": "application/json" },
        ),
      ),
    );
    const ok = creates.filter((a) => a.status === 200);
    expect(ok.length, "exactly the cap").to.equal(50);
    for (const a of creates.filter((x) => x.status !== 200))
      expectHubSpotError(a, 400, /maximum number of association labels \(50\)/);
    const ids = ok.flatMap((a) =>
      (JSON.parse(a.text) as { results: { typeId: number }[] }).results.map((r) => r.typeId),
    );
    expect(new Set(ids).size).to.equal(ids.length);
    // the same name 200 times at once on another pair: one wins
    const same = await Promise.all(
      Array.from({ length: 200 }, () =>
        send(
          emu.url,
          emu.token,
          "POST",
          "/crm/v4/associations/deals/tickets/labels",
          JSON.stringify({ name: "only_once", label: "Only once" }),
          { "content-type": "application/json" },
        ),
      ),
    );
    expect(same.filter((a) => a.status === 200).length).to.equal(1);
    for (const a of same.filter((x) => x.status !== 200)) expectHubSpotError(a, 400, /already exists/);
    // concurrent edits and deletes of the same labels, and limits writes, interleaved
    const rng = new Prng(7);
    const live = ok.map((a) =>
      Math.min(...(JSON.parse(a.text) as { results: { typeId: number }[] }).results.map((r) => r.typeId)),
    );
    const ops = Array.from({ length: 300 }, (_, i) => {
      const typeId = rng.pick(live);
      const r = rng.next();
      if (r < 0.5)
        return send(
          emu.url,
          emu.token,
          "PUT",
          LABELS,
          JSON.stringify({ associationTypeId: typeId, label: `Edited ${i}` }),
          { "content-type": "application/json" },
        );
      if (r < 0.7) return send(emu.url, emu.token, "DELETE", `${LABELS}/${typeId}`);
      return send(
        emu.url,
        emu.token,
        "POST",
        `/crm/v4/associations/definitions/configurations/contacts/companies/batch/${rng.next() < 0.5 ? "create" : "update"}`,
        JSON.stringify({ inputs: [{ category: "USER_DEFINED", typeId, maxToObjectIds: rng.int(1, 50) }] }),
        { "content-type": "application/json" },
      );
    });
    const answers = await Promise.all(ops);
    expect(
      answers.every((a) => a.status < 500),
      "no 5xx",
    ).to.equal(true);
    const state = await emulatorState(emu);
    checkDefinitions(state);
    // every limit points at an existing type
    const typeIds = new Set(state.definitions.map((d) => d.typeId));
    for (const l of state.limits)
      if (l.category === "USER_DEFINED")
        expect(typeIds.has(l.typeId), `limit on deleted type ${l.typeId}`).to.equal(true);
    tally.note("concurrent emulator writes (creates, edits, deletes, limits)", 200 + 200 + 300);
  });
});

describe("reliability: the emulator's state file under concurrent writes and SIGKILL", function () {
  this.timeout(180_000);
  let dir: string;
  let child: ChildProcess | undefined;
  const TOKEN = "pat-na1-abuse-persist-token";

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rel-emu-kill-"));
  });
  after(() => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function spawnEmulator(file: string): Promise<string> {
    const cli = path.join(repoRoot, "dist", "cli", "main.js");
    const proc = spawn(
      process.execPath,
      [cli, "emulator", "--port", "0", "--state", file, "--token", TOKEN, "--rate-limit", "0", "--daily-limit", "0"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = proc;
    let out = "";
    proc.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    proc.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    return waitFor(
      "the emulator's URL",
      () => /listening on (\S+)/.exec(out)?.[1] ?? (proc.exitCode !== null ? `exited: ${out}` : undefined),
      20_000,
    );
  }

  const PAIRS: ReadonlyArray<readonly [string, string]> = [
    ["contacts", "companies"],
    ["contacts", "deals"],
    ["contacts", "tickets"],
    ["companies", "deals"],
    ["companies", "tickets"],
    ["deals", "tickets"],
    ["contacts", "contacts"],
    ["companies", "companies"],
    ["deals", "deals"],
    ["tickets", "tickets"],
  ];

  it("3 rounds: concurrent writers, SIGKILL mid-write, restart from the file: it loads, it is consistent, acknowledged writes are there", async () => {
    const file = path.join(dir, "hubspot.json");
    const rng = new Prng(20261127);
    const acknowledged: { name: string; pair: number; at: number }[] = [];
    let counter = 0;
    for (let round = 1; round <= 3; round++) {
      const url = await spawnEmulator(file);
      expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const proc = child as ChildProcess;
      // Everything acknowledged in earlier rounds survived the kill and the restart.
      for (const [from, to] of PAIRS) {
        const r = await send(url, TOKEN, "GET", `/crm/v4/associations/${from}/${to}/labels`);
        expect(r.status).to.equal(200);
      }
      const snapshot = (await (
        await fetch(`${url}/__emulator/state`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as EmulatorState & { nextTypeId: number };
      checkDefinitions(snapshot);
      const names = new Set(snapshot.definitions.map((d) => d.name));
      const lost = acknowledged.filter((a) => !names.has(a.name));
      expect(
        lost.map((a) => a.name),
        `round ${round}: acknowledged writes lost`,
      ).to.deep.equal([]);

      // Concurrent writers until the kill: 8 workers creating (and sometimes deleting) labels and setting limits.
      let stop = false;
      const workers = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const pair = rng.int(0, PAIRS.length - 1);
          const [from, to] = itemAt(PAIRS, pair);
          const name = `r${round}_w${counter++}`;
          try {
            const a = await send(
              url,
              TOKEN,
              "POST",
              `/crm/v4/associations/${from}/${to}/labels`,
              JSON.stringify({ name, label: `Label ${name}` }),
              { "content-type": "application/json" },
            );
            if (a.status === 200) acknowledged.push({ name, pair, at: Date.now() });
          } catch {
            return; // the server is gone
          }
        }
      });
      await sleep(rng.int(300, 900));
      proc.kill("SIGKILL");
      stop = true;
      await Promise.all(workers);
      await waitFor(
        "the emulator to exit",
        () => (proc.exitCode !== null || proc.signalCode !== null ? true : undefined),
        10_000,
      );
      // Every acknowledged write must survive the kill (checked at the next start): the emulator answers only once
      // the change is on disk.

      // The file is whole: valid JSON, a version 1 document, consistent.
      const text = fs.readFileSync(file, "utf8");
      const parsed = JSON.parse(text) as EmulatorState & { version: number; nextTypeId: number };
      expect(parsed.version).to.equal(1);
      checkDefinitions(parsed);
      tally.note("emulator SIGKILLs mid-write survived (file whole and consistent)", 1);
    }
    // the final restart: the file loads, new typeIds never reuse old ones, a dead writer's temp file is removed
    fs.writeFileSync(path.join(dir, ".hubspot.json.999999999.1.planted.tmp"), '{"version":1,"trunc');
    const url = await spawnEmulator(file);
    const before = (await (
      await fetch(`${url}/__emulator/state`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as EmulatorState & { nextTypeId: number };
    const survivors = new Set(before.definitions.map((d) => d.name));
    expect(
      acknowledged.filter((x) => !survivors.has(x.name)).map((x) => x.name),
      "acknowledged writes lost in the last round",
    ).to.deep.equal([]);
    const made = await send(
      url,
      TOKEN,
      "POST",
      "/crm/v4/associations/contacts/companies/labels",
      JSON.stringify({ name: "after_kills", label: "After kills" }),
      { "content-type": "application/json" },
    );
    if (made.status === 200) {
      const ids = (JSON.parse(made.text) as { results: { typeId: number }[] }).results.map((r) => r.typeId);
      expect(Math.min(...ids)).to.be.greaterThan(Math.max(0, ...before.definitions.map((d) => d.typeId)));
    } else expectHubSpotError(made, 400, /maximum number of association labels/);
    // a kill between the temp file's open and its rename leaves the temp file; the restart removes it
    expect(
      fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
      "stale temp files removed at start",
    ).to.deep.equal([]);
    (child as ChildProcess).kill("SIGTERM");
    expect(acknowledged.length, "writes were acknowledged and checked").to.be.greaterThan(20);
  });
});
