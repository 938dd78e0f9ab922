// Waiting and failing, the one way every suite does it.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error a promise rejects with; the test fails when it resolves instead. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  throw new Error("expected a rejection, but it resolved");
}

/** The error a promise rejects with, checked to be of the given class. */
export async function rejectionOf<T extends Error>(p: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const e = await rejection(p);
  if (!(e instanceof type)) throw new Error(`expected a ${type.name}, got ${e.name}: ${e.message}`);
  return e;
}

/**
 * The text of a failure (message and stack), or "" when the promise resolves: for operations that may or may not
 * fail (a run killed half way) and for matching on the whole text a user would see.
 */
export async function failureText(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (e) {
    return e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  }
}
