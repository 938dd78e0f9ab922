// A document is UTF-8 (YAML 1.2 allows UTF-16 and UTF-32 too, but nobody writes those by hand, and editors and git
// diff treat YAML as UTF-8). Decoding leniently would turn a Latin-1 "Geschäftsführer" into "Gesch\uFFFDftsf\uFFFDhrer"
// and write that to HubSpot, so any ill-formed byte sequence is refused, at its line and column.
import { Position } from "./yaml-source";

export type Utf8Decoding = { ok: true; text: string } | { ok: false; position: Position; reason: string };

/** The byte at an offset known to be inside the bytes. */
function byteAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b === undefined) throw new Error(`internal: offset ${i} is past the end of ${bytes.length} bytes`);
  return b;
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the bytes there are ill-formed (Unicode table 3-7). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = byteAt(bytes, i);
  const inRange = (k: number, lo: number, hi: number): boolean => {
    const b = bytes[i + k]; // undefined past the end: a truncated sequence
    return b !== undefined && b >= lo && b <= hi;
  };
  const tail = (k: number): boolean => inRange(k, 0x80, 0xbf);
  if (b0 <= 0x7f) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return tail(1) ? 2 : 0;
  if (b0 === 0xe0) return inRange(1, 0xa0, 0xbf) && tail(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return tail(1) && tail(2) ? 3 : 0;
  if (b0 === 0xed) return inRange(1, 0x80, 0x9f) && tail(2) ? 3 : 0; // not a UTF-16 surrogate
  if (b0 === 0xf0) return inRange(1, 0x90, 0xbf) && tail(2) && tail(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return tail(1) && tail(2) && tail(3) ? 4 : 0;
  if (b0 === 0xf4) return inRange(1, 0x80, 0x8f) && tail(2) && tail(3) ? 4 : 0;
  return 0;
}

/** Offset of the first byte that does not start a well-formed sequence; undefined when all of it is UTF-8. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return undefined;
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** The text of a file's bytes, a leading byte order mark dropped; or where the first ill-formed byte is. */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  const bad = firstInvalidUtf8Byte(bytes);
  // TextDecoder drops a leading BOM (ignoreBOM false), so positions count from the first character after it.
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
  if (bad === undefined) return { ok: true, text: decoder.decode(bytes) };
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes from the line's start to the bad one are well-formed: the column counts them as YAML does (UTF-16).
  const col = decoder.decode(bytes.subarray(lineStart, bad)).length + 1;
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const hint = utf16
    ? "the file looks like UTF-16: save it as UTF-8"
    : "save the file as UTF-8 (it looks like another encoding, such as Latin-1 or Windows-1252)";
  return { ok: false, position: { line, col }, reason: `byte ${hex(byteAt(bytes, bad))} is not valid UTF-8; ${hint}` };
}
