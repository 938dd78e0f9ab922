// The emulator keeps its own copy of HubSpot's tables (it shares no code with the provider), so a test of one
// against the other can fail when either is wrong. This test keeps the two copies equal: the HubSpot-defined
// association types of every directed pair (ids, direction, unlabeled id, label texts) and the standard object types.
import { expect } from "chai";
import { hubspotDefinedTypes as emulatorDefinedTypes } from "../../emulator/hubspot-defined-types";
import { STANDARD_OBJECT_TYPES as EMULATOR_OBJECT_TYPES } from "../../emulator/object-types";
import { hubspotDefinedTypes, knownPairs, pairKey, STANDARD_OBJECT_TYPES, unlabeledTypeId } from "../../model";

interface PairTable {
  unlabeled: number | undefined;
  /** `typeId label` (label "null" for the unlabeled type), sorted. */
  types: string[];
}

function modelTables(): Map<string, PairTable> {
  const out = new Map<string, PairTable>();
  for (const [from, to] of knownPairs({})) {
    const types = hubspotDefinedTypes(from, to).map((t) => `${t.typeId} ${String(t.label)}`);
    out.set(pairKey(from, to), { unlabeled: unlabeledTypeId(from, to), types: types.sort() });
  }
  return out;
}

function emulatorTables(): Map<string, PairTable> {
  const out = new Map<string, PairTable>();
  for (const d of emulatorDefinedTypes()) {
    const key = pairKey(d.fromObjectTypeId, d.toObjectTypeId);
    const entry = out.get(key) ?? { unlabeled: undefined, types: [] };
    entry.types.push(`${d.typeId} ${String(d.label)}`);
    if (d.kind === "default") {
      expect(entry.unlabeled, `${key}: two unlabeled types in the emulator's table`).to.equal(undefined);
      entry.unlabeled = d.typeId;
    }
    out.set(key, entry);
  }
  for (const e of out.values()) e.types.sort();
  return out;
}

describe("emulator tables cross-check with model/", () => {
  it("every directed pair has the same HubSpot-defined types, directions, unlabeled id and label texts", () => {
    const model = modelTables();
    const emulator = emulatorTables();
    expect([...emulator.keys()].sort(), "directed pairs").to.deep.equal([...model.keys()].sort());
    for (const [key, m] of model) expect(emulator.get(key), key).to.deep.equal(m);
  });

  it("every HubSpot-defined id belongs to one directed pair, and an inverse points back the other way", () => {
    const defs = emulatorDefinedTypes();
    const byId = new Map(defs.map((d) => [d.typeId, d]));
    expect(byId.size, "ids unique").to.equal(defs.length);
    for (const d of defs) {
      if (d.inverseTypeId === null) continue;
      const inv = byId.get(d.inverseTypeId);
      expect(inv, `inverse of ${d.typeId}`).to.not.equal(undefined);
      expect([inv!.fromObjectTypeId, inv!.toObjectTypeId], `inverse of ${d.typeId}`).to.deep.equal([
        d.toObjectTypeId,
        d.fromObjectTypeId,
      ]);
      expect(inv!.inverseTypeId, `inverse of the inverse of ${d.typeId}`).to.equal(d.typeId);
    }
  });

  it("the standard object types have the same ids, plural names and singular names", () => {
    const model = STANDARD_OBJECT_TYPES.map((t) => `${t.id} ${t.name} ${t.aliases[0] ?? t.name}`).sort();
    const emulator = EMULATOR_OBJECT_TYPES.map((t) => `${t.objectTypeId} ${t.name} ${t.singular}`).sort();
    expect(emulator).to.deep.equal(model);
  });
});
