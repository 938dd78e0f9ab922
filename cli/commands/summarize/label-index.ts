// Which label a limit entry points at. A limits entry usually names its label by the label's `typeId` output;
// in a preview that output is unknown whenever the label itself changes, so the entry is matched through the
// resource's property dependencies to the labels it uses, and to the direction (forward or inverse half).
import { resolveObjectType } from "../../../model";
import { Props, StepState } from "./preview-json";

export type Half = "forward" | "inverse";

export interface LabelHalfRef {
  urn: string;
  half: Half;
}

export interface LabelInfo {
  urn: string;
  fromId?: string;
  toId?: string;
  oldText?: string;
  oldInverse?: string;
  newText?: string;
  newInverse?: string;
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);

export function objectTypeIdOf(props: Props, side: "from" | "to"): string | undefined {
  const id = text(props[`${side}ObjectTypeId`]);
  if (id) return id;
  const r = resolveObjectType(props[`${side}ObjectType`]);
  return r.ok ? r.id : undefined;
}

export class LabelIndex {
  private readonly labels = new Map<string, LabelInfo>();
  private readonly byTypeId = new Map<number, LabelHalfRef>();

  /** Registers a label resource as the preview shows it (old outputs carry the type ids). */
  add(urn: string, oldState: StepState | undefined, newState: StepState | undefined): void {
    const oldProps = { ...(oldState?.inputs ?? {}), ...(oldState?.outputs ?? {}) };
    const newInputs = newState?.inputs ?? {};
    const info: LabelInfo = {
      urn,
      fromId: objectTypeIdOf(newInputs, "from") ?? objectTypeIdOf(oldProps, "from"),
      toId: objectTypeIdOf(newInputs, "to") ?? objectTypeIdOf(oldProps, "to"),
      oldText: text(oldProps.label),
      oldInverse: text(oldProps.inverseLabel),
      newText: text(newInputs.label) ?? (newState ? undefined : text(oldProps.label)),
      newInverse: text(newInputs.inverseLabel),
    };
    if (!newState) info.newInverse = info.oldInverse;
    this.labels.set(urn, info);
    const typeId = int(oldProps.typeId);
    const inverseTypeId = int(oldProps.inverseTypeId);
    if (typeId !== undefined) this.byTypeId.set(typeId, { urn, half: "forward" });
    if (inverseTypeId !== undefined) this.byTypeId.set(inverseTypeId, { urn, half: "inverse" });
  }

  byId(typeId: number): LabelHalfRef | undefined {
    return this.byTypeId.get(typeId);
  }

  info(urn: string): LabelInfo | undefined {
    return this.labels.get(urn);
  }

  /** The label halves among `urns` that live on the directed pair from -> to. */
  halvesOnPair(urns: string[], fromId: string | undefined, toId: string | undefined): LabelHalfRef[] {
    const out: LabelHalfRef[] = [];
    for (const urn of urns) {
      const l = this.labels.get(urn);
      if (!l || !fromId || !toId) continue;
      if (l.fromId === fromId && l.toId === toId) out.push({ urn, half: "forward" });
      const paired = l.newInverse !== undefined || l.oldInverse !== undefined;
      if (paired && l.fromId === toId && l.toId === fromId) out.push({ urn, half: "inverse" });
    }
    return out;
  }

  /** The text a reviewer recognises: the new text when the label stays, the old one when it goes. */
  textOf(ref: LabelHalfRef): string | undefined {
    const l = this.labels.get(ref.urn);
    if (!l) return undefined;
    return ref.half === "forward" ? (l.newText ?? l.oldText) : (l.newInverse ?? l.oldInverse);
  }
}
