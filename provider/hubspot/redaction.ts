// The access token never reaches an error, a log, a diagnostic or a returned value.
//
// A server (a proxy, a misconfigured gateway, a hostile endpoint at a wrong base URL) may echo the request's
// Authorization header anywhere in its answer: an error message, a batch item's error, a label text, an id, a
// header. So the rule is not "redact where we print" (there are too many places to print, and the provider
// quotes whatever the client hands it) but "redact where we read": the transport (transport.ts) passes every
// string that came from outside through `redact` once, before anything else sees it —
//   - the body: every string value and key of the parsed JSON (parsed first, so that JSON escapes such as
//     `\u0070at-...` or `\/` cannot hide the token), or the raw text when it is not JSON;
//   - the headers the client keeps (the correlation id; the rate-limit and Retry-After headers are kept only
//     as numbers; the status text is not kept);
//   - the messages of the errors fetch (undici) throws.
// What comes out of the transport is therefore token-free, and nothing downstream needs to redact again.

export const REDACTED = "[redacted]";

/**
 * Replaces the secret with `[redacted]`, in every form a server or a library is likely to echo: `Bearer <secret>`
 * (the whole header value), the secret itself, and its URL-encoded form (also after `Bearer%20` / `Bearer+`).
 * Case-insensitive: over-redacting a case variant of a random token costs nothing. Secrets shorter than 4
 * characters are left alone: replacing every "ab" in a message would make it unreadable, and no HubSpot token is
 * that short.
 */
export function redact(text: string, secret: string | undefined): string {
  const pattern = secretPattern(secret);
  return pattern === undefined ? text : replaceAll(text, pattern);
}

/**
 * Parses a response body and redacts every string and key in it (or the raw text when it is not JSON).
 * `undefined` for an empty body.
 */
export function parseRedacted(text: string, secret: string): unknown {
  if (text.trim() === "") return undefined;
  const pattern = secretPattern(secret);
  const clean = (value: string): string => (pattern === undefined ? value : replaceAll(value, pattern));
  try {
    return JSON.parse(text, (_key, value: unknown) => redactValue(value, clean));
  } catch {
    // Not JSON (an HTML error page, a plain-text 502), or nested too deep to revive: kept as (redacted) text.
    return clean(text);
  }
}

function redactValue(value: unknown, clean: (text: string) => string): unknown {
  if (typeof value === "string") return clean(value);
  if (typeof value === "number") {
    // An all-digit secret echoed as a JSON number.
    const text = String(value);
    return clean(text) === text ? value : REDACTED;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  // Values were revived already (the reviver runs bottom-up); only the keys are left.
  const entries = Object.entries(value);
  if (entries.every(([key]) => clean(key) === key)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries) {
    // defineProperty, not assignment: a key "__proto__" must stay a plain key.
    Object.defineProperty(out, clean(key), { value: inner, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Built per call, not cached: a cache would be one more long-lived copy of the token in memory. */
function secretPattern(secret: string | undefined): RegExp | undefined {
  if (!secret || secret.length < 4) return undefined;
  const forms = [secret, encodeURIComponent(secret)].map(escapeRegExp);
  return new RegExp(`(?:bearer(?:\\s+|%20|\\+))?(?:${forms.join("|")})`, "gi");
}

function replaceAll(text: string, pattern: RegExp): string {
  // A replacement could only form a new occurrence with its neighbours if the secret contained "[redacted]"'s
  // characters; repeat until stable so that even then nothing survives.
  let out = text;
  for (let pass = 0; pass < 5; pass++) {
    const next = out.replace(pattern, REDACTED);
    if (next === out) break;
    out = next;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
