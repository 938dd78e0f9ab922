// Object pairs: how a directed pair is keyed, keyed regardless of direction, and shown to people.

import { objectTypeDisplayName } from "./object-types";

/** The key of a directed pair: `0-1/0-2`. Also the AssociationLimits id. */
export function pairKey(fromId: string, toId: string): string {
  return `${fromId}/${toId}`;
}

/** `0-1/0-2` -> its two object type ids; undefined for anything else. */
export function parsePairKey(key: string): { fromId: string; toId: string } | undefined {
  const parts = key.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return { fromId: parts[0] as string, toId: parts[1] as string };
}

/** The same key for A->B and B->A: HubSpot keeps a label's internal name unique on a pair in both directions. */
export function unorderedPairKey(a: string, b: string): string {
  return a < b ? `${a}/${b}` : `${b}/${a}`;
}

/** The one way a pair is shown in messages, tables and notices: `Contacts → Companies`. */
export function pairDisplay(from: string, to: string): string {
  return `${objectTypeDisplayName(from)} → ${objectTypeDisplayName(to)}`;
}

/**
 * The two halves of a paired label have consecutive typeIds (every HubSpot example: 144/145, 545/546, 550/551),
 * but which half is the lower one is not stable across sources. Candidates for the other half of `typeId`, the
 * more likely first: HubSpot allocates the forward half first in most examples.
 */
export function otherHalfCandidates(typeId: number): [number, number] {
  return [typeId + 1, typeId - 1];
}
