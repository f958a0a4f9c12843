import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { createParser } from '../../../src/core/parsing/treeSitter';
import { convertFile } from '../../../src/core/parsing/hcl/hclConvert';
import type { HclNode } from '../../../src/core/parsing/hcl/hclSyntax';
import { attributesOf, blocksOf, rootBody } from '../../../src/core/parsing/hcl/hclTree';
import { evaluate, templateKeepingUnknowns, type Scope } from '../../../src/core/detectors/terraform/hclEval';
import { Unresolved, type HclValue } from '../../../src/core/detectors/terraform/hclValue';
import { WorkBudget } from '../../../src/core/limits';
import { terraformFile } from '../../../bench/generate';
import { MUTATIONS, seededRng } from '../robustness/mutations';
import { deepCorpus } from './hclEvalCorpus';

/**
 * Every attribute of every Terraform file we have, evaluated three ways and compared with
 * values recorded from the evaluator as it was: a change to how the evaluator works must not
 * change one value or one reason. `AI_FINOPS_UPDATE_GOLDEN=1` rewrites the record after an intended change (review its diff).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const GOLDEN = path.join(ROOT, 'test', 'core', 'detectors', 'hclEvalGolden.json');

type Evaluator = (expr: HclNode) => HclValue;

/** A value as JSON that keeps what plain JSON loses: unresolved reasons, undefined, non-finite numbers and -0. */
function record(value: HclValue): unknown {
  const json =
    JSON.stringify(value, (_k, v: unknown) => {
      if (v instanceof Unresolved) return { '\u0000unresolved': v.reason, class: v.constructor.name };
      if (v === undefined) return { '\u0000undefined': true };
      if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { '\u0000number': Object.is(v, -0) ? '-0' : String(v) };
      return v;
    }) ?? 'undefined';
  // Values of thousands of elements are recorded by digest, to keep the record readable.
  if (json.length > 2000) return { '\u0000digest': createHash('sha256').update(json).digest('hex'), chars: json.length };
  return JSON.parse(json) as unknown;
}

/** Attributes by name and nested blocks by position, type and labels, each attribute evaluated. */
function walk(body: HclNode | null, evaluator: Evaluator): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, expr] of attributesOf(body)) out[name] = record(evaluator(expr));
  blocksOf(body).forEach((b, i) => {
    out[`#${i} ${[b.type, ...b.labels].join(' ')}`] = walk(b.body, evaluator);
  });
  return out;
}

function plainScope(): Scope {
  return { variables: {}, local: (name) => new Unresolved(`local "${name}" (test scope)`) };
}

/** Variables from defaults and top-level attributes (tfvars), lazy locals, `count`/`each`, and a work budget: as a module reads them. */
function moduleScope(body: HclNode | null): Scope {
  const variables: Record<string, HclValue> = {};
  const locals = new Map<string, HclNode>();
  const values = new Map<string, HclValue>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    variables,
    local(name) {
      const known = values.get(name);
      if (known !== undefined) return known;
      const expr = locals.get(name);
      if (!expr) return new Unresolved(`local "${name}" is not declared`);
      if (evaluating.has(name)) return new Unresolved(`local "${name}" refers to itself`);
      evaluating.add(name);
      const value = evaluate(expr, scope);
      evaluating.delete(name);
      values.set(name, value);
      return value;
    },
    bindings: { count: { index: 1 }, each: { key: 'one', value: { size: 1, name: 'n' } } },
    budget: new WorkBudget(),
  };
  for (const [name, expr] of attributesOf(body)) variables[name] = evaluate(expr, plainScope());
  for (const b of blocksOf(body)) {
    if (b.type === 'variable' && b.labels[0]) {
      const def = attributesOf(b.body).get('default');
      if (def) variables[b.labels[0]] = evaluate(def, plainScope());
    }
    if (b.type === 'locals') for (const [name, expr] of attributesOf(b.body)) locals.set(name, expr);
  }
  return scope;
}

function evaluateAll(root: HclNode): unknown {
  const body = rootBody(root);
  const plain = plainScope();
  const module = moduleScope(body);
  const keeping = moduleScope(body);
  return {
    plain: walk(body, (e) => evaluate(e, plain)),
    module: walk(body, (e) => evaluate(e, module)),
    keepingUnknowns: walk(body, (e) => templateKeepingUnknowns(e, keeping)),
  };
}

async function terraformFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await terraformFiles(full)));
    else if (/\.(tf|tfvars)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Named inputs: the repository's Terraform, each mutated, the generated benchmark modules, and the evaluation corpus. */
async function inputs(): Promise<[string, string][]> {
  const files = [...(await terraformFiles(path.join(ROOT, 'test', 'fixtures'))), ...(await terraformFiles(path.join(ROOT, 'samples')))];
  const out: [string, string][] = [];
  for (const file of files) {
    const name = path.relative(ROOT, file).split(path.sep).join('/');
    const text = await fs.readFile(file, 'utf8');
    out.push([name, text]);
    const rng = seededRng(name.length * 7919);
    // The deeply nested value is left to the deep corpus: converting 20,000 levels per file is slow.
    for (const m of MUTATIONS.filter((x) => x.name !== 'deeply nested value')) out.push([`${name} (${m.name})`, m.apply(text, rng, path.extname(file))]);
  }
  for (let seed = 0; seed < 8; seed++) out.push([`bench terraformFile(120, ${seed})`, terraformFile(120, seed)]);
  const corpus = await fs.readFile(path.join(ROOT, 'test', 'core', 'detectors', 'hclEvalCorpus.tf'), 'utf8');
  out.push(['evaluation corpus', corpus]);
  out.push(['evaluation corpus (CRLF)', corpus.replace(/\n/g, '\r\n')]);
  out.push(['deep corpus', deepCorpus()]);
  return out;
}

describe('HCL evaluation golden record', function () {
  this.timeout(120000);
  let parser: Parser;

  before(async () => {
    parser = await createParser('terraform');
  });

  it('evaluates every attribute of every Terraform input to the recorded value and reason', async () => {
    const actual: Record<string, unknown> = {};
    for (const [name, text] of await inputs()) {
      const tree = parser.parse(text);
      assert.ok(tree, `no tree for ${name}`);
      try {
        actual[name] = evaluateAll(convertFile(tree, text));
      } finally {
        tree.delete();
      }
    }
    if (process.env.AI_FINOPS_UPDATE_GOLDEN === '1') await fs.writeFile(GOLDEN, `{\n${Object.entries(actual).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
    const expected = JSON.parse(await fs.readFile(GOLDEN, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(actual), Object.keys(expected));
    for (const name of Object.keys(expected)) assert.deepEqual(actual[name], expected[name], `values of ${name} changed`);
  });
});
