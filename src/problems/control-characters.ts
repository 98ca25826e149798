/** Control characters other than tab and line feed: text from files reaches terminals, so none may hide in it. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** The message for a string that holds one. */
export const NO_CONTROL_CHARACTERS =
  'must not contain control characters (only tabs and line breaks)';
