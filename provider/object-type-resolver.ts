// Object type references -> ids, for one portal. Standard types resolve offline; a custom object, by name or by id,
// is looked up in the portal's schemas, read at most once per session (coalesced: every resource of the run shares
// the one read) and only when some input names a custom object. An id is checked too: custom object ids differ
// between portals, and a sandbox's id used against production must fail the preview, not the middle of an up.

import { CUSTOM_OBJECT_ID, CustomObjectSchema, matchCustomObject, ObjectTypeRef, parseObjectTypeRef } from "../model";
import { SharedOnce } from "./shared-once";

export type ObjectTypeLookup = { ok: true; id: string } | { ok: false; reason: string };

export class ObjectTypeResolver {
  private readonly schemas = new SharedOnce<readonly CustomObjectSchema[]>();

  constructor(private readonly readSchemas: () => Promise<readonly CustomObjectSchema[]>) {}

  /** Resolves a parsed reference; rejects only when the schemas read fails. */
  async resolve(ref: ObjectTypeRef): Promise<ObjectTypeLookup> {
    if (ref.kind === "custom-name") return matchCustomObject(ref, await this.customObjects());
    if (!CUSTOM_OBJECT_ID.test(ref.id)) return { ok: true, id: ref.id };
    const schemas = await this.customObjects();
    if (schemas.some((s) => s.objectTypeId === ref.id)) return { ok: true, id: ref.id };
    const names = schemas.map((s) => `${s.name} (${s.objectTypeId})`);
    return {
      ok: false,
      reason:
        `no custom object with id ${ref.id} in this portal (custom object ids differ between portals: name it by its name to ` +
        `use one file everywhere); ${names.length > 0 ? `its custom objects are: ${names.join(", ")}` : "it has no custom objects"}`,
    };
  }

  /** Parses and resolves a value as written in inputs or stored state. */
  async resolveValue(value: unknown): Promise<ObjectTypeLookup> {
    const parsed = parseObjectTypeRef(value);
    return parsed.ok ? this.resolve(parsed.ref) : parsed;
  }

  private customObjects(): Promise<readonly CustomObjectSchema[]> {
    return this.schemas.get(this.readSchemas);
  }
}
