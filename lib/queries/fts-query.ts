/**
 * Turns what a user typed into a safe FTS5 MATCH expression. FTS5 has its own query language
 * (AND, OR, NOT, NEAR, parentheses, column filters, `^`, `*`), and an unbalanced quote or a bare
 * operator makes MATCH throw. So nothing the user types is passed through as syntax: every word
 * becomes a quoted string, and all of them must match (implicit AND). Two conveniences survive:
 * "a phrase in double quotes" stays a phrase, and a trailing `*` on a word asks for a prefix.
 *
 * Returns null when nothing searchable is left (only punctuation, say): the caller then applies
 * no full-text filter rather than matching nothing.
 */
const MAX_TERMS = 16;
// A term is searchable when the unicode61 tokenizer would keep a token from it: a letter or digit.
const SEARCHABLE = /[\p{L}\p{N}]/u;

export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  // "quoted phrase" | word (anything up to whitespace or a quote); an unbalanced quote runs to the end.
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of input.normalize('NFKC').matchAll(pattern)) {
    const phrase = match[1];
    const word = match[2];
    if (phrase !== undefined) {
      if (SEARCHABLE.test(phrase)) terms.push(quote(phrase));
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    const text = prefix ? word.replace(/\*+$/, '') : word;
    if (!SEARCHABLE.test(text)) continue;
    terms.push(prefix ? `${quote(text)}*` : quote(text));
    if (terms.length === MAX_TERMS) break;
  }
  return terms.length ? terms.slice(0, MAX_TERMS).join(' ') : null;
}

/** An FTS5 string: double quotes inside are doubled, so the string can never end early. */
function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
