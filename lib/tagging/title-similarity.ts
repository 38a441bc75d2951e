const STOPWORDS = new Set(
  'the a an and or of to in on for with by from at as is are was were be been its it this that after over into new says said will would could may amid than more'.split(' '),
);

/** Word tokens of a title (lowercased, stopwords out), plus character bigrams of Han/Kana runs. */
export function titleTokens(title: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of title.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(word)) {
      for (let i = 0; i + 1 < word.length; i++) tokens.add(word.slice(i, i + 2));
    } else if (word.length > 2 && !STOPWORDS.has(word)) {
      // Crude stemming so "controls"/"control" and "bans"/"ban" meet.
      tokens.add(word.replace(/(ies|es|s)$/, ''));
    }
  }
  return tokens;
}

/** Jaccard similarity of two token sets, 0..1. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
