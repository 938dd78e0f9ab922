// The engine baseline's provider (bench/baseline.ts): it does nothing, so that Pulumi's own cost for the bench's
// resource graph can be measured. A module of its own, and bench/installed.ts puts it under a node_modules folder,
// so that Pulumi's serializer stores a short require of it in `__provider`, as it does for this package's installed
// shims: a baseline with a bigger state would make our overhead look smaller than it is.
//
// No check (inputs pass through); diff on the texts, replace on anything else (the shape of our diff without its
// reads of HubSpot); typeId derived from the name so that it is stable across provider processes.
import type * as pulumi from "@pulumi/pulumi";

type Bag = Record<string, unknown>;

const noopProvider: pulumi.dynamic.ResourceProvider<Bag, Bag> = {
  async create(inputs: Bag) {
    let h = 0;
    for (const c of JSON.stringify(inputs.name ?? inputs.fromObjectType)) h = (h * 31 + c.charCodeAt(0)) % 1000000;
    return { id: String(1000 + h), outs: { ...inputs, typeId: 1000 + h } };
  },
  async diff(_id: string, olds: Bag, news: Bag) {
    const changed = Object.keys(news).filter(
      (k) => k !== "typeId" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    return {
      changes: changed.length > 0,
      replaces: changed.filter((k) => k !== "label" && k !== "inverseLabel" && k !== "limits"),
    };
  },
  async update(_id: string, olds: Bag, news: Bag) {
    return { outs: { ...news, typeId: olds.typeId } };
  },
  async read(id: string, props?: Bag) {
    return { id, props: props ?? {} };
  },
  async delete() {
    return;
  },
};

export = noopProvider;
