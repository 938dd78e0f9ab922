#!/usr/bin/env node
// The `hubspot-associations` command. Exit codes: 0 ok, 1 user error, 2 usage.
import { runEmulatorCli } from "../emulator";

const USAGE = `Usage: hubspot-associations <command> [options]

Commands:
  emulator   run the local HubSpot emulator (prints its URL and token)

Run 'hubspot-associations <command> --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "emulator":
      return runEmulatorCli(rest);
    case undefined:
    case "-h":
    case "--help":
    case "help":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`hubspot-associations: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`hubspot-associations: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
