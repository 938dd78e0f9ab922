// Custom objects by name through the real Pulumi CLI (issue 13): one YAML document, two portals whose custom object
// `cars` has different 2-N ids, a stack per portal. Each portal ends with exactly the declared labels and limits on
// its own id; an unchanged stack's preview costs one request, the schemas read; an unknown name, and a schemas read
// that keeps failing, stop the preview before any write; a 429 on it is absorbed.
import { expect } from "chai";
import { rejection } from "../helpers/async";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { AssociationSchema } from "../../sdk";
import { createTestStack, emulatorConfig, repoRoot, TestStack } from "./harness";
import { clearLog, limits, mutating, requestLog, userLabels } from "./emulator-ops";
import { exactly, firstOf } from "../helpers/items";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const SCHEMAS = "/crm/v3/schemas";

const DOCUMENT = `version: 1
associations:
  - from: contacts
    to: cars
    maxToObjectIds: 5
    labels:
      - name: driver
        label: Driver
        maxToObjectIds: 2
      - name: owner
        label: Owner
        inverseLabel: Owned car
        inverseMaxToObjectIds: 1
  - from: contacts
    to: deal          # the standard deals, although both portals have a custom object named deal
    labels:
      - name: buyer
        label: Buyer
  - from: contacts
    to: p_deal        # the custom object named deal
    labels:
      - name: buyer
        label: Deal buyer
`;

interface Portal {
  name: string;
  emu: Emulator;
  carsId: string;
  dealId: string;
  file: string;
  stack: TestStack;
}

/** What a portal holds on the document's pairs: texts of user labels by direction, and limits by label text. */
async function holdings(p: Portal): Promise<Record<string, unknown>> {
  const texts = async (from: string, to: string) =>
    (await userLabels(p.emu, from, to))
      .filter((l) => l.label !== null)
      .map((l) => l.label)
      .sort();
  const limitsByText = async (from: string, to: string) => {
    const types = await userLabels(p.emu, from, to);
    return (await limits(p.emu, from, to))
      .map((r) => `${types.find((t) => t.typeId === r.typeId)?.label ?? "(unlabeled)"}=${r.userEnforcedMaxToObjectIds}`)
      .sort();
  };
  return {
    labels: {
      contactsToCars: await texts("contacts", p.carsId),
      carsToContacts: await texts(p.carsId, "contacts"),
      contactsToDeals: await texts("contacts", "deals"),
      contactsToCustomDeal: await texts("contacts", p.dealId),
    },
    limits: {
      contactsToCars: await limitsByText("contacts", p.carsId),
      carsToContacts: await limitsByText(p.carsId, "contacts"),
    },
  };
}

/** What a user reads when the operation fails. */
const failureMessage = async (p: Promise<unknown>): Promise<string> => String(await rejection(p));

describe("e2e: custom objects by name, one document for two portals", function () {
  this.timeout(600_000);
  const portals: Portal[] = [];
  let dir: string;

  before(async () => {
    fs.mkdirSync(path.join(repoRoot, ".state"), { recursive: true });
    dir = fs.mkdtempSync(path.join(repoRoot, ".state", "custom-objects-"));
    const document = path.join(dir, "hubspot-associations.yaml");
    fs.writeFileSync(document, DOCUMENT);
    for (const [name, portalId, carsId, dealId] of [
      ["sandbox", 11111111, "2-5550001", "2-5550002"],
      ["production", 22222222, "2-7770001", "2-7770002"],
    ] as const) {
      const emu = await startEmulator({
        port: 0,
        portalId,
        customObjects: [
          { name: "cars", objectTypeId: carsId },
          { name: "deal", objectTypeId: dealId },
        ],
      });
      const p: Portal = { name, emu, carsId, dealId, file: document, stack: undefined as unknown as TestStack };
      p.stack = await createTestStack({
        projectName: `custom-${name}`,
        config: emulatorConfig(emu),
        program: async () => {
          const schema = new AssociationSchema("schema", { file: p.file });
          // Optional: a test swaps in a document without these children.
          return {
            carsId: schema.labels["0-1/p_cars/driver"]?.toObjectTypeId,
            customDealId: schema.labels["0-1/p_deal/buyer"]?.toObjectTypeId,
            standardDealId: schema.labels["0-1/0-3/buyer"]?.toObjectTypeId,
            limitsId: schema.limits["0-1/p_cars"]?.id,
            inverseLimitsId: schema.limits["p_cars/0-1"]?.id,
          };
        },
      });
      portals.push(p);
    }
  });

  after(async () => {
    for (const p of portals) {
      await p.stack?.dispose();
      await p.emu.close();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("up: each portal holds exactly the declared labels and limits on its own ids, and its outputs and state say so", async () => {
    for (const p of portals) {
      const outputs = Object.fromEntries(Object.entries((await p.stack.up()).outputs).map(([k, v]) => [k, v.value]));
      expect(outputs, p.name).to.deep.equal({
        carsId: p.carsId,
        customDealId: p.dealId,
        standardDealId: "0-3",
        limitsId: `0-1/${p.carsId}`,
        inverseLimitsId: `${p.carsId}/0-1`,
      });
      expect(await holdings(p), p.name).to.deep.equal({
        labels: {
          contactsToCars: ["Driver", "Owner"],
          carsToContacts: ["Driver", "Owned car"],
          contactsToDeals: ["Buyer"],
          contactsToCustomDeal: ["Deal buyer"],
        },
        limits: { contactsToCars: ["(unlabeled)=5", "Driver=2"], carsToContacts: ["Owned car=1"] },
      });
      const other = portals.find((q) => q !== p) as Portal;
      const state = await p.stack.exportState();
      expect(state).to.contain(`"id": "0-1/${p.carsId}/`);
      expect(state).to.contain(`"toObjectTypeId": "${p.dealId}"`);
      expect(state).to.not.contain(other.carsId);
    }
  });

  it("an unchanged stack: the preview makes one request, the schemas read; a refresh finds no change", async () => {
    for (const p of portals) {
      await clearLog(p.emu);
      await p.stack.preview({ expectNoChanges: true });
      const log = await requestLog(p.emu);
      expect(
        log.entries.map((e) => `${e.method} ${e.route} ${e.status}`),
        p.name,
      ).to.deep.equal([`GET ${SCHEMAS} 200`]);
      await p.stack.refresh({ expectNoChanges: true });
    }
  });

  it("an unknown custom object name fails the preview with the names that exist, before any write", async () => {
    const p = firstOf(portals, "portals");
    p.file = path.join(dir, "unknown.yaml");
    fs.writeFileSync(p.file, DOCUMENT.replace("to: cars", "to: trucks"));
    await clearLog(p.emu);
    const failure = await failureMessage(p.stack.preview());
    p.file = path.join(dir, "hubspot-associations.yaml");
    // Both labels of the pair fail check; the engine stops at whichever of them it checks first.
    const problem =
      `property toObjectType value {trucks} has a problem: no custom object named "trucks" in this portal; ` +
      `its custom objects are: cars (${p.carsId}), deal (${p.dealId})`;
    expect(failure, failure).to.satisfy(
      (f: string) =>
        f.includes(`'schema/0-1/p_trucks/driver': ${problem}`) || f.includes(`'schema/0-1/p_trucks/owner': ${problem}`),
    );
    expect(failure).to.not.contain("Unhandled exception");
    expect(mutating(await requestLog(p.emu))).to.deep.equal([]);
  });

  it("the schemas read: a 429 is retried and the preview goes on; a persistent 5xx fails it clearly, before any write", async () => {
    const p = firstOf(portals, "portals");
    await clearLog(p.emu);
    // SECONDLY: its Retry-After is 1 s where TEN_SECONDLY_ROLLING's is the whole 10 s window; the client retries both alike.
    p.emu.injectFault({ method: "GET", route: SCHEMAS, status: 429, policy: "SECONDLY", count: 1 });
    await p.stack.preview({ expectNoChanges: true });
    const absorbed = await requestLog(p.emu);
    expect(absorbed.entries.map((e) => `${e.method} ${e.route} ${e.status}`)).to.deep.equal(
      [429, 200].map((s) => `GET ${SCHEMAS} ${s}`),
    );

    await clearLog(p.emu);
    p.emu.injectFault({ method: "GET", route: SCHEMAS, status: 503, count: 1000 });
    const failure = await failureMessage(p.stack.preview());
    p.emu.clearFaults();
    expect(failure).to.contain(
      "error: HubSpot API error 503 on GET /crm/v3/schemas: Service Unavailable (correlationId: ",
    );
    const log = await requestLog(p.emu);
    expect(log.entries.every((e) => e.method === "GET" && e.route === SCHEMAS)).to.equal(true);
    expect(mutating(log)).to.deep.equal([]);
  });

  it("destroy: each portal is left without what its stack declared; the other portal's stack is not touched", async () => {
    const empty = {
      labels: { contactsToCars: [], carsToContacts: [], contactsToDeals: [], contactsToCustomDeal: [] },
      limits: { contactsToCars: [], carsToContacts: [] },
    };
    const [sandbox, production] = exactly(portals, 2, "portals");
    const before = await holdings(production);
    await sandbox.stack.destroy();
    expect(await holdings(sandbox)).to.deep.equal(empty);
    expect(await holdings(production)).to.deep.equal(before);
    await production.stack.destroy();
    expect(await holdings(production)).to.deep.equal(empty);
  });
});
