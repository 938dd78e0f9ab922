// startEmulator: build the server, listen, and hand back the RunningEmulator handle.
import { DEFAULTS } from "./options";
import { EmulatorServer } from "./server";
import { EmulatorOptions, RunningEmulator } from "./types";

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer(options);
  const url = await server.listen(options.port ?? 0, options.host ?? DEFAULTS.host);
  let closed: Promise<void> | undefined;
  return {
    url,
    token: server.tokens.first,
    portalId: server.portalId,
    close: () => (closed ??= server.close()),
    requests: () => server.log.dump(),
    clearRequests: () => server.log.clear(),
    reset: () => server.reset(),
    state: () => server.snapshot(),
    injectFault: (spec) => server.injectFault(spec),
    faults: () => server.listFaults(),
    clearFaults: () => server.faults.clear(),
    setRateLimit: (s) => server.setRateLimit(s),
    flush: () => server.flush(),
  };
}
