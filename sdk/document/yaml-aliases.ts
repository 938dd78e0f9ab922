// YAML anchors and aliases (`&max 5` ... `*max`) are legitimate in a document: a team may write one limit once and
// use it on every label. They are also the "billion laughs" bomb: nine levels of ten aliases each expand to 10^9
// nodes, which the parser shares but every reader after it (the schema check, Pulumi's serializer) walks in full.
// The bound is therefore on the expanded size, not on a count of aliases: what aliases add to the document, in
// nodes and characters, is at most MAX_ALIAS_EXPANSION. Hundreds of aliases of small nodes stay far below it.
import { Document, isAlias, isMap, isPair, isScalar, isSeq } from "yaml";

/** Nodes plus characters that expanding every alias may add to a document (about a megabyte of text). */
export const MAX_ALIAS_EXPANSION = 1_000_000;

export interface AliasProblem {
  /** Offset of the alias in the text. */
  offset: number;
  reason: string;
}

interface Walk {
  /** Anchors seen so far, in document order: an alias refers to the last one of its name before it. */
  anchors: Map<string, unknown>;
  /** Expanded size of each node already walked. */
  sizes: Map<unknown, number>;
  /** The nodes being walked, outermost first: an alias to one of them would contain itself. */
  open: Set<unknown>;
  expansion: number;
  problem?: AliasProblem;
}

const offsetOf = (node: unknown): number => {
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : 0;
};

function sizeOf(node: unknown, w: Walk): number {
  if (w.problem || node === null || node === undefined) return 0;
  if (isAlias(node)) {
    const target = w.anchors.get(node.source);
    if (target === undefined) {
      w.problem = {
        offset: offsetOf(node),
        reason: `unknown anchor "*${node.source}": an alias needs an anchor &${node.source} before it`,
      };
      return 0;
    }
    if (w.open.has(target)) {
      w.problem = {
        offset: offsetOf(node),
        reason: `the alias *${node.source} is inside the node it refers to, which would make it infinite`,
      };
      return 0;
    }
    const size = w.sizes.get(target) ?? 0;
    w.expansion += size;
    if (w.expansion > MAX_ALIAS_EXPANSION) {
      w.problem = {
        offset: offsetOf(node),
        reason:
          `expanding the aliases up to *${node.source} makes the document more than ${MAX_ALIAS_EXPANSION.toLocaleString("en-US")} ` +
          "nodes and characters larger than it is written (a YAML alias bomb?); use fewer or smaller aliases",
      };
    }
    return size;
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) w.anchors.set(anchor, node);
  let size = 1;
  w.open.add(node);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a parsed scalar is a string, number, boolean or null
  if (isScalar(node)) size += String(node.value ?? "").length;
  else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) size += isPair(item) ? sizeOf(item.key, w) + sizeOf(item.value, w) : sizeOf(item, w);
  }
  w.open.delete(node);
  w.sizes.set(node, size);
  return size;
}

/** The first alias problem of the document (unknown anchor, self-reference, too large when expanded), if any. */
export function checkAliases(doc: Document.Parsed): AliasProblem | undefined {
  const w: Walk = { anchors: new Map(), sizes: new Map(), open: new Set(), expansion: 0 };
  sizeOf(doc.contents, w);
  return w.problem;
}
