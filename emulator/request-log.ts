// Request log for the /__emulator/requests control endpoint. Holds route templates, never tokens.
import { RequestLogDump, RequestLogEntry } from "./types";

const MAX_ENTRIES = 10_000; // bounded so a long-running emulator does not grow without limit

/** Query parameters that carry credentials (HubSpot's legacy `hapikey`, OAuth tokens, API keys, secrets). */
const SECRET_PARAMETER = /(hapikey|api_?key|token|secret|password)$/i;

/**
 * The query string as logged: the value of every credential-like parameter is replaced by `[redacted]`. Done on the
 * raw text, so nothing else of the query changes.
 */
export function redactQuery(search: string): string {
  if (search.length <= 1) return search;
  const parts = search
    .slice(1)
    .split("&")
    .map((part) => {
      const eq = part.indexOf("=");
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      let key: string;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      } catch {
        key = rawKey;
      }
      return SECRET_PARAMETER.test(key.trim()) ? `${rawKey}=[redacted]` : part;
    });
  return `?${parts.join("&")}`;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: Record<string, number> = {};
  private total = 0;
  private seq = 0;

  add(entry: Omit<RequestLogEntry, "seq">): void {
    const e: RequestLogEntry = { seq: ++this.seq, ...entry };
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    const key = `${e.method} ${e.route}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.total++;
  }

  dump(): RequestLogDump {
    return { total: this.total, counts: { ...this.counts }, entries: this.entries.map((e) => ({ ...e })) };
  }

  clear(): void {
    this.entries = [];
    this.counts = {};
    this.total = 0;
  }
}
