import { expect } from "chai";
import type { AssociationTypeInfo, HubSpotApi, LimitConfiguration } from "../../provider/hubspot/api";
import { PairCache } from "../../provider/pair-cache";
import { firstOf } from "../helpers/items";

/** Counts reads; answers after a tick so that concurrent callers really overlap. */
type PairReads = Pick<HubSpotApi, "listLabels" | "listLimits">;

function fakeApi(): { api: PairReads; calls: string[]; labels: AssociationTypeInfo[]; fail: { next: boolean } } {
  const calls: string[] = [];
  const labels: AssociationTypeInfo[] = [{ category: "HUBSPOT_DEFINED", typeId: 279, label: null }];
  const fail = { next: false };
  const limits: LimitConfiguration[] = [
    { category: "HUBSPOT_DEFINED", typeId: 279, userEnforcedMaxToObjectIds: 5, label: null },
  ];
  const later = <T>(v: T): Promise<T> =>
    new Promise((resolve, reject) =>
      setTimeout(() => (fail.next ? ((fail.next = false), reject(new Error("boom"))) : resolve(v)), 5),
    );
  const api: PairReads = {
    listLabels: (f, t) => (calls.push(`labels ${f}/${t}`), later(labels.map((l) => ({ ...l })))),
    listLimits: (f, t) => (calls.push(`limits ${f}/${t}`), later(limits.map((l) => ({ ...l })))),
  };
  return { api, calls, labels, fail };
}

describe("unit: pair cache", () => {
  it("coalesces concurrent reads into one GET per pair and reuses the answer", async () => {
    const f = fakeApi();
    const c = new PairCache(f.api);
    const results = await Promise.all([
      c.labelsOf("0-1", "0-2"),
      c.labelsOf("0-1", "0-2"),
      c.labelsOf("0-2", "0-1"),
      c.limitsOf("0-1", "0-2"),
      c.limitsOf("0-1", "0-2"),
    ]);
    await c.labelsOf("0-1", "0-2");
    expect(f.calls.sort()).to.deep.equal(["labels 0-1/0-2", "labels 0-2/0-1", "limits 0-1/0-2"]);
    expect(results[0]).to.deep.equal(results[1]);
  });

  it("answers copies: callers cannot corrupt the cache", async () => {
    const c = new PairCache(fakeApi().api);
    const a = await c.labelsOf("0-1", "0-2");
    firstOf(a).label = "mutated";
    a.push({ category: "USER_DEFINED", typeId: 1, label: "x" });
    expect(await c.labelsOf("0-1", "0-2")).to.deep.equal([{ category: "HUBSPOT_DEFINED", typeId: 279, label: null }]);
  });

  it("writes through: added, renamed and removed labels; limits replaced", async () => {
    const f = fakeApi();
    const c = new PairCache(f.api);
    await c.labelsOf("0-1", "0-2");
    await c.limitsOf("0-1", "0-2");
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 101, label: "A" }]);
    c.setLabelText("0-1", "0-2", 101, "B");
    expect((await c.labelsOf("0-1", "0-2")).map((l) => l.label)).to.deep.equal([null, "B"]);
    c.setLimits("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 101, userEnforcedMaxToObjectIds: 2 }]);
    c.removeLabel("0-1", "0-2", 101);
    expect(await c.labelsOf("0-1", "0-2")).to.have.length(1);
    expect(await c.limitsOf("0-1", "0-2")).to.deep.equal([]);
    expect(f.calls).to.have.length(2);
  });

  it("a write while a read is in flight is replayed on its answer: no second GET, and the write is seen", async () => {
    const f = fakeApi();
    const c = new PairCache(f.api);
    const inflight = c.labelsOf("0-1", "0-2");
    const alsoInflight = c.labelsOf("0-1", "0-2");
    // HubSpot answers the GET without the label (served before the POST), yet the write must show
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 101, label: "A" }]);
    expect((await inflight).map((l) => l.typeId)).to.deep.equal([279, 101]);
    expect((await alsoInflight).map((l) => l.typeId)).to.deep.equal([279, 101]);
    expect((await c.labelsOf("0-1", "0-2")).map((l) => l.typeId)).to.deep.equal([279, 101]);
    expect(f.calls).to.have.length(1);
  });

  it("replayed edits are idempotent: an answer that already holds the write stays exact, and order is kept", async () => {
    const f = fakeApi();
    f.labels.push({ category: "USER_DEFINED", typeId: 101, label: "A" }); // served after the POST
    const c = new PairCache(f.api);
    const inflight = c.labelsOf("0-1", "0-2");
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 101, label: "A" }]);
    c.setLabelText("0-1", "0-2", 101, "B");
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 102, label: "C" }]);
    c.removeLabel("0-1", "0-2", 102);
    expect((await inflight).map((l) => [l.typeId, l.label])).to.deep.equal([
      [279, null],
      [101, "B"],
    ]);
    expect(f.calls).to.have.length(1);
  });

  it("remembers labels this process wrote even for pairs it never read, until deleted or made uncertain", () => {
    const f = fakeApi();
    const c = new PairCache(f.api);
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 101, label: "A" }]);
    c.setLabelText("0-1", "0-2", 101, "B");
    expect(c.writtenLabel("0-1", "0-2", 101)).to.deep.equal({ category: "USER_DEFINED", typeId: 101, label: "B" });
    expect(c.writtenLabel("0-2", "0-1", 101)).to.equal(undefined);
    c.removeLabel("0-1", "0-2", 101);
    expect(c.writtenLabel("0-1", "0-2", 101)).to.equal(undefined);
    c.addLabels("0-1", "0-2", [{ category: "USER_DEFINED", typeId: 102, label: "C" }]);
    c.invalidateLabels("0-1", "0-2");
    expect(c.writtenLabel("0-1", "0-2", 102)).to.equal(undefined);
    expect(f.calls).to.deep.equal([]);
  });

  it("never caches failures; invalidate and fresh force a new GET", async () => {
    const f = fakeApi();
    const c = new PairCache(f.api);
    f.fail.next = true;
    let failed = false;
    await c.labelsOf("0-1", "0-2").catch(() => (failed = true));
    expect(failed).to.equal(true);
    await c.labelsOf("0-1", "0-2");
    c.invalidateLabels("0-1", "0-2");
    await c.labelsOf("0-1", "0-2");
    await c.labelsOf("0-1", "0-2", { fresh: true });
    expect(f.calls).to.have.length(4);
  });
});
