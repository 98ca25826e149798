// Limits of parseYaml that callers need without loading the `yaml` package.

/**
 * YAML tokens a document may hold (a value is two to four, spaces and line breaks count too; each
 * line of a multi-line value counts as one more). Parsing costs about 3 µs and 0.5 KB of memory per
 * token, so this bounds any input to about a second and 150 MB; the built-in rubric holds about
 * 3,500 tokens.
 */
export const MAX_TOKENS = 250_000;

/**
 * Text this long or shorter cannot pass MAX_TOKENS: every lexeme but the lexer's one-character
 * markers holds a character, at most one marker precedes each, and a line break inside one costs
 * one more. So cost ≤ 3 × length + 1, kept under the limit with room to spare.
 */
export const MAX_UNCOUNTED_LENGTH = Math.floor(MAX_TOKENS / 4);
