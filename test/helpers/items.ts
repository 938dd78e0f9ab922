// Typed access to test data under noUncheckedIndexedAccess: each helper asserts what the test relies on, so a missing
// item fails the test with the data in its message instead of a TypeError further down (or, worse, a comparison with
// `undefined` that happens to pass).
import { expect } from "chai";
import { inspect } from "util";

/** A tuple of `N` items of `T`, for destructuring (N a small literal). */
export type Tuple<T, N extends number, Acc extends T[] = []> = Acc["length"] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

const shown = (v: unknown): string =>
  inspect(v, { depth: 4, breakLength: Infinity, maxStringLength: 200, maxArrayLength: 20 });

/** The items, asserted to be exactly `n`, as a tuple: `const [fwd, rev] = exactly(results, 2)`. */
export function exactly<T, N extends number>(items: readonly T[], n: N, what = "items"): Tuple<T, N> {
  expect(items, `${what}: ${shown(items)}`).to.have.length(n);
  return [...items] as Tuple<T, N>;
}

/** `items.at(index)` (a negative index counts from the end), asserted to exist. */
export function itemAt<T>(items: readonly T[], index: number, what = "items"): T {
  const item = items.at(index);
  if (item === undefined) expect.fail(`${what} has no item at ${index}: ${shown(items)}`);
  return item;
}

/** The first item, asserted to exist. */
export function firstOf<T>(items: readonly T[], what = "items"): T {
  return itemAt(items, 0, what);
}

/** The value, asserted to be neither undefined nor null. */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) expect.fail(`${what} is ${String(value)}`);
  return value;
}
