// The rules for a label's internal name and display texts (reference §4, Q4): HubSpot documents "no hyphen, no
// leading digit"; the rest (letters, digits, underscore; at most 100 characters) is the emulator's choice.
import { validationError } from "../errors";

export const NAME_MAX_LENGTH = 100;
export const LABEL_MAX_LENGTH = 100;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkLabelText(field: string, v: unknown, required: true): string;
export function checkLabelText(field: string, v: unknown, required: false): string | undefined;
export function checkLabelText(field: string, v: unknown, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw validationError(`${field} is required`, { context: { [field]: ["required"] } });
    return undefined;
  }
  if (typeof v !== "string") throw validationError(`${field} must be a string`);
  if (v.trim().length === 0) throw validationError(`${field} may not be empty`);
  if (v.length > LABEL_MAX_LENGTH) throw validationError(`${field} may be at most ${LABEL_MAX_LENGTH} characters long`);
  return v;
}

export function checkLabelName(v: unknown): string {
  if (v === undefined || v === null) throw validationError("name is required", { context: { name: ["required"] } });
  if (typeof v !== "string") throw validationError("name must be a string");
  if (v.length === 0) throw validationError("name may not be empty");
  if (v.length > NAME_MAX_LENGTH) throw validationError(`name may be at most ${NAME_MAX_LENGTH} characters long`);
  if (/^[0-9]/.test(v)) throw validationError(`Invalid association name '${v}': the name may not start with a number`);
  if (v.includes("-")) throw validationError(`Invalid association name '${v}': the name may not contain hyphens`);
  if (/\s/.test(v)) throw validationError(`Invalid association name '${v}': the name may not contain spaces`);
  if (!NAME_PATTERN.test(v))
    throw validationError(`Invalid association name '${v}': only letters, digits and underscores are allowed`);
  return v;
}
