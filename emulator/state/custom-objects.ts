// The portal's custom object types and the name lookup over them and the standard table.
import { ObjectTypeRegistry } from "../object-types";
import { CustomObjectSpec } from "../types";

export class CustomObjects {
  private specs: CustomObjectSpec[] = [];
  registry: ObjectTypeRegistry;

  constructor(private readonly portalId: number) {
    this.registry = new ObjectTypeRegistry([], portalId);
  }

  replace(specs: CustomObjectSpec[]): void {
    this.specs = specs.map((s) => ({ ...s }));
    this.registry = new ObjectTypeRegistry(this.specs, this.portalId);
  }

  all(): CustomObjectSpec[] {
    return this.specs.map((s) => ({ ...s }));
  }
}
