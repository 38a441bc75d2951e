const STOPWORDS = new Set(
  'the a an and or of to in on for with by from at as is are was were be been its it this that after over into new says said will would could may amid than more'.split(' '),
);

/** Word tokens of a title (lowercased, stopwords out), plus character bigrams of Han/Kana runs. */
export function titleTokens(title: string): Set<string> {
  return isAscii(title) ? asciiTitleTokens(title) : unicodeTitleTokens(title);
}

/**
 * The same tokens for a title in ASCII, without the Unicode regexes and normalisation: ingest
 * tokenises the title of every relevant item it stores (tests hold the two paths equal).
 */
export function asciiTitleTokens(title: string): Set<string> {
  const tokens = new Set<string>();
  const lower = title.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (wordChar) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const word = lower.slice(start, i);
    start = -1;
    if (word.length > 2 && !STOPWORDS.has(word)) tokens.add(stemmed(word));
  }
  return tokens;
}

/** What the general path's `replace(/(ies|es|s)$/, '')` does: the leftmost of the three endings goes. */
function stemmed(word: string): string {
  if (word.endsWith('ies')) return word.slice(0, -3);
  if (word.endsWith('es')) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** The general path, for titles in any script. */
export function unicodeTitleTokens(title: string): Set<string> {
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
