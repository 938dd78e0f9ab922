// What HubSpot accepts in a label's texts and limits, as far as the sources settle it, and the choices made where
// they do not (shared/reference/hubspot-open-questions.md Q4, Q7, Q8). schema.json states the same numbers for
// the YAML document; test/document/schema-rules.test.ts keeps the two equal.

/** Internal names: letters, digits and underscore, no leading digit (HubSpot refuses hyphens and a leading digit). */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Longest `name`, `label` or `inverseLabel` accepted. HubSpot documents no maximum; 100 is our bound, counted in
 * UTF-16 code units (see textLength).
 */
export const MAX_TEXT_LENGTH = 100;

/**
 * A text's length as HubSpot's Java services would count it if they count at all: UTF-16 code units. It is the
 * larger of the two likely measures (an emoji is one code point, two units), so a text within the bound by this
 * count is within it by either.
 */
export function textLength(text: string): number {
  return text.length;
}

/** maxToObjectIds bounds: "a max of 1" (HubSpot changelog) up to the UI's 10,000 (HubSpot knowledge base). */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 10000;

/**
 * User-defined labels per object pair, both directions together, a label counting once whether single or paired
 * ("up to 50 labels per object pair", HubSpot's knowledge base; lower tiers may have 10, which only HubSpot knows).
 */
export const MAX_LABELS_PER_PAIR = 50;
