import { strict as assert } from 'node:assert';
import { HclParseCache, editBetween } from '../../../../src/core/parsing/hcl/hclParseCache';
import { convertTopLevel } from '../../../../src/core/parsing/hcl/hclConvert';
import type { ParsedHclFile } from '../../../../src/core/parsing/hcl/hclParseCache';
import { toBlock } from '../../../../src/core/parsing/hcl/hclTree';
import { createParser } from '../../../../src/core/parsing/treeSitter';
import { firstDifference } from './hclTreeDiff';
import { terraformFileForTest } from '../../detectors/terraformText';

describe('HCL parse cache', () => {
  let cache: HclParseCache;

  /** The cached blocks are those of tree-sitter's parse, converted block by block, at the same origins. */
  function assertSameBlocks(parsed: ParsedHclFile, text: string): void {
    const tree = cache.parser.parse(text);
    assert.ok(tree);
    const reference = convertTopLevel(tree, text, new Map()).blocks;
    tree.delete();
    assert.equal(parsed.blocks.length, reference.length);
    parsed.blocks.forEach((b, i) => {
      assert.deepEqual(b.origin, reference[i].origin);
      assert.equal(firstDifference(b.node, reference[i].node), undefined);
      // Type, labels and body read as `toBlock` reads them.
      const read = toBlock(reference[i].node, reference[i].origin);
      assert.deepEqual([b.type, b.labels, b.body?.startIndex], [read.type, read.labels, read.body?.startIndex]);
    });
  }
  before(async () => {
    cache = new HclParseCache(await createParser('terraform'), 3);
  });

  it('returns the same parse while the text is unchanged', () => {
    const text = terraformFileForTest(3);
    assert.equal(cache.parse('/a.tf', text), cache.parse('/a.tf', text));
  });

  it('after an edit, gives the blocks a fresh tree-sitter parse gives, and keeps unchanged blocks as the same objects', async () => {
    let text = terraformFileForTest(20);
    let before = cache.parse('/b.tf', text);
    // The last edit removes a comment between blocks: no block changes.
    for (const [from, to, changed] of [['g5.xlarge', 'p5.48xlarge', 1], ['count = 2', 'count = 12', 1], ['# node 7\n', '', 0]] as const) {
      text = text.replace(from, to);
      const after = await cache.using(async () => cache.parse('/b.tf', text));
      assertSameBlocks(after, text);
      // Only the block the edit touched is new.
      const kept = after.blocks.filter((b) => before.blocks.some((old) => old.node === b.node));
      assert.equal(kept.length, after.blocks.length - changed);
      before = after;
    }
  });

  it('parses a broken edit with tree-sitter, recovers while it stays broken, and parses the repaired text directly again', async () => {
    const good = terraformFileForTest(6);
    cache.parse('/d.tf', good);
    const broken = good.replace('count = 2', 'count = ');
    const stillBroken = broken.replace('g5.xlarge', 'g6.xlarge');
    for (const text of [broken, stillBroken, good]) {
      const parsed = await cache.using(async () => cache.parse('/d.tf', text));
      assert.equal(parsed.hasSyntaxError, text !== good);
      if (text === good) assertSameBlocks(parsed, text);
      else assert.deepEqual(parsed.blocks.map((b) => b.labels.join('.')), ['aws', 'aws_instance.n1', 'aws_instance.n2', 'aws_instance.n3', 'aws_instance.n4', 'aws_instance.n5']);
      const whole = parsed.fileTree();
      assert.ok(whole);
      assert.equal(whole.hasError, text !== good);
    }
  });

  it('keeps a tree alive while a detection using it is in flight', async () => {
    const broken = terraformFileForTest(2).replace('count = 2', 'count = ');
    const first = cache.parse('/c.tf', broken);
    await cache.using(async () => {
      cache.parse('/c.tf', terraformFileForTest(4).replace('count = 2', 'count = '));
      // Replaced but still readable: it is freed only when no detection runs.
      assert.equal(first.fileTree()?.type, 'config_file');
    });
    // Freed since: the file's tree is parsed again from its text.
    assert.equal(first.fileTree()?.hasError, true);
  });

  it('describes the single edit between two texts by their common prefix and suffix', () => {
    const e = editBetween('ab\ncd\nef', 'ab\ncXd\nef');
    assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [4, 4, 5]);
    assert.deepEqual(e.startPosition, { row: 1, column: 1 });
  });

  it('finds the same edit in long texts, at and across chunk boundaries, as a character-by-character search', () => {
    const base = terraformFileForTest(40);
    const naive = (a: string, b: string) => {
      let start = 0;
      while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++;
      let tail = 0;
      while (tail < Math.min(a.length, b.length) - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      return [start, a.length - tail, b.length - tail];
    };
    for (const at of [0, 1, 255, 256, 257, 511, 512, 1000, base.length - 257, base.length - 256, base.length - 1]) {
      for (const [cut, insert] of [[1, 'X'], [0, 'inserted\ntext'], [300, ''], [0, base.slice(at, at + 1)]] as const) {
        const after = base.slice(0, at) + insert + base.slice(at + cut);
        const e = editBetween(base, after);
        assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], naive(base, after), `edit at ${at}`);
      }
    }
    const e = editBetween(base, base);
    assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [base.length, base.length, base.length]);
  });
});
