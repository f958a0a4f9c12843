import { strict as assert } from 'node:assert';
import { HclParseCache, editBetween } from '../../../../src/core/parsing/hcl/hclParseCache';
import { createParser } from '../../../../src/core/parsing/treeSitter';
import { terraformFileForTest } from '../../detectors/terraformText';

describe('HCL parse cache', () => {
  let cache: HclParseCache;
  before(async () => {
    cache = new HclParseCache(await createParser('terraform'), 3);
  });

  it('returns the same parse while the text is unchanged', () => {
    const text = terraformFileForTest(3);
    assert.equal(cache.parse('/a.tf', text), cache.parse('/a.tf', text));
  });

  it('reparses an edit incrementally to the same tree a fresh parse gives', async () => {
    let text = terraformFileForTest(20);
    cache.parse('/b.tf', text);
    for (const [from, to] of [['g5.xlarge', 'p5.48xlarge'], ['count = 2', 'count = 12'], ['# node 7\n', '']] as const) {
      text = text.replace(from, to);
      const incremental = await cache.using(async () => cache.parse('/b.tf', text));
      const fresh = cache.parser.parse(text);
      assert.ok(fresh);
      assert.equal(incremental.tree.rootNode.toString(), fresh.rootNode.toString());
      fresh.delete();
    }
  });

  it('keeps a tree alive while a detection using it is in flight', async () => {
    const first = cache.parse('/c.tf', terraformFileForTest(2));
    await cache.using(async () => {
      cache.parse('/c.tf', terraformFileForTest(4));
      // Replaced but still readable: it is freed only when no detection runs.
      assert.match(first.tree.rootNode.toString(), /config_file/);
    });
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
