/**
 * Column headers as words, for the header heuristics of inference: `native-country` → `native country`,
 * `customerID` → `customer id`, `Date_Of_Birth` → `date of birth`. Matching whole words keeps `age`
 * from firing on `page` or `mileage`.
 */
export interface HeaderWords {
  /** Lower-case words in order. */
  readonly words: readonly string[];
  /** The words glued together (`dateofbirth`), for compounds written as one word. */
  readonly joined: string;
  has(word: string): boolean;
  /** Any of `words` is a word of the header. */
  hasAny(words: readonly string[]): boolean;
  /** The last word (`customer_id` → `id`). */
  readonly last: string;
}

/**
 * Split a header into words.
 *
 * @example
 * headerWords('customerID').words; // => ['customer', 'id']
 */
export function headerWords(header: string): HeaderWords {
  const words = header
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const set = new Set(words);
  return {
    words,
    joined: words.join(''),
    has: (w) => set.has(w),
    hasAny: (ws) => ws.some((w) => set.has(w)),
    last: words[words.length - 1] ?? '',
  };
}
