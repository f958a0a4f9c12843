/**
 * Generators of the hostile repository shapes the engine must survive (small files that
 * used to hang or exhaust memory). Generated at test time: no large file is committed.
 * `scripts/measure-hostile.mjs` writes the same shapes to disk to measure the CLI on them.
 */

/** A priced resource, to check that the files around a hostile one are still priced. */
export const PRICED_TF = 'resource "aws_instance" "ok" {\n  instance_type = "g5.xlarge"\n}\n';

/** `kubectl get pods -o json`: a `kind: List` of `n` pods, each on a GPU node type. */
export function kubernetesPodList(n: number): string {
  const pods = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}` },
      spec: { nodeSelector: { 'node.kubernetes.io/instance-type': 'g5.xlarge' }, containers: [{ name: 'c', resources: { limits: { 'nvidia.com/gpu': 1 } } }] },
    }),
  );
  return `{"apiVersion":"v1","kind":"List","items":[\n${pods.join(',\n')}\n]}\n`;
}

/** A module that calls itself through `for_each` over `keys` keys, besides one priced resource. */
export function selfRecursiveModule(keys: number): string {
  const names = Array.from({ length: keys }, (_, i) => `"k${i}"`).join(', ');
  return `${PRICED_TF}\nmodule "again" {\n  source   = "./"\n  for_each = toset([${names}])\n}\n`;
}

/** A nested `for` over an `items`-element local: items² values if evaluated in full. */
export function nestedForLocal(items: number): string {
  const list = Array.from({ length: items }, (_, i) => `"v${i}"`).join(', ');
  return [
    `locals {\n  xs = [${list}]\n  pairs = [for a in local.xs : [for b in local.xs : "\${a}-\${b}"]]\n}`,
    'resource "aws_instance" "hostile" {\n  instance_type = "g5.xlarge"\n  count = length(local.pairs)\n}',
    PRICED_TF,
  ].join('\n');
}

/** Locals that double a list per line: 2^`levels` elements if evaluated in full. */
export function doublingLocals(levels: number): string {
  const lines = ['  l0 = ["x"]'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i} = concat(local.l${i - 1}, local.l${i - 1})`);
  return `locals {\n${lines.join('\n')}\n}\nresource "aws_instance" "hostile" {\n  instance_type = "g5.xlarge"\n  count = length(local.l${levels})\n}\n${PRICED_TF}`;
}

/** A syntactically valid `.tf` of about `bytes` bytes (variables with long descriptions). */
export function largeTf(bytes: number): string {
  const block = `variable "v" {\n  description = "${'x'.repeat(1000)}"\n}\n`;
  return block.repeat(Math.ceil(bytes / block.length));
}

/** A `.finops.yml` of about `bytes` bytes: a valid policy followed by a huge allowed-values list. */
export function largeFinopsYml(bytes: number): string {
  const line = `    - ${'v'.repeat(60)}\n`;
  return `version: 1\ntags:\n  allowed:\n    team:\n${line.repeat(Math.ceil(bytes / line.length))}`;
}

/** A tag pattern with nested quantifiers, and a value that makes a backtracking engine take exponential time. */
export const REDOS_PATTERN = '^(a+)+$';
export const REDOS_VALUE = `${'a'.repeat(30)}!`;

/** Text that, pasted raw into Markdown, hides what follows and fakes a verdict. */
export const MARKDOWN_INJECTION = 'x\r<!--\n> Monthly cost will decrease by $9,999 -->';
/** Terminal control: clears the screen and moves the cursor (CSI), and sets the window title (OSC). */
export const TERMINAL_INJECTION = '\u001b[2J\u001b[H\u001b]0;owned\u0007fake';
/** A spreadsheet formula in a cell. */
export const CSV_INJECTION = '=cmd|\' /C calc\'!A0';
