// Contract: association limits C1–C5 (reference §2.2, §5, §11.1–11.2).
import { expect } from "chai";
import {
  BatchEnvelope,
  ConfigResult,
  ConfigsResponse,
  ErrorBody,
  LabelsResponse,
  useEmulator,
} from "../helpers/emulator-http";

const C = "/crm/v4/associations/definitions/configurations";
const CA = "/crm/associations/v4/definitions/configurations";

describe("emulator contract: configurations (limits)", () => {
  const { api } = useEmulator({ maxLimitValue: 5 });

  async function paired(): Promise<{ fwd: number; inv: number }> {
    const r = await api().post<LabelsResponse>("/crm/v4/associations/contacts/companies/labels", {
      name: "mgr",
      label: "Manager",
      inverseLabel: "Employee",
    });
    return {
      fwd: r.body.results.find((x) => x.label === "Manager")!.typeId,
      inv: r.body.results.find((x) => x.label === "Employee")!.typeId,
    };
  }

  it("C1/C2 GET → 200 {results:[]} on a fresh portal (only types with a custom limit are listed)", async () => {
    for (const p of [`${C}/all`, `${C}/contacts/companies`, `${CA}/all`, `${CA}/contact/company`]) {
      const r = await api().get<ConfigsResponse>(p);
      expect(r.status, p).to.equal(200);
      expect(r.body).to.deep.equal({ results: [] });
    }
  });

  it("C3 batch/create → 201 envelope echoing userEnforcedMaxToObjectIds (never maxToObjectIds) with label", async () => {
    const { fwd } = await paired();
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 },
        { category: "USER_DEFINED", typeId: fwd, maxToObjectIds: 2 },
      ],
    });
    expect(r.status).to.equal(201);
    expect(r.body.status).to.equal("COMPLETE");
    expect(r.body).to.not.have.property("numErrors");
    expect(r.body).to.not.have.property("errors");
    expect(new Date(r.body.startedAt).toISOString()).to.equal(r.body.startedAt);
    expect(new Date(r.body.completedAt).toISOString()).to.equal(r.body.completedAt);
    expect(r.body.results).to.deep.include({
      category: "HUBSPOT_DEFINED",
      typeId: 279,
      userEnforcedMaxToObjectIds: 3,
      label: null,
    });
    expect(r.body.results).to.deep.include({
      category: "USER_DEFINED",
      typeId: fwd,
      userEnforcedMaxToObjectIds: 2,
      label: "Manager",
    });
    const pair = await api().get<ConfigsResponse>(`${C}/contacts/companies`);
    expect(pair.body.results).to.have.length(2);
    for (const x of pair.body.results) expect(x).to.not.have.property("maxToObjectIds");
    expect((await api().get<ConfigsResponse>(`${C}/companies/contacts`)).body.results).to.deep.equal([]);
    expect((await api().get<ConfigsResponse>(`${C}/all`)).body.results).to.have.length(2);
  });

  it("C4 batch/update → 200 envelope without label", async () => {
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 }],
    });
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/update`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 4 }],
    });
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal("COMPLETE");
    expect(r.body.results).to.deep.equal([{ category: "HUBSPOT_DEFINED", typeId: 279, userEnforcedMaxToObjectIds: 4 }]);
  });

  it("C5 batch/purge → 204, the type falls back to the system default (no longer listed)", async () => {
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 }],
    });
    const r = await api().post(`${C}/contacts/companies/batch/purge`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279 }],
    });
    expect(r.status).to.equal(204);
    expect(r.text).to.equal("");
    expect((await api().get<ConfigsResponse>(`${C}/contacts/companies`)).body.results).to.deep.equal([]);
    // purging a type without a limit is a no-op
    expect(
      (
        await api().post(`${C}/contacts/companies/batch/purge`, {
          inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279 }],
        })
      ).status,
    ).to.equal(204);
  });

  it("purge with an invalid type for the pair → 400 INVALID_ASSOCIATION_TYPE", async () => {
    const r = await api().post<ErrorBody>(`${C}/contacts/companies/batch/purge`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 5 }],
    });
    expect(r.status).to.equal(400);
    expect(r.body.subCategory).to.equal("crm.associations.INVALID_ASSOCIATION_TYPE");
  });

  it("invalid typeId for the pair → 207 CANCELED envelope with the INVALID_ASSOCIATION_TYPE item", async () => {
    for (const op of ["create", "update"]) {
      const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/deals/batch/${op}`, {
        inputs: [{ category: "HUBSPOT_DEFINED", typeId: 5, maxToObjectIds: 1 }],
      });
      expect(r.status).to.equal(207);
      expect(r.body.status).to.equal("CANCELED");
      expect(r.body.results).to.deep.equal([]);
      expect(r.body.numErrors).to.equal(1);
      expect(r.body.errors![0]).to.deep.equal({
        status: "error",
        category: "VALIDATION_ERROR",
        subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
        message: "0-5 is not a valid association type between CONTACT and DEAL",
        context: { type: ["0-5"], fromObjectType: ["CONTACT"], toObjectType: ["DEAL"] },
      });
    }
  });

  it("maxToObjectIds outside 1..maxLimitValue → error item naming the range", async () => {
    for (const v of [0, 6, -1, 2.5]) {
      const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
        inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: v }],
      });
      expect(r.status, String(v)).to.equal(207);
      expect(r.body.errors?.[0]?.message).to.equal("maxToObjectIds must be between 1 and 5 for this association type");
    }
  });

  it("one bad item cancels the whole batch: 207 CANCELED, every problem listed, nothing applied", async () => {
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 },
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 99 },
        { category: "HUBSPOT_DEFINED", typeId: 5, maxToObjectIds: 1 },
      ],
    });
    expect(r.status).to.equal(207);
    expect(r.body.status).to.equal("CANCELED");
    expect(r.body.results).to.deep.equal([]);
    expect(r.body.numErrors).to.equal(2);
    expect(r.body.errors!.map((e) => e.subCategory).sort()).to.deep.equal([
      "crm.associations.INVALID_ASSOCIATION_TYPE",
      "crm.associations.INVALID_LIMIT",
    ]);
    expect((await api().get<ConfigsResponse>(`${C}/contacts/companies`)).body.results).to.deep.equal([]);
  });

  it("a typeId twice in one batch → one error naming it, nothing applied", async () => {
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 },
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 4 },
      ],
    });
    expect(r.status).to.equal(207);
    expect(r.body.errors!.map((e) => e.message)).to.deep.equal(["Association type 279 appears 2 times in this batch"]);
    expect((await api().get<ConfigsResponse>(`${C}/contacts/companies`)).body.results).to.deep.equal([]);
  });

  describe("a batch is validated as a whole: the same batch in every order has the same outcome", () => {
    function permutations<T>(items: T[]): T[][] {
      if (items.length <= 1) return [items];
      return items.flatMap((x, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
      );
    }
    type Input = { category: string; typeId: number; maxToObjectIds: number };
    async function outcome(
      op: string,
      inputs: Input[],
    ): Promise<{ status: number; envelope: string; errors: string[]; limits: string[] }> {
      const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/${op}`, { inputs });
      const limits = (await api().get<ConfigsResponse>(`${C}/contacts/companies`)).body.results
        .map((x) => `${x.typeId}=${x.userEnforcedMaxToObjectIds}`)
        .sort();
      return {
        status: r.status,
        envelope: r.body.status,
        errors: (r.body.errors ?? []).map((e) => `${e.context.typeId?.[0]}: ${e.message}`).sort(),
        limits,
      };
    }
    async function setUp(initial: Input[]): Promise<void> {
      await api().post(`${C}/contacts/companies/batch/purge`, {
        inputs: [279, 1, 931].map((typeId) => ({ category: "HUBSPOT_DEFINED", typeId })),
      });
      if (initial.length > 0)
        expect((await api().post(`${C}/contacts/companies/batch/create`, { inputs: initial })).status).to.equal(201);
    }
    const U = (v: number): Input => ({ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: v });
    const P = (v: number): Input => ({ category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: v });
    const B = (v: number): Input => ({ category: "HUBSPOT_DEFINED", typeId: 931, maxToObjectIds: v });

    const cases: Array<[string, Input[], string, Input[], (o: { status: number; errors: string[] }) => void]> = [
      // lowering the unlabeled limit and a label limit in one batch works in every order
      ["lowering both", [U(5), P(4), B(4)], "update", [U(2), P(2), B(1)], (o) => expect(o.status).to.equal(200)],
      // raising a label above the unlabeled limit the same batch lowers: the label item is refused, whatever the order
      [
        "a label above the lowered unlabeled limit",
        [U(4), P(2)],
        "update",
        [U(2), P(3)],
        (o) =>
          expect(o.errors).to.deep.equal([
            "1: maxToObjectIds must be between 1 and 2 for this association type (a label limit may not exceed the unlabeled limit of 2)",
          ]),
      ],
      // lowering the unlabeled limit below a label limit the batch does not touch: the unlabeled item is refused
      [
        "the unlabeled below an untouched label",
        [U(5), P(4), B(1)],
        "update",
        [U(3), B(2)],
        (o) =>
          expect(o.errors).to.deep.equal([
            "279: maxToObjectIds must be between 4 and 5 for this association type: a label of this pair has a limit of 4, and a label limit may not exceed the unlabeled limit",
          ]),
      ],
      // creating the unlabeled limit and labels above it at once
      [
        "creating labels above a new unlabeled limit",
        [],
        "create",
        [P(3), U(2), B(1)],
        (o) => expect(o.errors.map((e) => e.split(":")[0])).to.deep.equal(["1"]),
      ],
    ];
    for (const [what, initial, op, batch, check] of cases) {
      it(what, async () => {
        let first: Awaited<ReturnType<typeof outcome>> | undefined;
        for (const order of permutations(batch)) {
          await setUp(initial);
          const o = await outcome(op, order);
          check(o);
          if (o.status === 207) {
            expect(o.envelope, JSON.stringify(order)).to.equal("CANCELED");
            expect(o.limits, "nothing applied").to.deep.equal(
              initial.map((x) => `${x.typeId}=${x.maxToObjectIds}`).sort(),
            );
          }
          if (first) expect(o, JSON.stringify(order)).to.deep.equal(first);
          first = o;
        }
      });
    }
  });

  it("a label limit never above the unlabeled limit of the same direction", async () => {
    const { fwd } = await paired();
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 2 }],
    });
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "USER_DEFINED", typeId: fwd, maxToObjectIds: 3 }],
    });
    expect(r.status).to.equal(207);
    expect(r.body.status).to.equal("CANCELED");
    expect(r.body.errors?.[0]?.message).to.match(/^maxToObjectIds must be between 1 and 2 for this association type/);
  });

  it("lowering the unlabeled limit below an existing label limit is refused", async () => {
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 4 },
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 3 },
      ],
    });
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/update`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 2 }],
    });
    expect(r.status).to.equal(207);
    expect(r.body.errors?.[0]?.message).to.match(/^maxToObjectIds must be between 3 and 5 for this association type/);
    expect((await api().get<ConfigsResponse>(`${C}/contacts/companies`)).body.results).to.deep.include({
      category: "HUBSPOT_DEFINED",
      typeId: 279,
      userEnforcedMaxToObjectIds: 4,
      label: null,
    });
  });

  it("the rule is evaluated on the state after the whole batch: lowering both or raising both in one batch works", async () => {
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 2 },
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 2 },
      ],
    });
    const up = await api().post(`${C}/contacts/companies/batch/update`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 4 },
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 5 },
      ],
    });
    expect(up.status).to.equal(200);
    const down = await api().post(`${C}/contacts/companies/batch/update`, {
      inputs: [
        { category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 1 },
        { category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 1 },
      ],
    });
    expect(down.status).to.equal(200);
  });

  it("create for a type that already has a limit, and update for one without, are error items", async () => {
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 2 }],
    });
    const dupe = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 3 }],
    });
    expect(dupe.status).to.equal(207);
    expect(dupe.body.errors?.[0]?.message).to.match(/already has a limit/);
    const missing = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/companies/batch/update`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 1, maxToObjectIds: 1 }],
    });
    expect(missing.status).to.equal(207);
    expect(missing.body.errors?.[0]?.message).to.match(/has no limit/);
  });

  it("missing fields → 400; oversized batch (> 100) → 400; missing body → 400", async () => {
    const r = await api().post<ErrorBody>(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279 }],
    });
    expect(r.status).to.equal(400);
    expect(r.body.message).to.match(/maxToObjectIds is required/);
    const inputs = Array.from({ length: 101 }, () => ({ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 1 }));
    const big = await api().post<ErrorBody>(`${C}/contacts/companies/batch/create`, { inputs });
    expect(big.status).to.equal(400);
    expect(big.body.message).to.match(/exceeds the maximum of 100/);
    const none = await api().post<ErrorBody>(`${C}/contacts/companies/batch/create`);
    expect(none.status).to.equal(400);
    expect(none.body.message).to.equal("Invalid JSON input: a request body was expected, but none found");
  });

  it("the same-object unlabeled type carries one limit for both directions", async () => {
    const r = await api().post<BatchEnvelope<ConfigResult>>(`${C}/contacts/contacts/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 449, maxToObjectIds: 2 }],
    });
    expect(r.status).to.equal(201);
    expect((await api().get<ConfigsResponse>(`${C}/contacts/contacts`)).body.results).to.have.length(1);
  });

  it("deleting a label drops its limit", async () => {
    const { fwd } = await paired();
    await api().post(`${C}/contacts/companies/batch/create`, {
      inputs: [{ category: "USER_DEFINED", typeId: fwd, maxToObjectIds: 1 }],
    });
    expect((await api().del(`/crm/v4/associations/contacts/companies/labels/${fwd}`)).status).to.equal(204);
    expect((await api().get<ConfigsResponse>(`${C}/all`)).body.results).to.deep.equal([]);
  });
});
