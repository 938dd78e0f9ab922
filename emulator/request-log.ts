// Request log for the /__emulator/requests control endpoint. Holds route templates, never tokens.
import { RequestLogDump, RequestLogEntry } from "./types";

const MAX_ENTRIES = 10_000; // bounded so a long-running emulator does not grow without limit

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
