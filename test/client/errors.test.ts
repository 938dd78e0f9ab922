// Typed errors, and proof that the token never leaks into anything printable: message, stack, String(),
// JSON.stringify, util.inspect — including errors fetch itself raises.
import { expect } from "chai";
import { inspect } from "node:util";
import { ManualClock } from "../../provider/hubspot/clock";
import { HubSpotClient } from "../../provider/hubspot/client";
import {
  HubSpotApiError,
  HubSpotAuthError,
  HubSpotConfigError,
  HubSpotError,
  HubSpotNetworkError,
  HubSpotScopeError,
  OutcomeUnknownError,
} from "../../provider/hubspot/errors";
import { redact } from "../../provider/hubspot/redaction";
import { toNetworkError } from "../../provider/hubspot/transport";
import { expectNoSecret, json, scriptedFetch, settle } from "./helpers";

const TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

async function failingCall(
  responder: Parameters<typeof scriptedFetch>[0][number],
  call: (c: HubSpotClient) => Promise<unknown>,
): Promise<unknown> {
  const clock = new ManualClock(0);
  const script = scriptedFetch([responder]);
  const client = new HubSpotClient({
    accessToken: TOKEN,
    baseUrl: "https://hubspot.test",
    clock,
    fetch: script.fetch,
    retry: { maxAttempts: 2 },
  });
  const outcome = await settle(call(client), clock);
  expect(outcome.error, "the call should fail").to.be.instanceOf(HubSpotError);
  return outcome.error;
}

describe("client: typed errors", () => {
  it("HubSpotApiError carries HubSpot's fields and prints message, category and correlation id", async () => {
    const error = (await failingCall(
      json(400, {
        status: "error",
        message: "0-5 is not a valid association type between CONTACT and DEAL",
        correlationId: "aaaa-bbbb",
        category: "VALIDATION_ERROR",
        subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
        context: { type: ["0-5"] },
        errors: [{ message: "detail one", in: "typeId" }],
      }),
      (c) => c.updateLabel("contacts", "deals", { associationTypeId: 5, label: "x" }),
    )) as HubSpotApiError;
    expect(error).to.be.instanceOf(HubSpotApiError);
    expect(error).to.include({
      status: 400,
      category: "VALIDATION_ERROR",
      subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
      correlationId: "aaaa-bbbb",
      method: "PUT",
      route: "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
    });
    expect(error.context).to.deep.equal({ type: ["0-5"] });
    expect(error.errors).to.deep.equal([{ message: "detail one", in: "typeId" }]);
    const text = String(error);
    expect(text).to.match(/^HubSpotApiError: /);
    for (const part of ["400", "VALIDATION_ERROR", "0-5 is not a valid association type", "aaaa-bbbb", "detail one"])
      expect(text).to.include(part);
    expect(JSON.parse(JSON.stringify(error))).to.include({
      name: "HubSpotApiError",
      status: 400,
      correlationId: "aaaa-bbbb",
    });
  });

  it("401 is a HubSpotAuthError, 403 a HubSpotScopeError listing the required scopes", async () => {
    const auth = await failingCall(
      json(401, {
        status: "error",
        message: "Authentication credentials not found.",
        correlationId: "c-401",
        category: "INVALID_AUTHENTICATION",
      }),
      (c) => c.listLabels("contacts", "companies"),
    );
    expect(auth).to.be.instanceOf(HubSpotAuthError);
    expect(String(auth)).to.include("INVALID_AUTHENTICATION").and.include("c-401");
    const scope = (await failingCall(
      json(403, {
        status: "error",
        message: "This app hasn't been granted all required scopes to make this call.",
        correlationId: "c-403",
        category: "MISSING_SCOPES",
        errors: [
          {
            message: "One or more of the following scopes are required.",
            context: { requiredScopes: ["crm.objects.contacts.write"] },
          },
        ],
      }),
      (c) => c.createLabel("contacts", "companies", { name: "a", label: "A" }),
    )) as HubSpotScopeError;
    expect(scope).to.be.instanceOf(HubSpotScopeError);
    expect(scope.requiredScopes).to.deep.equal(["crm.objects.contacts.write"]);
    expect(scope.message).to.include("crm.objects.contacts.write").and.include("MISSING_SCOPES").and.include("c-403");
  });

  it("OutcomeUnknownError explains what to do and keeps the reason", async () => {
    const error = (await failingCall(
      json(502, { status: "error", message: "bad gateway", correlationId: "c-502" }),
      (c) => c.createLabel("contacts", "companies", { name: "a", label: "A" }),
    )) as OutcomeUnknownError;
    expect(error).to.be.instanceOf(OutcomeUnknownError);
    expect(error.message)
      .to.include("may or may not have been applied")
      .and.include("read the current state")
      .and.include("c-502");
    expect((error.reason as HubSpotApiError).status).to.equal(502);
  });
});

describe("client: the token never leaks", () => {
  it("not from HubSpot echoing it in an error body", async () => {
    const echo = `Invalid token ${TOKEN}`;
    const error = await failingCall(
      json(401, {
        status: "error",
        message: echo,
        correlationId: TOKEN,
        category: "INVALID_AUTHENTICATION",
        context: { token: [TOKEN] },
      }),
      (c) => c.listLabels("contacts", "companies"),
    );
    expect(String(error)).to.include("[redacted]");
    expectNoSecret(error, TOKEN);
  });

  it("not from a 5xx body on a POST (OutcomeUnknownError wraps it)", async () => {
    const error = await failingCall(json(500, `upstream said ${TOKEN}`), (c) =>
      c.createLabel("contacts", "companies", { name: "a", label: "A" }),
    );
    expect(error).to.be.instanceOf(OutcomeUnknownError);
    expectNoSecret(error, TOKEN);
  });

  it("not from errors fetch throws that quote the header or the URL", async () => {
    const error = await failingCall(
      () => {
        const cause = Object.assign(
          new Error(`Invalid header value "Bearer ${TOKEN}" for https://x.test/a?token=${TOKEN}`),
          {
            code: "UND_ERR_INVALID_ARG",
          },
        );
        throw Object.assign(new TypeError("fetch failed"), { cause });
      },
      (c) => c.listLabels("contacts", "companies"),
    );
    expect(error).to.be.instanceOf(HubSpotNetworkError);
    expect((error as HubSpotNetworkError).kind).to.equal("invalid-request");
    expectNoSecret(error, TOKEN);
  });

  it("not from a real fetch failure on an invalid URL or an unreachable host", async () => {
    for (const url of [`http://[${TOKEN}/x`, `http://127.0.0.1:1/${TOKEN}`]) {
      let thrown: unknown;
      try {
        await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, url).to.be.instanceOf(Error);
      const wrapped = toNetworkError(thrown, TOKEN, { method: "GET", route: "/x" }, 1000);
      expect(wrapped.kind).to.equal("invalid-request");
      expectNoSecret(wrapped, TOKEN);
    }
  });

  it("not from the constructor's validation", () => {
    const attempts: (() => unknown)[] = [
      () => new HubSpotClient({ accessToken: `${TOKEN}\nX-Evil: 1` }),
      () => new HubSpotClient({ accessToken: TOKEN, baseUrl: `http://[${TOKEN}` }),
      () => new HubSpotClient({ accessToken: TOKEN, baseUrl: `https://u:${TOKEN}@api.hubapi.com` }),
      () => new HubSpotClient({ accessToken: TOKEN, baseUrl: `ftp://host/${TOKEN}` }),
      () => new HubSpotClient({ accessToken: "" }),
    ];
    for (const attempt of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(HubSpotConfigError);
      expectNoSecret(thrown, TOKEN);
    }
  });

  it("not from printing the client itself", () => {
    const client = new HubSpotClient({ accessToken: TOKEN, baseUrl: "http://127.0.0.1:9" });
    expect(inspect(client, { depth: 10, showHidden: true })).to.not.include(TOKEN);
    expect(JSON.stringify(client)).to.not.include(TOKEN);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what printing the client shows is the point
    expect(String(client)).to.not.include(TOKEN);
    expect(JSON.parse(JSON.stringify(client))).to.have.property("baseUrl", "http://127.0.0.1:9");
    expect(JSON.stringify({ ...client })).to.not.include(TOKEN);
    expect(Object.keys(client)).to.not.include("accessToken");
  });

  it("redact() removes the raw, Bearer and URL-encoded forms", () => {
    const secret = "a b/c+d";
    expect(redact(`x ${secret} y ${encodeURIComponent(secret)} z`, secret)).to.equal("x [redacted] y [redacted] z");
    expect(redact(`auth=Bearer ${secret}; bearer%20${encodeURIComponent(secret)}.`, secret)).to.equal(
      "auth=[redacted]; [redacted].",
    );
    expect(redact("short", "ab")).to.equal("short");
  });
});
