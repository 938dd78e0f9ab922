// `summarize` on REAL `pulumi preview --json` output (test/fixtures/preview-*.json, captured by
// test/fixtures/capture-preview.ts from the quickstart program on the Pulumi CLI 3.248 against the emulator),
// plus the step shapes real previews of other programs produce (delete, adopt, create-replacement collapse).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { runSummarizeCommand } from "../../cli/commands/summarize";
import { describePreview } from "../../cli/commands/summarize/describe";
import { parsePreviewJson, PreviewJson, UNKNOWN } from "../../cli/commands/summarize/preview-json";
import { captureIo } from "./helpers";
import { itemAt } from "../helpers/items";

const fixture = (name: string): string =>
  path.resolve(__dirname, "..", "..", "..", "test", "fixtures", `preview-${name}.json`);

async function summarize(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runSummarizeCommand(argv, { ...io, readStdin: async () => stdin ?? "" });
  return { code, out: io.stdout.join(""), err: io.stderr.join("") };
}

const tableRows = (md: string): string[] =>
  md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Object pair"));

describe("summarize: real preview output", () => {
  it("first up: labels added, limits added, pairs named as people name them", async () => {
    const r = await summarize([fixture("create")]);
    expect(r.code).to.equal(0);
    expect(tableRows(r.out)).to.deep.equal([
      "| Contacts → Deals | label `Referrer` | added |",
      "| Contacts → Companies | label `Manager / Employee` | added |",
      "| Companies → Contacts | limit on `Employee` | added: 5 |",
      "| Contacts → Companies | limit on unlabeled | added: 10 |",
      "| Contacts → Companies | limit on `Manager` | added: 1 |",
    ]);
    expect(r.out).to.contain("2 label changes, 3 limit changes.");
  });

  it("text edits and limits raised and lowered (limit entries whose typeId is unknown in the preview)", async () => {
    const r = await summarize([fixture("edits")]);
    expect(tableRows(r.out)).to.deep.equal([
      "| Contacts → Deals | label `Referred by` | text `Referrer` -> `Referred by` |",
      "| Contacts → Companies | label `Line manager / Staff` | text `Manager` -> `Line manager`, inverse text `Employee` -> `Staff` |",
      "| Companies → Contacts | limit on `Staff` | lowered 5 -> 3 |",
      "| Contacts → Companies | limit on unlabeled | raised 10 -> 20 |",
      "| Contacts → Companies | limit on `Line manager` | raised 1 -> 2 |",
    ]);
  });

  it("renamed label: replaced, and why", async () => {
    const r = await summarize([fixture("rename")]);
    expect(tableRows(r.out)).to.deep.equal([
      "| Contacts → Companies | label `Manager / Employee` | **replaced** (internal name `manager` -> `line_manager`): HubSpot removes a replaced label from every record |",
    ]);
  });

  it("paired -> single: replaced, and the inverse limit removed", async () => {
    const r = await summarize([fixture("unpair")]);
    expect(tableRows(r.out)).to.deep.equal([
      "| Contacts → Companies | label `Manager` | **replaced** (paired -> single): HubSpot removes a replaced label from every record |",
      "| Companies → Contacts | limit on `Employee` | removed (was 5) |",
    ]);
  });

  it("no changes: one line saying so", async () => {
    const r = await summarize([fixture("no-changes")]);
    expect(r.code).to.equal(0);
    expect(r.out).to.contain("No changes to association labels or limits.");
    expect(tableRows(r.out)).to.deep.equal([]);
  });

  it("reads standard input with - and with no FILE", async () => {
    const text = fs.readFileSync(fixture("edits"), "utf8");
    for (const argv of [["-"], []]) {
      const r = await summarize(argv, text);
      expect(r.code).to.equal(0);
      expect(tableRows(r.out)).to.have.length(5);
    }
  });
});

const LABEL = "pulumi-nodejs:dynamic/hubspot:AssociationLabel";
const LIMITS = "pulumi-nodejs:dynamic/hubspot:AssociationLimits";
const urn = (type: string, name: string): string => `urn:pulumi:prod::crm::${type}::${name}`;
const state = (
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown> = {},
  deps: Record<string, string[]> = {},
) => ({
  inputs,
  outputs,
  propertyDependencies: deps,
  dependencies: Object.values(deps).flat(),
});

describe("summarize: step shapes", () => {
  it("collapses replace / create-replacement / delete-replaced into one row; skips same, read and refresh", () => {
    const u = urn(LABEL, "owner");
    const old = state(
      { fromObjectType: "2-123", toObjectType: "contacts", name: "owner", label: "Owner" },
      { typeId: 120 },
    );
    const neu = state({
      fromObjectType: "2-123",
      toObjectType: "contacts",
      name: "owner",
      label: "Owner",
      inverseLabel: "Pet",
    });
    const preview: PreviewJson = {
      changeSummary: {},
      diagnostics: [],
      steps: [
        {
          op: "create-replacement",
          urn: u,
          oldState: old,
          newState: neu,
          replaceReasons: ["inverseLabel"],
          diffReasons: [],
        },
        { op: "replace", urn: u, oldState: old, newState: neu, replaceReasons: ["inverseLabel"], diffReasons: [] },
        { op: "delete-replaced", urn: u, oldState: old, newState: undefined, replaceReasons: [], diffReasons: [] },
        { op: "same", urn: urn(LABEL, "x"), oldState: old, newState: old, replaceReasons: [], diffReasons: [] },
        { op: "read", urn: urn(LABEL, "y"), oldState: old, newState: old, replaceReasons: [], diffReasons: [] },
        { op: "refresh", urn: urn(LABEL, "z"), oldState: old, newState: old, replaceReasons: [], diffReasons: [] },
      ],
    };
    expect(describePreview(preview)).to.deep.equal([
      {
        pair: "2-123 → Contacts",
        subject: "label `Owner / Pet`",
        change: "**replaced** (single -> paired): HubSpot removes a replaced label from every record",
        kind: "label",
      },
    ]);
  });

  it("delete, adoption, HubSpot-defined limits by typeId and by label, other resource types ignored", () => {
    const preview: PreviewJson = {
      changeSummary: {},
      diagnostics: [],
      steps: [
        {
          op: "delete",
          urn: urn(LABEL, "old"),
          oldState: state(
            { fromObjectType: "deals", toObjectType: "tickets", name: "old", label: "Old | stuff" },
            { typeId: 150 },
          ),
          replaceReasons: [],
          diffReasons: [],
        },
        {
          op: "create",
          urn: urn(LABEL, "adopted"),
          newState: state({
            fromObjectType: "contacts",
            toObjectType: "companies",
            name: "boss",
            label: "Boss",
            adoptTypeId: 145,
          }),
          replaceReasons: [],
          diffReasons: [],
        },
        {
          op: "update",
          urn: urn(LIMITS, "c2c"),
          oldState: state(
            {
              fromObjectType: "contacts",
              toObjectType: "companies",
              limits: [
                { typeId: 1, maxToObjectIds: 2 },
                { label: "Billing contact", maxToObjectIds: 3 },
              ],
            },
            { resolved: [{ typeId: 1, label: "Primary", maxToObjectIds: 2, category: "HUBSPOT_DEFINED" }] },
          ),
          newState: state({
            fromObjectType: "contacts",
            toObjectType: "companies",
            limits: [
              { typeId: 1, maxToObjectIds: 1 },
              { typeId: UNKNOWN, maxToObjectIds: 4 },
            ],
          }),
          replaceReasons: [],
          diffReasons: ["limits"],
        },
        {
          op: "create",
          urn: urn("aws:s3/bucket:Bucket", "b"),
          newState: state({}),
          replaceReasons: [],
          diffReasons: [],
        },
      ],
    };
    expect(describePreview(preview).map((r) => `${r.pair} | ${r.subject} | ${r.change}`)).to.deep.equal([
      "Deals → Tickets | label `Old | stuff` | **deleted**: HubSpot removes it from every record",
      "Contacts → Companies | label `Boss` | adopted (existing typeId 145; nothing is created)",
      "Contacts → Companies | limit on `Primary` | lowered 2 -> 1",
      "Contacts → Companies | limit on a label created by this update | added: 4",
      "Contacts → Companies | limit on `Billing contact` | removed (was 3)",
    ]);
  });

  it("escapes | in table cells", async () => {
    const json = JSON.stringify({
      steps: [
        {
          op: "delete",
          urn: urn(LABEL, "p"),
          oldState: { inputs: { fromObjectType: "deals", toObjectType: "tickets", name: "p", label: "A|B" } },
        },
      ],
    });
    const r = await summarize(["-"], json);
    expect(tableRows(r.out)).to.deep.equal([
      "| Deals → Tickets | label `A\\|B` | **deleted**: HubSpot removes it from every record |",
    ]);
  });

  it("errors: not JSON or not a preview exits 1; unknown option and two files exit 2; --help exits 0", async () => {
    expect((await summarize(["-"], "Previewing update (dev)")).code).to.equal(1);
    const notPreview = await summarize(["-"], '{"hello": 1}');
    expect(notPreview.code).to.equal(1);
    expect(notPreview.err).to.contain("pulumi preview --json");
    expect((await summarize(["/nonexistent/preview.json"])).code).to.equal(1);
    expect((await summarize(["--colour"])).code).to.equal(2);
    expect((await summarize(["a.json", "b.json"])).code).to.equal(2);
    const help = await summarize(["--help"]);
    expect(help.code).to.equal(0);
    expect(help.out).to.contain("Usage: hubspot-associations summarize");
    expect(parsePreviewJson("[]").ok).to.equal(false);
  });

  it("--title changes the heading", async () => {
    const r = await summarize([fixture("no-changes"), "--title", "Production portal"]);
    expect(r.out.startsWith("### Production portal\n")).to.equal(true);
  });
});

describe("summarize: a failed preview", () => {
  it("says it failed, with its error lines once each, and exits 1 (real output of a preview whose document is bad)", async () => {
    const r = await summarize([fixture("failed")]);
    expect(r.code).to.equal(1);
    expect(r.out).to.not.contain("No changes");
    expect(r.out).to.contain("**The preview failed**");
    const block = itemAt(r.out.split("```"), 1, "the output between its code fences").trim().split("\n");
    expect(block).to.have.length(2);
    expect(block[0]).to.match(/hubspot-associations\.yaml:6:15: associations\[0\]\.labels\[0\]\.name: must match/);
    expect(block[1]).to.match(
      /hubspot-associations\.yaml:9:16: associations\[0\]\.limits\[0\]\.label: "Primry" is not a HubSpot-defined type/,
    );
    expect(r.err).to.contain("the preview failed");
  });

  it("names the resource an error is about, ignores warnings, and reads JSON without steps", async () => {
    const json = JSON.stringify({
      diagnostics: [
        { severity: "warning", message: "warning: something mild\n" },
        {
          urn: urn(LIMITS, "schema/0-1/0-2/limits"),
          severity: "error",
          message: "error: limits for Contacts → Companies: HubSpot refused\n",
        },
        {
          urn: "urn:pulumi:prod::crm::pulumi:pulumi:Stack::crm-prod",
          severity: "error",
          message: "error: update failed\n",
        },
      ],
    });
    const r = await summarize(["-", "--title", "Prod"], json);
    expect(r.code).to.equal(1);
    expect(r.out).to.equal(
      [
        "### Prod",
        "",
        "**The preview failed**: no changes can be listed until it succeeds. Its errors:",
        "",
        "```",
        "schema/0-1/0-2/limits: limits for Contacts → Companies: HubSpot refused",
        "update failed",
        "```",
        "",
      ].join("\n"),
    );
  });

  it("warnings alone do not fail the summary", async () => {
    const r = await summarize(
      ["-"],
      JSON.stringify({ steps: [], diagnostics: [{ severity: "warning", message: "warning: mild\n" }] }),
    );
    expect(r.code).to.equal(0);
    expect(r.out).to.contain("No changes to association labels or limits.");
  });
});

describe("summarize: limits that own their pair (exclusive) and limits removed", () => {
  const limitsStep = (
    op: string,
    oldInputs?: Record<string, unknown>,
    newInputs?: Record<string, unknown>,
    oldOutputs: Record<string, unknown> = {},
  ) => ({
    op,
    urn: urn(LIMITS, "schema/0-1/0-2/limits"),
    oldState: oldInputs ? state(oldInputs, oldOutputs) : undefined,
    newState: newInputs ? state(newInputs) : undefined,
    replaceReasons: [],
    diffReasons: [],
  });
  const rows = (...steps: ReturnType<typeof limitsStep>[]): string[] =>
    describePreview({ changeSummary: {}, diagnostics: [], steps }).map((r) => `${r.pair} | ${r.subject} | ${r.change}`);
  const pair = { fromObjectType: "contacts", toObjectType: "companies" };

  it("an exclusive AssociationLimits that declares nothing is one row: what it will do", () => {
    expect(rows(limitsStep("create", undefined, { ...pair, exclusive: true, limits: [] }))).to.deep.equal([
      "Contacts → Companies | limits not declared here | **exclusive**: any such limit at HubSpot is removed",
    ]);
  });

  it("turning exclusive on and off is a row each way", () => {
    const limits = [{ unlabeled: true, maxToObjectIds: 5 }];
    expect(rows(limitsStep("update", { ...pair, limits }, { ...pair, limits, exclusive: true }))).to.deep.equal([
      "Contacts → Companies | limits not declared here | **exclusive**: any such limit at HubSpot is removed",
    ]);
    expect(rows(limitsStep("update", { ...pair, limits, exclusive: true }, { ...pair, limits }))).to.deep.equal([
      "Contacts → Companies | limits not declared here | no longer exclusive: left as HubSpot has them",
    ]);
  });

  it("an undeclared limit a refresh found is one removed row; a type named another way is the same type", () => {
    // After a refresh an exclusive resource's inputs list what HubSpot limits, by typeId; the document names
    // Primary by text and the unlabeled type as unlabeled: only Billing contact (931) goes.
    const old = {
      ...pair,
      exclusive: true,
      limits: [
        { typeId: 279, maxToObjectIds: 10 },
        { typeId: 1, maxToObjectIds: 1 },
        { typeId: 931, maxToObjectIds: 4 },
      ],
    };
    const neu = {
      ...pair,
      exclusive: true,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { label: "Primary", maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      ],
    };
    const resolved = [
      { typeId: 1, label: "Primary", maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      { typeId: 279, label: null, maxToObjectIds: 10, category: "HUBSPOT_DEFINED" },
      { typeId: 931, label: "Billing contact", maxToObjectIds: 4, category: "HUBSPOT_DEFINED" },
    ];
    expect(rows(limitsStep("update", old, neu, { resolved }))).to.deep.equal([
      "Contacts → Companies | limit on `Billing contact` | removed (was 4)",
    ]);
  });

  it("a deleted AssociationLimits lists every limit it removes, one row each", () => {
    const old = {
      ...pair,
      limits: [
        { unlabeled: true, maxToObjectIds: 10 },
        { label: "Primary", maxToObjectIds: 1 },
      ],
    };
    expect(rows(limitsStep("delete", old))).to.deep.equal([
      "Contacts → Companies | limit on unlabeled | removed (was 10)",
      "Contacts → Companies | limit on `Primary` | removed (was 1)",
    ]);
  });
});
