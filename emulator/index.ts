// Public entry point of the emulator: `import { startEmulator } from "pulumi-hubspot-associations/emulator"`.
// The `hubspot-associations emulator` command lives in cli/commands/emulator.ts.
export * from "./types";
export { startEmulator } from "./start";
export { DEV_TOKEN } from "./auth";
