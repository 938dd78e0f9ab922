// Contract: record associations R1–R4, batch B1–B5, report H1 (reference §2.3–2.5, §11.4–11.5).
import { expect } from "chai";
import {
  AssociationListResponse,
  BatchEnvelope,
  BatchReadResult,
  ConfigResult,
  DefaultAssociation,
  ErrorBody,
  LabelsBetweenObjectPair,
  LabelsResponse,
  useEmulator,
} from "../helpers/emulator-http";
import { defined } from "../helpers/items";

const O = "/crm/v4/objects";
const B = "/crm/v4/associations";

describe("emulator contract: record associations", () => {
  const { api } = useEmulator({ pageSize: 3 });

  async function pairedLabel(): Promise<{ fwd: number; inv: number }> {
    const r = await api().post<LabelsResponse>(`${B}/contacts/companies/labels`, {
      name: "mgr",
      label: "Manager",
      inverseLabel: "Employee",
    });
    return {
      fwd: r.body.results.find((x) => x.label === "Manager")!.typeId,
      inv: r.body.results.find((x) => x.label === "Employee")!.typeId,
    };
  }

  it("R1 PUT default → 200 envelope with one row per direction (279 and 280)", async () => {
    const c = await api().record("contacts");
    const co = await api().record("companies");
    const r = await api().put<BatchEnvelope<DefaultAssociation>>(
      `${O}/contacts/${c}/associations/default/companies/${co}`,
    );
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal("COMPLETE");
    expect(r.body.startedAt).to.be.a("string");
    expect(r.body.completedAt).to.be.a("string");
    expect(r.body).to.not.have.property("errors");
    expect(r.body.results).to.deep.equal([
      {
        from: { id: c },
        to: { id: co },
        associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 279 },
      },
      {
        from: { id: co },
        to: { id: c },
        associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 280 },
      },
    ]);
  });

  it("R2 PUT labelled → 201 LabelsBetweenObjectPair with numeric ids; implies the unlabeled type both ways", async () => {
    const { fwd, inv } = await pairedLabel();
    const c = await api().record("contacts");
    const co = await api().record("companies");
    const r = await api().put<LabelsBetweenObjectPair>(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "USER_DEFINED", associationTypeId: fwd },
    ]);
    expect(r.status).to.equal(201);
    expect(r.body).to.deep.equal({
      fromObjectTypeId: "0-1",
      fromObjectId: Number(c),
      toObjectTypeId: "0-2",
      toObjectId: Number(co),
      labels: ["Manager"],
    });
    const back = await api().get<AssociationListResponse>(`${O}/companies/${co}/associations/contacts`);
    expect(back.status).to.equal(200);
    expect(back.body.results).to.have.length(1);
    expect(back.body.results[0]?.toObjectId).to.equal(Number(c));
    expect(back.body.results[0]?.associationTypes).to.deep.include.members([
      { category: "HUBSPOT_DEFINED", typeId: 280, label: null },
      { category: "USER_DEFINED", typeId: inv, label: "Employee" },
    ]);
  });

  it("R2 replaces the label set (send old + new to append)", async () => {
    const c = await api().record("contacts");
    const co = await api().record("companies");
    const { fwd } = await pairedLabel();
    await api().put(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "USER_DEFINED", associationTypeId: fwd },
    ]);
    const r = await api().put<LabelsBetweenObjectPair>(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
    ]);
    expect(r.body.labels).to.deep.equal(["Primary"]);
    const both = await api().put<LabelsBetweenObjectPair>(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
      { associationCategory: "USER_DEFINED", associationTypeId: fwd },
    ]);
    expect(both.body.labels).to.have.members(["Primary", "Manager"]);
  });

  it("R2 errors: invalid type for the pair → 400 INVALID_ASSOCIATION_TYPE; object body → 400 Invalid input JSON; no body → 400", async () => {
    const c = await api().record("contacts");
    const co = await api().record("companies");
    const bad = await api().put<ErrorBody>(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 280 },
    ]);
    expect(bad.status).to.equal(400);
    expect(bad.body.subCategory).to.equal("crm.associations.INVALID_ASSOCIATION_TYPE");
    expect(bad.body.message).to.equal("0-280 is not a valid association type between CONTACT and COMPANY");
    const obj = await api().put<ErrorBody>(`${O}/contacts/${c}/associations/companies/${co}`, {
      associationCategory: "HUBSPOT_DEFINED",
      associationTypeId: 1,
    });
    expect(obj.status).to.equal(400);
    expect(obj.body.message).to.match(
      /^Invalid input JSON on line 1, column 1: Cannot deserialize value of type `java.util.HashSet/,
    );
    const none = await api().put<ErrorBody>(`${O}/contacts/${c}/associations/companies/${co}`);
    expect(none.status).to.equal(400);
    expect(none.body.category).to.equal("VALIDATION_ERROR");
    expect(none.body.message).to.equal("Invalid JSON input: a request body was expected, but none found");
  });

  it("non-existent records → 404 OBJECT_NOT_FOUND", async () => {
    const c = await api().record("contacts");
    const r = await api().put<ErrorBody>(`${O}/contacts/${c}/associations/default/companies/987654`);
    expect(r.status).to.equal(404);
    expect(r.body.category).to.equal("OBJECT_NOT_FOUND");
  });

  it("R3 GET pages with limit and an opaque after cursor; paging only when more results exist", async () => {
    const c = await api().record("contacts");
    const cos: string[] = [];
    for (let i = 0; i < 5; i++) {
      const co = await api().record("companies");
      cos.push(co);
      await api().put(`${O}/contacts/${c}/associations/default/companies/${co}`);
    }
    const p1 = await api().get<AssociationListResponse>(`${O}/contacts/${c}/associations/companies?limit=2`);
    expect(p1.body.results.map((x) => x.toObjectId)).to.deep.equal(cos.slice(0, 2).map(Number));
    expect(p1.body.paging!.next!.after).to.be.a("string");
    const p2 = await api().get<AssociationListResponse>(
      `${O}/contacts/${c}/associations/companies?limit=2&after=${encodeURIComponent(p1.body.paging!.next!.after)}`,
    );
    expect(p2.body.results.map((x) => x.toObjectId)).to.deep.equal(cos.slice(2, 4).map(Number));
    const p3 = await api().get<AssociationListResponse>(
      `${O}/contacts/${c}/associations/companies?limit=2&after=${encodeURIComponent(p2.body.paging!.next!.after)}`,
    );
    expect(p3.body.results.map((x) => x.toObjectId)).to.deep.equal([Number(cos[4])]);
    expect(p3.body).to.not.have.property("paging");
    // limit above the page-size cap is clamped (cap is 3 in this suite, 500 by default)
    const clamped = await api().get<AssociationListResponse>(`${O}/contacts/${c}/associations/companies?limit=1000`);
    expect(clamped.body.results).to.have.length(3);
    const empty = await api().get<AssociationListResponse>(`${O}/contacts/424242/associations/companies`);
    expect(empty.status).to.equal(200);
    expect(empty.body).to.deep.equal({ results: [] });
  });

  it("R4 DELETE → 204 and removes every type between the two records, both directions; idempotent", async () => {
    const { fwd } = await pairedLabel();
    const c = await api().record("contacts");
    const co = await api().record("companies");
    await api().put(`${O}/contacts/${c}/associations/companies/${co}`, [
      { associationCategory: "USER_DEFINED", associationTypeId: fwd },
    ]);
    const r = await api().del(`${O}/contacts/${c}/associations/companies/${co}`);
    expect(r.status).to.equal(204);
    expect(r.text).to.equal("");
    expect(
      (await api().get<AssociationListResponse>(`${O}/companies/${co}/associations/contacts`)).body.results,
    ).to.deep.equal([]);
    expect((await api().del(`${O}/contacts/${c}/associations/companies/${co}`)).status).to.equal(204);
  });

  it("limits are enforced on association writes with a 400 VALIDATION_ERROR", async () => {
    await api().post(`${B}/definitions/configurations/contacts/companies/batch/create`, {
      inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 1 }],
    });
    const c = await api().record("contacts");
    const a = await api().record("companies");
    const b = await api().record("companies");
    expect((await api().put(`${O}/contacts/${c}/associations/default/companies/${a}`)).status).to.equal(200);
    const r = await api().put<ErrorBody>(`${O}/contacts/${c}/associations/default/companies/${b}`);
    expect(r.status).to.equal(400);
    expect(r.body.category).to.equal("VALIDATION_ERROR");
    expect(r.body.subCategory).to.equal("crm.associations.ASSOCIATION_LIMIT_EXCEEDED");
    // re-writing an existing association does not count twice
    expect((await api().put(`${O}/contacts/${c}/associations/default/companies/${a}`)).status).to.equal(200);
    // the reverse direction has no limit
    const c2 = await api().record("contacts");
    expect((await api().put(`${O}/companies/${a}/associations/default/contacts/${c2}`)).status).to.equal(200);
  });

  it("label limits are enforced per label, also in the inverse direction", async () => {
    const { inv } = await pairedLabel();
    await api().post(`${B}/definitions/configurations/companies/contacts/batch/create`, {
      inputs: [{ category: "USER_DEFINED", typeId: inv, maxToObjectIds: 1 }],
    });
    const co = await api().record("companies");
    const c1 = await api().record("contacts");
    const c2 = await api().record("contacts");
    const { fwd } = { fwd: inv - 1 };
    expect(
      (
        await api().put(`${O}/contacts/${c1}/associations/companies/${co}`, [
          { associationCategory: "USER_DEFINED", associationTypeId: fwd },
        ])
      ).status,
    ).to.equal(201);
    const r = await api().put<ErrorBody>(`${O}/contacts/${c2}/associations/companies/${co}`, [
      { associationCategory: "USER_DEFINED", associationTypeId: fwd },
    ]);
    expect(r.status).to.equal(400);
    expect(r.body.subCategory).to.equal("crm.associations.ASSOCIATION_LIMIT_EXCEEDED");
  });

  describe("batch", () => {
    it("B1 associate/default → 200 envelope, both directions per input; bad records as errors in the 200", async () => {
      const c = await api().record("contacts");
      const co = await api().record("companies");
      const r = await api().post<BatchEnvelope<DefaultAssociation>>(`${B}/contacts/companies/batch/associate/default`, {
        inputs: [
          { from: { id: c }, to: { id: co } },
          { from: { id: c }, to: { id: "999999" } },
        ],
      });
      expect(r.status).to.equal(200);
      expect(r.body.results).to.have.length(2);
      expect(r.body.numErrors).to.equal(1);
      expect(r.body.errors?.[0]?.category).to.equal("OBJECT_NOT_FOUND");
    });

    it("B2 create → 201 LabelsBetweenObjectPair per input; 207 with errors for bad inputs", async () => {
      const { fwd } = await pairedLabel();
      const c = await api().record("contacts");
      const co = await api().record("companies");
      const ok = await api().post<BatchEnvelope<LabelsBetweenObjectPair>>(`${B}/contacts/companies/batch/create`, {
        inputs: [
          { from: { id: c }, to: { id: co }, types: [{ associationCategory: "USER_DEFINED", associationTypeId: fwd }] },
        ],
      });
      expect(ok.status).to.equal(201);
      expect(ok.body.status).to.equal("COMPLETE");
      expect(ok.body.results).to.deep.equal([
        {
          fromObjectTypeId: "0-1",
          fromObjectId: Number(c),
          toObjectTypeId: "0-2",
          toObjectId: Number(co),
          labels: ["Manager"],
        },
      ]);
      const partial = await api().post<BatchEnvelope<LabelsBetweenObjectPair>>(`${B}/contacts/companies/batch/create`, {
        inputs: [
          {
            from: { id: c },
            to: { id: co },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 279 }],
          },
          {
            from: { id: c },
            to: { id: co },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
          },
        ],
      });
      expect(partial.status).to.equal(207);
      expect(partial.body.numErrors).to.equal(1);
      expect(partial.body.errors?.[0]?.subCategory).to.equal("crm.associations.INVALID_ASSOCIATION_TYPE");
      expect(partial.body.results).to.have.length(1);
    });

    it("B3 read → 200; inputs without associations are 207 OBJECT_NOT_FOUND / NO_ASSOCIATIONS_FOUND errors", async () => {
      const c = await api().record("contacts");
      const lonely = await api().record("contacts");
      const co = await api().record("companies");
      await api().put(`${O}/contacts/${c}/associations/default/companies/${co}`);
      const ok = await api().post<BatchEnvelope<BatchReadResult>>(`${B}/contacts/companies/batch/read`, {
        inputs: [{ id: c }],
      });
      expect(ok.status).to.equal(200);
      expect(ok.body.results).to.deep.equal([
        {
          from: { id: c },
          to: [
            { toObjectId: Number(co), associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: 279, label: null }] },
          ],
        },
      ]);
      const r = await api().post<BatchEnvelope<BatchReadResult>>(`${B}/deals/companies/batch/read`, {
        inputs: [{ id: lonely }],
      });
      expect(r.status).to.equal(207);
      expect(r.body.status).to.equal("COMPLETE");
      expect(r.body.results).to.deep.equal([]);
      expect(r.body.numErrors).to.equal(1);
      expect(r.body.errors![0]).to.deep.equal({
        status: "error",
        category: "OBJECT_NOT_FOUND",
        subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
        message: `No company is associated with deal ${lonely}.`,
        context: { fromObjectId: [lonely], fromObjectType: ["deal"], toObjectType: ["company"] },
      });
    });

    it("B3 pages per input with after", async () => {
      const c = await api().record("contacts");
      for (let i = 0; i < 4; i++)
        await api().put(`${O}/contacts/${c}/associations/default/companies/${await api().record("companies")}`);
      const p1 = await api().post<BatchEnvelope<BatchReadResult>>(`${B}/contacts/companies/batch/read`, {
        inputs: [{ id: c }],
      });
      expect(p1.body.results[0]?.to).to.have.length(3);
      const after = defined(p1.body.results[0]?.paging?.next?.after, "the first page's paging.next.after");
      const p2 = await api().post<BatchEnvelope<BatchReadResult>>(`${B}/contacts/companies/batch/read`, {
        inputs: [{ id: c, after }],
      });
      expect(p2.body.results[0]?.to).to.have.length(1);
      expect(p2.body.results[0]).to.not.have.property("paging");
    });

    it("B4 archive → 204 removes everything between the pairs", async () => {
      const c = await api().record("contacts");
      const co = await api().record("companies");
      await api().put(`${O}/contacts/${c}/associations/companies/${co}`, [
        { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
      ]);
      const r = await api().post(`${B}/contacts/companies/batch/archive`, {
        inputs: [{ from: { id: c }, to: [{ id: co }] }],
      });
      expect(r.status).to.equal(204);
      expect(
        (await api().get<AssociationListResponse>(`${O}/contacts/${c}/associations/companies`)).body.results,
      ).to.deep.equal([]);
    });

    it("B5 labels/archive → 204; removing a label keeps the unlabeled type, removing the unlabeled removes all", async () => {
      const c = await api().record("contacts");
      const co = await api().record("companies");
      await api().put(`${O}/contacts/${c}/associations/companies/${co}`, [
        { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
      ]);
      const r = await api().post(`${B}/contacts/companies/batch/labels/archive`, {
        inputs: [
          {
            from: { id: c },
            to: { id: co },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 }],
          },
        ],
      });
      expect(r.status).to.equal(204);
      const left = await api().get<AssociationListResponse>(`${O}/companies/${co}/associations/contacts`);
      expect(left.body.results[0]?.associationTypes).to.deep.equal([
        { category: "HUBSPOT_DEFINED", typeId: 280, label: null },
      ]);
      await api().put(`${O}/contacts/${c}/associations/companies/${co}`, [
        { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
      ]);
      await api().post(`${B}/contacts/companies/batch/labels/archive`, {
        inputs: [
          {
            from: { id: c },
            to: { id: co },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 279 }],
          },
        ],
      });
      expect(
        (await api().get<AssociationListResponse>(`${O}/contacts/${c}/associations/companies`)).body.results,
      ).to.deep.equal([]);
    });

    it("oversized batches → 400 (read > 1000, create > 2000)", async () => {
      const read = await api().post<ErrorBody>(`${B}/contacts/companies/batch/read`, {
        inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) })),
      });
      expect(read.status).to.equal(400);
      expect(read.body.message).to.match(/maximum of 1000/);
      const create = await api().post<ErrorBody>(`${B}/contacts/companies/batch/create`, {
        inputs: Array.from({ length: 2001 }, () => ({ from: { id: "1" }, to: { id: "2" }, types: [] })),
      });
      expect(create.status).to.equal(400);
      expect(create.body.message).to.match(/maximum of 2000/);
    });
  });

  it("H1 high-usage report → 200 with enqueueTime as {value, dateOnly, timeZoneShift}", async () => {
    const r = await api().post<{
      userEmail: string;
      userId: number;
      enqueueTime: { value: number; dateOnly: boolean; timeZoneShift: number };
    }>(`${B}/usage/high-usage-report/123`);
    expect(r.status).to.equal(200);
    expect(r.body.userId).to.equal(123);
    expect(r.body.userEmail).to.be.a("string");
    expect(r.body.enqueueTime).to.have.all.keys("value", "dateOnly", "timeZoneShift");
    expect(r.body.enqueueTime.value).to.be.a("number");
    expect((await api().post(`${B}/usage/high-usage-report/abc`)).status).to.equal(400);
  });

  it("config limit changes show up in GET configurations while records keep their associations", async () => {
    const c = await api().record("contacts");
    await api().put(`${O}/contacts/${c}/associations/default/companies/${await api().record("companies")}`);
    await api().put(`${O}/contacts/${c}/associations/default/companies/${await api().record("companies")}`);
    // setting a limit below current usage is allowed; existing associations stay
    const r = await api().post<BatchEnvelope<ConfigResult>>(
      `${B}/definitions/configurations/contacts/companies/batch/create`,
      { inputs: [{ category: "HUBSPOT_DEFINED", typeId: 279, maxToObjectIds: 1 }] },
    );
    expect(r.status).to.equal(201);
    expect(
      (await api().get<AssociationListResponse>(`${O}/contacts/${c}/associations/companies`)).body.results,
    ).to.have.length(2);
  });
});

describe("emulator contract: requireExistingRecords:false", () => {
  const { api } = useEmulator({ requireExistingRecords: false });

  it("associates arbitrary numeric ids; non-numeric ids are still 400", async () => {
    const r = await api().put<BatchEnvelope<DefaultAssociation>>(`${O}/contacts/51/associations/default/companies/52`);
    expect(r.status).to.equal(200);
    expect(
      (await api().get<AssociationListResponse>(`${O}/companies/52/associations/contacts`)).body.results[0]?.toObjectId,
    ).to.equal(51);
    expect((await api().put(`${O}/contacts/abc/associations/default/companies/52`)).status).to.equal(400);
  });
});
