import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import { convertFile, convertTopLevel } from '../../../../src/core/parsing/hcl/hclConvert';
import { nodeRange, type HclNode, type Origin } from '../../../../src/core/parsing/hcl/hclSyntax';
import { createParser } from '../../../../src/core/parsing/treeSitter';
import { terraformFileForTest } from '../../detectors/terraformText';

const FIXTURES = path.join(__dirname, '../../../../../test/fixtures');

/** Texts whose offsets, rows and columns are easy to get wrong: non-ASCII, CRLF, tabs, broken syntax. */
const TRICKY = [
  'resource "aws_instance" "é" {\n  instance_type = "g5.xlarge" # ünïcödé 🚀\n  tags = { Name = "日本語" }\n}\n',
  'resource "aws_instance" "a" {\r\n\tinstance_type = "p4d.24xlarge"\r\n}\r\n',
  'variable "x" { default = 1 }   resource "aws_instance" "b" { count = var.x }\n',
  'resource "aws_instance" "c" {\n  instance_type = "g5.\n  ami = \n}\nresource "aws_instance" "d" { count = 2 }\n',
  'locals {\n  m = { for k, v in var.m : k => v if v != null }\n  h = <<-EOT\n    text ${var.x}\n  EOT\n}\n',
];

async function fixtureTexts(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.tf')) out.push(await fs.readFile(full, 'utf8'));
    }
  };
  await walk(FIXTURES);
  return out;
}

/** Every node, field, offset and position of the plain tree equals tree-sitter's own. */
function assertSameTree(plain: HclNode, node: Node, origin: Origin, fieldName: string | null = null): void {
  const where = `${node.type} at ${node.startIndex}`;
  assert.equal(plain.type, node.type, where);
  assert.equal(plain.isNamed, node.isNamed, where);
  assert.equal(plain.startIndex + origin.index, node.startIndex, where);
  assert.equal(plain.endIndex + origin.index, node.endIndex, where);
  assert.equal(plain.text, node.text, where);
  assert.equal(plain.hasError, node.hasError, where);
  assert.deepEqual(nodeRange(plain, origin), {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  }, where);
  if (node.parent?.type === 'object_elem') assert.equal(plain.field, fieldName, where);
  assert.equal(plain.childCount, node.childCount, where);
  node.children.forEach((child, i) => {
    if (child) assertSameTree(plain.children[i], child, origin, node.fieldNameForChild(i));
  });
}

describe('HCL syntax tree conversion', () => {
  let parser: Parser;
  let texts: string[];
  before(async () => {
    parser = await createParser('terraform');
    texts = [...(await fixtureTexts()), ...TRICKY, terraformFileForTest(12)];
  });

  it('converts whole files to the tree tree-sitter parsed, positions included', () => {
    for (const text of texts) {
      const tree = parser.parse(text);
      assert.ok(tree);
      assertSameTree(convertFile(tree, text), tree.rootNode, { index: 0, row: 0 });
      tree.delete();
    }
  });

  it('places each top-level block at its origin in the file', () => {
    for (const text of texts) {
      const tree = parser.parse(text);
      assert.ok(tree);
      const { blocks } = convertTopLevel(tree, text, new Map());
      const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
      const expected = body?.namedChildren.filter((c): c is Node => c?.type === 'block') ?? [];
      assert.equal(blocks.length, expected.length);
      blocks.forEach((b, i) => assertSameTree(b.node, expected[i], b.origin));
      tree.delete();
    }
  });

  it('reuses unchanged blocks after an edit, even when they moved, and converts the edited one', () => {
    const before = terraformFileForTest(6);
    const first = parser.parse(before);
    assert.ok(first);
    const { blocks: old, next } = convertTopLevel(first, before, new Map());
    // A new line inserted near the top moves every later block down a row.
    const after = before.replace('count = 2', 'count = 3\n');
    const second = parser.parse(after);
    assert.ok(second);
    const { blocks } = convertTopLevel(second, after, next);
    const changed = blocks.filter((b) => !old.some((o) => o.node === b.node));
    assert.equal(changed.length, 1);
    assert.ok(changed[0].node.text.includes('count = 3'));
    const body = second.rootNode.namedChildren.find((c) => c?.type === 'body');
    const expected = body?.namedChildren.filter((c): c is Node => c?.type === 'block') ?? [];
    blocks.forEach((b, i) => assertSameTree(b.node, expected[i], b.origin));
    first.delete();
    second.delete();
  });
});
