// The rules schema.json cannot express, because they relate entries to each other or to HubSpot's tables. Every
// one of them is knowable offline, so the loader refuses what breaks them before any request.
import { Finding } from "../problems";
import { asBag, readEntries } from "./entries";
import { checkAdoptedLabels, checkDuplicatePairs, checkLabelCap, checkLabelNames } from "./labels";
import { checkDefinedLimits, checkLabelLimits } from "./limits";

/** Every rule beyond the schema, over data of any shape. */
export function semanticFindings(data: unknown): Finding[] {
  const root = asBag(data);
  if (!root) return [];
  const findings: Finding[] = [];
  const entries = readEntries(root, findings);
  checkDuplicatePairs(entries, findings);
  checkLabelNames(entries, findings);
  checkLabelCap(entries, findings);
  checkAdoptedLabels(entries, findings);
  checkLabelLimits(entries, findings);
  checkDefinedLimits(entries, findings);
  return findings;
}
