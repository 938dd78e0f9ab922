// The optional JSON state file. A change is on disk before the request that made it is answered: the server
// awaits commit(). Writes are atomic (temp file in the same directory, fsync, rename, fsync of the directory), so a
// crash at any point leaves the old or the new complete file, never a torn one, and never loses an acknowledged
// write. Writes are serialized; requests that change the state while a write runs share the next one (group commit),
// so concurrent writers cost one write per batch, not one each.
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

function tempName(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`,
  );
}

/** Makes a rename durable: the directory entry itself is flushed (no-op where directories cannot be opened). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = tempName(file);
  const handle = await fs.promises.open(tmp, "w");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** The synchronous twin, for the first write at construction (the file exists once the emulator is up). */
export function writeFileAtomicSync(file: string, text: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = tempName(file);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
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

function serialize(s: EmulatorStateSnapshot): string {
  return JSON.stringify(s) + "\n";
}

export class StateFile {
  /** The write that has not started yet; every commit() until it starts shares it. */
  private queued: Promise<void> | undefined;
  /** The end of the chain of writes (each write starts after the previous one settled). */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly snapshot: () => EmulatorStateSnapshot,
  ) {
    removeStaleTempFiles(file);
  }

  /** Writes the current state now, synchronously (used once at start, before anything listens). */
  writeSync(): void {
    writeFileAtomicSync(this.file, serialize(this.snapshot()));
  }

  /**
   * Resolves once a write that took its snapshot after this call is on disk; rejects when that write failed (the
   * next commit() tries again with the then current state).
   */
  commit(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.tail.then(() => {
      // From here on the snapshot is taken: changes made after this point need the next write.
      this.queued = undefined;
      return writeFileAtomic(this.file, serialize(this.snapshot()));
    });
    this.queued = write;
    this.tail = write.catch(() => undefined);
    return write;
  }
}
