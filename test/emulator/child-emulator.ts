// The emulator CLI in a child process (`hubspot-associations emulator ...`), for tests that kill it with SIGKILL
// and restart it from its state file.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const CLI = path.join(__dirname, "..", "..", "cli", "main.js");

export class ChildEmulator {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly output: () => string,
  ) {}

  static async start(args: string[]): Promise<ChildEmulator> {
    const child = spawn(process.execPath, [CLI, "emulator", "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 20_000);
      const poll = setInterval(() => {
        const printed = /listening on (\S+)/.exec(out)?.[1];
        if (printed !== undefined || child.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          if (printed !== undefined) resolve(printed);
          else reject(new Error(`emulator exited with ${child.exitCode}: ${out}`));
        }
      }, 10);
    });
    return new ChildEmulator(child, url, () => out);
  }

  /** The process's peak resident memory so far (Linux: VmHWM). */
  peakRssBytes(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (!kb) throw new Error("no VmHWM in /proc/<pid>/status");
    return Number(kb[1]) * 1024;
  }

  /** SIGKILL: no shutdown code runs, whatever is not on disk is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGKILL");
    await exited;
  }
}
