// The token never leaves the transport: a real HTTP server on 127.0.0.1 echoes the request's Authorization header
// into every place of its answers (error messages and fields, batch item errors, label texts, ids, headers, 2xx
// bodies the client cannot parse, broken HTTP), and neither the errors the client throws (message, String(),
// JSON.stringify, util.inspect, the cause/reason chain) nor the values it returns may contain the token.
import { expect } from "chai";
import { inspect } from "node:util";
import { HubSpotClient } from "../../provider/hubspot/client";
import {
  HubSpotApiError,
  HubSpotDailyLimitError,
  HubSpotError,
  HubSpotNetworkError,
  HubSpotRateLimitError,
  HubSpotResponseFormatError,
  HubSpotScopeError,
  OutcomeUnknownError,
} from "../../provider/hubspot/errors";
import { expectNoSecret, expectNoSecretIn } from "./helpers";
import { LocalAnswer, LocalRequest, LocalServer, startLocalServer } from "./local-server";

// Characters that URL-encode differently ("/", "+", "="), so the encoded form is a distinct echo.
const TOKEN = "pat-na1-echo/9f8e+7d6c=5b4a-0123456789";
const AUTH = `Bearer ${TOKEN}`;

/** JSON text in which every occurrence of the token is written as \uXXXX escapes (and "/" as "\/"). */
function escapedJson(value: unknown): string {
  const escapedToken = [...TOKEN]
    .map((c) => (c === "/" ? "\\/" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))
    .join("");
  return JSON.stringify(value).split(TOKEN).join(escapedToken);
}

const ECHO_HEADERS = (auth: string): Record<string, string> => ({
  "x-hubspot-correlation-id": auth,
  "x-hubspot-ratelimit-max": auth,
  "x-hubspot-ratelimit-remaining": auth,
  "x-hubspot-ratelimit-interval-milliseconds": auth,
  "retry-after": auth,
});

/** Answers by scenario: the first path segment the client filled in (a "from" object type) names it. */
function echoing(request: LocalRequest): LocalAnswer {
  const auth = String(request.headers.authorization);
  const token = auth.replace(/^Bearer /, "");
  const headers = ECHO_HEADERS(auth);
  const labelsEcho = {
    results: [
      {
        category: "USER_DEFINED",
        typeId: 1,
        label: auth,
        fromObjectTypeId: token,
        toObjectTypeId: encodeURIComponent(token),
      },
      { category: auth, typeId: "2", label: `text ${token} text` },
      { category: "USER_DEFINED", typeId: 3, label: `bearer%20${encodeURIComponent(token)}`, [auth]: token },
    ],
  };
  const path = request.url.replace("/associations/definitions/configurations/", "/configurations/");
  const scenario =
    /\/(?:associations|configurations)\/([a-z0-9-]+)\//.exec(path)?.[1] ??
    (path.startsWith("/account-info") ? "account" : path.startsWith("/crm/v3/schemas") ? "schemas" : "");
  switch (scenario) {
    case "values":
      return { status: 200, headers, body: labelsEcho };
    case "escaped":
      return { status: 200, headers, body: escapedJson(labelsEcho) };
    case "account":
      return {
        status: 200,
        headers,
        body: { portalId: 42, timeZone: auth, accountType: token, uiDomain: escapedJson(token) },
      };
    case "schemas":
      return {
        status: 200,
        headers,
        body: escapedJson({
          results: [
            {
              id: "5",
              objectTypeId: "2-5",
              name: auth,
              fullyQualifiedName: `p1_${token}`,
              labels: { singular: auth, plural: token },
            },
          ],
        }),
      };
    case "batch":
      return {
        status: 207,
        headers,
        body: {
          status: "COMPLETE",
          results: [{ category: "USER_DEFINED", typeId: 1, userEnforcedMaxToObjectIds: 2, label: auth }],
          numErrors: 1,
          errors: [
            {
              status: auth,
              category: auth,
              subCategory: auth,
              message: `Invalid input: ${auth}`,
              context: { [auth]: [auth, token] },
            },
          ],
        },
      };
    case "limits":
      return {
        status: 200,
        headers,
        body: { results: [{ category: auth, typeId: 279, userEnforcedMaxToObjectIds: 3, label: auth }] },
      };
    case "bad-typeid":
      return { status: 200, headers, body: { results: [{ category: "USER_DEFINED", typeId: auth, label: "x" }] } };
    case "bad-escaped-typeid":
      return {
        status: 200,
        headers,
        body: escapedJson({ results: [{ category: "USER_DEFINED", typeId: auth, label: "x" }] }),
      };
    case "malformed-create":
      return { status: 200, headers, body: { results: [{ label: auth, typeId: 5 }] } };
    case "text-200":
      return { status: 200, headers, body: `<html>${auth}</html>` };
    case "error-400":
      return {
        status: 400,
        headers,
        body: {
          status: auth,
          message: `bad ${auth}`,
          correlationId: auth,
          category: auth,
          subCategory: auth,
          context: { [auth]: [auth], type: [token] },
          errors: [{ message: auth, in: auth, code: auth, subCategory: auth, context: { [token]: [auth] } }],
        },
      };
    case "error-401":
      return { status: 401, headers, body: `Invalid ${auth}` };
    case "error-403":
      return {
        status: 403,
        headers,
        body: {
          status: "error",
          message: auth,
          category: "MISSING_SCOPES",
          errors: [{ message: auth, context: { requiredScopes: [auth, "crm.schemas.custom.read"] } }],
        },
      };
    case "error-429":
      return {
        status: 429,
        headers,
        body: { status: "error", message: auth, errorType: "RATE_LIMIT", policyName: auth },
      };
    case "error-daily":
      return {
        status: 429,
        headers,
        body: { status: "error", message: auth, errorType: "RATE_LIMIT", policyName: "DAILY" },
      };
    case "error-500":
      return { status: 500, headers, body: `upstream ${auth}` };
    case "error-503":
      return { status: 503, headers, body: escapedJson({ status: "error", message: auth, correlationId: token }) };
    case "broken-header":
      return { raw: `HTTP/1.1 200 OK\r\n${auth}\r\n\r\n` };
    case "broken-status":
      return { raw: `HTTP/1.1 ${auth}\r\n\r\n` };
    case "truncated":
      return {
        raw: `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"results":[{"label":"${auth}`,
      };
    default:
      return { status: 404, body: { status: "error", message: `no scenario for ${request.url}` } };
  }
}

describe("client: the token never leaves the transport (echoing server)", function () {
  this.timeout(20_000);
  let server: LocalServer;
  let client: HubSpotClient;

  before(async () => {
    server = await startLocalServer(echoing);
    client = new HubSpotClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      retry: {
        maxAttempts: 2,
        maxRateLimitAttempts: 2,
        backoffBaseMs: 1,
        backoffMaxMs: 5,
        rateLimitBackoffBaseMs: 1,
        rateLimitBackoffMaxMs: 5,
      },
    });
  });
  after(async () => {
    await server?.close();
  });

  afterEach(() => {
    // The server really received the token (so every echo above was an echo of the real secret).
    expect(server.requests.at(-1)?.headers.authorization).to.equal(AUTH);
  });

  const expectClean = (value: unknown): void => {
    expectNoSecretIn(JSON.stringify(value) ?? "", TOKEN, "returned value");
    expectNoSecretIn(inspect(value, { depth: 10 }), TOKEN, "returned value");
  };

  async function failure<T extends HubSpotError>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => T,
  ): Promise<T> {
    let thrown: unknown;
    try {
      await promise;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(type);
    expectNoSecret(thrown, TOKEN);
    return thrown as T;
  }

  describe("values the client returns", () => {
    it("label texts, categories and object type ids of a list, keeping the rest of the text", async () => {
      const labels = await client.listLabels("values", "x");
      expectClean(labels);
      expect(labels.map((l) => l.label)).to.deep.equal(["[redacted]", "text [redacted] text", "[redacted]"]);
      expect(labels[1]).to.include({ category: "[redacted]", typeId: 2 });
      expect(labels[0]).to.include({ fromObjectTypeId: "[redacted]", toObjectTypeId: "[redacted]" });
    });

    it("the same when the server hides the token behind JSON escapes", async () => {
      const labels = await client.listLabels("escaped", "x");
      expectClean(labels);
      expect(labels.map((l) => l.label)).to.deep.equal(["[redacted]", "text [redacted] text", "[redacted]"]);
    });

    it("a create's answer, a limits list, a 207 batch's item errors, custom object schemas and the account details", async () => {
      expectClean(await client.createLabel("values", "x", { name: "n", label: "L" }));
      expectClean(await client.listLimits("limits", "x"));
      const batch = await client.createLimits("batch", "x", [
        { category: "USER_DEFINED", typeId: 1, maxToObjectIds: 2 },
      ]);
      expectClean(batch);
      expect(batch.httpStatus).to.equal(207);
      expect(batch.errors[0]).to.include({ message: "Invalid input: [redacted]", category: "[redacted]" });
      expect(batch.errors[0]?.context).to.deep.equal({ "[redacted]": ["[redacted]", "[redacted]"] });
      const schemas = await client.listCustomObjectSchemas();
      expectClean(schemas);
      expect(schemas).to.deep.equal([
        {
          objectTypeId: "2-5",
          name: "[redacted]",
          fullyQualifiedName: "p1_[redacted]",
          labels: { singular: "[redacted]", plural: "[redacted]" },
          archived: false,
        },
      ]);
      const details = await client.getAccountDetails();
      expectClean(details);
      expect(details).to.deep.include({ portalId: 42, timeZone: "[redacted]" });
      expectClean(client.stats());
      expectClean(client.rateLimitState());
    });
  });

  describe("errors the client throws", () => {
    it("a 2xx whose typeId quotes the token (also escaped), a malformed create answer, a non-JSON 2xx", async () => {
      const typeId = await failure(client.listLabels("bad-typeid", "x"), HubSpotResponseFormatError);
      expect(typeId.message).to.include('typeId is not an integer: "[redacted]"');
      await failure(client.listLabels("bad-escaped-typeid", "x"), HubSpotResponseFormatError);
      await failure(client.createLabel("malformed-create", "x", { name: "n", label: "L" }), HubSpotResponseFormatError);
      await failure(client.listLabels("text-200", "x"), HubSpotResponseFormatError);
    });

    it("every field of a 4xx body and the correlation id header", async () => {
      const error = await failure(
        client.updateLabel("error-400", "x", { associationTypeId: 1, label: "L" }),
        HubSpotApiError,
      );
      expect(error.status).to.equal(400);
      expect(error.hubspotMessage).to.equal("bad [redacted]");
      expect(error.correlationId).to.equal("[redacted]");
      expect(error.errors?.[0]).to.include({ message: "[redacted]", in: "[redacted]", code: "[redacted]" });
      await failure(client.listLabels("error-401", "x"), HubSpotApiError);
      const scope = await failure(client.createLabel("error-403", "x", { name: "n", label: "L" }), HubSpotScopeError);
      expect(scope.requiredScopes).to.deep.equal(["[redacted]", "crm.schemas.custom.read"]);
    });

    it("429s (retried, then given up), a DAILY 429, and 5xx on a POST and on a GET", async () => {
      const limited = await failure(client.listLabels("error-429", "x"), HubSpotRateLimitError);
      expect(limited.policyName).to.equal("[redacted]");
      await failure(client.listLabels("error-daily", "x"), HubSpotDailyLimitError);
      const unknown = await failure(
        client.createLabel("error-500", "x", { name: "n", label: "L" }),
        OutcomeUnknownError,
      );
      expect((unknown.reason as HubSpotApiError).hubspotMessage).to.equal("upstream [redacted]");
      const gateway = await failure(client.listLabels("error-503", "x"), HubSpotApiError);
      expect(gateway.status).to.equal(503);
    });

    it("broken HTTP that quotes the token in a header line, the status line or a cut-off body", async () => {
      for (const scenario of ["broken-header", "broken-status", "truncated"]) {
        const error = await failure(client.listLabels(scenario, "x"), HubSpotNetworkError);
        expect(error.kind, scenario).to.be.oneOf(["connection-lost", "invalid-request"]);
      }
    });
  });
});
