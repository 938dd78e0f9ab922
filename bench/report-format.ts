// How the bench's reports write operations, seconds and ratios: one way in every table.
import type { Operation } from "./portal";

export const OPERATION_NAMES: Record<Operation, string> = {
  up: "up from empty",
  preview: "preview unchanged",
  refresh: "refresh unchanged",
  upEdit: "up after edits",
  destroy: "destroy",
};

/** Milliseconds as seconds with one decimal; "–" where nothing was measured. */
export function seconds(ms: number | undefined): string {
  return ms === undefined ? "–" : (ms / 1000).toFixed(1);
}

/** A ratio with two decimals; "–" where there is none (no floor, no baseline, a zero divisor). */
export function ratioText(r: number | null | undefined): string {
  return r === null || r === undefined || !Number.isFinite(r) ? "–" : r.toFixed(2);
}
