// Optional JSON state file. Writes are debounced, serialized (never two at once) and atomic: the text goes
// to a temp file in the same directory, is fsynced, then renamed over the target, so a crash at any point
// leaves either the old or the new complete file, never a torn one.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseStateSnapshot } from "./state/snapshot";
import { EmulatorStateSnapshot } from "./types";

export function loadStateFile(file: string): EmulatorStateSnapshot | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`emulator state file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parseStateSnapshot(parsed);
  } catch (e) {
    throw new Error(`emulator state file ${file}: ${(e as Error).message}`);
  }
}

export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Temp files of `file` left by a process killed in the middle of a write (between open and rename): the state file
 * itself is intact, but each kill left one `.<name>.<pid>.<time>.<rand>.tmp` behind for good (reliability suite,
 * SIGKILL mid-write). Removed at start when the process that wrote them is gone.
 */
export function removeStaleTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length).split(".")[0]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class StatePersister {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => EmulatorStateSnapshot,
    private readonly debounceMs: number,
  ) {
    removeStaleTempFiles(file);
  }

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeNow();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Synchronous write of the current state (the snapshot is taken at write time, so it is never stale). */
  writeNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty) return;
    this.dirty = false;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.snapshot(), null, 2) + "\n");
    } catch (e) {
      // A failed write must not take the server down; the next change retries.
      this.dirty = true;
      console.error(`emulator: could not write state file ${this.file}: ${(e as Error).message}`);
    }
  }
}
