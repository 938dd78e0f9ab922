// Rules about pairs and labels as HubSpot keeps them: one entry per directed pair, internal names unique on a pair
// and its reverse (compared case-insensitively, as HubSpot compares them) and not the unlabeled association's name,
// at most MAX_LABELS_PER_PAIR labels per object pair, one declaration per adopted label.
import {
  hubspotDefinedTypes,
  isUnlabeledAssociationName,
  MAX_LABELS_PER_PAIR,
  unlabeledAssociationNames,
} from "../../../model";
import { Finding, formatPath } from "../problems";
import {
  asInt,
  asText,
  directedKey,
  display,
  DocumentEntries,
  isResolved,
  LabelEntry,
  ResolvedPair,
  unorderedKey,
} from "./entries";

export function checkDuplicatePairs({ pairs }: DocumentEntries, findings: Finding[]): void {
  const first = new Map<string, ResolvedPair>();
  for (const p of pairs) {
    if (!isResolved(p)) continue;
    const earlier = first.get(directedKey(p));
    if (earlier) {
      findings.push({
        path: [...p.path, "from"],
        reason: `${display(p)} is already declared at ${formatPath(earlier.path)}; put its labels and limits in one entry`,
      });
    } else first.set(directedKey(p), p);
  }
}

export function checkLabelNames({ labels }: DocumentEntries, findings: Finding[]): void {
  const first = new Map<string, LabelEntry>();
  for (const l of labels) {
    const name = asText(l.raw.name);
    if (!name) continue;
    const { from, to } = l.pair;
    if (isUnlabeledAssociationName(name, from.ref, to.ref)) {
      findings.push({
        path: [...l.path, "name"],
        reason:
          `"${name}" is the name HubSpot gives the unlabeled association of ${display(l.pair)} ` +
          `(${unlabeledAssociationNames(from.ref, to.ref).join(", ")}, compared case-insensitively); choose another name`,
      });
    }
    const key = `${unorderedKey(l.pair)}:${name.toLowerCase()}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, l);
      continue;
    }
    const earlierName = asText(earlier.raw.name) ?? "";
    const sameDirection = directedKey(earlier.pair) === directedKey(l.pair);
    findings.push({
      path: [...l.path, "name"],
      reason:
        `duplicate label name "${name}" (also at ${formatPath([...earlier.path, "name"])}` +
        `${earlierName === name ? "" : ` as "${earlierName}"; HubSpot compares names case-insensitively`})` +
        (sameDirection ? "" : `: HubSpot requires names to be unique on ${display(l.pair)} and its reverse`),
    });
  }
}

/** HubSpot counts user-defined labels per object pair, both directions together, a paired label once. */
export function checkLabelCap({ labels }: DocumentEntries, findings: Finding[]): void {
  const byPair = new Map<string, LabelEntry[]>();
  for (const l of labels) {
    const list = byPair.get(unorderedKey(l.pair));
    if (list) list.push(l);
    else byPair.set(unorderedKey(l.pair), [l]);
  }
  for (const list of byPair.values()) {
    const over = list[MAX_LABELS_PER_PAIR];
    if (!over) continue;
    findings.push({
      path: over.path,
      reason:
        `label ${MAX_LABELS_PER_PAIR + 1} of ${list.length} on ${display(over.pair)} and its reverse: HubSpot allows at most ` +
        `${MAX_LABELS_PER_PAIR} user-defined labels per object pair, both directions together, a paired label counting once`,
    });
  }
}

export function checkAdoptedLabels({ labels }: DocumentEntries, findings: Finding[]): void {
  const first = new Map<number, LabelEntry>();
  for (const l of labels) {
    const id = asInt(l.raw.adoptTypeId);
    if (id === undefined) continue;
    const earlier = first.get(id);
    if (earlier) {
      findings.push({
        path: [...l.path, "adoptTypeId"],
        reason: `adoptTypeId ${id} is already adopted at ${formatPath([...earlier.path, "adoptTypeId"])}; one label can be managed once`,
      });
    } else first.set(id, l);
    const { from, to } = l.pair;
    const defined = from.id && to.id ? hubspotDefinedTypes(from.id, to.id).find((t) => t.typeId === id) : undefined;
    if (defined) {
      findings.push({
        path: [...l.path, "adoptTypeId"],
        reason:
          `${id} is the HubSpot-defined ${defined.label ? `"${defined.label}" type` : "unlabeled type"} of ${display(l.pair)}; ` +
          "only user-defined labels can be adopted (limit HubSpot-defined types under `limits:`)",
      });
    }
  }
}
