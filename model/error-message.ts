// The text of anything thrown: an Error's message, or the value as a string. The one way every layer quotes a cause.

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
