// listCustomObjectSchemas() against a local node:http server that answers GET /crm/v3/schemas in HubSpot's shape
// (the fields of the real capture in shared/reference/hubspot-open-questions.md Q6), including paging it should
// never need, 429s, 5xx and malformed bodies.
import { expect } from "chai";
import { CustomObjectSchema } from "../../model/custom-objects";
import { CustomObjectSchemaInfo } from "../../provider/hubspot/api";
import { HubSpotClient } from "../../provider/hubspot/client";
import {
  HubSpotApiError,
  HubSpotDailyLimitError,
  HubSpotError,
  HubSpotResponseFormatError,
  HubSpotScopeError,
} from "../../provider/hubspot/errors";
import { ROUTES } from "../../provider/hubspot/routes";
import { LocalAnswer, LocalRequest, LocalServer, startLocalServer } from "./local-server";

const TOKEN = "pat-na1-schemas-test-0000000000";

/** One ObjectSchema as HubSpot sends it (shape of the Q6 capture, trimmed of long property lists). */
function objectSchema(n: number, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: String(n),
    objectTypeId: `2-${n}`,
    fullyQualifiedName: `p23451017_${name}`,
    name,
    labels: { singular: `${name} (one)`, plural: `${name} (many)` },
    requiredProperties: ["name"],
    searchableProperties: ["name"],
    primaryDisplayProperty: "name",
    secondaryDisplayProperties: [],
    properties: [],
    associations: [
      {
        id: "123",
        fromObjectTypeId: `2-${n}`,
        toObjectTypeId: "0-1",
        name: `${name}_to_contact`,
        createdAt: null,
        updatedAt: null,
      },
    ],
    metaType: "PORTAL_SPECIFIC",
    restorable: true,
    archived: false,
    createdAt: "2025-03-11T10:21:33.912Z",
    updatedAt: "2025-03-11T10:21:34.436Z",
    ...extra,
  };
}

const CAPTURE = {
  results: [
    objectSchema(30931773, "credentialing_2_0"),
    objectSchema(30753436, "cars"),
    objectSchema(30000001, "old_thing", { archived: true }),
  ],
};

const EXPECTED: CustomObjectSchemaInfo[] = [
  {
    objectTypeId: "2-30931773",
    name: "credentialing_2_0",
    fullyQualifiedName: "p23451017_credentialing_2_0",
    labels: { singular: "credentialing_2_0 (one)", plural: "credentialing_2_0 (many)" },
    archived: false,
  },
  {
    objectTypeId: "2-30753436",
    name: "cars",
    fullyQualifiedName: "p23451017_cars",
    labels: { singular: "cars (one)", plural: "cars (many)" },
    archived: false,
  },
];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): LocalAnswer => ({
  status,
  body,
  headers,
});
const rateLimited = (policyName: string): LocalAnswer =>
  json(
    429,
    { status: "error", message: "You have reached your limit.", errorType: "RATE_LIMIT", policyName },
    { "retry-after": "0" },
  );
const serverError = (status: number): LocalAnswer =>
  json(status, { status: "error", message: "internal error", correlationId: `c-${status}` });

describe("client: custom object schemas (GET /crm/v3/schemas)", function () {
  this.timeout(20_000);
  let server: LocalServer;
  let script: ((request: LocalRequest) => LocalAnswer)[] = [];

  before(async () => {
    server = await startLocalServer((request) => {
      const next = script.length > 1 ? script.shift() : script[0];
      if (next === undefined) return json(500, { message: "no script" });
      return next(request);
    });
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  /** The server answers the requests in order; the last answer repeats. */
  const answers = (...list: (LocalAnswer | ((request: LocalRequest) => LocalAnswer))[]): void => {
    script = list.map((a) => (typeof a === "function" ? a : () => a));
  };
  const client = (): HubSpotClient =>
    new HubSpotClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      retry: {
        maxAttempts: 3,
        maxRateLimitAttempts: 3,
        backoffBaseMs: 1,
        backoffMaxMs: 5,
        rateLimitBackoffBaseMs: 1,
        rateLimitBackoffMaxMs: 5,
      },
    });

  async function failure<T extends HubSpotError>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => T,
  ): Promise<T> {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(type);
      return error as T;
    }
    throw new Error(`expected a ${type.name}`);
  }

  it("reads HubSpot's shape into objectTypeId, name, fullyQualifiedName, labels; archived schemas left out", async () => {
    answers(json(200, CAPTURE));
    const c = client();
    const schemas = await c.listCustomObjectSchemas();
    expect(schemas).to.deep.equal(EXPECTED);
    // What the model resolves names against: the client's answer is usable as is.
    const forModel: readonly CustomObjectSchema[] = schemas;
    expect(forModel).to.have.length(2);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal(["GET /crm/v3/schemas"]);
    expect(server.requests[0]?.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(c.stats().byRoute[`GET ${ROUTES.schemas}`]).to.include({ calls: 1, requests: 1 });
  });

  it("a portal without custom objects is an empty list; optional fields may be missing", async () => {
    answers(json(200, { results: [] }));
    expect(await client().listCustomObjectSchemas()).to.deep.equal([]);
    answers(json(200, { results: [{ objectTypeId: "2-7", name: "bare" }] }));
    expect(await client().listCustomObjectSchemas()).to.deep.equal([
      { objectTypeId: "2-7", name: "bare", archived: false },
    ]);
  });

  it("follows paging.next.after if a server ever pages, and refuses a cursor that repeats", async () => {
    answers(
      json(200, {
        results: [objectSchema(30931773, "credentialing_2_0")],
        paging: { next: { after: "cursor-1", link: "?after=cursor-1" } },
      }),
      json(200, { results: [objectSchema(30753436, "cars")], paging: {} }),
    );
    expect(await client().listCustomObjectSchemas()).to.deep.equal(EXPECTED);
    expect(server.requests.map((r) => r.url)).to.deep.equal(["/crm/v3/schemas", "/crm/v3/schemas?after=cursor-1"]);

    server.requests.length = 0;
    answers(json(200, { results: [], paging: { next: { after: "again" } } }));
    const looping = await failure(client().listCustomObjectSchemas(), HubSpotResponseFormatError);
    expect(looping.message).to.include("repeats the cursor");
    expect(server.requests).to.have.length(2);
  });

  it("retries 429 TEN_SECONDLY_ROLLING and 5xx (an idempotent GET), then succeeds", async () => {
    answers(rateLimited("TEN_SECONDLY_ROLLING"), serverError(502), serverError(500), json(200, CAPTURE));
    const c = client();
    expect(await c.listCustomObjectSchemas()).to.deep.equal(EXPECTED);
    expect(server.requests).to.have.length(4);
    expect(c.stats()).to.include({ calls: 1, requests: 4, retries: 3, rateLimited: 1, failures: 0 });
  });

  it("gives up after the policy's attempts on 5xx; fails DAILY at once; 403 names the scope", async () => {
    answers(serverError(503));
    const gone = await failure(client().listCustomObjectSchemas(), HubSpotApiError);
    expect(gone.status).to.equal(503);
    expect(server.requests).to.have.length(3);

    server.requests.length = 0;
    answers(rateLimited("DAILY"));
    await failure(client().listCustomObjectSchemas(), HubSpotDailyLimitError);
    expect(server.requests).to.have.length(1);

    answers(
      json(403, {
        status: "error",
        message: "This app hasn't been granted all required scopes to make this call.",
        category: "MISSING_SCOPES",
        errors: [
          {
            message: "One or more of the following scopes are required.",
            context: { requiredScopes: ["crm.schemas.custom.read"] },
          },
        ],
      }),
    );
    const scope = await failure(client().listCustomObjectSchemas(), HubSpotScopeError);
    expect(scope.requiredScopes).to.deep.equal(["crm.schemas.custom.read"]);
  });

  it("a malformed answer is a HubSpotResponseFormatError that says what is wrong", async () => {
    const cases: [LocalAnswer, string][] = [
      [{ status: 200, body: "<html>maintenance</html>" }, "expected a JSON object"],
      [json(200, { schemas: [] }), "expected `results` to be an array"],
      [json(200, { results: ["cars"] }), "results[0] is not an object"],
      [
        json(200, { results: [{ id: "30931773", name: "no_type_id" }] }),
        "results[0]: objectTypeId is not an object type id: undefined",
      ],
      [
        json(200, { results: [{ objectTypeId: "2-1/labels", name: "slash" }] }),
        'results[0]: objectTypeId is not an object type id: "2-1/labels"',
      ],
      [
        json(200, { results: [objectSchema(1, "ok"), { objectTypeId: "2-2", name: "" }] }),
        "results[1]: name is missing",
      ],
      [json(200, { results: [], paging: { next: { after: { x: 1 } } } }), "paging.next.after is not a cursor"],
    ];
    for (const [answer, problem] of cases) {
      answers(answer);
      const error = await failure(client().listCustomObjectSchemas(), HubSpotResponseFormatError);
      expect(error.message, problem).to.include(problem).and.include(`GET ${ROUTES.schemas}`);
    }
  });
});
