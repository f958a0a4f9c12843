/**
 * Text from a repository or a billing source, made inert for a Markdown pull-request comment
 * (GitHub-flavoured Markdown with inline HTML). A resource name holding `\r<!--` or `|` must
 * not end a table row, open a comment that hides the rows after it, or fake a verdict line.
 */

/** Line breaks, other control characters and bidirectional overrides: shown as a space. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/**
 * Characters that open HTML, a comment, a table cell, a code span, emphasis or a link,
 * written as character references, which render as themselves. Line-start syntax (`#`, `-`)
 * cannot apply: escaped text never starts a line.
 */
const SPECIAL = /[&<>|\\`*[\]~]/g;

/** Plain text for a Markdown paragraph, list item or table cell. */
export function markdownText(text: string): string {
  return text.replace(INVISIBLE, ' ').replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text in code style (a resource address, a path), as HTML so no character inside can close it. */
export function markdownCode(text: string): string {
  return `<code>${markdownText(text)}</code>`;
}
