/**
 * Edit distance, to spot a misspelt alias or lesson name. Swapping two neighbouring letters counts as
 * one edit ('crad' for 'card'), the commonest typo, which plain Levenshtein counts as two.
 */
export function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[y.length];
}

/** The candidate closest to `word` when it is close enough to be a likely typo (or differs only in case). */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const d = distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 4)) ? best : undefined;
}

/** 'a Book', 'an Author', 'a User': messages name models in running text. */
export function article(noun: string): string {
  // By sound, not spelling: 'a User', 'a Unit' (a "you" sound), but 'an Update', 'an Hour' rarely occur.
  const vowelSound = /^[aeiou]/i.test(noun) && !/^(u[bcdfgklmnprstvz][aeiou]|uni|eu|one)/i.test(noun);
  return `${vowelSound ? 'an' : 'a'} ${noun}`;
}

/** 'A Book', 'An Author': article() at the start of a sentence. */
export function Article(noun: string): string {
  const s = article(noun);
  return s[0].toUpperCase() + s.slice(1);
}
