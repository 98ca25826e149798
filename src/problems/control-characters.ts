/** Control characters other than tab and line feed: text from files reaches terminals, so none may hide in it. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** The message for a string that holds one. */
export const NO_CONTROL_CHARACTERS =
  'must not contain control characters (only tabs and line breaks)';

/**
 * Escapes what could break a one-line message or reach a terminal as a command: control characters
 * and the Unicode line and paragraph separators (which JSON.stringify leaves as they are), e.g. ESC
 * as `\u001b`. Applied to every name and value printed (file names come from anywhere).
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (char) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
