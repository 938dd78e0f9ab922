#!/usr/bin/env node
// The `hubspot-associations` command. Exit codes: 0 ok, 1 user error, 2 usage.
import { errorMessage } from "../model";
import { runExportCommand } from "./commands/export";
import { runEmulatorCommand } from "./commands/emulator";
import { CommandIo, EXIT_USAGE } from "./commands/io";
import { runSummarizeCommand } from "./commands/summarize";
import { runValidateCommand } from "./commands/validate";

const USAGE = `Usage: hubspot-associations <command> [options]

Commands:
  validate FILE...     check hubspot-associations.yaml offline; --portal: custom objects against a portal too
  export               write the YAML document of a live portal's labels and limits
  summarize [FILE|-]   turn \`pulumi preview --json\` output into a Markdown table of label and limit changes
  emulator             run the local HubSpot emulator (prints its URL and token)

Run 'hubspot-associations <command> --help' for a command's options.
Exit codes: 0 ok, 1 user error, 2 usage.
`;

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "validate":
      return runValidateCommand(rest, io);
    case "export":
      return runExportCommand(rest, io);
    case "summarize":
      return runSummarizeCommand(rest, io);
    case "emulator":
      return runEmulatorCommand(rest, io);
    case "-h":
    case "--help":
    case "help":
      io.out(USAGE);
      return 0;
    case undefined:
      io.err(USAGE);
      return EXIT_USAGE;
    default:
      io.err(`hubspot-associations: unknown command '${command}'\n\n${USAGE}`);
      return EXIT_USAGE;
  }
}

if (require.main === module) {
  const io: CommandIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`hubspot-associations: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
