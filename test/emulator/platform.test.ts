// Contract: auth, scopes, rate limits, error conventions, robustness, objects/account endpoints,
// control endpoints, fault injection, persistence and the CLI (reference §6, §8, §11.6–11.9).
import { expect } from "chai";
import { RequestLogDump, EmulatorStateSnapshot } from "../../emulator";
import { EmulatorServer } from "../../emulator/server";
import { CrmObject, EmulatorHttp, ErrorBody, LabelsResponse, useEmulator } from "../helpers/emulator-http";

const LABELS = "/crm/v4/associations/contacts/companies/labels";

describe("emulator contract: auth and scopes", () => {
  const { api } = useEmulator({
    tokens: [
      "pat-na1-all-scopes",
      { token: "pat-na1-readonly", scopes: ["crm.objects.contacts.read"] },
      { token: "pat-na1-writer", scopes: ["crm.objects.companies.write"] },
      { token: "oauth-token-1", kind: "oauth", portalId: 999 },
    ],
  });

  it("missing or unknown token → 401 INVALID_AUTHENTICATION with x-hubspot-auth-failure", async () => {
    for (const token of [null, "nope"]) {
      const r = await api().call<ErrorBody>("GET", LABELS, undefined, token);
      expect(r.status).to.equal(401);
      expect(r.headers.get("x-hubspot-auth-failure")).to.equal("401 Unauthorized");
      expect(r.body.category).to.equal("INVALID_AUTHENTICATION");
      expect(r.body.message).to.match(/^Authentication credentials not found/);
      expect(r.body.correlationId).to.equal(r.headers.get("x-hubspot-correlation-id"));
    }
    const doubled = await api().raw("GET", LABELS, {
      headers: { authorization: "Bearer Bearer pat-na1-all-scopes" },
      token: null,
    });
    expect(doubled.status).to.equal(401);
  });

  it("a GET needs a read-or-write scope; mutations need write → 403 MISSING_SCOPES body", async () => {
    expect((await api().call("GET", LABELS, undefined, "pat-na1-readonly")).status).to.equal(200);
    const w = await api().call<ErrorBody>("POST", LABELS, { name: "x", label: "X" }, "pat-na1-readonly");
    expect(w.status).to.equal(403);
    expect(w.body.category).to.equal("MISSING_SCOPES");
    expect(w.body.message).to.match(/hasn't been granted all required scopes/);
    expect(w.body.errors?.[0]?.message).to.equal("One or more of the following scopes are required.");
    expect(w.body.errors?.[0]?.context?.requiredScopes).to.include("crm.objects.contacts.write");
    expect(w.body.links).to.deep.equal({ scopes: "https://developers.hubspot.com/scopes" });
    expect((await api().call("POST", LABELS, { name: "x", label: "X" }, "pat-na1-writer")).status).to.equal(200);
    expect((await api().call("GET", LABELS, undefined, "pat-na1-writer")).status).to.equal(200);
  });

  it("object endpoints check the object's own scopes", async () => {
    expect(
      (await api().call("POST", "/crm/v3/objects/contacts", { properties: {} }, "pat-na1-readonly")).status,
    ).to.equal(403);
    expect(
      (await api().call("POST", "/crm/v3/objects/companies", { properties: {} }, "pat-na1-writer")).status,
    ).to.equal(201);
  });

  it("account details report the token's portal; OAuth tokens get no daily headers", async () => {
    const r = await api().get<{ portalId: number; timeZone: string; uiDomain: string; dataHostingLocation: string }>(
      "/account-info/v3/details",
    );
    expect(r.status).to.equal(200);
    expect(r.body.portalId).to.equal(12345678);
    expect(r.body).to.include.keys("timeZone", "accountType", "companyCurrency", "uiDomain", "dataHostingLocation");
    expect(r.headers.get("x-hubspot-ratelimit-daily")).to.equal("250000");
    const o = await api().call<{ portalId: number }>("GET", "/account-info/v3/details", undefined, "oauth-token-1");
    expect(o.body.portalId).to.equal(999);
    expect(o.headers.get("x-hubspot-ratelimit-daily")).to.equal(null);
    expect(o.headers.get("x-hubspot-ratelimit-max")).to.equal("100");
  });
});

describe("emulator contract: rate limits", () => {
  const { api, emu } = useEmulator({ rateLimitPer10s: 5, rateWindowMs: 600 });

  it("every API answer carries X-HubSpot-RateLimit-* headers, counting down", async () => {
    const r1 = await api().get(LABELS);
    expect(r1.headers.get("x-hubspot-ratelimit-max")).to.equal("5");
    expect(r1.headers.get("x-hubspot-ratelimit-remaining")).to.equal("4");
    expect(r1.headers.get("x-hubspot-ratelimit-interval-milliseconds")).to.equal("600");
    expect(r1.headers.get("x-hubspot-ratelimit-daily")).to.equal("250000");
    expect(r1.headers.get("x-hubspot-ratelimit-daily-remaining")).to.equal("249999");
    const r2 = await api().get("/crm/v4/associations/nope/companies/labels");
    expect(r2.status).to.equal(400);
    expect(r2.headers.get("x-hubspot-ratelimit-remaining")).to.equal("3");
  });

  it("over the rolling window → 429 TEN_SECONDLY_ROLLING body, Retry-After, and recovery after the window", async () => {
    for (let i = 0; i < 5; i++) expect((await api().get(LABELS)).status).to.equal(200);
    const r = await api().get<ErrorBody>(LABELS);
    expect(r.status).to.equal(429);
    expect(r.headers.get("content-type")).to.equal("application/json;charset=utf-8");
    expect(r.headers.get("retry-after")).to.match(/^[0-9]+$/);
    expect(r.body.status).to.equal("error");
    expect(r.body.message).to.equal("You have reached your ten_secondly_rolling limit.");
    expect(r.body.errorType).to.equal("RATE_LIMIT");
    expect(r.body.policyName).to.equal("TEN_SECONDLY_ROLLING");
    expect(r.body).to.not.have.property("category");
    expect(r.body.correlationId).to.be.a("string");
    expect(r.headers.get("x-hubspot-ratelimit-remaining")).to.equal("0");
    await new Promise((res) => setTimeout(res, 650));
    expect((await api().get(LABELS)).status).to.equal(200);
  });

  it("daily quota → 429 DAILY", async () => {
    emu().setRateLimit({ per10s: 0, daily: 2, resetDaily: true });
    await api().get(LABELS);
    await api().get(LABELS);
    const r = await api().get<ErrorBody>(LABELS);
    expect(r.status).to.equal(429);
    expect(r.body.message).to.equal("You have reached your daily limit.");
    expect(r.body.policyName).to.equal("DAILY");
    expect(r.body.errorType).to.equal("RATE_LIMIT");
    // per10s 0 disables the window headers
    expect(r.headers.get("x-hubspot-ratelimit-max")).to.equal(null);
    const ctl = await api().control("POST", "rate-limit", { resetDaily: true });
    expect(ctl.status).to.equal(204);
    expect((await api().get(LABELS)).status).to.equal(200);
  });

  it("SECONDLY 429 via fault injection uses HubSpot's secondly message", async () => {
    emu().injectFault({
      method: "GET",
      route: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
      status: 429,
      policy: "SECONDLY",
    });
    const r = await api().get<ErrorBody>(LABELS);
    expect(r.status).to.equal(429);
    expect(r.body.message).to.equal("You have reached your secondly limit.");
    expect(r.body.policyName).to.equal("SECONDLY");
  });
});

describe("emulator contract: robustness and conventions", () => {
  const { api, emu } = useEmulator({ maxBodyBytes: 1024 });

  it("every answer has x-hubspot-correlation-id; JSON answers use application/json;charset=utf-8", async () => {
    const r = await api().get(LABELS);
    expect(r.headers.get("x-hubspot-correlation-id")).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(r.headers.get("content-type")).to.equal("application/json;charset=utf-8");
  });

  it("malformed JSON → 400 'Invalid input JSON on line L, column C: ...'", async () => {
    const r = await api().raw<ErrorBody>("POST", LABELS, { body: '{"name": "x",\n  "label": }' });
    expect(r.status).to.equal(400);
    expect(r.body.category).to.equal("VALIDATION_ERROR");
    expect(r.body.message).to.match(/^Invalid input JSON on line 2, column \d+: /);
  });

  it("wrong method on a known path → 405 JSON with Allow", async () => {
    const r = await api().raw<ErrorBody>("PATCH", LABELS);
    expect(r.status).to.equal(405);
    expect(r.headers.get("allow")).to.equal("GET, POST, PUT");
    expect(r.body.status).to.equal("error");
    expect(r.body.correlationId).to.be.a("string");
  });

  it("unknown route → 404 JSON", async () => {
    const r = await api().get<ErrorBody>("/crm/v4/nothing/here");
    expect(r.status).to.equal(404);
    expect(r.headers.get("content-type")).to.equal("application/json;charset=utf-8");
    expect(r.body.status).to.equal("error");
  });

  it("oversized body → 413 JSON", async () => {
    const r = await api().raw<ErrorBody>("POST", LABELS, {
      body: JSON.stringify({ name: "x", label: "y".repeat(2000) }),
    });
    expect(r.status).to.equal(413);
    expect(r.body.status).to.equal("error");
  });

  it("a handler that throws becomes a 500 {status, message:'internal error', correlationId}; the server keeps serving", async () => {
    const server = new EmulatorServer({});
    const url = await server.listen(0, "127.0.0.1");
    const original = server.state.definitions.between.bind(server.state.definitions);
    let calls = 0;
    server.state.definitions.between = (a, b) => {
      if (calls++ === 0) throw new Error("boom");
      return original(a, b);
    };
    const quiet = console.error;
    console.error = () => undefined; // the server logs the crash; keep the test output clean
    try {
      const http = new EmulatorHttp(url, server.tokens.first);
      const r = await http.get<ErrorBody>(LABELS);
      expect(r.status).to.equal(500);
      expect(r.body).to.have.all.keys("status", "message", "correlationId");
      expect(r.body.message).to.equal("internal error");
      expect(r.headers.get("content-type")).to.equal("application/json;charset=utf-8");
      expect((await http.get(LABELS)).status).to.equal(200);
    } finally {
      console.error = quiet;
      await server.close();
    }
  });

  it("PUT /__emulator/state loads a snapshot; a malformed one is refused with 400 and changes nothing", async () => {
    await api().post(LABELS, { name: "before", label: "Before" });
    const snap = emu().state();
    const bad = {
      ...snap,
      associations: [{ fromObjectTypeId: "0-1", fromId: "1", toObjectTypeId: "0-2", toId: "2", typeIds: "x" }],
    };
    const r = await api().control("PUT", "state", bad);
    expect(r.status).to.equal(400);
    expect(emu().state()).to.deep.equal(snap);
    emu().reset();
    const ok = await api().control("PUT", "state", snap);
    expect(ok.status).to.equal(204);
    expect((await api().get<LabelsResponse>(LABELS)).body.results.map((x) => x.label)).to.include("Before");
  });

  it("object type paths: names singular/plural, ids, custom 2-N from options; unknown → 400", async () => {
    for (const t of [
      "contacts",
      "contact",
      "companies",
      "company",
      "deals",
      "deal",
      "tickets",
      "ticket",
      "notes",
      "note",
      "calls",
      "0-48",
      "line_items",
      "quotes",
    ]) {
      const r = await api().post<CrmObject>(`/crm/v3/objects/${t}`, { properties: { n: t } });
      expect(r.status, t).to.equal(201);
    }
    for (const t of ["call", "2-999", "pets", "lists"]) {
      const r = await api().post<ErrorBody>(`/crm/v3/objects/${t}`, { properties: {} });
      expect(r.status, t).to.equal(400);
      expect(r.body.message).to.equal(`Unable to infer object type from: ${t}`);
    }
  });
});

describe("emulator contract: custom objects and records", () => {
  const { api } = useEmulator({ customObjects: [{ objectTypeId: "2-123", name: "pets", singular: "pet" }] });

  it("custom objects get an unlabeled type with standard objects and accept labels", async () => {
    const r = await api().get<LabelsResponse>("/crm/v4/associations/2-123/contacts/labels");
    expect(r.status).to.equal(200);
    expect(r.body.results).to.have.length(1);
    expect(r.body.results[0]?.label).to.equal(null);
    const c = await api().post<LabelsResponse>("/crm/v4/associations/p_pets/contacts/labels", {
      name: "owner",
      label: "Owner",
      inverseLabel: "Pet",
    });
    expect(c.status).to.equal(200);
  });

  it("POST /crm/v3/objects → 201 {id, properties, createdAt, updatedAt, archived:false}; GET → 200; unknown id → 404", async () => {
    const r = await api().post<CrmObject>("/crm/v3/objects/2-123", { properties: { name: "Rex", legs: "4" } });
    expect(r.status).to.equal(201);
    expect(r.body.id)
      .to.be.a("string")
      .and.match(/^[0-9]+$/);
    expect(r.body.properties).to.deep.equal({ name: "Rex", legs: "4" });
    expect(r.body.archived).to.equal(false);
    expect(Number.isFinite(Date.parse(r.body.createdAt))).to.equal(true);
    const g = await api().get<CrmObject>(`/crm/v3/objects/2-123/${r.body.id}`);
    expect(g.status).to.equal(200);
    expect(g.body).to.deep.equal(r.body);
    const missing = await api().get<ErrorBody>("/crm/v3/objects/contacts/1");
    expect(missing.status).to.equal(404);
    expect(missing.body.category).to.equal("OBJECT_NOT_FOUND");
  });

  it("POST /crm/v3/objects with associations creates them", async () => {
    const co = await api().record("companies");
    const r = await api().post<CrmObject>("/crm/v3/objects/contacts", {
      properties: {},
      associations: [{ to: { id: co }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 }] }],
    });
    expect(r.status).to.equal(201);
    const list = await api().get<{ results: Array<{ toObjectId: number }> }>(
      `/crm/v4/objects/companies/${co}/associations/contacts`,
    );
    expect(list.body.results.map((x) => x.toObjectId)).to.deep.equal([Number(r.body.id)]);
  });
});

describe("emulator control endpoints", () => {
  const { api, emu } = useEmulator();
  const ctl = (method: string, p: string, body?: unknown): Promise<Response> =>
    fetch(`${emu().url}/__emulator${p}`, {
      method,
      headers: {
        authorization: `Bearer ${emu().token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("GET /requests counts per method and route template, with a token fingerprint and never the token", async () => {
    await api().get(LABELS);
    await api().get("/crm/v4/associations/deals/companies/labels");
    await api().get("/crm/associations/v4/deals/companies/labels");
    const r = await ctl("GET", "/requests");
    expect(r.status).to.equal(200);
    const log = (await r.json()) as RequestLogDump;
    expect(log.total).to.equal(3);
    expect(log.counts["GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels"]).to.equal(2);
    expect(log.counts["GET /crm/associations/v4/{fromObjectType}/{toObjectType}/labels"]).to.equal(1);
    expect(log.entries[0]).to.include({
      seq: 1,
      method: "GET",
      route: "GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels".slice(4),
      path: LABELS,
      status: 200,
    });
    expect(log.entries[0]?.tokenFingerprint).to.match(/^sha256:[0-9a-f]{12}$/);
    expect(JSON.stringify(log)).to.not.include(emu().token);
    expect(emu().requests().total).to.equal(3);
    expect((await ctl("DELETE", "/requests")).status).to.equal(204);
    expect(emu().requests().total).to.equal(0);
  });

  it("POST /reset brings state back to the seed and clears the log; GET /state dumps everything", async () => {
    await api().post(LABELS, { name: "x", label: "X" });
    const s1 = (await (await ctl("GET", "/state")).json()) as EmulatorStateSnapshot;
    expect(s1.definitions.map((d) => d.name)).to.include("x");
    expect((await ctl("POST", "/reset")).status).to.equal(204);
    const s2 = emu().state();
    expect(s2.definitions).to.deep.equal([]);
    expect(emu().requests().total).to.equal(0);
  });

  it("faults: status with HubSpot's body for the next N matching requests, then normal", async () => {
    const res = await ctl("POST", "/faults", {
      method: "GET",
      route: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
      count: 2,
      status: 503,
    });
    expect(res.status).to.equal(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).to.be.a("string");
    expect(((await (await ctl("GET", "/faults")).json()) as unknown[]).length).to.equal(1);
    expect((await api().get("/crm/associations/v4/contacts/companies/labels")).status).to.equal(200);
    const a = await api().get<ErrorBody>(LABELS);
    expect(a.status).to.equal(503);
    expect(a.headers.get("content-type")).to.equal("application/json;charset=utf-8");
    expect(a.body.correlationId).to.be.a("string");
    expect((await api().get(LABELS)).status).to.equal(503);
    expect((await api().get(LABELS)).status).to.equal(200);
    const log = emu().requests();
    expect(log.entries.filter((e) => e.fault === id)).to.have.length(2);
  });

  it("faults: 429 TEN_SECONDLY_ROLLING body; custom body; DELETE disarms", async () => {
    emu().injectFault({ method: "*", route: "*", status: 429 });
    const r = await api().get<ErrorBody>(LABELS);
    expect(r.body.policyName).to.equal("TEN_SECONDLY_ROLLING");
    expect(r.body.message).to.equal("You have reached your ten_secondly_rolling limit.");
    emu().injectFault({ route: "*", status: 418, body: { status: "error", message: "teapot" } });
    expect((await api().get<ErrorBody>(LABELS)).body.message).to.equal("teapot");
    emu().injectFault({ route: "*", status: 500, count: 5 });
    expect((await ctl("DELETE", "/faults")).status).to.equal(204);
    expect((await api().get(LABELS)).status).to.equal(200);
    expect((await ctl("POST", "/faults", { route: "*" })).status).to.equal(400);
  });

  it("faults: drop closes the connection; delayMs delays the real answer", async () => {
    emu().injectFault({ route: "*", drop: true });
    let failed = false;
    try {
      await api().get(LABELS);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    emu().injectFault({ route: "*", delayMs: 150 });
    const t0 = Date.now();
    expect((await api().get(LABELS)).status).to.equal(200);
    expect(Date.now() - t0).to.be.at.least(140);
  });

  it("faults: after:true applies the change, then replaces the answer", async () => {
    emu().injectFault({
      method: "POST",
      route: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
      status: 502,
      after: true,
    });
    const r = await api().post(LABELS, { name: "ghost", label: "Ghost" });
    expect(r.status).to.equal(502);
    const list = await api().get<LabelsResponse>(LABELS);
    expect(list.body.results.map((x) => x.label)).to.include("Ghost");
    emu().injectFault({ method: "POST", route: "*", drop: true, after: true });
    await api()
      .post(LABELS, { name: "ghost2", label: "Ghost2" })
      .catch(() => undefined);
    expect((await api().get<LabelsResponse>(LABELS)).body.results.map((x) => x.label)).to.include("Ghost2");
  });

  it("unknown control path → 404", async () => {
    expect((await ctl("GET", "/nope")).status).to.equal(404);
  });
});
