// Association definitions (labels and default types) of one portal and the allocation of their typeIds.
// HUBSPOT_DEFINED types come from the seed table; USER_DEFINED labels are made here with HubSpot's rules
// (reference §4): a paired label is two typeIds n, n+1; a single label between two object types is two typeIds
// with the same text; a single same-object label is one typeId.
import { HubSpotError, notFoundError, validationError } from "../errors";
import { SEEDED_TYPE_IDS } from "../hubspot-defined-types";
import { ObjectType } from "../object-types";
import { AssociationDefinition, Category } from "../types";
import { checkLabelName, checkLabelText } from "./label-input";

export interface SpecWithLabel {
  category: Category;
  typeId: number;
  label: string | null;
}

const CATEGORY_INDEX: Record<string, number> = { HUBSPOT_DEFINED: 0, USER_DEFINED: 1, INTEGRATOR_DEFINED: 2 };

export function specOf(d: AssociationDefinition): SpecWithLabel {
  return { category: d.category, typeId: d.typeId, label: d.label };
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

export function isUserLabel(d: AssociationDefinition): boolean {
  return d.kind === "paired" || d.kind === "single";
}

export class DefinitionTable {
  private defs = new Map<number, AssociationDefinition>();
  private nextTypeId: number;

  constructor(
    firstTypeId: number,
    private readonly changed: () => void,
  ) {
    this.nextTypeId = firstTypeId;
  }

  /** Replaces every definition and the typeId counter (state load). */
  replace(defs: Iterable<AssociationDefinition>, nextTypeId: number): void {
    this.defs = new Map([...defs].map((d) => [d.typeId, { ...d }]));
    this.nextTypeId = nextTypeId;
  }

  all(): AssociationDefinition[] {
    return [...this.defs.values()];
  }

  get counter(): number {
    return this.nextTypeId;
  }

  get(typeId: number): AssociationDefinition | undefined {
    return this.defs.get(typeId);
  }

  add(d: AssociationDefinition): void {
    this.defs.set(d.typeId, d);
  }

  allocateTypeId(): number {
    while (SEEDED_TYPE_IDS.has(this.nextTypeId) || this.defs.has(this.nextTypeId)) this.nextTypeId++;
    return this.nextTypeId++;
  }

  /** Two consecutive fresh ids (paired labels use n and n+1 on HubSpot). */
  allocatePair(): [number, number] {
    for (;;) {
      const a = this.allocateTypeId();
      if (!SEEDED_TYPE_IDS.has(a + 1) && !this.defs.has(a + 1)) {
        this.nextTypeId = a + 2;
        return [a, a + 1];
      }
    }
  }

  between(fromId: string, toId: string): AssociationDefinition[] {
    return this.all().filter((d) => d.fromObjectTypeId === fromId && d.toObjectTypeId === toId);
  }

  defaultOf(fromId: string, toId: string): AssociationDefinition | undefined {
    for (const d of this.defs.values())
      if (d.kind === "default" && d.fromObjectTypeId === fromId && d.toObjectTypeId === toId) return d;
    return undefined;
  }

  requireDefault(from: ObjectType, to: ObjectType): AssociationDefinition {
    const d = this.defaultOf(from.objectTypeId, to.objectTypeId);
    if (!d)
      throw validationError(`Associations between ${from.upper} and ${to.upper} are not supported`, {
        subCategory: "crm.associations.INVALID_OBJECT_TYPE_PAIR",
      });
    return d;
  }

  /** The type the reverse edge of `typeId` carries; undefined where there is none. */
  inverseOf(typeId: number): number | undefined {
    const inverse = this.defs.get(typeId)?.inverseTypeId;
    return inverse !== null && inverse !== undefined && this.defs.has(inverse) ? inverse : undefined;
  }

  /** Both typeIds of a label (one for a same-object single label or a half left alone). */
  halvesOf(d: AssociationDefinition): number[] {
    return d.inverseTypeId === null || d.inverseTypeId === d.typeId ? [d.typeId] : [d.typeId, d.inverseTypeId];
  }

  invalidTypeError(category: string, typeId: unknown, from: ObjectType, to: ObjectType): HubSpotError {
    const type = `${CATEGORY_INDEX[category] ?? category}-${String(typeId)}`;
    return validationError(`${type} is not a valid association type between ${from.upper} and ${to.upper}`, {
      subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE",
      context: { type: [type], fromObjectType: [from.upper], toObjectType: [to.upper] },
    });
  }

  /** The definition behind an AssociationSpec / config input, valid for the directed pair, or a 400. */
  typeFor(category: unknown, typeId: unknown, from: ObjectType, to: ObjectType): AssociationDefinition {
    const d = isInt(typeId) ? this.defs.get(typeId) : undefined;
    if (
      !d ||
      d.category !== category ||
      d.fromObjectTypeId !== from.objectTypeId ||
      d.toObjectTypeId !== to.objectTypeId
    ) {
      throw this.invalidTypeError(String(category), typeId, from, to);
    }
    return d;
  }

  /** USER_DEFINED labels between a and b, either direction. */
  userLabelsOfPair(a: string, b: string): AssociationDefinition[] {
    return this.all().filter(
      (d) =>
        isUserLabel(d) &&
        ((d.fromObjectTypeId === a && d.toObjectTypeId === b) || (d.fromObjectTypeId === b && d.toObjectTypeId === a)),
    );
  }

  createLabel(
    from: ObjectType,
    to: ObjectType,
    body: Record<string, unknown>,
    maxLabelsPerPair: number,
  ): AssociationDefinition[] {
    const name = checkLabelName(body.name);
    const label = checkLabelText("label", body.label, true);
    const inverseLabel = checkLabelText("inverseLabel", body.inverseLabel, false);
    this.requireDefault(from, to);
    this.requireDefault(to, from);
    const a = from.objectTypeId;
    const b = to.objectTypeId;
    const userLabels = this.userLabelsOfPair(a, b);
    if (userLabels.some((d) => d.name === name)) {
      throw validationError(
        `An association label with name '${name}' already exists between ${from.upper} and ${to.upper}`,
        {
          subCategory: "crm.associations.DUPLICATE_ASSOCIATION_DEFINITION_NAME",
          context: { name: [name] },
        },
      );
    }
    const groups = new Set(userLabels.map((d) => Math.min(...this.halvesOf(d)))).size;
    if (groups >= maxLabelsPerPair) {
      throw validationError(
        `The maximum number of association labels (${maxLabelsPerPair}) between ${from.upper} and ${to.upper} has been reached`,
        {
          subCategory: "crm.associations.TOO_MANY_ASSOCIATION_LABELS",
        },
      );
    }
    const base = { category: "USER_DEFINED" as const, name };
    let out: AssociationDefinition[];
    if (inverseLabel !== undefined) {
      const [n, m] = this.allocatePair();
      const fwd: AssociationDefinition = {
        ...base,
        typeId: n,
        fromObjectTypeId: a,
        toObjectTypeId: b,
        label,
        inverseTypeId: m,
        kind: "paired",
      };
      const inv: AssociationDefinition = {
        ...base,
        typeId: m,
        fromObjectTypeId: b,
        toObjectTypeId: a,
        label: inverseLabel,
        inverseTypeId: n,
        kind: "paired",
      };
      out = [inv, fwd]; // inverse first, as in HubSpot's docs example: clients must match by text, not position
    } else if (a !== b) {
      // Single label between different objects: HubSpot creates it in both directions with the same text.
      const [n, m] = this.allocatePair();
      const fwd: AssociationDefinition = {
        ...base,
        typeId: n,
        fromObjectTypeId: a,
        toObjectTypeId: b,
        label,
        inverseTypeId: m,
        kind: "single",
      };
      const rev: AssociationDefinition = {
        ...base,
        typeId: m,
        fromObjectTypeId: b,
        toObjectTypeId: a,
        label,
        inverseTypeId: n,
        kind: "single",
      };
      out = [fwd, rev];
    } else {
      const n = this.allocateTypeId();
      out = [{ ...base, typeId: n, fromObjectTypeId: a, toObjectTypeId: b, label, inverseTypeId: n, kind: "single" }];
    }
    for (const d of out) this.defs.set(d.typeId, d);
    this.changed();
    return out;
  }

  /** The USER_DEFINED label listed under from→to, or 404 / 400 like HubSpot. */
  editableLabel(from: ObjectType, to: ObjectType, typeId: unknown, verb: string): AssociationDefinition {
    if (!isInt(typeId) || typeId <= 0)
      throw validationError(`associationTypeId must be a positive integer, got ${JSON.stringify(typeId)}`);
    const d = this.defs.get(typeId);
    if (!d || d.fromObjectTypeId !== from.objectTypeId || d.toObjectTypeId !== to.objectTypeId) {
      throw notFoundError(`Association type ${typeId} between ${from.upper} and ${to.upper} was not found`, {
        context: { associationTypeId: [String(typeId)], fromObjectType: [from.upper], toObjectType: [to.upper] },
      });
    }
    if (d.category === "HUBSPOT_DEFINED")
      throw validationError(`Association type ${typeId} is HUBSPOT_DEFINED and cannot be ${verb}`, {
        subCategory: "crm.associations.HUBSPOT_DEFINED_TYPE_IMMUTABLE",
      });
    if (d.kind === "default")
      throw validationError(
        `Association type ${typeId} is the default (unlabeled) type between ${from.upper} and ${to.upper} and cannot be ${verb}`,
      );
    return d;
  }

  updateLabel(from: ObjectType, to: ObjectType, body: Record<string, unknown>): void {
    const d = this.editableLabel(from, to, body.associationTypeId, "updated");
    const label = checkLabelText("label", body.label, true);
    const inverseLabel = checkLabelText("inverseLabel", body.inverseLabel, false);
    const inv = d.inverseTypeId === null ? undefined : this.defs.get(d.inverseTypeId);
    if (d.kind === "paired") {
      d.label = label;
      if (inverseLabel !== undefined && inv) inv.label = inverseLabel;
    } else {
      if (inverseLabel !== undefined && inverseLabel !== label) {
        throw validationError(
          `Association type ${d.typeId} is not a paired label; inverseLabel cannot be set (changing single <-> paired needs a new label)`,
        );
      }
      d.label = label;
      if (inv) inv.label = label; // single cross-object labels keep both halves' text in sync
    }
    this.changed();
  }

  /** Removes definitions; a half left behind by the removal of its partner no longer has an inverse. */
  remove(typeIds: number[]): void {
    for (const t of typeIds) this.defs.delete(t);
    for (const d of this.defs.values())
      if (d.inverseTypeId !== null && typeIds.includes(d.inverseTypeId)) d.inverseTypeId = null;
    this.changed();
  }
}
