import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { terraformFile } from '../../../../bench/generate';
import { convertFile, convertTopLevel } from '../../../../src/core/parsing/hcl/hclConvert';
import { directParseBail, parseHclFile, parseHclTopLevel } from '../../../../src/core/parsing/hcl/hclParser';
import { reparseHclTopLevel, textEditBetween } from '../../../../src/core/parsing/hcl/hclReparse';
import { createParser } from '../../../../src/core/parsing/treeSitter';
import { MUTATIONS, seededRng } from '../../robustness/mutations';
import { firstDifference } from './hclTreeDiff';

const REPO = path.join(__dirname, '../../../../..');

/** Well-formed texts whose tree-sitter trees have a shape worth reproducing exactly. */
const EDGE_CASES = [
  '',
  '   \n\n',
  '# only a comment\n',
  '// c',
  '/* a */',
  '\ufeffa = 1\n',
  '\ufeffresource "a" "b" {}\n',
  'a = 1\r\nb = 2 # c\r\n',
  'r "a" {\r\n  x = <<EOF\r\n  hi\r\n  EOF\r\n}\r\n',
  // Heredocs: indented or not, the closing identifier on its own line (trailing blanks allowed).
  'a = <<EOF\nhello ${x}\n  %{ if y }z%{ endif }\nEOF\n',
  'a = <<-EOT\n    a\n      b\n    EOT\n',
  'a = <<EOF\nEOFX\n EO\nEOF  \n',
  'a = <<EOF\n\n\nEOF\n',
  'a = <<EOF  \nx\nEOF\n',
  'a = <<EOF x\nEOF\n',
  'a = << EOF\nx\nEOF\n',
  'a = <<EOF\n$${x} %%{y} $x %x $$ %%\nEOF\n',
  'a = <<EOF\n\tEOF\n',
  // Quoted templates: escapes, nesting, strip markers, directives, blank edges.
  'a = "$${x}"',
  'a = "$$${x}"',
  'a = "a\\"b\\n\\t\\\\ \\u00e9 \\U0001F600 \\r"',
  'a = "${ "x${y}" }"',
  'a = "${a ? "b" : "c"}"',
  'a = "${~ x ~}"',
  'a = "%{ for k, v in m ~} ${k}=${v} %{~ endfor }"',
  'a = "%{if a}b%{else}c%{endif}"',
  'a = "  "',
  'a = " x  y "',
  'a = ""',
  'a = "é 🚀 日本"',
  'a = "${x}"[0]',
  'a = "${ x # c\n}"',
  // For expressions, splats and indexes.
  'a = [for x in y : x]',
  'a = [for i, x in y : x if i > 0]',
  'a = {for k, v in m : k => v...}',
  'a = {for k, v in m : k => v if v != null}',
  'a = b[*].c',
  'a = b.*.c',
  'a = b[*]',
  'a = b[*].c[0].d',
  'a = b.*.c.0',
  'a = x.0.1',
  'a = x. 0',
  'a = x.*.y.*',
  'a = x[*][*]',
  'a = x[0][1]',
  'a = x[y[0]]',
  'a = f(x)[0].y',
  'a = [1][0]',
  // Conditionals (grouped to the left, as tree-sitter does), operators, unary operators.
  'a = c ? x : y',
  'a = c ? x : y ? z : w',
  'a = c ? d ? e : f : g',
  'a = a || b && c == d != e < f <= g > h >= i + j - k * l / m % n',
  'a = -1',
  'a = !b',
  'a = - -1',
  'a = -b.c[0]',
  'a = -a * b',
  'a = (a + b) * c',
  'a = (a).b',
  'a = 1 - -1',
  'a = a-1',
  'a = a - 1',
  'a = "a" == "b"',
  // Function calls, provider functions, expansion.
  'a = f()',
  'a = f(x, y...)',
  'a = f(x,)',
  'a = f(\n  x,\n  y,\n)',
  'a = provider::aws::arn_parse(x)',
  'a = f /*c*/ (x)',
  'a = c ? a::b : d',
  'a = {a::b = 1}',
  // Objects with = and :, commas or newlines.
  'a = { a = 1, b : 2 }',
  'a = {\n a = 1\n b = 2\n}',
  'a = { a = 1 b = 2 }',
  'a = { "a" = 1, (b) = 2 }',
  'a = {a=1,}',
  'a = {}',
  'a = []',
  'a = [1,]',
  'a = [[1], [2]]',
  // Comments everywhere.
  'a = { # c\n a = 1 // d\n /* e */ b = 2 # f\n}',
  'a = [ # c\n 1, # d\n 2 /* e */ ]',
  'r "a" { # c\n}\n',
  '# a\nr "a" {\n  # c\n  x = 1 # d\n  # e\n}\n# f\n',
  'a = f( # c\n x)',
  'a = x /* c */ + 1',
  'a = c /*1*/ ? /*2*/ x /*3*/ : /*4*/ y',
  'a = [for /*c*/ x in y : x]',
  'a = x.0 /* c */ b = 2',
  // Blocks and labels.
  'r {}',
  'r a b {}',
  'r "a" b "c" {}',
  'r { a = 1 }',
  'r { a { b = 1 } }',
  'a { } b { }',
  'a = 1 b = 2',
  'r "a${b}" {}',
  'r "a\\nb" {}',
  // Identifiers and literals.
  'éa = 1',
  'a = ünï',
  'a_b-c = 1',
  'a = _x',
  'a = [true, false, null, nullable, trueish]',
  'null = 1',
  'a = var.null.true',
  'a = for',
  'a = [1.5, 1.5e10, 1.5E-3, 0x1F, 007]',
  'a = \t1\t\f\v\n',
];

/** Texts tree-sitter reads with an error: the direct parser must leave them to it. */
const BROKEN = ['a = ', 'a = [', 'r "a" {', '}', 'a = "unterminated', 'a = "\\q"', 'a = 1 +', 'a == 1', 'a = b c', 'a = 1e5', 'a = 1.', 'a = <<EOF\nx\nEOF', 'a = <<EOF\n%{ if x }\nEOF\n', 'a = "%{ endif }"', 'a = { for = 1 }', 'a = [for]', 'a = b ::c', 'a = x\u00a0+ 1', 'r "a" {\n  x = \n}\nr "b" { y = 1 }\n'];

/** Lines deleted, lines copied elsewhere, or a few characters replaced: edits as typed and pasted. */
function editOf(text: string, rng: () => number, inserts: string[]): string {
  const lines = text.split('\n');
  const r = rng();
  const at = Math.floor(rng() * lines.length);
  if (r < 0.3) {
    lines.splice(at, 1 + Math.floor(rng() * 5));
    return lines.join('\n');
  }
  if (r < 0.5) {
    const from = Math.floor(rng() * lines.length);
    lines.splice(at, 0, ...lines.slice(from, from + 1 + Math.floor(rng() * 8)));
    return lines.join('\n');
  }
  const p = Math.floor(rng() * (text.length + 1));
  return text.slice(0, p) + inserts[Math.floor(rng() * inserts.length)] + text.slice(p + Math.floor(rng() * 3));
}

async function terraformTexts(): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await walk(full);
      else if (/\.(tf|tfvars)$/.test(entry.name)) out.push({ name: path.relative(REPO, full), text: await fs.readFile(full, 'utf8') });
    }
  };
  for (const dir of ['test/fixtures', 'samples', 'bench/workspace']) await walk(path.join(REPO, dir));
  return out;
}

describe('direct HCL parser', () => {
  let parser: Parser;
  let corpus: { name: string; text: string }[];
  before(async () => {
    parser = await createParser('terraform');
    corpus = [
      ...(await terraformTexts()),
      ...[0, 1, 2, 3].map((seed) => ({ name: `generated ${seed}`, text: terraformFile(300, seed) })),
      ...EDGE_CASES.map((text) => ({ name: JSON.stringify(text), text })),
    ];
  });

  /** Tree-sitter's reading of `text`, converted; and whether it has a syntax error. */
  function reference(text: string) {
    const tree = parser.parse(text);
    assert.ok(tree);
    try {
      return { root: convertFile(tree, text), hasError: tree.rootNode.hasError, blocks: convertTopLevel(tree, text, new Map()).blocks };
    } finally {
      tree.delete();
    }
  }

  it('builds the tree tree-sitter builds, node by node, for every fixture, sample, generated file and edge case', () => {
    assert.ok(corpus.length > 120);
    for (const { name, text } of corpus) {
      const expected = reference(text);
      const direct = parseHclFile(text);
      if (expected.hasError) {
        assert.equal(direct, undefined, `${name}: tree-sitter finds a syntax error, the direct parser must leave it`);
        continue;
      }
      assert.ok(direct, `${name}: left to tree-sitter (${directParseBail(text)})`);
      assert.equal(firstDifference(direct, expected.root), undefined, name);
    }
  });

  it('places top-level blocks as convertTopLevel does, block-relative, at the same origins', () => {
    for (const { name, text } of corpus) {
      const expected = reference(text);
      if (expected.hasError) continue;
      const direct = parseHclTopLevel(text, new Map());
      assert.ok(direct, name);
      assert.equal(direct.blocks.length, expected.blocks.length, name);
      direct.blocks.forEach((b, i) => {
        assert.deepEqual(b.origin, expected.blocks[i].origin, name);
        assert.equal(firstDifference(b.node, expected.blocks[i].node), undefined, name);
      });
    }
  });

  it('reuses the node of a block whose text and column are unchanged', () => {
    const text = terraformFile(200, 7);
    const first = parseHclTopLevel(text, new Map());
    assert.ok(first);
    const edited = text.replace('g5.xlarge', 'g5.2xlarge');
    assert.notEqual(edited, text);
    const second = parseHclTopLevel(edited, first.next);
    assert.ok(second);
    const kept = second.blocks.filter((b, i) => b.node === first.blocks[i].node).length;
    assert.equal(kept, second.blocks.length - 1);
  });

  it('after an edit, reparses only around it and gives what a fresh parse gives', () => {
    const rng = seededRng(7);
    const inserts = ['\n', '}', '{', 'x', '# c\n', 'resource "a" "b" {\n  x = 1\n}\n', '"', '  y = 2\n', ''];
    let checked = 0;
    for (const { name, text: original } of corpus.filter((c) => !c.name.startsWith('"'))) {
      let text = original;
      let parsed = parseHclTopLevel(text, new Map());
      for (let k = 0; parsed && k < 12; k++) {
        const next = editOf(text, rng, inserts);
        const fresh = parseHclTopLevel(next, new Map());
        const again = reparseHclTopLevel(text, parsed, next, textEditBetween(text, next));
        assert.equal(again === undefined, fresh === undefined, `${name} edit ${k}`);
        if (!fresh || !again) continue;
        assert.deepEqual(again.starts, fresh.starts, `${name} edit ${k}`);
        assert.deepEqual(again.keys, fresh.keys, `${name} edit ${k}`);
        assert.deepEqual(again.blocks.map((b) => b.origin), fresh.blocks.map((b) => b.origin), `${name} edit ${k}`);
        again.blocks.forEach((b, i) => assert.equal(firstDifference(b.node, fresh.blocks[i].node), undefined, `${name} edit ${k}`));
        assert.deepEqual([...again.next.keys()].sort(), [...fresh.next.keys()].sort(), `${name} edit ${k}`);
        checked++;
        text = next;
        parsed = again;
      }
    }
    assert.ok(checked > 100);
  });

  it('leaves every text with a syntax error to tree-sitter', () => {
    for (const text of BROKEN) {
      assert.equal(reference(text).hasError, true, JSON.stringify(text));
      assert.equal(parseHclFile(text), undefined, JSON.stringify(text));
      assert.equal(parseHclTopLevel(text, new Map()), undefined, JSON.stringify(text));
    }
  });

  it('on mutated fixtures, never fails internally, and any text it parses is one tree-sitter reads identically without error', () => {
    const rng = seededRng(20261203);
    const fixtures = corpus.filter((c) => c.name.startsWith('test/fixtures'));
    let parsed = 0;
    for (const { name, text } of fixtures) {
      for (const mutation of MUTATIONS) {
        const mutated = mutation.apply(text, rng, '.tf');
        const why = directParseBail(mutated);
        assert.ok(!why?.startsWith('internal error'), `${name} ${mutation.name}: ${why}`);
        const direct = parseHclFile(mutated);
        if (!direct) continue;
        parsed++;
        const expected = reference(mutated);
        assert.equal(expected.hasError, false, `${name} ${mutation.name}: parsed text tree-sitter finds an error in`);
        assert.equal(firstDifference(direct, expected.root), undefined, `${name} ${mutation.name}`);
      }
    }
    assert.ok(parsed > 0);
  });

  it('gives up on hostile nesting instead of overflowing the stack', () => {
    const deep = `a = ${'['.repeat(50000)}1${']'.repeat(50000)}\n`;
    assert.equal(directParseBail(deep), 'nesting too deep');
    const unary = `a = ${'-'.repeat(50000)}1\n`;
    assert.equal(directParseBail(unary), 'nesting too deep');
  });
});
