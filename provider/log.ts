// One-line notices from the provider (adoption, recovered creates). Since Pulumi 3.146 the provider's stdout reaches
// the CLI output, so console.log is the channel users see. Tests can capture or silence it.

export type NoticeSink = (message: string) => void;

const defaultSink: NoticeSink = (message) => console.log(`hubspot: ${message}`);
let sink: NoticeSink = defaultSink;

export function notice(message: string): void {
  sink(message);
}

/** Tests only: redirect notices; undefined restores console output. */
export function setNoticeSink(s: NoticeSink | undefined): void {
  sink = s ?? defaultSink;
}
