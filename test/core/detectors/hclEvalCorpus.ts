/** Expressions nested past the evaluator's depth bound, in each of the forms that recurse. */
export function deepCorpus(): string {
  const depth = 260;
  return [
    `list = ${'['.repeat(depth)}1${']'.repeat(depth)}`,
    `parens = ${'('.repeat(depth)}1${')'.repeat(depth)}`,
    `sum = ${Array.from({ length: depth }, (_, i) => i).join(' + ')}`,
    `calls = ${'upper('.repeat(depth)}"x"${')'.repeat(depth)}`,
    `objects = ${'{ a = '.repeat(depth)}1${' }'.repeat(depth)}`,
    `templates = ${'"${'.repeat(depth)}"x"${'}"'.repeat(depth)}`,
    '',
  ].join('\n');
}
