// export -> load round trip against the emulator: whatever the portal holds (labels whose texts repeat, paired
// labels whose halves share a text, same-object pairs, limits on either half of a label, the unlabeled type in
// both directions, HubSpot-defined labelled types, a custom object), the exported document declares exactly the
// portal's labels (by adoptTypeId, with their halves' directions and texts) and exactly its custom limits.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hubspotDefinedTypes, resolveObjectType, unlabeledTypeId } from "../../model";
import { startEmulator } from "../../emulator";
import { runExportCommand } from "../../cli/commands/export";
import { AssociationSchemaDocument, formatProblem, loadDocumentFile } from "../../sdk/document";
import { captureIo, PortalSeeder } from "./helpers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** The portal as sets of strings: labels (their halves) and custom limits. */
interface Declared {
  labels: string[];
  limits: string[];
}

const half = (from: string, to: string, typeId: number, text: string): string => `${from}>${to}#${typeId}:${text}`;
const labelKey = (halves: string[]): string => [...halves].sort().join(" + ");
const limitKey = (from: string, to: string, type: string, max: number): string => `${from}>${to} ${type} = ${max}`;

/** The truth, from the emulator's own state (not from the API the exporter reads). */
async function portalTruth(
  emu: Emulator,
  unlabeledOf: (from: string, to: string) => Promise<number | undefined>,
): Promise<Declared> {
  const state = emu.state();
  const defs = state.definitions.filter((d) => d.category === "USER_DEFINED" && d.kind !== "default");
  const seen = new Set<number>();
  const labels: string[] = [];
  for (const d of defs) {
    if (seen.has(d.typeId)) continue;
    const other =
      d.inverseTypeId !== null && d.inverseTypeId !== d.typeId
        ? defs.find((x) => x.typeId === d.inverseTypeId)
        : undefined;
    for (const x of [d, other]) if (x) seen.add(x.typeId);
    labels.push(
      labelKey(
        [d, other]
          .filter((x) => x !== undefined)
          .map((x) => half(x.fromObjectTypeId, x.toObjectTypeId, x.typeId, x.label ?? "(none)")),
      ),
    );
  }
  const limits: string[] = [];
  for (const l of state.limits) {
    const unlabeled = (await unlabeledOf(l.fromObjectTypeId, l.toObjectTypeId)) === l.typeId;
    limits.push(
      limitKey(
        l.fromObjectTypeId,
        l.toObjectTypeId,
        unlabeled ? "unlabeled" : `${l.category}:${l.typeId}`,
        l.maxToObjectIds,
      ),
    );
  }
  return { labels: labels.sort(), limits: limits.sort() };
}

/** What a loaded document declares; a label's other half's typeId is the portal's (the document never says it). */
function declaredBy(doc: AssociationSchemaDocument, otherHalfOf: (typeId: number) => number | undefined): Declared {
  const id = (v: string): string => {
    const r = resolveObjectType(v);
    if (r.ok) return r.id;
    // The export names custom objects by name; this portal has one.
    if (v === "pets") return "2-123";
    throw new Error(r.reason);
  };
  const labels: string[] = [];
  const limits: string[] = [];
  for (const p of doc.associations) {
    const [from, to] = [id(p.from), id(p.to)];
    if (p.maxToObjectIds !== undefined) limits.push(limitKey(from, to, "unlabeled", p.maxToObjectIds));
    for (const l of p.labels ?? []) {
      const own = l.adoptTypeId as number;
      const other = otherHalfOf(own);
      const halves = [half(from, to, own, l.label)];
      // A paired label's inverse, or a single label's reverse half between different object types (same text).
      const otherText = l.inverseLabel ?? (from === to ? undefined : l.label);
      if (otherText !== undefined && other !== undefined) halves.push(half(to, from, other, otherText));
      labels.push(labelKey(halves));
      if (l.maxToObjectIds !== undefined) limits.push(limitKey(from, to, `USER_DEFINED:${own}`, l.maxToObjectIds));
      if (l.inverseMaxToObjectIds !== undefined)
        limits.push(limitKey(to, from, `USER_DEFINED:${other}`, l.inverseMaxToObjectIds));
    }
    for (const lim of p.limits ?? []) {
      const typeId = lim.typeId ?? hubspotDefinedTypes(from, to).find((t) => t.label === lim.label)?.typeId;
      limits.push(limitKey(from, to, `HUBSPOT_DEFINED:${typeId}`, lim.maxToObjectIds));
    }
  }
  return { labels: labels.sort(), limits: limits.sort() };
}

describe("export: round trip against the emulator", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;

  before(async () => {
    emu = await startEmulator({
      port: 0,
      rateLimitPer10s: 0,
      customObjects: [{ objectTypeId: "2-123", name: "pets", singular: "pet" }],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-rt-"));
    const seed = new PortalSeeder(emu.url, emu.token);
    // Same-object single label first, so that no other label's id follows it (see EXPORT_HEURISTICS).
    const friend = await seed.label("contacts", "contacts", "friend", "Friend");
    const noise = await seed.label("deals", "tickets", "spacer", "Spacer");
    // The portal: a single label "Owner", a paired "Boss"/"Owner", a limit on the single label's reverse half.
    const owner = await seed.label("contacts", "companies", "owner", "Owner");
    const boss = await seed.label("contacts", "companies", "boss", "Boss", "Owner");
    // The same text twice on one pair.
    const refOne = await seed.label("contacts", "deals", "ref_one", "Referrer");
    const refTwo = await seed.label("contacts", "deals", "ref_two", "Referrer");
    // Paired labels whose halves share a text, across objects and on a same-object pair.
    const partner = await seed.label("contacts", "tickets", "partner", "Partner", "Partner");
    const sister = await seed.label("companies", "companies", "sister", "Sister", "Sister");
    const mentor = await seed.label("contacts", "contacts", "mentor", "Mentor", "Mentee");
    const pet = await seed.label("contacts", "2-123", "pet_owner", "Owner");
    const other = (s: { typeId: number; otherTypeId?: number }): number => s.otherTypeId as number;
    await seed.limits("contacts", "companies", [
      { typeId: 279, maxToObjectIds: 10, category: "HUBSPOT_DEFINED" },
      { typeId: 1, maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      { typeId: 931, maxToObjectIds: 4, category: "HUBSPOT_DEFINED" },
      { typeId: boss.typeId, maxToObjectIds: 2 },
    ]);
    await seed.limits("companies", "contacts", [
      { typeId: 280, maxToObjectIds: 20, category: "HUBSPOT_DEFINED" },
      { typeId: 2, maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      { typeId: other(owner), maxToObjectIds: 2 },
      { typeId: other(boss), maxToObjectIds: 3 },
    ]);
    await seed.limits("contacts", "deals", [{ typeId: refTwo.typeId, maxToObjectIds: 4 }]);
    await seed.limits("deals", "contacts", [{ typeId: other(refOne), maxToObjectIds: 6 }]);
    await seed.limits("tickets", "contacts", [{ typeId: other(partner), maxToObjectIds: 2 }]);
    await seed.limits("companies", "companies", [
      { typeId: 450, maxToObjectIds: 9, category: "HUBSPOT_DEFINED" },
      { typeId: 13, maxToObjectIds: 8, category: "HUBSPOT_DEFINED" },
      { typeId: 14, maxToObjectIds: 1, category: "HUBSPOT_DEFINED" },
      { typeId: sister.typeId, maxToObjectIds: 5 },
      { typeId: other(sister), maxToObjectIds: 6 },
    ]);
    await seed.limits("contacts", "contacts", [
      { typeId: 449, maxToObjectIds: 7, category: "HUBSPOT_DEFINED" },
      { typeId: friend.typeId, maxToObjectIds: 3 },
      { typeId: mentor.typeId, maxToObjectIds: 1 },
      { typeId: other(mentor), maxToObjectIds: 4 },
    ]);
    await seed.limits("2-123", "contacts", [{ typeId: other(pet), maxToObjectIds: 1 }]);
    void noise;
  });

  after(async () => {
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The pair's unlabeled type as HubSpot lists it (for custom objects it is not in the table). */
  async function unlabeledOf(from: string, to: string): Promise<number | undefined> {
    const known = unlabeledTypeId(from, to);
    if (known !== undefined) return known;
    const res = await fetch(`${emu.url}/crm/v4/associations/${from}/${to}/labels`, {
      headers: { authorization: `Bearer ${emu.token}` },
    });
    const body = (await res.json()) as { results: { typeId: number; label: string | null }[] };
    const textless = body.results.filter((r) => r.label === null);
    return textless.length === 1 ? textless[0]?.typeId : undefined;
  }

  it("the exported document declares exactly the portal's labels and limits, and warns of nothing", async () => {
    const out = path.join(dir, "hubspot-associations.yaml");
    const io = captureIo({ HUBSPOT_ACCESS_TOKEN: emu.token, HUBSPOT_BASE_URL: emu.url });
    expect(await runExportCommand(["--out", out, "--object-types", "tickets,2-123"], io), io.stderr.join("")).to.equal(
      0,
    );
    expect(io.stderr.join("")).to.not.contain("warning");
    const loaded = loadDocumentFile(out);
    expect(loaded.problems.map(formatProblem)).to.deep.equal([]);
    const doc = loaded.document as AssociationSchemaDocument;
    const defs = emu.state().definitions;
    const otherHalfOf = (typeId: number): number | undefined => {
      const d = defs.find((x) => x.typeId === typeId);
      return d && d.inverseTypeId !== null && d.inverseTypeId !== typeId ? d.inverseTypeId : undefined;
    };
    const truth = await portalTruth(emu, unlabeledOf);
    const declared = declaredBy(doc, otherHalfOf);
    expect(declared.labels).to.deep.equal(truth.labels);
    expect(declared.limits).to.deep.equal(truth.limits);
    expect(truth.labels).to.have.length(10);
    expect(truth.limits).to.have.length(21);
  });

  it("writes the issue's case on the labels: the single label's reverse half as inverseMaxToObjectIds, never limits: typeId", async () => {
    const io = captureIo({ HUBSPOT_ACCESS_TOKEN: emu.token, HUBSPOT_BASE_URL: emu.url });
    expect(await runExportCommand([], io)).to.equal(0);
    const text = io.stdout.join("");
    const doc = loadDocumentFile(writeTemp(dir, text)).document as AssociationSchemaDocument;
    const c2c = doc.associations.find((p) => p.from === "contacts" && p.to === "companies");
    expect(c2c?.labels?.map((l) => [l.label, l.inverseLabel, l.maxToObjectIds, l.inverseMaxToObjectIds])).to.deep.equal(
      [
        ["Owner", undefined, undefined, 2],
        ["Boss", "Owner", 2, 3],
      ],
    );
    expect(c2c?.limits).to.deep.equal([
      { label: "Primary", maxToObjectIds: 1 },
      { label: "Billing contact", maxToObjectIds: 4 },
    ]);
    const reverse = doc.associations.find((p) => p.from === "companies" && p.to === "contacts");
    expect(reverse).to.deep.equal({
      from: "companies",
      to: "contacts",
      maxToObjectIds: 20,
      limits: [{ label: "Primary", maxToObjectIds: 1 }],
    });
  });
});

function writeTemp(dir: string, text: string): string {
  const file = path.join(dir, `stdout-${Date.now()}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}
