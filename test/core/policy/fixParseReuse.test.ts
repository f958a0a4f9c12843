import { strict as assert } from 'node:assert';
import { sharedHclParseCache } from '../../../src/core/parsing/hcl/hclParseCache';
import { spotMarketFix } from '../../../src/core/policy/fixes/spotMarketFix';
import { tagFixFor } from '../../../src/core/policy/tagWriters';
import { analyzeFiles, itemNamed } from '../helpers';

const TEXT = 'resource "aws_instance" "gpu" {\n  instance_type = "g5.xlarge"\n}\n';

describe('Terraform quick fixes and the parse cache', () => {
  it('compute the fix from the tree the detector parsed, without parsing the text again', async () => {
    const { items } = await analyzeFiles({ 'main.tf': TEXT }, 'main.tf');
    const item = itemNamed(items, 'aws_instance.gpu');
    const cache = await sharedHclParseCache();
    // Counts the real parser's calls; it still parses.
    const parse = cache.parser.parse.bind(cache.parser);
    let parses = 0;
    cache.parser.parse = ((...args: Parameters<typeof parse>) => (parses++, parse(...args))) as typeof cache.parser.parse;
    try {
      const tags = await tagFixFor(TEXT, item, [{ key: 'team' }]);
      const spot = await spotMarketFix(item.file, TEXT, item.range.start.line);
      assert.ok(tags && spot);
      assert.equal(parses, 0);
      // Well-formed text that changed since the lenses is read by the direct parser, and the fix is on it.
      const edited = TEXT.replace('g5.xlarge', 'g5.2xlarge');
      const fix = await spotMarketFix(item.file, edited, 0);
      assert.ok(fix);
      assert.equal(parses, 0);
      // Text with a syntax error is left to tree-sitter (a broken block gets no fix).
      await spotMarketFix(item.file, `${edited}resource "aws_instance" "half" {\n  instance_type = \n`, 0);
      assert.ok(parses > 0);
    } finally {
      cache.parser.parse = parse;
    }
  });
});
