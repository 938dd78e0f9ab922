// Custom association limits (definition configurations, reference §5): one maxToObjectIds per typeId, with
// HubSpot's rule that a label limit never exceeds the unlabeled limit of the same direction.
import { HubSpotError, StandardError, toStandardError } from "../errors";
import { ObjectType } from "../object-types";
import { AssociationDefinition } from "../types";
import { DefinitionTable, SpecWithLabel } from "./definitions";

export interface LimitInput {
  category: string;
  typeId: number;
  maxToObjectIds: number;
}

export interface AppliedLimit {
  def: AssociationDefinition;
  max: number;
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

export class LimitTable {
  private limits = new Map<number, number>();

  constructor(
    private readonly definitions: DefinitionTable,
    private readonly maxLimitValue: number,
    private readonly changed: () => void,
  ) {}

  replace(entries: Iterable<[number, number]>): void {
    this.limits = new Map(entries);
  }

  entries(): [number, number][] {
    return [...this.limits];
  }

  get(typeId: number): number | undefined {
    return this.limits.get(typeId);
  }

  /** Drops the limits of deleted types (no change notification: the caller's deletion is the change). */
  forget(typeIds: number[]): void {
    for (const t of typeIds) this.limits.delete(t);
  }

  list(from?: ObjectType, to?: ObjectType): Array<SpecWithLabel & { userEnforcedMaxToObjectIds: number }> {
    const out: Array<SpecWithLabel & { userEnforcedMaxToObjectIds: number }> = [];
    for (const [typeId, max] of this.limits) {
      const d = this.definitions.get(typeId);
      if (!d) continue;
      if (from && to && (d.fromObjectTypeId !== from.objectTypeId || d.toObjectTypeId !== to.objectTypeId)) continue;
      out.push({ category: d.category, typeId, userEnforcedMaxToObjectIds: max, label: d.label });
    }
    return out;
  }

  /**
   * Batch create/update of limits. Items are validated one by one (bad type, range, create-over-existing,
   * update-without-limit become item errors); the "label limit ≤ unlabeled limit" rule is checked against
   * the state after the whole batch, so raising both in one batch works. Valid items are applied.
   */
  apply(mode: "create" | "update", from: ObjectType, to: ObjectType, inputs: LimitInput[]): { applied: AppliedLimit[]; errors: StandardError[] } {
    const errors: StandardError[] = [];
    const accepted: AppliedLimit[] = [];
    const seen = new Set<number>();
    const max = this.maxLimitValue;
    for (const input of inputs) {
      let def: AssociationDefinition;
      try {
        def = this.definitions.typeFor(input.category, input.typeId, from, to);
      } catch (e) {
        errors.push(toStandardError(e as HubSpotError));
        continue;
      }
      const ctx = { typeId: [String(def.typeId)] };
      if (seen.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", message: `Association type ${def.typeId} appears more than once in this batch`, context: ctx });
        continue;
      }
      seen.add(def.typeId);
      if (mode === "create" && this.limits.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.LIMIT_ALREADY_EXISTS", message: `Association type ${def.typeId} already has a limit (${this.limits.get(def.typeId)}); use batch/update to change it`, context: ctx });
        continue;
      }
      if (mode === "update" && !this.limits.has(def.typeId)) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.LIMIT_NOT_FOUND", message: `Association type ${def.typeId} has no limit to update; use batch/create first`, context: ctx });
        continue;
      }
      if (!isInt(input.maxToObjectIds) || input.maxToObjectIds < 1 || input.maxToObjectIds > max) {
        errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.INVALID_LIMIT", message: `maxToObjectIds must be between 1 and ${max} for this association type`, context: { ...ctx, maxToObjectIds: [String(input.maxToObjectIds)] } });
        continue;
      }
      accepted.push({ def, max: input.maxToObjectIds });
    }
    // Check the cross-type rule on the candidate state; drop violators until stable.
    let changed = true;
    while (changed) {
      changed = false;
      const candidate = new Map(this.limits);
      for (const a of accepted) candidate.set(a.def.typeId, a.max);
      for (let i = 0; i < accepted.length; i++) {
        const problem = this.ruleProblem(accepted[i].def, accepted[i].max, candidate);
        if (problem) {
          errors.push({ status: "error", category: "VALIDATION_ERROR", subCategory: "crm.associations.INVALID_LIMIT", message: problem, context: { typeId: [String(accepted[i].def.typeId)], maxToObjectIds: [String(accepted[i].max)] } });
          accepted.splice(i, 1);
          changed = true;
          break;
        }
      }
    }
    for (const a of accepted) this.limits.set(a.def.typeId, a.max);
    if (accepted.length > 0) this.changed();
    return { applied: accepted, errors };
  }

  private ruleProblem(def: AssociationDefinition, value: number, candidate: Map<number, number>): string | undefined {
    const max = this.maxLimitValue;
    if (def.kind === "default") {
      let highest = 0;
      for (const d of this.definitions.between(def.fromObjectTypeId, def.toObjectTypeId)) {
        if (d.kind !== "default") highest = Math.max(highest, candidate.get(d.typeId) ?? 0);
      }
      if (value < highest) return `maxToObjectIds must be between ${highest} and ${max} for this association type: a label of this pair has a limit of ${highest}, and a label limit may not exceed the unlabeled limit`;
      return undefined;
    }
    const dflt = this.definitions.defaultOf(def.fromObjectTypeId, def.toObjectTypeId);
    const cap = (dflt && candidate.get(dflt.typeId)) ?? max;
    if (value > cap) return `maxToObjectIds must be between 1 and ${cap} for this association type (a label limit may not exceed the unlabeled limit of ${cap})`;
    return undefined;
  }

  purge(from: ObjectType, to: ObjectType, inputs: Array<{ category: unknown; typeId: unknown }>): void {
    const defs = inputs.map((i) => this.definitions.typeFor(i.category, i.typeId, from, to)); // all-or-nothing: a bad type fails the call
    for (const d of defs) this.limits.delete(d.typeId);
    if (defs.length > 0) this.changed();
  }
}
