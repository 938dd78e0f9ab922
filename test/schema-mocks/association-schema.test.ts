// The AssociationSchema component's wiring, without an engine: which children it registers, under which names, with
// which inputs (the limits per directed pair above all), and how a bad document fails the program.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AssociationSchema, AssociationSchemaDocument } from "../../sdk";
import { byName, installMocks, LABEL_TYPE, LIMITS_TYPE, MockRun, SCHEMA_TYPE, settle } from "./mocks";

const DOC: AssociationSchemaDocument = {
  version: 1,
  associations: [
    {
      from: "contacts",
      to: "companies",
      maxToObjectIds: 10,
      labels: [
        { name: "manager", label: "Manager", inverseLabel: "Employee", maxToObjectIds: 1, inverseMaxToObjectIds: 5 },
        // A single label between two object types: its reverse half is limited on companies -> contacts.
        { name: "owner", label: "Owner", maxToObjectIds: 2, inverseMaxToObjectIds: 3 },
      ],
      limits: [
        { label: "Primary", maxToObjectIds: 1 },
        { typeId: 931, maxToObjectIds: 4 },
      ],
    },
    { from: "companies", to: "contacts", maxToObjectIds: 50, exclusiveLimits: true },
    { from: "contacts", to: "deals", exclusiveLimits: true },
    { from: "deals", to: "tickets", labels: [{ name: "escalation", label: "Escalation" }] },
  ],
};

async function apply(
  run: MockRun,
  args: { file?: string; document?: AssociationSchemaDocument },
  name = "schema",
): Promise<AssociationSchema> {
  const schema = new AssociationSchema(name, args);
  await settle(schema);
  void run;
  return schema;
}

describe("AssociationSchema (setMocks): children and their inputs", () => {
  let run: MockRun;
  beforeEach(() => {
    run = installMocks();
  });

  it("registers the component, one AssociationLabel per label and one AssociationLimits per pair with limits or exclusiveLimits", async () => {
    const schema = await apply(run, { document: DOC });
    expect(run.registrations.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal(
      [
        `${SCHEMA_TYPE} schema`,
        `${LABEL_TYPE} schema/0-1/0-2/manager`,
        `${LABEL_TYPE} schema/0-1/0-2/owner`,
        `${LABEL_TYPE} schema/0-3/0-5/escalation`,
        `${LIMITS_TYPE} schema/0-1/0-2/limits`,
        `${LIMITS_TYPE} schema/0-2/0-1/limits`,
        `${LIMITS_TYPE} schema/0-1/0-3/limits`,
      ].sort(),
    );
    expect(Object.keys(schema.labels).sort()).to.deep.equal(["0-1/0-2/manager", "0-1/0-2/owner", "0-3/0-5/escalation"]);
    expect(Object.keys(schema.limits).sort()).to.deep.equal(["0-1/0-2", "0-1/0-3", "0-2/0-1"]);
    expect(byName(run, LABEL_TYPE).get("schema/0-1/0-2/manager")).to.deep.equal({
      fromObjectType: "contacts",
      toObjectType: "companies",
      name: "manager",
      label: "Manager",
      inverseLabel: "Employee",
    });
  });

  it("limits: the pair's own, each label's half by its typeId, HubSpot-defined types with their category, in a fixed order", async () => {
    await apply(run, { document: DOC });
    const manager = run.typeIds.get("schema/0-1/0-2/manager");
    const owner = run.typeIds.get("schema/0-1/0-2/owner");
    expect(byName(run, LIMITS_TYPE).get("schema/0-1/0-2/limits")).to.deep.equal({
      fromObjectType: "contacts",
      toObjectType: "companies",
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { typeId: manager?.typeId, maxToObjectIds: 1, category: "USER_DEFINED" },
        { typeId: owner?.typeId, maxToObjectIds: 2, category: "USER_DEFINED" },
        { typeId: 931, maxToObjectIds: 4, category: "HUBSPOT_DEFINED" },
        { label: "Primary", maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      ],
    });
  });

  it("inverseMaxToObjectIds goes to the reverse pair with the label's inverseTypeId, paired and single alike; exclusiveLimits passes exclusive", async () => {
    await apply(run, { document: DOC });
    const manager = run.typeIds.get("schema/0-1/0-2/manager");
    const owner = run.typeIds.get("schema/0-1/0-2/owner");
    expect(manager?.inverseTypeId).to.be.a("number");
    expect(owner?.inverseTypeId).to.be.a("number");
    expect(byName(run, LIMITS_TYPE).get("schema/0-2/0-1/limits")).to.deep.equal({
      fromObjectType: "companies",
      toObjectType: "contacts",
      exclusive: true,
      limits: [
        { unlabeled: true, maxToObjectIds: 50 },
        { typeId: manager?.inverseTypeId, maxToObjectIds: 5, category: "USER_DEFINED" },
        { typeId: owner?.inverseTypeId, maxToObjectIds: 3, category: "USER_DEFINED" },
      ],
    });
  });

  it("an exclusive pair that declares no limit still gets its AssociationLimits, with an empty list; others are not exclusive", async () => {
    await apply(run, { document: DOC });
    const limits = byName(run, LIMITS_TYPE);
    expect(limits.get("schema/0-1/0-3/limits")).to.deep.equal({
      fromObjectType: "contacts",
      toObjectType: "deals",
      exclusive: true,
      limits: [],
    });
    expect(limits.get("schema/0-1/0-2/limits")).to.not.have.property("exclusive");
    expect(limits.has("schema/0-3/0-5/limits")).to.equal(false);
  });

  it("a reverse pair only reached by inverse limits is spelled by id", async () => {
    await apply(run, {
      document: {
        version: 1,
        associations: [
          { from: "contact", to: "deal", labels: [{ name: "referrer", label: "Referrer", inverseMaxToObjectIds: 2 }] },
        ],
      },
    });
    const limits = byName(run, LIMITS_TYPE);
    expect([...limits.keys()]).to.deep.equal(["schema/0-3/0-1/limits"]);
    expect(limits.get("schema/0-3/0-1/limits")).to.include({ fromObjectType: "0-3", toObjectType: "0-1" });
  });
});

describe("AssociationSchema (setMocks): stable children", () => {
  /** Every child as `type name` with its inputs, object types resolved, typeIds replaced by the label they came from. */
  async function children(args: { file?: string; document?: AssociationSchemaDocument }): Promise<string[]> {
    const run = installMocks();
    await apply(run, args);
    const owners = new Map<number, string>();
    for (const [name, ids] of run.typeIds) {
      owners.set(ids.typeId, `${name}#forward`);
      if (ids.inverseTypeId !== undefined) owners.set(ids.inverseTypeId, `${name}#inverse`);
    }
    const ids: Record<string, string> = {
      contact: "0-1",
      contacts: "0-1",
      "0-1": "0-1",
      company: "0-2",
      companies: "0-2",
      "0-2": "0-2",
      "0-3": "0-3",
      deals: "0-3",
    };
    const normal = (inputs: Record<string, unknown>): Record<string, unknown> => {
      const out: Record<string, unknown> = {
        ...inputs,
        fromObjectType: ids[String(inputs.fromObjectType)],
        toObjectType: ids[String(inputs.toObjectType)],
      };
      if (Array.isArray(inputs.limits)) {
        out.limits = (inputs.limits as Record<string, unknown>[]).map((e) =>
          typeof e.typeId === "number" && owners.has(e.typeId) ? { ...e, typeId: owners.get(e.typeId) } : e,
        );
      }
      return out;
    };
    return run.registrations
      .map((r) => `${r.type} ${r.name} ${JSON.stringify(normal(r.inputs), Object.keys(normal(r.inputs)).sort())}`)
      .sort();
  }

  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-mocks-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reordering, reformatting and spelling contact/contacts/0-1 give the same children", async () => {
    const a = path.join(dir, "a.yaml");
    fs.writeFileSync(
      a,
      [
        "version: 1",
        "associations:",
        "  - from: contacts",
        "    to: companies",
        "    maxToObjectIds: 10",
        "    labels:",
        "      - name: manager",
        "        label: Manager",
        "        inverseLabel: Employee",
        "        maxToObjectIds: 1",
        "        inverseMaxToObjectIds: 5",
        "      - { name: owner, label: Owner, maxToObjectIds: 2, inverseMaxToObjectIds: 3 }",
        "    limits:",
        "      - { label: Primary, maxToObjectIds: 1 }",
        "      - { typeId: 931, maxToObjectIds: 4 }",
        "  - from: companies",
        "    to: contacts",
        "    maxToObjectIds: 20",
        "  - from: deals",
        "    to: contacts",
        "    exclusiveLimits: true",
        "",
      ].join("\n"),
    );
    const b = path.join(dir, "b.yaml");
    fs.writeFileSync(
      b,
      [
        "# the same schema, reordered and reformatted",
        "associations:",
        "- {from: 0-3, to: contact, exclusiveLimits: true}",
        "- {from: company, to: contact, maxToObjectIds: 20}",
        "- to: company",
        "  from: 0-1",
        "  limits: [{typeId: 931, maxToObjectIds: 4}, {maxToObjectIds: 1, label: Primary}]",
        "  labels:",
        "  - {label: Owner, name: owner, inverseMaxToObjectIds: 3, maxToObjectIds: 2}",
        "  - inverseMaxToObjectIds: 5",
        "    maxToObjectIds: 1",
        "    inverseLabel: Employee",
        "    label: Manager",
        "    name: manager",
        "  maxToObjectIds: 10",
        "version: 1",
        "",
      ].join("\n"),
    );
    const first = await children({ file: a });
    expect(first).to.have.length(6);
    expect(await children({ file: b })).to.deep.equal(first);
  });

  it("a custom object named cars, p_cars or P_Cars gives the same children (key p_cars); the inputs keep the spelling", async () => {
    const names = async (spelling: string): Promise<string[]> => {
      const run = installMocks();
      await apply(run, {
        document: {
          version: 1,
          associations: [
            { from: spelling, to: "contacts", maxToObjectIds: 3, labels: [{ name: "driver", label: "Driver" }] },
          ],
        },
      });
      return run.registrations.map((r) => r.name).sort();
    };
    const expected = ["schema", "schema/p_cars/0-1/driver", "schema/p_cars/0-1/limits"];
    for (const spelling of ["cars", "p_cars", "P_Cars"])
      expect(await names(spelling), spelling).to.deep.equal(expected);
  });
});

describe("AssociationSchema (setMocks): a bad document fails the program cleanly", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-mocks-bad-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The error the constructor throws, and what it registered. */
  function failure(args: { file?: string; document?: AssociationSchemaDocument }): { error: unknown; run: MockRun } {
    const run = installMocks();
    try {
      new AssociationSchema("schema", args);
    } catch (error) {
      return { error, run };
    }
    throw new Error("AssociationSchema accepted a bad document");
  }

  it("throws a pulumi.RunError whose message is the FILE:LINE:COL lines, and registers nothing", () => {
    const file = path.join(dir, "bad.yaml");
    fs.writeFileSync(
      file,
      "version: 1\nassociations:\n  - from: contacts\n    to: companies\n    labels:\n      - name: 1st\n        label: First\n    limits:\n      - label: Primry\n        maxToObjectIds: 1\n",
    );
    const { error, run } = failure({ file });
    expect(pulumi.RunError.isInstance(error)).to.equal(true);
    const lines = (error as Error).message.split("\n");
    expect(lines).to.have.length(2);
    expect(lines[0]).to.equal(
      `${file}:6:15: associations[0].labels[0].name: must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscore; no leading digit), got text "1st"`,
    );
    expect(lines[1]).to.match(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:9:16: associations\\[0\\]\\.limits\\[0\\]\\.label: "Primry" is not a HubSpot-defined type`,
      ),
    );
    expect(run.registrations).to.deep.equal([]);
  });

  it("a YAML alias bomb and a Latin-1 file are RunErrors too, not a ReferenceError or mangled text", () => {
    const bomb = ["version: 1", "x0: &x0 [lol]"];
    for (let i = 1; i <= 9; i++)
      bomb.push(`x${i}: &x${i} [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]`);
    const bombFile = path.join(dir, "bomb.yaml");
    fs.writeFileSync(bombFile, bomb.join("\n") + "\nassociations: []\n");
    const latin1 = path.join(dir, "latin1.yaml");
    fs.writeFileSync(
      latin1,
      Buffer.from(
        "version: 1\nassociations:\n  - from: contacts\n    to: companies\n    labels:\n      - { name: gf, label: Geschäftsführer }\n",
        "latin1",
      ),
    );
    for (const [file, line] of [
      [bombFile, `${bombFile}:8:`],
      [latin1, `${latin1}:6:`],
    ] as const) {
      const { error } = failure({ file });
      expect(pulumi.RunError.isInstance(error), file).to.equal(true);
      expect((error as Error).message.startsWith(line), (error as Error).message).to.equal(true);
    }
  });

  it("a parsed document is checked the same way; giving both or neither of file and document is a RunError", () => {
    const { error } = failure({
      document: {
        version: 1,
        associations: [{ from: "contacts", to: "contacts", labels: [{ name: "contact_to_contact", label: "Peer" }] }],
      },
    });
    expect(pulumi.RunError.isInstance(error)).to.equal(true);
    expect((error as Error).message).to.match(
      /^AssociationSchema document: associations\[0\]\.labels\[0\]\.name: "contact_to_contact" is the name HubSpot gives the unlabeled association/,
    );
    for (const args of [{}, { file: "x.yaml", document: { version: 1 as const, associations: [] } }]) {
      const r = failure(args);
      expect(pulumi.RunError.isInstance(r.error)).to.equal(true);
      expect((r.error as Error).message).to.contain("give exactly one of `file`");
    }
  });
});
