// The document loader: a table of bad documents, each with the exact line, column and a fragment of the message
// of every problem it must report, and good documents that must load.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DocumentError,
  formatProblem,
  loadDocumentFile,
  loadDocumentText,
  requireDocument,
  validateDocumentObject,
} from "../../sdk/document";
import { firstOf, itemAt } from "../helpers/items";

interface BadCase {
  name: string;
  yaml: string;
  /** [line, col, message fragment] for every problem, in the order reported. */
  problems: [number, number, string][];
}

const lines = (...l: string[]): string => l.join("\n") + "\n";

const HEAD = ["version: 1", "associations:", "  - from: contacts", "    to: companies"];

const BAD: BadCase[] = [
  {
    name: "YAML syntax error",
    yaml: lines("version: 1", "associations:", "  - from: contacts", "    to: [companies"),
    problems: [[5, 1, "YAML syntax error"]],
  },
  {
    name: "tab indentation",
    yaml: lines("version: 1", "associations:", "\t- from: contacts"),
    problems: [[3, 1, "YAML syntax error"]],
  },
  { name: "duplicate key", yaml: lines(...HEAD, "    to: deals"), problems: [[5, 5, 'duplicate key "to"']] },
  { name: "empty file", yaml: "", problems: [[1, 1, "the file is empty"]] },
  { name: "comment-only file", yaml: lines("# nothing here"), problems: [[1, 1, "the file is empty"]] },
  {
    name: "two YAML documents",
    yaml: lines("version: 1", "associations: []", "---", "version: 1"),
    problems: [[3, 1, "a second YAML document"]],
  },
  { name: "top level is a list", yaml: lines("- version: 1"), problems: [[1, 1, "must be a mapping, got a list"]] },
  {
    name: "unknown version",
    yaml: lines("version: 2", "associations: []"),
    problems: [[1, 10, "version: unsupported version 2"]],
  },
  {
    name: "version missing",
    yaml: lines("associations: []"),
    problems: [[1, 1, 'missing required property "version"']],
  },
  {
    name: "associations missing",
    yaml: lines("version: 1"),
    problems: [[1, 1, 'missing required property "associations"']],
  },
  {
    name: "associations not a list",
    yaml: lines("version: 1", "associations:", "  from: contacts"),
    problems: [[3, 3, "associations: must be a list, got a mapping"]],
  },
  {
    name: "unknown top-level property",
    yaml: lines("version: 1", "associations: []", "labels: []"),
    problems: [[3, 1, "labels: unknown property"]],
  },
  {
    name: "pair without to",
    yaml: lines("version: 1", "associations:", "  - from: contacts"),
    problems: [[3, 5, 'associations[0]: missing required property "to"']],
  },
  {
    name: "typo in a pair property",
    yaml: lines(...HEAD, "    maxToObjectId: 3"),
    problems: [[5, 5, 'associations[0].maxToObjectId: unknown property (did you mean "maxToObjectIds"?)']],
  },
  {
    name: "a typo of a standard object type (a custom object of that name is written p_<name>)",
    yaml: lines("version: 1", "associations:", "  - from: contatcs", "    to: companeis"),
    problems: [
      [
        3,
        11,
        'associations[0].from: unknown object type "contatcs" (did you mean "contacts"?); a custom object of that name is written p_contatcs',
      ],
      [4, 9, 'associations[0].to: unknown object type "companeis" (did you mean "companies"?)'],
    ],
  },
  {
    name: "an object type that is no name at all",
    yaml: lines("version: 1", "associations:", "  - from: contacts", "    to: my-widgets"),
    problems: [
      [4, 9, 'associations[0].to: "my-widgets" is neither a standard object type nor a custom object\'s name'],
    ],
  },
  {
    name: "unknown standard object type id",
    yaml: lines("version: 1", "associations:", "  - from: 0-1", "    to: 0-9999"),
    problems: [[4, 9, 'unknown standard object type id "0-9999"']],
  },
  {
    name: "object type not text",
    yaml: lines("version: 1", "associations:", "  - from: contacts", "    to: 12"),
    problems: [[4, 9, "associations[0].to: must be text, got 12"]],
  },
  {
    name: "duplicate pair after resolving names",
    yaml: lines(...HEAD, "  - from: contact", "    to: 0-2"),
    problems: [[5, 11, "associations[1].from: Contacts → Companies is already declared at associations[0]"]],
  },
  {
    name: "label name with a leading digit",
    yaml: lines(...HEAD, "    labels:", "      - name: 1st", "        label: First"),
    problems: [
      [
        6,
        15,
        "associations[0].labels[0].name: must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscore; no leading digit)",
      ],
    ],
  },
  {
    name: "label name with a hyphen",
    yaml: lines(...HEAD, "    labels:", "      - name: account-manager", "        label: AM"),
    problems: [[6, 15, "labels[0].name: must match"]],
  },
  {
    name: "label name over 100 characters",
    yaml: lines(...HEAD, "    labels:", `      - name: ${"n".repeat(101)}`, "        label: Long"),
    problems: [[6, 15, "must be at most 100 characters, got 101"]],
  },
  {
    name: "label without label text",
    yaml: lines(...HEAD, "    labels:", "      - name: manager"),
    problems: [[6, 9, 'associations[0].labels[0]: missing required property "label"']],
  },
  {
    name: "empty label text",
    yaml: lines(...HEAD, "    labels:", "      - name: manager", '        label: ""'),
    problems: [[7, 16, "labels[0].label: must not be empty"]],
  },
  {
    name: "blank inverse label",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      '        inverseLabel: "   "',
    ),
    problems: [[8, 23, "labels[0].inverseLabel: must not be blank"]],
  },
  {
    name: "limit zero",
    yaml: lines(...HEAD, "    maxToObjectIds: 0"),
    problems: [[5, 21, "associations[0].maxToObjectIds: must be between 1 and 10000, got 0"]],
  },
  {
    name: "limit above 10000",
    yaml: lines(...HEAD, "    maxToObjectIds: 10001"),
    problems: [[5, 21, "must be between 1 and 10000, got 10001"]],
  },
  {
    name: "limit not a whole number",
    yaml: lines(...HEAD, "    maxToObjectIds: 2.5"),
    problems: [[5, 21, "must be a whole number, got 2.5"]],
  },
  {
    name: "limit given as text",
    yaml: lines(...HEAD, '    maxToObjectIds: "5"'),
    problems: [[5, 21, 'must be a whole number, got text "5"']],
  },
  {
    name: "inverseMaxToObjectIds on a single label of a same-object pair",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: contacts",
      "    to: contact",
      "    labels:",
      "      - name: referrer",
      "        label: Referrer",
      "        inverseMaxToObjectIds: 2",
    ),
    problems: [
      [
        8,
        9,
        "labels[0].inverseMaxToObjectIds: a single label of a same-object pair has one association type for both directions: its maxToObjectIds limits it",
      ],
    ],
  },
  {
    name: "a single label's reverse-half limit above the reverse pair's unlabeled limit",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: owner",
      "        label: Owner",
      "        inverseMaxToObjectIds: 4",
      "  - from: companies",
      "    to: contacts",
      "    maxToObjectIds: 3",
    ),
    problems: [
      [
        8,
        32,
        "inverseMaxToObjectIds: 4 is above the unlabeled limit 3 of Companies → Contacts (associations[1].maxToObjectIds)",
      ],
    ],
  },
  {
    name: "label limit above the unlabeled limit",
    yaml: lines(
      ...HEAD,
      "    maxToObjectIds: 3",
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "        maxToObjectIds: 4",
    ),
    problems: [
      [
        9,
        25,
        "labels[0].maxToObjectIds: 4 is above the unlabeled limit 3 of Contacts → Companies (associations[0].maxToObjectIds)",
      ],
    ],
  },
  {
    name: "inverse label limit above the reverse pair's unlabeled limit",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "        inverseLabel: Employee",
      "        inverseMaxToObjectIds: 7",
      "  - from: companies",
      "    to: contacts",
      "    maxToObjectIds: 6",
    ),
    problems: [
      [
        9,
        32,
        "inverseMaxToObjectIds: 7 is above the unlabeled limit 6 of Companies → Contacts (associations[1].maxToObjectIds)",
      ],
    ],
  },
  {
    name: "same-object inverse limit above the shared unlabeled limit",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: contacts",
      "    to: contacts",
      "    maxToObjectIds: 2",
      "    labels:",
      "      - name: mentor",
      "        label: Mentor",
      "        inverseLabel: Mentee",
      "        inverseMaxToObjectIds: 3",
    ),
    problems: [[10, 32, "3 is above the unlabeled limit 2 of Contacts → Contacts"]],
  },
  {
    name: "duplicate label name in a pair",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "      - name: manager",
      "        label: Boss",
    ),
    problems: [[8, 15, 'labels[1].name: duplicate label name "manager" (also at associations[0].labels[0].name)']],
  },
  {
    name: "duplicate label name across a pair and its reverse",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "  - from: companies",
      "    to: contacts",
      "    labels:",
      "      - name: manager",
      "        label: Managed by",
    ),
    problems: [[11, 15, "HubSpot requires names to be unique on Companies → Contacts and its reverse"]],
  },
  {
    name: "duplicate label names differing only in case",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: Manager",
      "        label: Manager",
      "  - from: companies",
      "    to: contacts",
      "    labels:",
      "      - name: MANAGER",
      "        label: Managed by",
    ),
    problems: [
      [
        11,
        15,
        'duplicate label name "MANAGER" (also at associations[0].labels[0].name as "Manager"; HubSpot compares names case-insensitively)',
      ],
    ],
  },
  {
    name: "a label named like the pair's unlabeled association, in either direction and any case",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: contact_to_company",
      "        label: A",
      "      - name: Company_To_Contact",
      "        label: B",
    ),
    problems: [
      [
        6,
        15,
        '"contact_to_company" is the name HubSpot gives the unlabeled association of Contacts → Companies (contact_to_company, company_to_contact',
      ],
      [8, 15, '"Company_To_Contact" is the name HubSpot gives the unlabeled association'],
    ],
  },
  {
    name: "a custom object's label named like its unlabeled association",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: cars",
      "    to: contacts",
      "    labels:",
      "      - name: cars_to_contact",
      "        label: Driver",
    ),
    problems: [[6, 15, '"cars_to_contact" is the name HubSpot gives the unlabeled association of p_cars → Contacts']],
  },
  {
    name: "one custom object spelled three ways is one pair",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: cars",
      "    to: contacts",
      "  - from: P_Cars",
      "    to: contact",
      "  - from: p123_cars",
      "    to: 0-1",
    ),
    problems: [
      [5, 11, "associations[1].from: p_cars → Contacts is already declared at associations[0]"],
      [7, 11, "associations[2].from: p_cars → Contacts is already declared at associations[0]"],
    ],
  },
  {
    name: "duplicate adoptTypeId",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: a",
      "        label: A",
      "        adoptTypeId: 145",
      "      - name: b",
      "        label: B",
      "        adoptTypeId: 145",
    ),
    problems: [
      [11, 22, "labels[1].adoptTypeId: adoptTypeId 145 is already adopted at associations[0].labels[0].adoptTypeId"],
    ],
  },
  {
    name: "adoptTypeId of a HubSpot-defined type",
    yaml: lines(...HEAD, "    labels:", "      - name: primary", "        label: Primary", "        adoptTypeId: 1"),
    problems: [[8, 22, 'is the HubSpot-defined "Primary" type of Contacts → Companies']],
  },
  {
    name: "unknown property on a label",
    yaml: lines(...HEAD, "    labels:", "      - name: manager", "        label: Manager", "        inverse: Employee"),
    problems: [[8, 9, "labels[0].inverse: unknown property"]],
  },
  {
    name: "HubSpot-defined limit with both label and typeId",
    yaml: lines(...HEAD, "    limits:", "      - label: Primary", "        typeId: 1", "        maxToObjectIds: 1"),
    problems: [[6, 9, 'limits[0]: give either "label" or "typeId", not both']],
  },
  {
    name: "HubSpot-defined limit naming no type",
    yaml: lines(...HEAD, "    limits:", "      - maxToObjectIds: 1"),
    problems: [[6, 9, 'limits[0]: needs "label" or "typeId"']],
  },
  {
    name: "HubSpot-defined limit without a value",
    yaml: lines(...HEAD, "    limits:", "      - label: Primary"),
    problems: [[6, 9, 'limits[0]: missing required property "maxToObjectIds"']],
  },
  {
    name: "limits entry on the unlabeled type",
    yaml: lines(...HEAD, "    limits:", "      - typeId: 279", "        maxToObjectIds: 3"),
    problems: [[6, 17, "limits[0].typeId: 279 is the pair's unlabeled type: set maxToObjectIds on the pair instead"]],
  },
  {
    name: "limits entry naming one of the pair's own labels",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "    limits:",
      "      - label: Manager",
      "        maxToObjectIds: 1",
    ),
    problems: [
      [
        9,
        16,
        '"Manager" is not a HubSpot-defined type of Contacts → Companies; the HubSpot-defined types of Contacts → Companies are 279 unlabeled (limit it with the pair\'s maxToObjectIds), 1 "Primary", 931 "Billing contact". "Manager" is the label at associations[0].labels[0]: set maxToObjectIds there',
      ],
    ],
  },
  {
    name: "limits entry naming the to -> from half of a label declared on the reverse pair",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: manager",
      "        label: Manager",
      "        inverseLabel: Employee",
      "  - from: companies",
      "    to: contacts",
      "    limits:",
      "      - label: Employee",
      "        maxToObjectIds: 5",
    ),
    problems: [
      [
        12,
        16,
        '"Employee" is the to -> from half of the label at associations[0].labels[0]: set inverseMaxToObjectIds there',
      ],
    ],
  },
  {
    name: "a typo in a HubSpot-defined label",
    yaml: lines(...HEAD, "    limits:", "      - label: Primry", "        maxToObjectIds: 1"),
    problems: [
      [
        6,
        16,
        '"Primry" is not a HubSpot-defined type of Contacts → Companies (did you mean "Primary"?); the HubSpot-defined types of Contacts → Companies are 279 unlabeled',
      ],
    ],
  },
  {
    name: "a HubSpot-defined label of the other direction",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: contacts",
      "    to: leads",
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
    ),
    problems: [[6, 16, '"Primary" is a HubSpot-defined type of Leads → Contacts: limit it under that pair']],
  },
  {
    name: "a typeId that is no HubSpot-defined type of the pair",
    yaml: lines(...HEAD, "    limits:", "      - typeId: 3", "        maxToObjectIds: 1"),
    problems: [
      [
        6,
        17,
        'limits[0].typeId: 3 is not a HubSpot-defined type of Contacts → Companies; the HubSpot-defined types of Contacts → Companies are 279 unlabeled (limit it with the pair\'s maxToObjectIds), 1 "Primary", 931 "Billing contact". A user-defined label\'s limit is set on the label: maxToObjectIds, or inverseMaxToObjectIds for its to -> from half',
      ],
    ],
  },
  {
    name: "a typeId adopted by one of the pair's labels",
    yaml: lines(
      ...HEAD,
      "    labels:",
      "      - name: boss",
      "        label: Boss",
      "        adoptTypeId: 145",
      "    limits:",
      "      - typeId: 145",
      "        maxToObjectIds: 1",
    ),
    problems: [[10, 17, "145 is adopted by the label at associations[0].labels[0]: set maxToObjectIds there"]],
  },
  {
    name: "limits on a custom object's pair",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: cars",
      "    to: contacts",
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
    ),
    problems: [[6, 16, "no HubSpot-defined type of p_cars → Contacts is known offline"]],
  },
  {
    name: "one HubSpot-defined type limited by label and by typeId",
    yaml: lines(
      ...HEAD,
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
      "      - typeId: 1",
      "        maxToObjectIds: 2",
    ),
    problems: [
      [
        8,
        17,
        'limits[1].typeId: "Primary" (typeId 1) of Contacts → Companies is already limited at associations[0].limits[0]; one limit per association type',
      ],
    ],
  },
  {
    name: "the unlabeled type limited by the pair and by typeId",
    yaml: lines(...HEAD, "    maxToObjectIds: 5", "    limits:", "      - typeId: 279", "        maxToObjectIds: 5"),
    problems: [
      [
        7,
        17,
        "limits[0].typeId: the unlabeled type (279) of Contacts → Companies is already limited at associations[0].maxToObjectIds",
      ],
    ],
  },
  {
    name: "two limits on one HubSpot-defined type",
    yaml: lines(
      ...HEAD,
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
      "      - label: Primary",
      "        maxToObjectIds: 2",
    ),
    problems: [
      [
        8,
        16,
        'limits[1].label: "Primary" (typeId 1) of Contacts → Companies is already limited at associations[0].limits[0]',
      ],
    ],
  },
  {
    name: "HubSpot-defined limit above the unlabeled limit",
    yaml: lines(...HEAD, "    maxToObjectIds: 2", "    limits:", "      - label: Primary", "        maxToObjectIds: 3"),
    problems: [[8, 25, "limits[0].maxToObjectIds: 3 is above the unlabeled limit 2"]],
  },
  {
    name: "several problems, reported in file order",
    yaml: lines(
      "version: 3",
      "associations:",
      "  - from: contacts",
      "    to: companiess",
      "    labels:",
      "      - name: bad name",
      "        label: X",
      "        colour: red",
    ),
    problems: [
      [1, 10, "unsupported version 3"],
      [4, 9, 'unknown object type "companiess"'],
      [6, 15, "must match"],
      [8, 9, "colour: unknown property"],
    ],
  },
  {
    name: "an anchored value is pointed at past its anchor",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: &c contacts",
      "    to: companies",
      "    maxToObjectIds: &n 0",
    ),
    problems: [[5, 24, "must be between 1 and 10000, got 0"]],
  },
];

describe("document loader: bad documents", () => {
  it(`has at least 25 cases (${BAD.length})`, () => {
    expect(BAD.length).to.be.at.least(25);
  });

  for (const c of BAD) {
    it(c.name, () => {
      const r = loadDocumentText(c.yaml, "doc.yaml");
      const shown = r.problems.map(formatProblem).join("\n");
      expect(r.document, shown).to.equal(undefined);
      expect(
        r.problems.map((p) => [p.line, p.col]),
        shown,
      ).to.deep.equal(c.problems.map(([l, col]) => [l, col]));
      c.problems.forEach(([, , fragment], i) => {
        const p = itemAt(r.problems, i, "problems");
        expect(p.message, shown).to.contain(fragment);
        expect(formatProblem(p)).to.match(new RegExp(`^doc\\.yaml:${p.line}:${p.col}: `));
      });
    });
  }
});

const GOOD: { name: string; yaml: string; counts: [number, number, number] }[] = [
  {
    name: "a single label's reverse half limited, HubSpot-defined types by label and by typeId, exclusive limits",
    yaml: lines(
      ...HEAD,
      "    exclusiveLimits: true",
      "    labels:",
      "      - name: owner",
      "        label: Owner",
      "        maxToObjectIds: 2",
      "        inverseMaxToObjectIds: 3",
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
      "      - typeId: 931",
      "        maxToObjectIds: 4",
      "  - from: companies",
      "    to: companies",
      "    limits:",
      "      - label: Child Company",
      "        maxToObjectIds: 10",
      "      - typeId: 14",
      "        maxToObjectIds: 1",
      "  - from: leads",
      "    to: contacts",
      "    limits:",
      "      - { label: Primary, maxToObjectIds: 1 }",
    ),
    counts: [3, 1, 7],
  },
  { name: "no associations", yaml: lines("version: 1", "associations: []"), counts: [0, 0, 0] },
  {
    name: "the design's example",
    yaml: lines(
      "# yaml-language-server: $schema=./schema.json",
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
      "        adoptTypeId: 145",
      "    limits:",
      "      - label: Primary",
      "        maxToObjectIds: 1",
    ),
    counts: [1, 1, 4],
  },
  {
    name: "pairs by id and singular name, custom objects by id and by name, a reverse pair with its own unlabeled limit",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: contact",
      "    to: deal",
      "    labels:",
      "      - { name: referrer, label: Referrer }",
      "  - from: 0-3",
      "    to: 0-1",
      "    maxToObjectIds: 5",
      "  - from: 2-123",
      "    to: contacts",
      "    labels:",
      "      - name: owner",
      "        label: Owner",
      "        inverseLabel: Pet",
      "        inverseMaxToObjectIds: 2",
      "  - from: cars",
      "    to: p_bikes",
      "    maxToObjectIds: 3",
      "  - from: p123_bikes",
      "    to: widgets",
      "    labels:",
      "      - { name: bikes_to_widget, label: Part }",
    ),
    counts: [5, 3, 3],
  },
  {
    name: "same-object paired label and equal limits",
    yaml: lines(
      "version: 1",
      "associations:",
      "  - from: companies",
      "    to: companies",
      "    maxToObjectIds: 4",
      "    labels:",
      "      - name: partner",
      "        label: Partner",
      "        inverseLabel: Partner",
      "        maxToObjectIds: 4",
      "        inverseMaxToObjectIds: 4",
    ),
    counts: [1, 1, 3],
  },
];

describe("document loader: good documents", () => {
  for (const c of GOOD) {
    it(c.name, () => {
      const r = loadDocumentText(c.yaml, "good.yaml");
      expect(r.problems.map(formatProblem)).to.deep.equal([]);
      const doc = requireDocument(r);
      let labels = 0;
      let limits = 0;
      for (const p of doc.associations) {
        limits += (p.maxToObjectIds ? 1 : 0) + (p.limits?.length ?? 0);
        for (const l of p.labels ?? []) {
          labels++;
          limits += (l.maxToObjectIds ? 1 : 0) + (l.inverseMaxToObjectIds ? 1 : 0);
        }
      }
      expect([doc.associations.length, labels, limits]).to.deep.equal(c.counts);
    });
  }

  it("the example document in examples/yaml-schema is valid", () => {
    const file = path.resolve(__dirname, "..", "..", "..", "examples", "yaml-schema", "hubspot-associations.yaml");
    const r = loadDocumentFile(file);
    expect(r.problems.map(formatProblem)).to.deep.equal([]);
  });
});

describe("document loader: entry points", () => {
  it("loadDocumentFile reports a missing file as one problem", () => {
    const r = loadDocumentFile(path.join(os.tmpdir(), "does-not-exist-hubspot.yaml"));
    expect(r.problems).to.have.length(1);
    expect(r.problems[0]?.message).to.contain("no such file");
  });

  it("loadDocumentFile reads a file and names it in problems", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doc-"));
    const file = path.join(dir, "h.yaml");
    fs.writeFileSync(file, lines("version: 1", "associations:", "  - from: contacts"));
    const r = loadDocumentFile(file);
    expect(formatProblem(firstOf(r.problems))).to.equal(`${file}:3:5: associations[0]: missing required property "to"`);
    fs.rmSync(dir, { recursive: true });
  });

  it("validateDocumentObject checks parsed data without positions", () => {
    const r = validateDocumentObject(
      { version: 1, associations: [{ from: "contacts", to: "companies", labels: [{ name: "9x", label: "X" }] }] },
      "code",
    );
    expect(r.problems.map(formatProblem)).to.deep.equal([
      'code: associations[0].labels[0].name: must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and underscore; no leading digit), got text "9x"',
    ]);
    expect(validateDocumentObject({ version: 1, associations: [] }).document).to.deep.equal({
      version: 1,
      associations: [],
    });
  });

  it("DocumentError lists every problem", () => {
    const r = loadDocumentText(lines("version: 2", "associations: {}"), "x.yaml");
    expect(() => requireDocument(r)).to.throw(DocumentError, /x\.yaml: 2 problems\nx\.yaml:1:10: .*\nx\.yaml:2:15: /);
  });
});
