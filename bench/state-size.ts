// How big a stack's state is: what `pulumi stack export` prints (what a user sees and what the engine holds) and
// the checkpoint file the DIY backend rewrites around every step (what the default engine profile pays for N times
// over). Both grow with N; the per-resource figure is what a change to a resource's stored shape moves.

import * as fs from "fs";
import * as path from "path";
import type { TestStack } from "../test/e2e/harness";

export interface StateSize {
  /** Bytes of `pulumi stack export`. */
  exportBytes: number;
  /** Resources in the export, the stack and the default provider included. */
  resources: number;
  /** exportBytes / resources. */
  bytesPerResource: number;
  /** Mean bytes of one dynamic resource's entry (inputs, outputs, `__provider` and the rest), JSON as exported. */
  bytesPerDynamicResource: number;
  /** Bytes of the backend's current checkpoint file for the stack (not its .bak history). */
  checkpointBytes: number;
  /** Characters of one dynamic resource's serialized provider (`__provider`, stored in its inputs and outputs). */
  providerChars: number;
}

interface ExportedResource {
  type?: string;
  inputs?: { __provider?: string };
}

/** The stack's checkpoint: the newest file under `.pulumi/stacks/` that is neither a backup nor attributes. */
export function checkpointFile(backendDir: string): string | undefined {
  const root = path.join(backendDir, ".pulumi", "stacks");
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.json(\.gz)?$/.test(e.name)) found.push(p);
    }
  };
  walk(root);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

export async function measureState(t: TestStack): Promise<StateSize> {
  const text = await t.exportState();
  const doc = JSON.parse(text) as { deployment?: { resources?: ExportedResource[] } };
  const resources = doc.deployment?.resources ?? [];
  const dynamic = resources.filter((r) => r.type?.startsWith("pulumi-nodejs:dynamic") === true);
  const dynBytes = dynamic.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r, null, 4)), 0);
  const file = checkpointFile(t.backendDir);
  const exportBytes = Buffer.byteLength(text);
  return {
    exportBytes,
    resources: resources.length,
    bytesPerResource: resources.length > 0 ? Math.round(exportBytes / resources.length) : 0,
    bytesPerDynamicResource: dynamic.length > 0 ? Math.round(dynBytes / dynamic.length) : 0,
    checkpointBytes: file ? fs.statSync(file).size : 0,
    providerChars: dynamic[0]?.inputs?.__provider?.length ?? 0,
  };
}
