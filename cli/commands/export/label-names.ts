// HubSpot never returns a label's internal `name`, so an exported document has to invent one. It is derived from
// the display text, so that a reader recognises it, and made unique on the pair and its reverse, where HubSpot
// requires uniqueness.

const NAME_MAX = 100;

/** `Account Manager (EU)` -> `account_manager_eu`; `1st contact` -> `label_1st_contact`; `😀` -> `label`. */
export function nameFromLabelText(text: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents: é -> e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const safe = base === "" ? "label" : /^[0-9]/.test(base) ? `label_${base}` : base;
  return safe.slice(0, NAME_MAX).replace(/_+$/, "");
}

/** Hands out names unique within one namespace (one object pair and its reverse). */
export class NameAllocator {
  private readonly taken = new Set<string>();

  allocate(text: string): string {
    const base = nameFromLabelText(text);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = `_${n}`;
      name = base.slice(0, NAME_MAX - suffix.length) + suffix;
    }
    this.taken.add(name);
    return name;
  }
}
