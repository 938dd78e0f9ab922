// One row of the reviewer's table, and how its cells name things.
import { pairDisplay } from "../../../model";
import { objectTypeIdOf } from "./label-index";
import { Props } from "./preview-json";

export interface ChangeRow {
  /** `Contacts → Companies`. */
  pair: string;
  /** `label \`Manager / Employee\`` or `limit on \`Primary\``. */
  subject: string;
  change: string;
  kind: "label" | "limit";
}

/** Text for a Markdown code span: backticks would end it early. */
export const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

export const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The pair a resource's properties name, as people read it. */
export function pairOf(props: Props): string {
  const from = objectTypeIdOf(props, "from") ?? text(props.fromObjectType) ?? "?";
  const to = objectTypeIdOf(props, "to") ?? text(props.toObjectType) ?? "?";
  return pairDisplay(from, to);
}
