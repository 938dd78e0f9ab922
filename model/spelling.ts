// "Did you mean" hints for typos: property names, object type names, HubSpot-defined label texts.

/** Edits between two words, a swap of neighbours counting as one (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  // d(i, j): the distance between the first i characters of x and the first j of y, in one row-major array.
  const width = y.length + 1;
  const table = Array.from({ length: (x.length + 1) * width }, (_, k) => {
    const i = Math.floor(k / width);
    const j = k % width;
    return i === 0 ? j : j === 0 ? i : 0;
  });
  const d = (i: number, j: number): number => {
    const v = table[i * width + j];
    if (v === undefined) throw new Error(`internal: editDistance cell (${i}, ${j}) is outside the table`);
    return v;
  };
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d(i - 2, j - 2) + 1);
      table[i * width + j] = best;
    }
  }
  return d(x.length, y.length);
}

/** The closest candidate within `maxDistance` edits (default: a third of the word, at least one), if any. */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = Math.max(1, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(word, c);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}
