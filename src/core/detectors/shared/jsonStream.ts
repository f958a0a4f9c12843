/**
 * A JSON stream: several top-level values one after another, as kubectl's decoder accepts
 * in one file. Parsers read one value, so each is parsed alone with the rest blanked out.
 */

/** Start and end offsets of each top-level object or array; undefined when brackets do not balance. */
export function jsonValueSpans(text: string): [number, number][] | undefined {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) spans.push([start, i + 1]);
      if (depth < 0) return undefined;
    }
  }
  return depth === 0 ? spans : undefined;
}

/** The text with everything outside `[start, end)` turned to spaces, line breaks kept: offsets and lines are unchanged. */
export function maskOutside(text: string, start: number, end: number): string {
  return text.slice(0, start).replace(/[^\r\n]/g, ' ') + text.slice(start, end) + text.slice(end).replace(/[^\r\n]/g, ' ');
}
