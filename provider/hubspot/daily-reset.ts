// When does HubSpot's daily quota reset? At midnight in the account's (portal's) time zone
// (usage guidelines). Given an IANA zone name we can say when that is in UTC; without one we say only that.

/** The next local midnight in `timeZone` after `nowMs`, as a UTC instant; undefined for an unknown zone. */
export function nextMidnightIn(timeZone: string, nowMs: number): Date | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  } catch {
    return undefined;
  }
  const localParts = (instant: number): { y: number; m: number; d: number; h: number; min: number; s: number } => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
    return {
      y: Number(parts.year),
      m: Number(parts.month),
      d: Number(parts.day),
      h: Number(parts.hour),
      min: Number(parts.minute),
      s: Number(parts.second),
    };
  };
  // Offset of local wall time from UTC at an instant, in ms (positive east of Greenwich).
  const offsetAt = (instant: number): number => {
    const p = localParts(instant);
    return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant / 1000) * 1000;
  };
  const today = localParts(nowMs);
  const midnightAsIfUtc = Date.UTC(today.y, today.m - 1, today.d + 1, 0, 0, 0);
  // Two passes settle the offset even when a DST change happens between now and midnight.
  let guess = midnightAsIfUtc - offsetAt(midnightAsIfUtc);
  guess = midnightAsIfUtc - offsetAt(guess);
  return new Date(guess);
}
