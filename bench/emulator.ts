// The benchmark's handle on an emulator running in a child process (bench/emulator-process.ts), driven over its
// HTTP control endpoints exactly like a test would drive a remote one.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

export interface LogEntry {
  seq: number;
  at: string;
  method: string;
  route: string;
  path: string;
  status: number;
  ms: number;
}

export interface RequestLogDump {
  total: number;
  counts: Record<string, number>;
  entries: LogEntry[];
}

export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
  ) {}

  static async start(budgetPer10s: number, windowMs = 10_000): Promise<EmulatorProcess> {
    const script = path.join(__dirname, "emulator-process.js");
    const child = spawn(process.execPath, [script, String(budgetPer10s), String(windowMs)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
      rl.once("line", (l) => {
        rl.close();
        resolve(l);
      });
      child.once("exit", (code) => reject(new Error(`emulator process exited with ${code}`)));
    });
    const { url, token } = JSON.parse(line) as { url: string; token: string };
    return new EmulatorProcess(child, url, token);
  }

  /** The emulator's control endpoints take its token, like the API. */
  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async requests(): Promise<RequestLogDump> {
    return (await (await fetch(`${this.url}/__emulator/requests`, { headers: this.auth() })).json()) as RequestLogDump;
  }

  async clearRequests(): Promise<void> {
    await fetch(`${this.url}/__emulator/requests`, { method: "DELETE", headers: this.auth() });
  }

  async state(): Promise<unknown> {
    return (await fetch(`${this.url}/__emulator/state`, { headers: this.auth() })).json();
  }

  /** A HubSpot API call with the emulator's token (for checks outside the measured operations). */
  async api<T>(method: string, p: string): Promise<T> {
    const res = await fetch(this.url + p, { method, headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status}`);
    return (await res.json()) as T;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    await exited;
  }
}
