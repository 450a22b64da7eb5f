/**
 * The words review themes are counted over. English function words are
 * dropped because they are frequent in every review and say nothing about
 * why it was low or high; negations ("not", "no", "never") are kept, since
 * "did not fit" is the theme, not "fit".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so than too very of to in on at by for from with without about as into over under ' +
    'is are was were be been being am do does did done has have had having it its this that these those there here ' +
    'i me my we our you your he she him her they them their what which who whom when where why how all any both each ' +
    'few more most other some such only own same just can will would could should may might must also again once ' +
    'up down out off s t ll ve re d m'
  ).split(' '),
);

/**
 * tokenise: lower-cased words of letters and digits (apostrophes inside a
 * word dropped: "didn't" becomes "didnt"), stop words removed. Words keep
 * their order so bigrams can be built from the same list.
 * Example: tokenise("Didn't fit my car: fitment issues!") → ['didnt', 'fit', 'car', 'fitment', 'issues']
 */
export function tokenise(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

/**
 * bigrams: two-word phrases of neighbouring words of the tokenised text,
 * joined by a space. A stop word between two words breaks the phrase
 * ("fit my car" gives "fit car", as tokenise already dropped "my"), which is
 * what a reader means by the phrase.
 * Example: bigrams(['shipping', 'delay', 'again']) → ['shipping delay', 'delay again']
 */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/**
 * reviewTerms: the distinct terms and two-word phrases of one review. Each
 * review counts a term once (document frequency), so one long rant does not
 * make a theme on its own.
 * Example: reviewTerms('Shipping delay, shipping delay') → ['shipping', 'delay', 'shipping delay', 'delay shipping']
 */
export function reviewTerms(text: string): string[] {
  const tokens = tokenise(text);
  return [...new Set([...tokens, ...bigrams(tokens)])];
}
