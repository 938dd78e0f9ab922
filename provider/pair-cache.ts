// Read coalescing inside one provider process. A refresh of N labels on one pair must cost one labels GET, not N:
// concurrent callers share one in-flight promise, and later callers reuse the answer. Our own writes are applied to
// the cached entry (write-through) so that a read after a create/update/delete in the same process stays exact
// without another GET; anything uncertain (an error, an outcome-unknown POST) drops the entry instead.
//
// Entries live for the provider process, i.e. one `pulumi` operation. Changes made outside this process during that
// operation are not seen until the next operation; that is the price of "a refresh makes one GET per pair".

import type { AssociationTypeInfo, HubSpotApi, LimitConfiguration } from "./hubspot/api";

interface Entry<T> {
  promise: Promise<T[]>;
  /** Set once the GET resolved; write-through edits this array. */
  value?: T[];
}

function pairKey(fromId: string, toId: string): string {
  return `${fromId}/${toId}`;
}

export class PairCache {
  private readonly labels = new Map<string, Entry<AssociationTypeInfo>>();
  private readonly limits = new Map<string, Entry<LimitConfiguration>>();

  constructor(private readonly api: HubSpotApi) {}

  /** The pair's association types (`GET .../labels`), from cache unless `fresh`. Returns a copy. */
  async labelsOf(fromId: string, toId: string, opts: { fresh?: boolean } = {}): Promise<AssociationTypeInfo[]> {
    return this.get(this.labels, pairKey(fromId, toId), () => this.api.listLabels(fromId, toId), opts.fresh);
  }

  /** The pair's custom limits (`GET .../definitions/configurations/{from}/{to}`). Returns a copy. */
  async limitsOf(fromId: string, toId: string, opts: { fresh?: boolean } = {}): Promise<LimitConfiguration[]> {
    return this.get(this.limits, pairKey(fromId, toId), () => this.api.listLimits(fromId, toId), opts.fresh);
  }

  /** Seeds/records a known-complete labels list (e.g. after a fresh read elsewhere). */
  addLabels(fromId: string, toId: string, items: AssociationTypeInfo[]): void {
    this.edit(this.labels, pairKey(fromId, toId), (list) => {
      for (const item of items) {
        const i = list.findIndex((x) => x.typeId === item.typeId);
        if (i >= 0) list[i] = { ...item };
        else list.push({ ...item });
      }
    });
  }

  setLabelText(fromId: string, toId: string, typeId: number, label: string): void {
    this.edit(this.labels, pairKey(fromId, toId), (list) => {
      const item = list.find((x) => x.typeId === typeId);
      if (item) item.label = label;
    });
  }

  removeLabel(fromId: string, toId: string, typeId: number): void {
    this.edit(this.labels, pairKey(fromId, toId), (list) => {
      const i = list.findIndex((x) => x.typeId === typeId);
      if (i >= 0) list.splice(i, 1);
    });
    // A label's limit goes with it at HubSpot; keep the limits entry honest.
    this.edit(this.limits, pairKey(fromId, toId), (list) => {
      const i = list.findIndex((x) => x.typeId === typeId);
      if (i >= 0) list.splice(i, 1);
    });
  }

  /** Replaces the pair's limits with exactly what was written. */
  setLimits(fromId: string, toId: string, configs: LimitConfiguration[]): void {
    const key = pairKey(fromId, toId);
    const copy = configs.map((c) => ({ ...c }));
    this.limits.set(key, { promise: Promise.resolve(copy), value: copy });
  }

  removeLimits(fromId: string, toId: string, typeIds: number[]): void {
    this.edit(this.limits, pairKey(fromId, toId), (list) => {
      for (let i = list.length - 1; i >= 0; i--) if (typeIds.includes(list[i].typeId)) list.splice(i, 1);
    });
  }

  invalidateLabels(fromId: string, toId: string): void {
    this.labels.delete(pairKey(fromId, toId));
  }

  invalidateLimits(fromId: string, toId: string): void {
    this.limits.delete(pairKey(fromId, toId));
  }

  private async get<T extends object>(map: Map<string, Entry<T>>, key: string, fetch: () => Promise<T[]>, fresh?: boolean): Promise<T[]> {
    let entry = fresh ? undefined : map.get(key);
    if (!entry) {
      const created: Entry<T> = {
        promise: fetch().then(
          (value) => {
            const copy = value.map((v) => ({ ...v }));
            if (map.get(key) === created) created.value = copy;
            return copy;
          },
          (err: unknown) => {
            // Never cache failures: the next caller tries again.
            if (map.get(key) === created) map.delete(key);
            throw err;
          },
        ),
      };
      map.set(key, created);
      entry = created;
    }
    const list = await entry.promise;
    // Prefer the live (write-through-edited) array when this entry is still current.
    const current = map.get(key) === entry && entry.value ? entry.value : list;
    return current.map((v) => ({ ...v }));
  }

  private edit<T>(map: Map<string, Entry<T>>, key: string, fn: (list: T[]) => void): void {
    const entry = map.get(key);
    if (!entry) return; // nothing cached: the next reader fetches fresh anyway
    if (!entry.value) {
      // A GET is in flight and may predate this write: drop it rather than risk a stale answer.
      map.delete(key);
      return;
    }
    fn(entry.value);
  }
}
