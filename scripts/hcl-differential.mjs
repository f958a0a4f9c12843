// Compares the direct HCL parser with tree-sitter's parse (converted to plain trees) on every
// .tf/.tfvars file under a folder, and reports per file: identical, direct bailed (with the
// reason: tree-sitter parses it instead), or DIFFERENT (with the first difference), then counts.
// Usage: npm run compile-tests && node scripts/hcl-differential.mjs <folder> [--quiet]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(repo, 'out', p));
const { createParser } = out('src/core/parsing/treeSitter.js');
const { convertFile } = out('src/core/parsing/hcl/hclConvert.js');
const { parseHclFile, directParseBail } = out('src/core/parsing/hcl/hclParser.js');
const { firstDifference } = out('test/core/parsing/hcl/hclTreeDiff.js');

const [folder, ...flags] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: node scripts/hcl-differential.mjs <folder> [--quiet]\n');
  process.exit(2);
}
const quiet = flags.includes('--quiet');

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') yield* files(full);
    else if (entry.isFile() && /\.(tf|tfvars)$/.test(entry.name)) yield full;
  }
}

const parser = await createParser('terraform');
const counts = { identical: 0, bailed: 0, bailedOnError: 0, different: 0 };
const reasons = new Map();
for (const file of files(folder)) {
  const text = fs.readFileSync(file, 'utf8');
  const tree = parser.parse(text);
  const reference = convertFile(tree, text);
  const treeHasError = tree.rootNode.hasError;
  tree.delete();
  const direct = parseHclFile(text);
  const name = path.relative(folder, file);
  if (!direct) {
    const reason = directParseBail(text);
    if (treeHasError) counts.bailedOnError++;
    else {
      counts.bailed++;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (!quiet) process.stdout.write(`direct bailed${treeHasError ? ' (syntax error)' : ''}: ${name}: ${reason}\n`);
    continue;
  }
  const diff = firstDifference(direct, reference);
  if (diff) {
    counts.different++;
    process.stdout.write(`DIFFERENT: ${name}: ${diff}\n`);
  } else {
    counts.identical++;
    if (!quiet) process.stdout.write(`identical: ${name}\n`);
  }
}
process.stdout.write(`${JSON.stringify({ folder, ...counts, bailReasons: Object.fromEntries(reasons) })}\n`);
process.exitCode = counts.different ? 1 : 0;
