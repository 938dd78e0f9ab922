// Bad input, table-driven. Every row must give ONE clear error that names the property path (or the file position)
// and the reason, and no mutating request may reach HubSpot (asserted on the emulator's request log).
//
// How each row is driven (the `via` column):
// - "provider": the provider's own check + create path, exactly as the dynamic-provider host calls it (check must
//   return one failure on the named property; create must refuse with the same reason before any request);
// - "cli": the real Pulumi CLI (`up` through the Automation API) must fail with the message; resource rows marked
//   "cli" run through the provider path as well;
// - "yaml": the YAML document loader (`loadDocumentText` from sdk/document), which `validate` and
//   `AssociationSchema` use: one problem, FILE:LINE:COL, the property path and the reason; plus one malformed
//   document through AssociationSchema under the real CLI, to show it fails before any request.
// Rows that only HubSpot can judge (a bad or under-scoped token) necessarily send one request: HubSpot refuses it
// (401/403) and nothing changes; those rows assert exactly that instead of "no mutating request".
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { createProvider, ProviderHost } from "../../provider";
import { testHost } from "../provider/harness";
import { AssociationLabel, AssociationLimits, AssociationSchema } from "../../sdk";
import { loadDocumentText } from "../../sdk/document";
import { createTestStack, emulatorConfig, TestStack } from "../e2e/harness";
import { exactly } from "../helpers/items";
import { clearLog, countDuplicates, emulatorState, hubspot, mutatingRequests, requestLog, unusedPort } from "./helpers";
import { failureText } from "../helpers/async";
import { tally } from "./tally";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Bag = Record<string, unknown>;

const READ_ONLY_TOKEN = "pat-na1-0c0c0c0c-aaaa-4bbb-8ccc-readonlyscope1";
const BAD_TOKEN = "pat-na1-0d0d0d0d-aaaa-4bbb-8ccc-notavalidtoken";

const label = (over: Bag): Bag => ({
  fromObjectType: "contacts",
  toObjectType: "companies",
  name: "manager",
  label: "Manager",
  ...over,
});
const limits = (entries: unknown, over: Bag = {}): Bag => ({
  fromObjectType: "contacts",
  toObjectType: "companies",
  limits: entries,
  ...over,
});

interface ResourceCase {
  id: string;
  what: string;
  kind: "label" | "limits";
  via: "provider" | "cli";
  inputs: (ctx: Ctx) => Bag;
  /** The property the single check failure names; undefined when only create (with a read) can tell. */
  property?: string;
  /** Reads check may make to know (a custom object's name needs the portal's schemas), by "METHOD route". */
  reads?: string[];
  reason: RegExp;
}

interface ConfigCase {
  id: string;
  what: string;
  config: (ctx: Ctx) => Record<string, string | undefined>;
  reason: RegExp;
  /** HubSpot itself refuses (401/403): one refused request, nothing changed. */
  refusedBy?: number;
}

interface YamlCase {
  id: string;
  what: string;
  text: string;
  line: number;
  col: number;
  path: string;
  reason: RegExp;
}

interface Ctx {
  emu: Emulator;
  /** A user-defined label that exists on contacts -> deals (another pair). */
  otherPairTypeId: number;
  /** Nothing listens there. */
  unusedPort: number;
}

const long = "x".repeat(101);

const RESOURCE_CASES: ResourceCase[] = [
  {
    id: "R01",
    what: "unknown object type",
    kind: "label",
    via: "cli",
    inputs: () => label({ fromObjectType: "widgets" }),
    property: "fromObjectType",
    reads: ["GET /crm/v3/schemas"],
    reason: /no custom object named "widgets" in this portal/,
  },
  {
    id: "R02",
    what: "object type of the wrong type",
    kind: "label",
    via: "provider",
    inputs: () => label({ toObjectType: 42 }),
    property: "toObjectType",
    reason: /must be an object type name or id/,
  },
  {
    id: "R03",
    what: "internal name with a hyphen",
    kind: "label",
    via: "cli",
    inputs: () => label({ name: "account-manager" }),
    property: "name",
    reason: /must not contain hyphens or spaces/,
  },
  {
    id: "R04",
    what: "internal name with a leading digit",
    kind: "label",
    via: "cli",
    inputs: () => label({ name: "1st_manager" }),
    property: "name",
    reason: /must not start with a digit/,
  },
  {
    id: "R05",
    what: "internal name with spaces",
    kind: "label",
    via: "provider",
    inputs: () => label({ name: "account manager" }),
    property: "name",
    reason: /must not contain hyphens or spaces/,
  },
  {
    id: "R06",
    what: "internal name too long (101)",
    kind: "label",
    via: "provider",
    inputs: () => label({ name: long }),
    property: "name",
    reason: /at most 100 characters, counted in UTF-16 units \(got 101\)/,
  },
  {
    id: "R07",
    what: "internal name empty",
    kind: "label",
    via: "provider",
    inputs: () => label({ name: "" }),
    property: "name",
    reason: /name must not be empty/,
  },
  {
    id: "R08",
    what: "label text empty",
    kind: "label",
    via: "cli",
    inputs: () => label({ label: "" }),
    property: "label",
    reason: /label must not be empty/,
  },
  {
    id: "R09",
    what: "label text only whitespace",
    kind: "label",
    via: "provider",
    inputs: () => label({ label: "   " }),
    property: "label",
    reason: /label must not be empty or only whitespace/,
  },
  {
    id: "R10",
    what: "label text too long (101)",
    kind: "label",
    via: "cli",
    inputs: () => label({ label: long }),
    property: "label",
    reason: /label must be at most 100 characters, counted in UTF-16 units \(got 101\)/,
  },
  {
    id: "R11",
    what: "inverse label empty",
    kind: "label",
    via: "provider",
    inputs: () => label({ inverseLabel: "" }),
    property: "inverseLabel",
    reason: /inverseLabel must not be empty/,
  },
  {
    id: "R12",
    what: "inverse label too long (101)",
    kind: "label",
    via: "provider",
    inputs: () => label({ inverseLabel: long }),
    property: "inverseLabel",
    reason: /inverseLabel must be at most 100 characters/,
  },
  {
    id: "R13",
    what: "label missing",
    kind: "label",
    via: "provider",
    inputs: () => label({ label: undefined }),
    property: "label",
    reason: /label is required/,
  },
  {
    id: "R14",
    what: "adoptTypeId that does not exist",
    kind: "label",
    via: "cli",
    inputs: () => label({ adoptTypeId: 99999 }),
    reason: /adoptTypeId 99999: Contacts → Companies has no association type 99999/i,
  },
  {
    id: "R15",
    what: "adoptTypeId that is HubSpot-defined",
    kind: "label",
    via: "cli",
    inputs: () => label({ adoptTypeId: 279 }),
    property: "adoptTypeId",
    reason: /HubSpot-defined association type/,
  },
  {
    id: "R16",
    what: "adoptTypeId of a label on another pair",
    kind: "label",
    via: "cli",
    inputs: (c) => label({ adoptTypeId: c.otherPairTypeId }),
    reason: /has no association type \d+; user-defined labels on this pair/i,
  },
  {
    id: "R17",
    what: "adoptTypeId fractional",
    kind: "label",
    via: "provider",
    inputs: () => label({ adoptTypeId: 12.5 }),
    property: "adoptTypeId",
    reason: /positive integer/,
  },
  {
    id: "R18",
    what: "limit zero",
    kind: "limits",
    via: "cli",
    inputs: () => limits([{ unlabeled: true, maxToObjectIds: 0 }]),
    property: "limits[0].maxToObjectIds",
    reason: /from 1 to 10000, got 0/,
  },
  {
    id: "R19",
    what: "limit negative",
    kind: "limits",
    via: "provider",
    inputs: () => limits([{ unlabeled: true, maxToObjectIds: -3 }]),
    property: "limits[0].maxToObjectIds",
    reason: /got -3/,
  },
  {
    id: "R20",
    what: "limit fractional",
    kind: "limits",
    via: "cli",
    inputs: () => limits([{ unlabeled: true, maxToObjectIds: 2.5 }]),
    property: "limits[0].maxToObjectIds",
    reason: /integer from 1 to 10000, got 2.5/,
  },
  {
    id: "R21",
    what: "limit over the maximum",
    kind: "limits",
    via: "provider",
    inputs: () => limits([{ unlabeled: true, maxToObjectIds: 10001 }]),
    property: "limits[0].maxToObjectIds",
    reason: /got 10001/,
  },
  {
    id: "R22",
    what: "a label limit above the unlabeled limit",
    kind: "limits",
    via: "cli",
    inputs: () =>
      limits([
        { unlabeled: true, maxToObjectIds: 5 },
        { typeId: 1, maxToObjectIds: 6 },
      ]),
    property: "limits[1].maxToObjectIds",
    reason: /6 is above the pair's unlabeled limit 5/,
  },
  {
    id: "R23",
    what: "the same type limited twice",
    kind: "limits",
    via: "cli",
    inputs: () =>
      limits([
        { typeId: 1, maxToObjectIds: 2 },
        { label: "Primary", maxToObjectIds: 1 },
        { typeId: 1, maxToObjectIds: 3 },
      ]),
    property: "limits[2]",
    reason: /limits the same association type as limits\[0\]/,
  },
  {
    id: "R24",
    what: "a limit on the inverse of a single label (its inverseTypeId is undefined)",
    kind: "limits",
    via: "provider",
    inputs: () => limits([{ typeId: undefined, maxToObjectIds: 3 }]),
    property: "limits[0]",
    reason: /must name exactly one association type.*none given/,
  },
  {
    id: "R25",
    what: "typeId and label in one entry",
    kind: "limits",
    via: "provider",
    inputs: () => limits([{ typeId: 1, label: "Primary", maxToObjectIds: 1 }]),
    property: "limits[0]",
    reason: /exactly one association type.*got typeId and label/,
  },
  {
    id: "R26",
    what: "a HubSpot-defined typeId of another pair",
    kind: "limits",
    via: "provider",
    inputs: () => limits([{ typeId: 279, maxToObjectIds: 1 }], { toObjectType: "deals" }),
    property: "limits[0].typeId",
    reason: /279 is a HubSpot-defined association type of Contacts → Companies, not of Contacts → Deals/i,
  },
  {
    id: "R27",
    what: "limits not a list",
    kind: "limits",
    via: "provider",
    inputs: () => limits({ unlabeled: true, maxToObjectIds: 1 }),
    property: "limits",
    reason: /limits must be a list/,
  },
  {
    id: "R28",
    what: "unknown object type on limits",
    kind: "limits",
    via: "provider",
    inputs: () => limits([], { toObjectType: "2-x" }),
    property: "toObjectType",
    reason: /object type/,
  },
];

const CONFIG_CASES: ConfigCase[] = [
  {
    id: "C01",
    what: "missing token",
    config: () => ({ "hubspot:accessToken": undefined }),
    reason: /No HubSpot access token: set it with `pulumi config set --secret hubspot:accessToken/,
  },
  {
    id: "C02",
    what: "bad token (401)",
    config: () => ({ "hubspot:accessToken": BAD_TOKEN }),
    reason: /401|Authentication credentials not found/,
    refusedBy: 401,
  },
  {
    id: "C03",
    what: "token without the write scopes (403)",
    config: () => ({ "hubspot:accessToken": READ_ONLY_TOKEN }),
    reason: /403.*required scopes|MISSING_SCOPES/s,
    refusedBy: 403,
  },
  {
    id: "C04",
    what: "wrong portal with the guard set",
    config: (c) => ({ "hubspot:portalId": String(c.emu.portalId + 1) }),
    reason: /Refusing to work on HubSpot portal \d+: the access token belongs to portal \d+, but hubspot:portalId/,
  },
  {
    id: "C05",
    what: "unreachable base URL",
    config: (c) => ({ "hubspot:baseUrl": `http://127.0.0.1:${c.unusedPort}` }),
    reason: /ECONNREFUSED/,
  },
  {
    id: "C06",
    what: "base URL that is not a URL",
    config: () => ({ "hubspot:baseUrl": "not a url" }),
    reason: /not a url|invalid url|baseUrl/i,
  },
  {
    id: "C07",
    what: "maxRequestsPer10s not a number",
    config: () => ({ "hubspot:maxRequestsPer10s": "lots" }),
    reason: /hubspot:maxRequestsPer10s \(or HUBSPOT_MAX_REQUESTS_PER_10S\) must be a positive integer, got "lots"/,
  },
];

const Y = (body: string): string => `version: 1\nassociations:\n${body}`;
const YAML_CASES: YamlCase[] = [
  {
    id: "Y01",
    what: "malformed YAML (unclosed flow sequence)",
    text: Y("  - from: contacts\n    to: [companies\n"),
    line: 5,
    col: 1,
    path: "",
    reason: /YAML syntax error/,
  },
  {
    id: "Y02",
    what: "malformed YAML (tab indentation)",
    text: Y("\t- from: contacts\n"),
    line: 3,
    col: 1,
    path: "",
    reason: /Tabs are not allowed/,
  },
  {
    id: "Y03",
    what: "unknown schema version",
    text: "version: 2\nassociations: []\n",
    line: 1,
    col: 10,
    path: "version",
    reason: /unsupported version 2/,
  },
  {
    id: "Y04",
    what: "missing version",
    text: "associations: []\n",
    line: 1,
    col: 1,
    path: "",
    reason: /missing required property "version"/,
  },
  {
    id: "Y05",
    what: "a likely typo of a standard object type",
    text: Y("  - from: companeis\n    to: companies\n"),
    line: 3,
    col: 11,
    path: "associations[0].from",
    reason: /unknown object type "companeis" \(did you mean "companies"\?\)/,
  },
  {
    id: "Y06",
    what: "duplicate label names in a pair",
    text: Y(
      "  - from: contacts\n    to: companies\n    labels:\n      - name: a\n        label: A\n      - name: a\n        label: B\n",
    ),
    line: 8,
    col: 15,
    path: "associations[0].labels[1].name",
    reason: /duplicate label name "a"/,
  },
  {
    id: "Y07",
    what: "duplicate pairs",
    text: Y("  - from: contacts\n    to: companies\n  - from: contact\n    to: company\n"),
    line: 5,
    col: 11,
    path: "associations[1].from",
    reason: /already declared at associations\[0\]/,
  },
  {
    id: "Y08",
    what: "inverse limit on a single label of a same-object pair",
    text: Y(
      "  - from: contacts\n    to: contacts\n    labels:\n      - name: a\n        label: A\n        inverseMaxToObjectIds: 3\n",
    ),
    line: 8,
    col: 9,
    path: "associations[0].labels[0].inverseMaxToObjectIds",
    reason: /a single label of a same-object pair has one association type/,
  },
  {
    id: "Y09",
    what: "label limit above the unlabeled limit",
    text: Y(
      "  - from: contacts\n    to: companies\n    maxToObjectIds: 2\n    labels:\n      - name: a\n        label: A\n        maxToObjectIds: 3\n",
    ),
    line: 9,
    col: 25,
    path: "associations[0].labels[0].maxToObjectIds",
    reason: /3 is above the unlabeled limit 2/,
  },
  {
    id: "Y10",
    what: "bad internal name (hyphen)",
    text: Y("  - from: contacts\n    to: companies\n    labels:\n      - name: a-b\n        label: A\n"),
    line: 6,
    col: 15,
    path: "associations[0].labels[0].name",
    reason: /must match/,
  },
  {
    id: "Y11",
    what: "adoptTypeId that is HubSpot-defined",
    text: Y(
      "  - from: contacts\n    to: companies\n    labels:\n      - name: ab\n        label: A\n        adoptTypeId: 279\n",
    ),
    line: 8,
    col: 22,
    path: "associations[0].labels[0].adoptTypeId",
    reason: /HubSpot-defined unlabeled type/,
  },
  {
    id: "Y12",
    what: "one adoptTypeId twice",
    text: Y(
      "  - from: contacts\n    to: companies\n    labels:\n      - name: ab\n        label: A\n        adoptTypeId: 150\n      - name: cd\n        label: C\n        adoptTypeId: 150\n",
    ),
    line: 11,
    col: 22,
    path: "associations[0].labels[1].adoptTypeId",
    reason: /already adopted/,
  },
  {
    id: "Y13",
    what: "limit zero",
    text: Y("  - from: contacts\n    to: companies\n    maxToObjectIds: 0\n"),
    line: 5,
    col: 21,
    path: "associations[0].maxToObjectIds",
    reason: /between 1 and 10000, got 0/,
  },
  {
    id: "Y14",
    what: "unknown property",
    text: Y("  - from: contacts\n    to: companies\n    colour: red\n"),
    line: 5,
    col: 5,
    path: "associations[0].colour",
    reason: /unknown property/,
  },
  { id: "Y15", what: "empty file", text: "", line: 1, col: 1, path: "", reason: /the file is empty/ },
];

describe("reliability: bad input is refused with one clear error and no write", function () {
  this.timeout(240_000);
  let emu: Emulator;
  let ctx: Ctx;
  let t: TestStack;
  let program: () => void = () => undefined;
  const goodConfig = (): Record<string, string> => ({ "hubspot:baseUrl": emu.url, "hubspot:accessToken": emu.token });

  before(async () => {
    emu = await startEmulator({
      port: 0,
      rateLimitPer10s: 0,
      tokens: [
        "pat-na1-0b0b0b0b-aaaa-4bbb-8ccc-goodtoken0001",
        {
          token: READ_ONLY_TOKEN,
          scopes: ["crm.objects.contacts.read", "crm.objects.companies.read", "crm.objects.deals.read"],
        },
      ],
    });
    const other = await hubspot<{ results: { typeId: number; label: string }[] }>(
      emu,
      "POST",
      "/crm/v4/associations/contacts/deals/labels",
      { name: "referrer", label: "Referrer" },
    );
    expect(other.status).to.equal(200);
    ctx = {
      emu,
      otherPairTypeId: Math.min(...other.body.results.map((r) => r.typeId)),
      unusedPort: await unusedPort(),
    };
    t = await createTestStack({
      projectName: "rel-bad-input",
      program: async () => {
        program();
      },
      config: emulatorConfig(emu),
    });
  });

  after(async () => {
    await t?.dispose();
    await emu?.close();
  });

  /** A fresh in-process provider host configured exactly as the provider process is (stack config). */
  let host: ProviderHost;
  function configureProvider(config: Record<string, string | undefined>): void {
    host = testHost(config);
  }

  async function assertNoWrite(row: string, refusedBy?: number): Promise<void> {
    const writes = mutatingRequests(await requestLog(emu));
    if (refusedBy === undefined) expect(writes, `${row}: mutating requests`).to.deep.equal([]);
    else
      expect(
        writes.map((w) => w.status),
        `${row}: every write refused with ${refusedBy}`,
      ).to.satisfy((s: number[]) => s.every((x) => x === refusedBy));
  }

  /** The distinct error lines Pulumi printed for the failing resource (its Diagnostics block). */
  function diagnosticErrors(failure: string): string[] {
    const lines = failure.split("\n").filter((l) => /^\s+error: /.test(l) && !/update failed|preview failed/.test(l));
    return [...new Set(lines.map((l) => l.trim()))];
  }

  for (const c of RESOURCE_CASES) {
    it(`${c.id} ${c.what} [${c.via === "cli" ? "real CLI + provider" : "provider check+create"}]`, async () => {
      tally.badInputTried();
      const inputs = c.inputs(ctx);
      configureProvider(goodConfig());
      const provider = createProvider(c.kind, host);
      await clearLog(emu);
      const before = JSON.stringify(await emulatorState(emu));

      const checked = await provider.check({}, inputs);
      const failures = checked.failures ?? [];
      if (c.property !== undefined) {
        const [failure] = exactly(failures, 1, `${c.id}: check failures`);
        expect(failure.property, `${c.id}: the property path`).to.equal(c.property);
        expect(failure.reason, `${c.id}: the reason`).to.match(c.reason);
      } else {
        expect(failures, `${c.id}: check cannot know (it makes no requests)`).to.deep.equal([]);
      }
      const created = await failureText(provider.create({ ...inputs, __provider: "shim" }));
      expect(created, `${c.id}: create refuses`).to.match(c.reason);
      await assertNoWrite(c.id);
      if (c.property !== undefined) {
        const reads = Object.fromEntries((c.reads ?? []).map((r) => [r, 1]));
        expect((await requestLog(emu)).counts, `${c.id}: no request but the reads check needs`).to.deep.equal(reads);
      }

      if (c.via === "cli") {
        await clearLog(emu);
        program = () => {
          if (c.kind === "label") new AssociationLabel("bad", inputs as never);
          else new AssociationLimits("bad", inputs as never);
        };
        const failure = await failureText(t.up());
        expect(failure, `${c.id}: up fails`).to.not.equal("");
        expect(failure, `${c.id}: up says why`).to.match(c.reason);
        if (c.property !== undefined)
          expect(failure).to.match(
            new RegExp(`property ${c.property.replace(/[[\]]/g, "\\$&")} value .* has a problem`),
          );
        const errors = diagnosticErrors(failure);
        expect(errors.length, `${c.id}: one error, got ${JSON.stringify(errors)}`).to.equal(1);
        await assertNoWrite(`${c.id} (cli)`);
      }
      expect(JSON.stringify(await emulatorState(emu)), `${c.id}: HubSpot unchanged`).to.equal(before);
      tally.badInputRefused();
    });
  }

  for (const c of CONFIG_CASES) {
    it(`${c.id} ${c.what} [real CLI]`, async () => {
      tally.badInputTried();
      const config = { ...goodConfig(), ...c.config(ctx) };
      for (const [k, v] of Object.entries(config)) {
        if (v === undefined) await t.stack.removeConfig(k);
        else await t.stack.setConfig(k, { value: v, secret: k === "hubspot:accessToken" });
      }
      await clearLog(emu);
      const before = JSON.stringify(await emulatorState(emu));
      program = () => {
        new AssociationLabel("fine", label({ name: `fine_${c.id.toLowerCase()}`, label: `Fine ${c.id}` }) as never);
      };
      try {
        const failure = await failureText(t.up());
        expect(failure, `${c.id}: up fails`).to.not.equal("");
        expect(failure, `${c.id}: up says why`).to.match(c.reason);
        const errors = diagnosticErrors(failure);
        expect(errors.length, `${c.id}: one error, got ${JSON.stringify(errors)}`).to.equal(1);
        await assertNoWrite(c.id, c.refusedBy);
        expect(JSON.stringify(await emulatorState(emu)), `${c.id}: HubSpot unchanged`).to.equal(before);
      } finally {
        for (const [k, v] of Object.entries(goodConfig()))
          await t.stack.setConfig(k, { value: v, secret: k === "hubspot:accessToken" });
        for (const k of ["hubspot:portalId", "hubspot:maxRequestsPer10s"])
          await t.stack.removeConfig(k).catch(() => undefined);
      }
      tally.badInputRefused();
    });
  }

  for (const c of YAML_CASES) {
    it(`${c.id} YAML: ${c.what} [document loader]`, () => {
      tally.badInputTried();
      const r = loadDocumentText(c.text, "hubspot-associations.yaml");
      expect(r.document, `${c.id}: refused`).to.equal(undefined);
      const [p] = exactly(r.problems, 1, `${c.id}: problems`);
      expect([p.file, p.line, p.col, p.path], `${c.id}: file, position and property path`).to.deep.equal([
        "hubspot-associations.yaml",
        c.line,
        c.col,
        c.path,
      ]);
      expect(p.message).to.match(c.reason);
      tally.badInputRefused();
    });
  }

  // Duplicate declarations in a TypeScript program: each resource is valid alone, so check cannot see them; the
  // provider refuses the second create of one operation before it sends anything. The first resource's write is
  // legitimate (it is declared), so these rows assert: one clear error, NO request from the duplicate, and HubSpot
  // holding the label once. (In YAML the loader refuses duplicates before any request: Y06, Y07, Y12.)
  let adoptable = 0;
  /** `calls`: how often the first resource calls `route` (default 1). */
  const DUPLICATE_CASES: {
    id: string;
    what: string;
    setup?: () => Promise<void>;
    program: () => void;
    reason: RegExp;
    route: string;
    calls?: number;
  }[] = [
    {
      id: "D01",
      what: "two labels with the same name on one pair",
      program: () => {
        new AssociationLabel("first", label({ name: "dup_name", label: "Dup" }) as never);
        new AssociationLabel(
          "second",
          label({ fromObjectType: "contact", toObjectType: "company", name: "dup_name", label: "Dup" }) as never,
        );
      },
      reason: /duplicates association label "Dup" .* declared by another AssociationLabel in this program/,
      route: "POST /crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
    },
    {
      id: "D02",
      what: "one name on a pair declared in both directions",
      program: () => {
        new AssociationLabel("first", label({ name: "dup_both", label: "Dup both" }) as never);
        new AssociationLabel(
          "second",
          label({
            fromObjectType: "companies",
            toObjectType: "contacts",
            name: "dup_both",
            label: "Other text",
          }) as never,
        );
      },
      reason: /HubSpot keeps one label per internal name on .* \(in either direction, names compared without case\)/,
      route: "POST /crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
    },
    {
      id: "D03",
      what: "two AssociationLimits for one pair",
      program: () => {
        new AssociationLimits("first", limits([{ unlabeled: true, maxToObjectIds: 5 }]) as never);
        new AssociationLimits(
          "second",
          limits([{ unlabeled: true, maxToObjectIds: 7 }], {
            fromObjectType: "contact",
            toObjectType: "company",
          }) as never,
        );
      },
      reason: /the limits of Contacts → Companies are declared by another AssociationLimits in this program/,
      route: "POST /crm/v4/associations/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create",
    },
    {
      id: "D04",
      what: "one existing label adopted by two resources",
      setup: async () => {
        const made = await hubspot<{ results: { typeId: number; label: string }[] }>(
          emu,
          "POST",
          "/crm/v4/associations/contacts/companies/labels",
          { name: "adopt_me", label: "Adopt me" },
        );
        adoptable = Math.min(...made.body.results.map((r) => r.typeId));
      },
      program: () => {
        new AssociationLabel("first", label({ name: "adopt_me", label: "Adopt me", adoptTypeId: adoptable }) as never);
        new AssociationLabel(
          "second",
          label({ name: "adopt_me_too", label: "Adopt me", adoptTypeId: adoptable }) as never,
        );
      },
      reason: /adopts typeId \d+, which .* adopts too: one label, one resource; declare it once/,
      route: "GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels",
      calls: 2, // the adopted single label's pair, and its reverse pair for the other half
    },
  ];

  for (const c of DUPLICATE_CASES) {
    it(`${c.id} ${c.what} [real CLI]`, async () => {
      tally.badInputTried();
      await c.setup?.();
      await clearLog(emu);
      program = c.program;
      try {
        const failure = await failureText(t.up());
        expect(failure, `${c.id}: up says why`).to.match(c.reason);
        const errors = diagnosticErrors(failure);
        expect(errors.length, `${c.id}: one error, got ${JSON.stringify(errors)}`).to.equal(1);
        const log = await requestLog(emu);
        expect(log.counts[c.route], `${c.id}: only the first resource called HubSpot`).to.equal(c.calls ?? 1);
        if (c.route.startsWith("GET")) expect(mutatingRequests(log), `${c.id}: no write at all`).to.deep.equal([]);
        const state = await emulatorState(emu);
        expect(countDuplicates(state), `${c.id}: nothing twice at HubSpot`).to.equal(0);
      } finally {
        program = () => undefined;
        await t.up(); // remove the first resource again, so that the next rows start from an empty portal
      }
      tally.badInputRefused();
    });
  }

  it("Y16 YAML: a malformed document given to AssociationSchema fails the real `up` before any request", async () => {
    tally.badInputTried();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rel-bad-yaml-"));
    const file = path.join(dir, "hubspot-associations.yaml");
    fs.writeFileSync(
      file,
      Y("  - from: contacts\n    to: companies\n    labels:\n      - name: 1st\n        label: First\n"),
    );
    await clearLog(emu);
    program = () => {
      new AssociationSchema("schema", { file });
    };
    try {
      const failure = await failureText(t.up());
      expect(failure).to.include(`${file}:6:15`);
      expect(failure).to.match(/associations\[0\]\.labels\[0\]\.name/);
      expect((await requestLog(emu)).total, "no request at all").to.equal(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    tally.badInputRefused();
  });
});
