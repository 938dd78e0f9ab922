// Entry point of the root Pulumi.yaml, for `pulumi up` with the Node.js language host.
// `npm run demo` runs the same program through the Automation API instead (examples/demo/run.ts).
import { demo } from "./program";

export = demo();
