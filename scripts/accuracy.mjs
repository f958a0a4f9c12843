#!/usr/bin/env node
// Scores the scanner against hand-written labels (accuracy/labels/*.json, format in ACCURACY.md):
// runs the built CLI on each labelled repository's scan roots,
// matches report items to labels and prints a Markdown table per corpus and a total.
//
//   npm run accuracy -- --corpus <dir> [--only <owner+name>] [--json] [--labels <dir>]
//
// <dir>/<owner>+<name>/ must be a checkout of the repository at the label file's commit.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { itemsOfRoot, renderTable, scoreLabelFile, summarize, yamlDocumentSpan } from './accuracy/score.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  process.stderr.write(`accuracy: ${message}\nusage: npm run accuracy -- --corpus <dir> [--only <owner+name>] [--json] [--labels <dir>]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { corpus: undefined, only: [], json: false, labels: join(repoRoot, 'accuracy', 'labels') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--corpus') args.corpus = resolve(value());
    else if (a === '--only') args.only.push(value());
    else if (a === '--labels') args.labels = resolve(value());
    else if (a === '--json') args.json = true;
    else usage(`unknown argument ${a}`);
  }
  if (!args.corpus) usage('--corpus is required');
  return args;
}

function readLabelFiles(dir, only) {
  const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const files = names.map((f) => ({ name: basename(f, '.json'), labels: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
  const wanted = only.length ? files.filter((f) => only.includes(f.name)) : files;
  for (const o of only) if (!files.some((f) => f.name === o)) usage(`no label file ${o}.json in ${dir}`);
  return wanted;
}

/** Runs `scan --format json` on one root; a failed run is a corpus error, not a crash. */
function scanRoot(cli, folder) {
  const run = spawnSync(process.execPath, [cli, 'scan', folder, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0 && !run.stdout.trim().startsWith('{')) throw new Error(`scan ${folder} exited ${run.status}: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout);
}

/** Warns (without failing) when the checkout is a git work tree at another commit than the labels'. */
function checkCommit(checkout, commit) {
  const git = spawnSync('git', ['-C', checkout, 'rev-parse', '--show-toplevel', 'HEAD'], { encoding: 'utf8' });
  const [top, head] = git.stdout.trim().split('\n');
  // A checkout without .git inside another repository must not be compared with that repository's HEAD.
  if (git.status !== 0 || resolve(top) !== resolve(checkout)) return;
  if (head !== commit) process.stderr.write(`accuracy: ${checkout} is at ${head}, labels were written at ${commit}\n`);
}

function scoreCorpus(cli, corpus, { name, labels }) {
  const checkout = join(corpus, name);
  if (!existsSync(checkout)) return { name, error: `no checkout at ${checkout}` };
  checkCommit(checkout, labels.commit);
  const items = [];
  const errors = [];
  for (const root of labels.scanRoots) {
    const report = scanRoot(cli, join(checkout, root));
    items.push(...itemsOfRoot(root, report));
    errors.push(...report.errors.map((e) => ({ ...e, root })));
  }
  return { name, verdicts: scoreLabelFile(withDocuments(checkout, labels), items), scanErrors: errors.length, reported: items.length };
}

/** Labels on YAML files get the span of their document, so a workload's role items count as its parts. */
function withDocuments(checkout, labels) {
  const texts = new Map();
  const read = (file) => {
    if (!texts.has(file)) texts.set(file, existsSync(join(checkout, file)) ? readFileSync(join(checkout, file), 'utf8') : undefined);
    return texts.get(file);
  };
  const things = labels.things.map((label) => {
    const text = /\.ya?ml$/i.test(label.file) && label.cell === undefined ? read(label.file) : undefined;
    return text === undefined ? label : { ...label, document: yamlDocumentSpan(text, label.line) };
  });
  return { ...labels, things };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const cli = join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) usage('dist/cli.js is missing; run npm run build first');
  const results = readLabelFiles(args.labels, args.only).map((f) => scoreCorpus(cli, args.corpus, f));
  if (args.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const scored = results.filter((r) => !r.error);
  for (const r of results.filter((r) => r.error)) process.stdout.write(`${r.name}: skipped, ${r.error}\n\n`);
  process.stdout.write(`${renderTable(scored.map((r) => ({ name: r.name, summary: summarize(r.verdicts) })))}\n`);
}

main();
