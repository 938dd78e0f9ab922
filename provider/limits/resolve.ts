// Declared limit entries -> the association types they name at HubSpot. The pair's labels are read (one cached GET
// per pair) only when an entry cannot be resolved from our table, the current limits or this run's own creates.

import { hubspotDefinedTypes, pairDisplay, unlabeledTypeId } from "../../model";
import type { AssociationCategory, AssociationTypeInfo, LimitConfiguration } from "../hubspot/api";
import type { Session } from "../session";
import type { LimitEntry } from "./inputs";
import type { ResolvedLimit } from "./state";

export class PairContext {
  private labelsPromise?: Promise<AssociationTypeInfo[]>;

  constructor(
    readonly s: Session,
    readonly fromId: string,
    readonly toId: string,
  ) {}

  labels(): Promise<AssociationTypeInfo[]> {
    this.labelsPromise ??= this.s.pairs.labelsOf(this.fromId, this.toId);
    return this.labelsPromise;
  }

  get display(): string {
    return pairDisplay(this.fromId, this.toId);
  }
}

interface UnlabeledType {
  typeId: number;
  category: AssociationCategory;
}

/**
 * The pair's unlabeled default type. Standard pairs: from the table (HUBSPOT_DEFINED). Custom-object pairs: the
 * type HubSpot lists with `label: null` (its category is whatever HubSpot says), found in the current limits or,
 * when needed, in the pair's labels.
 */
async function unlabeledOf(
  ctx: PairContext,
  current: readonly LimitConfiguration[],
  needed: boolean,
): Promise<UnlabeledType | undefined> {
  const fromTable = unlabeledTypeId(ctx.fromId, ctx.toId);
  if (fromTable !== undefined) return { typeId: fromTable, category: "HUBSPOT_DEFINED" };
  const inConfig = current.find((c) => c.label === null);
  if (inConfig) return { typeId: inConfig.typeId, category: inConfig.category };
  if (!needed) return undefined;
  const fromLabels = (await ctx.labels()).find((l) => l.label === null);
  if (!fromLabels)
    throw new Error(`${ctx.display} has no unlabeled default association type at HubSpot; remove the unlabeled entry`);
  return { typeId: fromLabels.typeId, category: fromLabels.category };
}

async function availableTypes(ctx: PairContext): Promise<string> {
  const labels = await ctx.labels();
  return `its types are: ${labels.map((l) => `${l.typeId} ${l.label === null ? "(unlabeled)" : `"${l.label}"`} ${l.category}`).join(", ")}`;
}

async function resolveEntry(
  ctx: PairContext,
  e: LimitEntry,
  where: string,
  current: readonly LimitConfiguration[],
  unlabeled: UnlabeledType | undefined,
): Promise<ResolvedLimit> {
  const t = e.target;
  if (t.kind === "unlabeled") {
    const u = unlabeled as UnlabeledType;
    return { category: e.category ?? u.category, typeId: u.typeId, label: null, maxToObjectIds: e.maxToObjectIds };
  }
  if (t.kind === "typeId") {
    const typeId = t.typeId;
    const known = hubspotDefinedTypes(ctx.fromId, ctx.toId).find((d) => d.typeId === typeId);
    const cur = current.find((c) => c.typeId === typeId);
    let category: AssociationCategory | undefined = e.category ?? (known ? "HUBSPOT_DEFINED" : cur?.category);
    let label: string | null = cur?.label ?? (known ? known.label : null);
    if (category === undefined || (!known && !cur)) {
      // Not in our table nor limited yet: a label this run created is known without a read (limits usually follow
      // their labels in the same run); otherwise the pair's labels (one cached GET) say whether it exists.
      const live =
        ctx.s.pairs.writtenLabel(ctx.fromId, ctx.toId, typeId) ?? (await ctx.labels()).find((l) => l.typeId === typeId);
      if (!live)
        throw new Error(`${where}: ${ctx.display} has no association type ${typeId}; ${await availableTypes(ctx)}`);
      category = e.category ?? live.category;
      label = live.label;
    }
    return { category, typeId, label: typeId === unlabeled?.typeId ? null : label, maxToObjectIds: e.maxToObjectIds };
  }
  const matches = (await ctx.labels()).filter(
    (l) => l.label === t.label && (e.category === undefined || l.category === e.category),
  );
  // Own labels first; among equal texts the lowest typeId (a paired label's forward half is allocated first).
  matches.sort(
    (a, b) => Number(b.category === "USER_DEFINED") - Number(a.category === "USER_DEFINED") || a.typeId - b.typeId,
  );
  const m = matches[0];
  if (!m)
    throw new Error(
      `${where}: ${ctx.display} has no ${e.category === "HUBSPOT_DEFINED" ? "HubSpot-defined " : ""}association label "${t.label}"; ${await availableTypes(ctx)}`,
    );
  return { category: m.category, typeId: m.typeId, label: m.label, maxToObjectIds: e.maxToObjectIds };
}

export async function resolveEntries(
  ctx: PairContext,
  entries: readonly LimitEntry[],
  current: readonly LimitConfiguration[],
): Promise<{ resolved: ResolvedLimit[]; unlabeledId?: number }> {
  const unlabeled = await unlabeledOf(
    ctx,
    current,
    entries.some((e) => e.target.kind === "unlabeled"),
  );
  const resolved: ResolvedLimit[] = [];
  for (const [i, e] of entries.entries()) resolved.push(await resolveEntry(ctx, e, `limits[${i}]`, current, unlabeled));
  const seen = new Map<number, number>();
  resolved.forEach((r, i) => {
    const j = seen.get(r.typeId);
    if (j !== undefined)
      throw new Error(`limits[${i}] and limits[${j}] both limit association type ${r.typeId} of ${ctx.display}`);
    seen.set(r.typeId, i);
  });
  return { resolved, unlabeledId: unlabeled?.typeId };
}
