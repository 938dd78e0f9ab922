// Contract: association labels L1–L4 (reference §2.1, §4, §11.1–11.3).
import { expect } from "chai";
import { ErrorBody, LabelsResponse, useEmulator } from "../helpers/emulator-http";
import { exactly, firstOf } from "../helpers/items";

const L = "/crm/v4/associations";
const ALIAS = "/crm/associations/v4";

describe("emulator contract: labels", () => {
  const { api } = useEmulator();

  it("L1 GET lists HUBSPOT_DEFINED types of the direction, unlabeled as label:null, with status 200", async () => {
    const r = await api().get<LabelsResponse>(`${L}/contacts/companies/labels`);
    expect(r.status).to.equal(200);
    expect(r.headers.get("content-type")).to.equal("application/json;charset=utf-8");
    expect(r.body).to.have.keys("results");
    expect(r.body.results).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 279, label: null });
    expect(r.body.results).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 1, label: "Primary" });
    expect(r.body.results.map((x) => x.typeId)).to.not.include(280);
    for (const x of r.body.results) expect(x).to.have.all.keys("category", "typeId", "label");
  });

  it("L1 reverse direction lists its own ids (280, 2)", async () => {
    const r = await api().get<LabelsResponse>(`${L}/companies/contacts/labels`);
    const ids = r.body.results.map((x) => x.typeId);
    expect(ids).to.include.members([280, 2]);
    expect(ids).to.not.include(279);
  });

  it("accepts singular names and object type ids in paths", async () => {
    for (const [a, b] of [
      ["contact", "company"],
      ["0-1", "0-2"],
      ["contacts", "0-2"],
    ]) {
      const r = await api().get<LabelsResponse>(`${L}/${a}/${b}/labels`);
      expect(r.status, `${a}/${b}`).to.equal(200);
      expect(r.body.results.map((x) => x.typeId)).to.include(279);
    }
    const deals = await api().get<LabelsResponse>(`${L}/deals/companies/labels`);
    expect(deals.body.results).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 341, label: null });
    expect(deals.body.results).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 5, label: "Primary" });
  });

  it("types the reference documents in one direction only are listed in that direction only (no invented reverse ids)", async () => {
    const leadToContact = await api().get<LabelsResponse>(`${L}/leads/contacts/labels`);
    expect(leadToContact.body.results).to.deep.include({ category: "HUBSPOT_DEFINED", typeId: 578, label: "Primary" });
    const contactToLead = await api().get<LabelsResponse>(`${L}/contacts/leads/labels`);
    expect(contactToLead.body.results).to.deep.equal([{ category: "HUBSPOT_DEFINED", typeId: 609, label: null }]);
    expect((await api().get<LabelsResponse>(`${L}/quotes/discounts/labels`)).body.results).to.deep.equal([
      { category: "HUBSPOT_DEFINED", typeId: 362, label: null },
    ]);
    expect((await api().get<LabelsResponse>(`${L}/discounts/quotes/labels`)).body.results).to.deep.equal([]);
    // a lead's Primary contact is seen from the lead's side; the contact's side carries the unlabeled type
    const lead = await api().record("leads");
    const contact = await api().record("contacts");
    const put = await api().put(`/crm/v4/objects/leads/${lead}/associations/contacts/${contact}`, [
      { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 578 },
    ]);
    expect(put.status).to.equal(201);
    const fromContact = await api().get<{ results: Array<{ associationTypes: Array<{ typeId: number }> }> }>(
      `/crm/v4/objects/contacts/${contact}/associations/leads`,
    );
    expect(firstOf(fromContact.body.results).associationTypes.map((t) => t.typeId)).to.deep.equal([609]);
  });

  it("unknown object type → 400 'Unable to infer object type from: x' without category", async () => {
    const r = await api().get<ErrorBody>(`${L}/lists/companies/labels`);
    expect(r.status).to.equal(400);
    expect(r.body.message).to.equal("Unable to infer object type from: lists");
    expect(r.body.status).to.equal("error");
    expect(r.body).to.not.have.property("category");
    expect(r.body.correlationId).to.match(/^[0-9a-f-]{36}$/);
    expect(r.headers.get("x-hubspot-correlation-id")).to.equal(r.body.correlationId);
  });

  it("L2 paired create → 200 with two consecutive typeIds, inverse listed first, no from/to type fields", async () => {
    const r = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
    expect(r.status).to.equal(200);
    const [first, second] = exactly(r.body.results, 2);
    expect(first.label).to.equal("Employee");
    expect(second.label).to.equal("Manager");
    expect(first.typeId).to.equal(second.typeId + 1);
    expect(second.typeId).to.be.at.least(100);
    for (const x of r.body.results) {
      expect(x.category).to.equal("USER_DEFINED");
      expect(x).to.have.all.keys("category", "typeId", "label");
    }
    const fwd = await api().get<LabelsResponse>(`${L}/contacts/companies/labels`);
    expect(fwd.body.results).to.deep.include({ category: "USER_DEFINED", typeId: second.typeId, label: "Manager" });
    expect(fwd.body.results.map((x) => x.typeId)).to.not.include(first.typeId);
    const inv = await api().get<LabelsResponse>(`${L}/companies/contacts/labels`);
    expect(inv.body.results).to.deep.include({ category: "USER_DEFINED", typeId: first.typeId, label: "Employee" });
  });

  it("L2 single label between different objects → two results, same text, forward n and reverse n+1", async () => {
    const r = await api().post<LabelsResponse>(`${L}/contacts/deals/labels`, {
      name: "decision_maker",
      label: "Decision maker",
    });
    expect(r.status).to.equal(200);
    const [fwd, rev] = exactly(r.body.results, 2);
    expect(fwd.label).to.equal("Decision maker");
    expect(rev.label).to.equal("Decision maker");
    expect(rev.typeId).to.equal(fwd.typeId + 1);
    const ab = await api().get<LabelsResponse>(`${L}/contacts/deals/labels`);
    expect(ab.body.results.map((x) => x.typeId))
      .to.include(fwd.typeId)
      .and.not.include(rev.typeId);
    const ba = await api().get<LabelsResponse>(`${L}/deals/contacts/labels`);
    expect(ba.body.results.map((x) => x.typeId))
      .to.include(rev.typeId)
      .and.not.include(fwd.typeId);
  });

  it("L2 single same-object label → one typeId; paired same-object → both listed under A→A", async () => {
    const single = await api().post<LabelsResponse>(`${L}/contacts/contacts/labels`, {
      name: "colleague",
      label: "Colleague",
    });
    expect(single.status).to.equal(200);
    expect(single.body.results).to.have.length(1);
    const paired = await api().post<LabelsResponse>(`${L}/contacts/contacts/labels`, {
      name: "mentor",
      label: "Mentor",
      inverseLabel: "Mentee",
    });
    expect(paired.body.results).to.have.length(2);
    const list = await api().get<LabelsResponse>(`${L}/contacts/contacts/labels`);
    const ids = list.body.results.map((x) => x.typeId);
    expect(ids).to.include.members([
      449,
      firstOf(single.body.results).typeId,
      ...paired.body.results.map((x) => x.typeId),
    ]);
  });

  it("typeIds are never reused after delete", async () => {
    const a = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, { name: "a1", label: "A1" });
    const ids = a.body.results.map((x) => x.typeId);
    const del = await api().del(`${L}/contacts/companies/labels/${Math.min(...ids)}`);
    expect(del.status).to.equal(204);
    const b = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, { name: "a1", label: "A1" });
    for (const x of b.body.results) expect(ids).to.not.include(x.typeId);
  });

  describe("name and label validation", () => {
    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ["hyphen", { name: "has-hyphen", label: "X" }, /hyphen/],
      ["leading digit", { name: "1abc", label: "X" }, /start with a number/],
      ["space", { name: "has space", label: "X" }, /space/],
      ["other character", { name: "caf\u00e9", label: "X" }, /letters, digits and underscores/],
      ["name too long", { name: "n".repeat(101), label: "X" }, /at most 100/],
      ["label too long", { name: "ok", label: "x".repeat(101) }, /at most 100/],
      ["empty label", { name: "ok", label: "" }, /label may not be empty/],
      ["blank label", { name: "ok", label: "   " }, /label may not be empty/],
      ["missing name", { label: "X" }, /name is required/],
      ["missing label", { name: "ok" }, /label is required/],
      ["empty inverseLabel", { name: "ok", label: "X", inverseLabel: "" }, /inverseLabel may not be empty/],
    ];
    for (const [what, body, msg] of bad) {
      it(`rejects ${what} with 400 VALIDATION_ERROR`, async () => {
        const r = await api().post<ErrorBody>(`${L}/contacts/companies/labels`, body);
        expect(r.status).to.equal(400);
        expect(r.body.category).to.equal("VALIDATION_ERROR");
        expect(r.body.message).to.match(msg);
      });
    }

    it("accepts 100-character name and label, underscores and digits", async () => {
      const r = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "_a1" + "b".repeat(97),
        label: "y".repeat(100),
      });
      expect(r.status).to.equal(200);
    });

    it("duplicate name on the pair (either direction) → 400 VALIDATION_ERROR", async () => {
      expect((await api().post(`${L}/contacts/companies/labels`, { name: "dup", label: "One" })).status).to.equal(200);
      const again = await api().post<ErrorBody>(`${L}/contacts/companies/labels`, { name: "dup", label: "Two" });
      expect(again.status).to.equal(400);
      expect(again.body.category).to.equal("VALIDATION_ERROR");
      expect(again.body.message).to.match(/already exists/);
      const reverse = await api().post<ErrorBody>(`${L}/companies/contacts/labels`, { name: "dup", label: "Three" });
      expect(reverse.status).to.equal(400);
      // another pair may reuse the name
      expect((await api().post(`${L}/contacts/deals/labels`, { name: "dup", label: "One" })).status).to.equal(200);
    });

    it("body of the wrong JSON type → 400 'Invalid input JSON on line 1, column 1'", async () => {
      const r = await api().post<ErrorBody>(`${L}/contacts/companies/labels`, ["x"]);
      expect(r.status).to.equal(400);
      expect(r.body.message).to.match(/^Invalid input JSON on line 1, column 1: Cannot deserialize/);
    });
  });

  describe("per-pair cap: user-defined labels per unordered object pair, a label counting once", () => {
    const small = useEmulator({ maxLabelsPerPair: 2 });
    it("A→B and B→A count together, single and paired count once; other pairs are separate", async () => {
      const a = small.api();
      expect((await a.post(`${L}/contacts/companies/labels`, { name: "x1", label: "X1" })).status).to.equal(200);
      expect(
        (await a.post(`${L}/companies/contacts/labels`, { name: "x2", label: "X2", inverseLabel: "Y2" })).status,
      ).to.equal(200);
      const r = await a.post<ErrorBody>(`${L}/contacts/companies/labels`, { name: "x3", label: "X3" });
      expect(r.status).to.equal(400);
      expect(r.body.category).to.equal("VALIDATION_ERROR");
      expect(r.body.subCategory).to.equal("crm.associations.TOO_MANY_ASSOCIATION_LABELS");
      expect(r.body.message).to.equal(
        "The maximum number of association labels (2) between CONTACT and COMPANY has been reached",
      );
      expect((await a.post(`${L}/companies/contacts/labels`, { name: "x3", label: "X3" })).status).to.equal(400);
      expect((await a.post(`${L}/contacts/deals/labels`, { name: "x3", label: "X3" })).status).to.equal(200);
    });

    it("same-object pairs: a paired label (two typeIds under A→A) counts once; a deleted label frees its place", async () => {
      const a = small.api();
      const paired = await a.post<LabelsResponse>(`${L}/contacts/contacts/labels`, {
        name: "mentor",
        label: "Mentor",
        inverseLabel: "Mentee",
      });
      expect(paired.body.results).to.have.length(2);
      expect((await a.post(`${L}/contacts/contacts/labels`, { name: "peer", label: "Peer" })).status).to.equal(200);
      expect((await a.post(`${L}/contacts/contacts/labels`, { name: "third", label: "Third" })).status).to.equal(400);
      expect((await a.del(`${L}/contacts/contacts/labels/${firstOf(paired.body.results).typeId}`)).status).to.equal(
        204,
      );
      expect((await a.post(`${L}/contacts/contacts/labels`, { name: "third", label: "Third" })).status).to.equal(200);
    });
  });

  it("the default cap is 50 labels per unordered pair", async () => {
    for (let i = 0; i < 50; i++) {
      const [from, to] = i % 2 ? ["contacts", "deals"] : ["deals", "contacts"];
      const r = await api().post(`${L}/${from}/${to}/labels`, {
        name: `l${i}`,
        label: `L${i}`,
        ...(i % 3 ? { inverseLabel: `I${i}` } : {}),
      });
      expect(r.status, `label ${i}`).to.equal(200);
    }
    const over = await api().post<ErrorBody>(`${L}/deals/contacts/labels`, { name: "l50", label: "L50" });
    expect(over.status).to.equal(400);
    expect(over.body.message).to.match(/maximum number of association labels \(50\)/);
  });

  describe("pairedDeleteCascades", () => {
    const independent = useEmulator({ pairedDeleteCascades: false });

    it("false: deleting one half of a paired label leaves the other half, which stays usable and deletable", async () => {
      const a = independent.api();
      const c = await a.post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "p",
        label: "P",
        inverseLabel: "Q",
      });
      const fwd = c.body.results.find((x) => x.label === "P")!.typeId;
      const inv = c.body.results.find((x) => x.label === "Q")!.typeId;
      await a.post("/crm/v4/associations/definitions/configurations/companies/contacts/batch/create", {
        inputs: [{ category: "USER_DEFINED", typeId: inv, maxToObjectIds: 3 }],
      });
      expect((await a.del(`${L}/contacts/companies/labels/${fwd}`)).status).to.equal(204);
      expect(
        (await a.get<LabelsResponse>(`${L}/contacts/companies/labels`)).body.results.map((x) => x.typeId),
      ).to.not.include(fwd);
      expect((await a.get<LabelsResponse>(`${L}/companies/contacts/labels`)).body.results).to.deep.include({
        category: "USER_DEFINED",
        typeId: inv,
        label: "Q",
      });
      const limits = await a.get<{ results: Array<{ typeId: number }> }>(
        "/crm/v4/associations/definitions/configurations/companies/contacts",
      );
      expect(limits.body.results.map((x) => x.typeId)).to.deep.equal([inv]);
      // the remaining half labels a record association from its side; the other side carries the unlabeled type
      const company = await a.record("companies");
      const contact = await a.record("contacts");
      expect(
        (
          await a.put(`/crm/v4/objects/companies/${company}/associations/contacts/${contact}`, [
            { associationCategory: "USER_DEFINED", associationTypeId: inv },
          ])
        ).status,
      ).to.equal(201);
      const back = await a.get<{ results: Array<{ associationTypes: Array<{ typeId: number }> }> }>(
        `/crm/v4/objects/contacts/${contact}/associations/companies`,
      );
      expect(firstOf(back.body.results).associationTypes.map((t) => t.typeId)).to.deep.equal([279]);
      expect((await a.del(`/crm/v4/objects/companies/${company}/associations/contacts/${contact}`)).status).to.equal(
        204,
      );
      expect((await a.del(`${L}/companies/contacts/labels/${inv}`)).status).to.equal(204);
      expect(
        (await a.get<LabelsResponse>(`${L}/companies/contacts/labels`)).body.results.map((x) => x.typeId),
      ).to.not.include(inv);
      // a single label between two object types has two halves too
      const s = await a.post<LabelsResponse>(`${L}/contacts/deals/labels`, { name: "s", label: "S" });
      const [forward, reverse] = exactly(s.body.results, 2);
      expect((await a.del(`${L}/deals/contacts/labels/${reverse.typeId}`)).status).to.equal(204);
      expect((await a.get<LabelsResponse>(`${L}/contacts/deals/labels`)).body.results.map((x) => x.typeId)).to.include(
        forward.typeId,
      );
    });
  });

  describe("L3 PUT", () => {
    it("paired: 204 with empty body; changes both texts via label/inverseLabel", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "boss",
        label: "Boss",
        inverseLabel: "Staff",
      });
      const fwd = c.body.results.find((x) => x.label === "Boss")!;
      const inv = c.body.results.find((x) => x.label === "Staff")!;
      const r = await api().put(`${L}/contacts/companies/labels`, {
        associationTypeId: fwd.typeId,
        label: "Chief",
        inverseLabel: "Team",
      });
      expect(r.status).to.equal(204);
      expect(r.text).to.equal("");
      expect(r.headers.get("x-hubspot-correlation-id")).to.match(/^[0-9a-f-]{36}$/);
      const ab = await api().get<LabelsResponse>(`${L}/contacts/companies/labels`);
      expect(ab.body.results).to.deep.include({ category: "USER_DEFINED", typeId: fwd.typeId, label: "Chief" });
      const ba = await api().get<LabelsResponse>(`${L}/companies/contacts/labels`);
      expect(ba.body.results).to.deep.include({ category: "USER_DEFINED", typeId: inv.typeId, label: "Team" });
    });

    it("paired without inverseLabel changes only the forward text", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "boss",
        label: "Boss",
        inverseLabel: "Staff",
      });
      const fwd = c.body.results.find((x) => x.label === "Boss")!;
      expect(
        (await api().put(`${L}/contacts/companies/labels`, { associationTypeId: fwd.typeId, label: "Head" })).status,
      ).to.equal(204);
      const ba = await api().get<LabelsResponse>(`${L}/companies/contacts/labels`);
      expect(ba.body.results.map((x) => x.label)).to.include("Staff");
    });

    it("single cross-object label keeps both halves' text in sync", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/deals/labels`, { name: "champion", label: "Champion" });
      const [fwd, rev] = exactly(c.body.results, 2);
      expect(
        (await api().put(`${L}/contacts/deals/labels`, { associationTypeId: fwd.typeId, label: "Sponsor" })).status,
      ).to.equal(204);
      const ba = await api().get<LabelsResponse>(`${L}/deals/contacts/labels`);
      expect(ba.body.results).to.deep.include({ category: "USER_DEFINED", typeId: rev.typeId, label: "Sponsor" });
    });

    it("HUBSPOT_DEFINED → 400; unknown typeId → 404; empty label → 400; bad id → 400; missing body → 400", async () => {
      const hs = await api().put<ErrorBody>(`${L}/contacts/companies/labels`, { associationTypeId: 1, label: "Main" });
      expect(hs.status).to.equal(400);
      expect(hs.body.message).to.match(/HUBSPOT_DEFINED/);
      const unk = await api().put<ErrorBody>(`${L}/contacts/companies/labels`, {
        associationTypeId: 99999,
        label: "X",
      });
      expect(unk.status).to.equal(404);
      expect(unk.body.category).to.equal("OBJECT_NOT_FOUND");
      const c = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, { name: "x", label: "X" });
      const empty = await api().put<ErrorBody>(`${L}/contacts/companies/labels`, {
        associationTypeId: firstOf(c.body.results).typeId,
        label: "",
      });
      expect(empty.status).to.equal(400);
      const neg = await api().put<ErrorBody>(`${L}/contacts/companies/labels`, { associationTypeId: -1, label: "X" });
      expect(neg.status).to.equal(400);
      const none = await api().raw<ErrorBody>("PUT", `${L}/contacts/companies/labels`);
      expect(none.status).to.equal(400);
      expect(none.body.message).to.equal("Invalid JSON input: a request body was expected, but none found");
    });
  });

  describe("L4 DELETE", () => {
    it("204 and removes both halves of a paired label", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "p",
        label: "P",
        inverseLabel: "Q",
      });
      const fwd = c.body.results.find((x) => x.label === "P")!;
      const inv = c.body.results.find((x) => x.label === "Q")!;
      const r = await api().del(`${L}/contacts/companies/labels/${fwd.typeId}`);
      expect(r.status).to.equal(204);
      expect(r.text).to.equal("");
      expect(
        (await api().get<LabelsResponse>(`${L}/companies/contacts/labels`)).body.results.map((x) => x.typeId),
      ).to.not.include(inv.typeId);
      const again = await api().del<ErrorBody>(`${L}/companies/contacts/labels/${inv.typeId}`);
      expect(again.status).to.equal(404);
    });

    it("deleting either half of a single cross-object label removes both", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/deals/labels`, { name: "s", label: "S" });
      const [fwd, rev] = exactly(c.body.results, 2);
      expect((await api().del(`${L}/deals/contacts/labels/${rev.typeId}`)).status).to.equal(204);
      expect(
        (await api().get<LabelsResponse>(`${L}/contacts/deals/labels`)).body.results.map((x) => x.typeId),
      ).to.not.include(fwd.typeId);
    });

    it("HUBSPOT_DEFINED → 400 VALIDATION_ERROR; unknown → 404 OBJECT_NOT_FOUND", async () => {
      const hs = await api().del<ErrorBody>(`${L}/contacts/companies/labels/1`);
      expect(hs.status).to.equal(400);
      expect(hs.body.category).to.equal("VALIDATION_ERROR");
      const unlabeled = await api().del<ErrorBody>(`${L}/contacts/companies/labels/279`);
      expect(unlabeled.status).to.equal(400);
      const unk = await api().del<ErrorBody>(`${L}/contacts/companies/labels/77777`);
      expect(unk.status).to.equal(404);
      expect(unk.body.category).to.equal("OBJECT_NOT_FOUND");
      expect(unk.body.correlationId).to.be.a("string");
      const wrongDirection = await api().del<ErrorBody>(`${L}/companies/contacts/labels/279`);
      expect(wrongDirection.status).to.equal(404);
    });

    it("a label in use on a record association → 400 saying it is in use and must be removed first", async () => {
      const c = await api().post<LabelsResponse>(`${L}/contacts/companies/labels`, {
        name: "used",
        label: "Used",
        inverseLabel: "Used by",
      });
      const fwd = c.body.results.find((x) => x.label === "Used")!;
      const contact = await api().record("contacts");
      const company = await api().record("companies");
      expect(
        (
          await api().put(`/crm/v4/objects/contacts/${contact}/associations/companies/${company}`, [
            { associationCategory: "USER_DEFINED", associationTypeId: fwd.typeId },
          ])
        ).status,
      ).to.equal(201);
      const r = await api().del<ErrorBody>(`${L}/companies/contacts/labels/${fwd.typeId + 1}`);
      expect(r.status).to.equal(400);
      expect(r.body.category).to.equal("VALIDATION_ERROR");
      expect(r.body.message)
        .to.match(/in use/)
        .and.match(/remove it from those records/);
      expect(
        (await api().del(`/crm/v4/objects/contacts/${contact}/associations/companies/${company}`)).status,
      ).to.equal(204);
      expect((await api().del(`${L}/contacts/companies/labels/${fwd.typeId}`)).status).to.equal(204);
    });
  });

  it("the /crm/associations/v4 alias family serves the same labels (L1–L4)", async () => {
    const c = await api().post<LabelsResponse>(`${ALIAS}/contacts/companies/labels`, {
      name: "alias",
      label: "Alias",
      inverseLabel: "Alias inv",
    });
    expect(c.status).to.equal(200);
    const fwd = c.body.results.find((x) => x.label === "Alias")!;
    const classic = await api().get<LabelsResponse>(`${L}/contacts/companies/labels`);
    expect(classic.body.results.map((x) => x.typeId)).to.include(fwd.typeId);
    expect(
      (await api().put(`${ALIAS}/contacts/companies/labels`, { associationTypeId: fwd.typeId, label: "Alias2" }))
        .status,
    ).to.equal(204);
    expect(
      (await api().get<LabelsResponse>(`${ALIAS}/contacts/companies/labels`)).body.results.map((x) => x.label),
    ).to.include("Alias2");
    expect((await api().del(`${ALIAS}/contacts/companies/labels/${fwd.typeId}`)).status).to.equal(204);
  });
});
