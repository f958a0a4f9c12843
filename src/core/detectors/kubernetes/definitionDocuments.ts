/**
 * CustomResourceDefinitions describe kinds; they run nothing. They are also the largest
 * documents of a chart or operator repository (OpenAPI schemas of thousands of lines), so
 * they are blanked out before the YAML is parsed, keeping every other line where it was.
 */

const CRD_KIND = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?$/m;
const SEPARATOR = /^---/;

/** The text with each CRD document's lines emptied; the same text when there is none. */
export function withoutDefinitions(text: string): { text: string; definitions: number } {
  if (!CRD_KIND.test(text)) return { text, definitions: 0 };
  const lines = text.split('\n');
  const out: string[] = [];
  let definitions = 0;
  let start = 0;
  const flush = (end: number) => {
    const doc = lines.slice(start, end);
    const isDefinition = CRD_KIND.test(doc.join('\n'));
    if (isDefinition) definitions++;
    // A document's separator line stays, so the documents after it keep their numbers.
    out.push(...(isDefinition ? doc.map((l) => (SEPARATOR.test(l) ? l : '')) : doc));
  };
  for (let i = 0; i < lines.length; i++) {
    if (i > start && SEPARATOR.test(lines[i])) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return { text: out.join('\n'), definitions };
}
