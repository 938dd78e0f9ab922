// What a stored AssociationLabel says, read from Pulumi's state (any earlier output shape) once.

import { tryParseLabelId } from "../ids";
import { storedPairIds } from "../object-types";
import { optionalNumber, optionalString, PropertyBag } from "../values";

export interface StoredLabel {
  fromId: string;
  toId: string;
  typeId: number;
  /** The to -> from half: a paired label's inverse, or a single cross-object label's reverse half. */
  inverseTypeId?: number;
  paired: boolean;
  name?: string;
  label?: string;
  inverseLabel?: string;
  adoptTypeId?: number;
}

export function storedLabel(id: string, olds: PropertyBag | undefined): StoredLabel {
  const o = olds ?? {};
  const parsed = tryParseLabelId(id);
  const { fromId, toId } = storedPairIds(o, parsed);
  const typeId = optionalNumber(o.typeId) ?? parsed?.typeId;
  if (!fromId || !toId || typeId === undefined) {
    throw new Error(
      `AssociationLabel state for id "${id}" has no usable object types or typeId; expected an id like 0-1/0-2/145`,
    );
  }
  const inverseLabel = optionalString(o.inverseLabel);
  return {
    fromId,
    toId,
    typeId,
    inverseTypeId: optionalNumber(o.inverseTypeId),
    paired: inverseLabel !== undefined && inverseLabel !== "",
    name: optionalString(o.name),
    label: optionalString(o.label),
    inverseLabel,
    adoptTypeId: optionalNumber(o.adoptTypeId),
  };
}
