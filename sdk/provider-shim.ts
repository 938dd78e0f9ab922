// The object Pulumi serializes into every resource's `__provider`. It must stay tiny and stable:
// - every method loads the real implementation at run time from the INSTALLED package, so upgrading the package
//   changes neither `__provider` nor the preview, and refresh/destroy run the installed code;
// - it references no module-level variable or helper (those would be serialized by value), holds no credentials
//   (configuration arrives through configure() or the provider process's environment), and uses no ES `#private`
//   members (they break deserialization).
// `require` is a global to the serializer, so it is not captured; `typeof import(...)` is erased at compile time.
import type * as pulumi from "@pulumi/pulumi";

type Bag = Record<string, unknown>;
// Type only (erased): the implementation module as seen from this package.
type Impl = typeof import("../provider");

export class HubSpotProviderShim implements pulumi.dynamic.ResourceProvider<Bag, Bag> {
  readonly kind: "label" | "limits";

  constructor(kind: "label" | "limits") {
    this.kind = kind;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).configure(req);
  }

  async check(olds: Bag, news: Bag): Promise<pulumi.dynamic.CheckResult<Bag>> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).check(olds, news);
  }

  async diff(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.DiffResult> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).diff(id, olds, news);
  }

  async create(inputs: Bag): Promise<pulumi.dynamic.CreateResult<Bag>> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).create(inputs);
  }

  async read(id: string, props?: Bag): Promise<pulumi.dynamic.ReadResult<Bag>> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).read(id, props);
  }

  async update(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.UpdateResult<Bag>> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).update(id, olds, news);
  }

  async delete(id: string, props: Bag): Promise<void> {
    return (require("pulumi-hubspot-associations/provider") as Impl).loadProvider(this.kind).delete(id, props);
  }
}
