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

function invalidLimit(typeId: number, value: number, message: string): StandardError {
  return {
    status: "error",
    category: "VALIDATION_ERROR",
    subCategory: "crm.associations.INVALID_LIMIT",
    message,
    context: { typeId: [String(typeId)], maxToObjectIds: [String(value)] },
  };
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
   * Batch create/update of limits, all or nothing. Every item is checked on its own (type valid for the pair, value in
   * range, create only where no limit exists, update only where one does, each typeId once), then the batch as a whole
   * against the state it would leave: every label limit of the direction at most its unlabeled limit. The outcome
   * does not depend on the order of the inputs. A label limit above the resulting unlabeled limit is the label
   * item's error; an unlabeled limit lowered below a label limit the batch does not touch is the unlabeled item's.
   * Any error: nothing is applied.
   */
  apply(
    mode: "create" | "update",
    from: ObjectType,
    to: ObjectType,
    inputs: LimitInput[],
  ): { applied: AppliedLimit[]; errors: StandardError[] } {
    const errors: StandardError[] = [];
    const valid: AppliedLimit[] = [];
    const occurrences = new Map<number, number>();
    for (const input of inputs)
      if (isInt(input.typeId)) occurrences.set(input.typeId, (occurrences.get(input.typeId) ?? 0) + 1);
    for (const [typeId, n] of occurrences) {
      if (n > 1)
        errors.push({
          status: "error",
          category: "VALIDATION_ERROR",
          message: `Association type ${typeId} appears ${n} times in this batch`,
          context: { typeId: [String(typeId)] },
        });
    }
    for (const input of inputs) {
      let def: AssociationDefinition;
      try {
        def = this.definitions.typeFor(input.category, input.typeId, from, to);
      } catch (e) {
        errors.push(toStandardError(e as HubSpotError));
        continue;
      }
      if ((occurrences.get(def.typeId) ?? 0) > 1) continue;
      const problem = this.itemProblem(mode, def, input.maxToObjectIds);
      if (problem) errors.push(problem);
      else valid.push({ def, max: input.maxToObjectIds });
    }
    errors.push(...this.ruleProblems(valid));
    if (errors.length > 0) return { applied: [], errors };
    for (const a of valid) this.limits.set(a.def.typeId, a.max);
    if (valid.length > 0) this.changed();
    return { applied: valid, errors };
  }

  private itemProblem(
    mode: "create" | "update",
    def: AssociationDefinition,
    value: unknown,
  ): StandardError | undefined {
    const ctx = { typeId: [String(def.typeId)] };
    const current = this.limits.get(def.typeId);
    if (mode === "create" && current !== undefined) {
      return {
        status: "error",
        category: "VALIDATION_ERROR",
        subCategory: "crm.associations.LIMIT_ALREADY_EXISTS",
        message: `Association type ${def.typeId} already has a limit (${current}); use batch/update to change it`,
        context: ctx,
      };
    }
    if (mode === "update" && current === undefined) {
      return {
        status: "error",
        category: "VALIDATION_ERROR",
        subCategory: "crm.associations.LIMIT_NOT_FOUND",
        message: `Association type ${def.typeId} has no limit to update; use batch/create first`,
        context: ctx,
      };
    }
    if (!isInt(value) || value < 1 || value > this.maxLimitValue) {
      return {
        status: "error",
        category: "VALIDATION_ERROR",
        subCategory: "crm.associations.INVALID_LIMIT",
        message: `maxToObjectIds must be between 1 and ${this.maxLimitValue} for this association type`,
        context: { ...ctx, maxToObjectIds: [String(value)] },
      };
    }
    return undefined;
  }

  /** "A label limit never exceeds the unlabeled limit" on the state the batch would leave (all items share one direction). */
  private ruleProblems(batch: AppliedLimit[]): StandardError[] {
    const [first] = batch;
    if (first === undefined) return [];
    const direction = first.def;
    const after = new Map(this.limits);
    for (const a of batch) after.set(a.def.typeId, a.max);
    const inBatch = new Set(batch.map((a) => a.def.typeId));
    const unlabeled = this.definitions.defaultOf(direction.fromObjectTypeId, direction.toObjectTypeId);
    const cap = (unlabeled && after.get(unlabeled.typeId)) ?? this.maxLimitValue;
    const problems: StandardError[] = [];
    let highestUntouched = 0;
    for (const d of this.definitions.between(direction.fromObjectTypeId, direction.toObjectTypeId)) {
      const value = after.get(d.typeId);
      if (d.kind === "default" || value === undefined || value <= cap) continue;
      if (inBatch.has(d.typeId)) {
        problems.push(
          invalidLimit(
            d.typeId,
            value,
            `maxToObjectIds must be between 1 and ${cap} for this association type (a label limit may not exceed the unlabeled limit of ${cap})`,
          ),
        );
      } else highestUntouched = Math.max(highestUntouched, value);
    }
    if (highestUntouched > 0 && unlabeled && inBatch.has(unlabeled.typeId)) {
      problems.push(
        invalidLimit(
          unlabeled.typeId,
          cap,
          `maxToObjectIds must be between ${highestUntouched} and ${this.maxLimitValue} for this association type: a label of this pair has a limit of ${highestUntouched}, and a label limit may not exceed the unlabeled limit`,
        ),
      );
    }
    return problems;
  }

  /**
   * Removes limits, all or nothing: a bad type fails the whole call (400). Removing a limit can never break the rule
   * (an unlabeled type without a limit caps its labels at the plan maximum), so the resulting state is always valid.
   */
  purge(from: ObjectType, to: ObjectType, inputs: Array<{ category: unknown; typeId: unknown }>): void {
    const defs = inputs.map((i) => this.definitions.typeFor(i.category, i.typeId, from, to));
    for (const d of defs) this.limits.delete(d.typeId);
    if (defs.length > 0) this.changed();
  }
}
