// Why inline-program runs in one process must not share gRPC connections (examples/support/automation.ts,
// isolateEngineChannels). Found as an `up` of an unchanged program that reported success after deleting every
// resource ("delete: 35"): the run's first calls to its resource monitor, the SDK's feature queries, had failed at
// once with `UNAVAILABLE: No connection established. Last error: null`, because the new CLI listened on a port that
// an earlier, finished CLI of the same test process had used, and grpc-js had handed the new channel that earlier
// run's pooled connection, still backing off from the dead CLI.
//
// Reproduced here with the SDK's own code (its per-run store, its monitor channel, its feature queries) against a
// stand-in resource monitor: one port, two "CLIs" one after the other.
import { expect } from "chai";
import * as path from "path";
import * as runtimeSettings from "@pulumi/pulumi/runtime/settings";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { isolateEngineChannels, runtimeChannelOptions } from "../../examples/support/automation";

// The grpc-js and generated stubs that @pulumi/pulumi itself loads (minimal shapes of what this test uses).
interface GrpcServer {
  addService(service: unknown, impl: Record<string, unknown>): void;
  bindAsync(addr: string, creds: unknown, cb: (err: Error | null, port: number) => void): void;
  forceShutdown(): void;
}
interface Grpc {
  Server: new () => GrpcServer;
  ServerCredentials: { createInsecure(): unknown };
}
interface FeatureResponse {
  setHassupport(v: boolean): void;
}
interface MonitorClient {
  supportsFeature(req: unknown, cb: (err: (Error & { code?: number }) | null) => void): void;
}

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as Grpc;
const resourceProto = require("@pulumi/pulumi/proto/resource_pb") as {
  SupportsFeatureRequest: new () => { setId(id: string): void };
  SupportsFeatureResponse: new () => FeatureResponse;
};
const resourceRpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as { ResourceMonitorService: unknown };

// SDK internals exercised (the installed @pulumi/pulumi): the per-run store, its options, the monitor's feature
// queries. The channel options are found the way isolateEngineChannels() finds them.
const state = runtimeState as unknown as { withLocalStorage<T>(fn: () => Promise<T>): Promise<T> };
const settings = runtimeSettings as unknown as {
  resetOptions(
    project: string,
    stack: string,
    parallel: number,
    engineAddr: string,
    monitorAddr: string,
    preview: boolean,
    org: string,
  ): void;
  awaitFeatureSupport(): Promise<void>;
  getMonitor(): MonitorClient | undefined;
};

/** A stand-in resource monitor ("a CLI") that answers feature queries, on `port` (0: any free port). */
async function monitorOn(port: number): Promise<{ server: GrpcServer; port: number }> {
  const server = new grpc.Server();
  server.addService(resourceRpc.ResourceMonitorService, {
    supportsFeature: (_call: unknown, cb: (err: null, r: FeatureResponse) => void) => {
      const r = new resourceProto.SupportsFeatureResponse();
      r.setHassupport(true);
      cb(null, r);
    },
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { server, port: bound };
}

/**
 * One inline run as the Automation API's language server starts it: a fresh store pointed at the monitor, then
 * the feature queries the SDK makes before it invokes the program. Returns the outcome and the run's monitor
 * channel, which the SDK never closes.
 */
async function startRun(port: number): Promise<{ outcome: string; channel: MonitorClient }> {
  return state.withLocalStorage(async () => {
    settings.resetOptions("p", "s", 1, "", `127.0.0.1:${port}`, false, "organization");
    const channel = settings.getMonitor() as MonitorClient;
    try {
      await settings.awaitFeatureSupport();
      return { outcome: "ok", channel };
    } catch (e) {
      return { outcome: `${(e as { code?: number }).code}: ${(e as Error).message}`, channel };
    }
  });
}

/** A call on a finished run's channel after its CLI is gone (a leaked run's late RPC): it fails and backs off. */
function lateCall(channel: MonitorClient): Promise<void> {
  const req = new resourceProto.SupportsFeatureRequest();
  req.setId("secrets");
  return new Promise((resolve) => channel.supportsFeature(req, () => resolve()));
}

/** Two runs on the same port, the first CLI gone in between: the second run's outcome. */
async function secondRunOnReusedPort(): Promise<string> {
  const first = await monitorOn(0);
  const run1 = await startRun(first.port);
  expect(run1.outcome).to.equal("ok");
  first.server.forceShutdown();
  await lateCall(run1.channel);
  const second = await monitorOn(first.port);
  let run2: { outcome: string; channel: MonitorClient } | undefined;
  try {
    run2 = await startRun(first.port);
    return run2.outcome;
  } finally {
    second.server.forceShutdown();
    for (const c of [run1.channel, run2?.channel]) (c as unknown as { close?: () => void } | undefined)?.close?.();
  }
}

describe("e2e infrastructure: inline runs in one process keep their engine channels apart", function () {
  this.timeout(30_000);
  const key = "grpc.use_local_subchannel_pool";
  // grpc-js backs off 1 s (+-20 %) after a failed connect; 10 s here so that a slow machine cannot let the backoff
  // run out between the two runs and make the first test pass by luck.
  const backoff = "grpc.initial_reconnect_backoff_ms";
  const options = runtimeChannelOptions();
  const saved = options.map((o) => ({ o, values: { [key]: o[key], [backoff]: o[backoff] } }));

  before(() => {
    expect(options.length, "the SDK's runtime channel options").to.be.greaterThan(0);
    for (const o of options) o[backoff] = 10_000;
  });
  after(() => {
    for (const { o, values } of saved) {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete o[k];
        else o[k] = v;
      }
    }
  });

  // If a new SDK no longer shows the bug, this fails: then isolateEngineChannels() should learn to tell that SDK
  // by what it has and leave it alone.
  it("shared (grpc-js's default): the second run's feature queries fail at once with UNAVAILABLE, the failure that ended runs silently", async () => {
    for (const o of options) delete o[key];
    expect(await secondRunOnReusedPort()).to.match(/^14: .*No connection established/);
  });

  it("isolated (isolateEngineChannels, applied by pulumiCommand()): the second run reaches its own CLI", async () => {
    for (const o of options) delete o[key];
    expect(isolateEngineChannels()).to.equal("isolated");
    expect(options.map((o) => o[key])).to.deep.equal(options.map(() => 1));
    expect(isolateEngineChannels()).to.equal("already isolated");
    expect(await secondRunOnReusedPort()).to.equal("ok");
  });

  it("an SDK without the channel options: a clear message once on stderr, no exception", () => {
    const said: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => said.push(args.join(" "));
    try {
      expect(isolateEngineChannels({})).to.equal("unsupported");
      expect(isolateEngineChannels({ grpcClientOptions: undefined })).to.equal("unsupported");
    } finally {
      console.error = original;
    }
    expect(said).to.have.length(1);
    expect(said[0]).to.include("exports no runtime gRPC channel options").and.include("isolateEngineChannels()");
  });
});
