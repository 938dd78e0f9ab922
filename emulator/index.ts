// Public entry point of the emulator: `import { startEmulator } from "pulumi-hubspot-associations/emulator"`.
export * from "./types";
export { startEmulator } from "./start";
export { runEmulatorCli, parseEmulatorArgs, EMULATOR_USAGE } from "./cli";
export type { CliIo } from "./cli";
export { DEV_TOKEN } from "./auth";
