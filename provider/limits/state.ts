// What a stored AssociationLimits says, read from Pulumi's state (any earlier output shape) once: the pair, and the
// limits it manages as they were resolved and written.

import { isHubSpotDefinedForPair, unlabeledTypeId } from "../../model";
import type { AssociationCategory } from "../hubspot/api";
import { tryParseLimitsId } from "../ids";
import { storedPairIds } from "../object-types";
import { optionalNumber, optionalString, PropertyBag } from "../values";

/** One limit as written to HubSpot. */
export interface ResolvedLimit {
  category: AssociationCategory;
  typeId: number;
  /** The type's text at HubSpot; `null` for the unlabeled type. */
  label: string | null;
  maxToObjectIds: number;
}

export interface StoredLimits {
  fromId: string;
  toId: string;
  /** The limits this resource manages. */
  resolved: ResolvedLimit[];
  exclusive: boolean;
  /** The entries as the stored inputs gave them (for read to keep the user's form). */
  entries: PropertyBag[];
}

const CATEGORIES: readonly string[] = ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK"];

function asCategory(v: unknown): AssociationCategory | undefined {
  return typeof v === "string" && CATEGORIES.includes(v) ? (v as AssociationCategory) : undefined;
}

export function asEntries(v: unknown): PropertyBag[] {
  return Array.isArray(v) ? v.filter((x): x is PropertyBag => !!x && typeof x === "object" && !Array.isArray(x)) : [];
}

function asResolved(v: unknown): ResolvedLimit[] {
  return asEntries(v).flatMap((r) => {
    const typeId = optionalNumber(r.typeId);
    const max = optionalNumber(r.maxToObjectIds);
    if (typeId === undefined || max === undefined) return [];
    return [
      {
        category: asCategory(r.category) ?? "USER_DEFINED",
        typeId,
        label: typeof r.label === "string" ? r.label : null,
        maxToObjectIds: max,
      },
    ];
  });
}

export function storedLimits(id: string, olds: PropertyBag | undefined): StoredLimits {
  const o = olds ?? {};
  const { fromId, toId } = storedPairIds(o, tryParseLimitsId(id));
  if (!fromId || !toId)
    throw new Error(`AssociationLimits state for id "${id}" has no usable object types; expected an id like 0-1/0-2`);
  const entries = asEntries(o.limits);
  let resolved = asResolved(o.resolved);
  if (!Array.isArray(o.resolved)) {
    // Earlier shape without `resolved`: the entries given by typeId (or unlabeled, on standard pairs) are all we know.
    const u = unlabeledTypeId(fromId, toId);
    resolved = entries.flatMap((e) => {
      const typeId = e.unlabeled === true ? u : optionalNumber(e.typeId);
      const max = optionalNumber(e.maxToObjectIds);
      if (typeId === undefined || max === undefined) return [];
      const category =
        asCategory(optionalString(e.category)) ??
        (isHubSpotDefinedForPair(fromId, toId, typeId) ? "HUBSPOT_DEFINED" : "USER_DEFINED");
      return [
        {
          category,
          typeId,
          label: e.unlabeled === true ? null : (optionalString(e.label) ?? null),
          maxToObjectIds: max,
        },
      ];
    });
  }
  return { fromId, toId, resolved, exclusive: o.exclusive === true, entries };
}
