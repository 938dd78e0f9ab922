// Object type references -> ids, for one portal. Standard types and ids resolve offline; a custom object's name
// needs the portal's schemas, read at most once per session (coalesced: every resource of the run shares the one
// read) and only when some input names a custom object.

import { CustomObjectSchema, matchCustomObject, ObjectTypeRef, parseObjectTypeRef } from "../model";
import { SharedOnce } from "./shared-once";

export type ObjectTypeLookup = { ok: true; id: string } | { ok: false; reason: string };

export class ObjectTypeResolver {
  private readonly schemas = new SharedOnce<readonly CustomObjectSchema[]>();

  constructor(private readonly readSchemas: () => Promise<readonly CustomObjectSchema[]>) {}

  /** Resolves a parsed reference; rejects only when the schemas read fails. */
  async resolve(ref: ObjectTypeRef): Promise<ObjectTypeLookup> {
    if (ref.kind === "id") return { ok: true, id: ref.id };
    return matchCustomObject(ref, await this.customObjects());
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
