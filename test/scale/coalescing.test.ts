// Read coalescing under concurrent writes, deterministically: the provider's own create/read functions in one
// "process" (as the dynamic-provider host runs them), against the emulator, with the reverse pair's labels GET
// answered late. Under rate limiting a GET can wait seconds in the limiter's queue while other resources of the
// run write to the same pair; those writes must neither start another GET (a first version dropped the in-flight
// entry, which at N = 500 and parallel 64 cost 209 labels GETs instead of 20) nor be lost from the answer.
import { expect } from "chai";
import { sleep } from "../helpers/async";
import type { HubSpotApi } from "../../provider/hubspot/api";
import { Bag, label, limits, ProviderHarness, ROUTES } from "../provider/harness";
import { itemAt } from "../helpers/items";

describe("scale: coalesced reads under concurrent writes (provider functions, one process)", function () {
  this.timeout(60_000);
  const h = new ProviderHarness();
  /** "from/to" of pairs whose labels GET answer is held back (HubSpot served it, the answer arrives late). */
  const slow = new Map<string, number>();

  before(async () => {
    await h.start();
    h.wrapClient = (real) => {
      const api: HubSpotApi = Object.create(real) as HubSpotApi;
      api.listLabels = async (from: string, to: string) => {
        const answer = await real.listLabels(from, to);
        const delay = slow.get(`${from}/${to}`);
        if (delay !== undefined) await sleep(delay);
        return answer;
      };
      return api;
    };
    await h.configure();
  });

  after(async () => {
    await h.stop();
  });

  beforeEach(async () => {
    await h.reset();
    await h.configure();
    await h.clearLog();
    slow.clear();
  });

  const paired = (i: number, from: string, to: string): Bag => ({
    fromObjectType: from,
    toObjectType: to,
    name: `p${i}`,
    label: `P${i} ${from}>${to}`,
    inverseLabel: `P${i} ${to}<${from}`,
  });

  it("writes to a pair whose GET is in flight are replayed on its answer: one GET per pair, nothing lost", async () => {
    const existing = await Promise.all([0, 1, 2, 3].map((i) => label.create(paired(i, "0-1", "0-2"))));
    h.newProcess(); // a new `pulumi up --refresh`: nothing cached
    await h.clearLog();
    // Both directions answer 400 ms late, and HubSpot serves them BEFORE the creates below land.
    slow.set("0-1/0-2", 400);
    slow.set("0-2/0-1", 400);
    const early = existing.slice(0, 2).map((c) => label.read(c.id, c.outs as Bag));
    const creates = [10, 11, 12].map((i) => label.create(paired(i, "0-1", "0-2")));
    // By now the creates have landed; the contacts -> companies GET is still in flight. More readers join it.
    await sleep(200);
    const late = existing.slice(2).map((c) => label.read(c.id, c.outs as Bag));
    const reads = await Promise.all([...early, ...late]);
    const created = await Promise.all(creates);
    for (const [i, r] of reads.entries())
      expect(r.inputs?.inverseLabel).to.equal((itemAt(existing, i).outs as Bag).inverseLabel);
    expect(await h.count("GET", ROUTES.labels)).to.equal(2);
    expect(await h.count("POST", ROUTES.labels)).to.equal(3);

    // The cached lists hold the new labels although HubSpot's answers predate them.
    for (const [from, to] of [
      ["0-1", "0-2"],
      ["0-2", "0-1"],
    ] as const) {
      const cached = await h.session().pairs.labelsOf(from, to);
      const live = await h.labels(from, to);
      expect(cached.map((l) => [l.typeId, l.label]).sort()).to.deep.equal(live.map((l) => [l.typeId, l.label]).sort());
    }
    // Reading every label again in the same process costs nothing.
    await h.clearLog();
    const again = await Promise.all([...existing, ...created].map((c) => label.read(c.id, c.outs as Bag)));
    for (const [i, r] of again.entries())
      expect(r.inputs?.label).to.equal((itemAt([...existing, ...created], i).outs as Bag).label);
    expect((await h.log()).total).to.equal(0);
  });

  it("limits on labels created in the same process read no label list: one configurations GET and one batch per pair", async () => {
    const made = await label.create(paired(1, "0-1", "0-3"));
    await h.clearLog();
    const r = await limits.create({
      fromObjectType: "0-1",
      toObjectType: "0-3",
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: (made.outs as Bag).typeId, maxToObjectIds: 2 },
      ],
    });
    expect(r.id).to.equal("0-1/0-3");
    const log = await h.log();
    expect(log.counts).to.deep.equal({ [`GET ${ROUTES.limits}`]: 1, [`POST ${ROUTES.limitsCreate}`]: 1 });
    expect(await h.limits("0-1", "0-3")).to.deep.equal([
      [4, 10],
      [(made.outs as Bag).typeId as number, 2],
    ]);
  });

  it("concurrent reads of one pair share one GET; a fresh process reads each pair once", async () => {
    const made = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => label.create(paired(i, "0-1", "0-3"))));
    h.newProcess();
    await h.clearLog();
    slow.set("0-1/0-3", 100);
    const reads = await Promise.all(made.map((c) => label.read(c.id, c.outs as Bag)));
    expect(reads.every((r) => r.id !== "")).to.equal(true);
    // contacts -> deals for the labels, deals -> contacts for their inverse texts: exactly two GETs.
    expect(await h.count("GET", ROUTES.labels)).to.equal(2);
    expect((await h.log()).total).to.equal(2);
  });
});
