// A pulumi.runtime.setMocks harness for the AssociationSchema component: every resource registration is recorded
// (type, name, inputs), labels get typeIds the way the provider hands them out (a paired label, or a single label
// between two object types, has an inverseTypeId too), and `settle` waits until the component's whole tree is
// registered. setMocks state is global to the process: this folder runs in a mocha process of its own.
import * as pulumi from "@pulumi/pulumi";
import { AssociationSchema } from "../../sdk";
import { objectTypeSide } from "../../sdk/document/object-type-key";

export const LABEL_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLabel";
export const LIMITS_TYPE = "pulumi-nodejs:dynamic/hubspot:AssociationLimits";
export const SCHEMA_TYPE = "hubspot:index:AssociationSchema";

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export interface MockRun {
  registrations: Registration[];
  /** The typeIds handed to each label, by resource name. */
  typeIds: Map<string, { typeId: number; inverseTypeId?: number }>;
}

const sideKey = (v: unknown): string | undefined => {
  const r = objectTypeSide(v);
  return r.ok ? r.side.key : undefined;
};

export function installMocks(): MockRun {
  const run: MockRun = { registrations: [], typeIds: new Map() };
  let next = 100;
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const inputs = { ...(args.inputs as Record<string, unknown>) };
        delete inputs.__provider;
        run.registrations.push({ type: args.type, name: args.name, inputs });
        if (args.type !== LABEL_TYPE) return { id: `${args.name}-id`, state: inputs };
        const sameObject = sideKey(inputs.fromObjectType) === sideKey(inputs.toObjectType);
        const ids = {
          typeId: next,
          inverseTypeId: inputs.inverseLabel !== undefined || !sameObject ? next + 1 : undefined,
        };
        next += 2;
        run.typeIds.set(args.name, ids);
        return { id: `${args.name}-id`, state: { ...inputs, ...ids, category: "USER_DEFINED" } };
      },
      call(): Record<string, unknown> {
        return {};
      },
    },
    "project",
    "stack",
    false,
  );
  return run;
}

const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

/** Resolves when the component and every child are registered. */
export async function settle(schema: AssociationSchema): Promise<void> {
  await Promise.all(
    [
      schema.urn,
      ...Object.values(schema.labels).map((l) => l.urn),
      ...Object.values(schema.limits).map((l) => l.urn),
    ].map(valueOf),
  );
  await valueOf(schema.typeIds);
}

/** Registrations of one type, by name, without the component. */
export function byName(run: MockRun, type: string): Map<string, Record<string, unknown>> {
  return new Map(run.registrations.filter((r) => r.type === type).map((r) => [r.name, r.inputs]));
}
