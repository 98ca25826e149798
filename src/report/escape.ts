// How text from rubrics and answers files is made inert in each output language.

/**
 * Text as inert markdown on one line, safe in a paragraph, a heading, a list item or a table cell:
 * control characters (ANSI escapes included) dropped, whitespace runs made one space, inline markup
 * characters backslash-escaped (`|` too, which GFM honours inside table cells), and a line-start
 * construct (heading, list, block quote, setext underline) defused; `@name` and `#123` do not
 * mention anyone or link an issue when the report is posted on GitHub.
 */
export function md(text: string): string {
  return (
    oneLine(text)
      .replace(/[\\`*_[\]<>|~&$]/g, '\\$&')
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      // GitHub links @name and #123 after rendering, whatever the escaping; an empty HTML comment
      // between the sign and the name stops it and shows nothing.
      .replace(/([@#])(?=[A-Za-z0-9])/g, '$1<!-- -->')
  );
}

/** An id as a markdown code span, fenced with more backticks than it holds. */
export function code(text: string): string {
  const clean = oneLine(text);
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
      .replace(/\s+/g, ' ')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\x00-\x1f\x7f-\x9f]/g, '')
      .trim()
  );
}

/**
 * Text made safe for an XML 1.0 attribute value: characters XML forbids (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) dropped, markup characters escaped, and tab, CR and LF written as
 * references, which parsers keep where they would turn the characters themselves into spaces.
 */
export function xml(text: string): string {
  return allowed(text).replace(/[&<>"'\t\r\n]/g, (c) => REFERENCES[c]!);
}

/** Text made safe for XML 1.0 element content: like `xml`, but tabs and line feeds kept as they are. */
export function xmlText(text: string): string {
  return allowed(text).replace(/[&<>"'\r]/g, (c) => REFERENCES[c]!);
}

function allowed(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- dropping characters XML 1.0 forbids
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\r': '&#13;',
  '\n': '&#10;',
};

/**
 * Text made safe for HTML, in element content and in quoted attribute values alike: ANSI escape
 * sequences and the control characters HTML forbids dropped (tab and line breaks kept), lone
 * surrogates dropped (they cannot be written as UTF-8), and the five markup characters written as
 * references. A note holding `<script>` reads as text.
 */
export function html(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- dropping terminal escapes is the point
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (c) => HTML_REFERENCES[c]!)
  );
}

const HTML_REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A value as JSON that can sit inside `<script type="application/json">`: every `<` written as
 * `\u003c` (so neither `</script>` nor `<!--` can end or change the element), and U+2028/U+2029 as
 * escapes; `JSON.parse` of the element's text gives the value back.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
