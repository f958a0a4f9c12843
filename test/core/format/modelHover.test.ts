import { strict as assert } from 'node:assert';
import { modelHoverMarkdown } from '../../../src/core/format/modelHover';
import { totalsOf, formatTotals } from '../../../src/core/format/costTotals';
import { EMPTY_ESTIMATE, type CostItem } from '../../../src/core/model';

describe('model-name hover', () => {
  it('shows input, cached and output prices, the context window and cheaper models of the provider', () => {
    const md = modelHoverMarkdown('gpt-4o') ?? '';
    assert.match(md, /^\*\*gpt 4o\*\* · OpenAI/);
    assert.match(md, /\| input \| \$2\.50 \|/);
    assert.match(md, /\| cached input \| \$1\.25 \|/);
    assert.match(md, /\| output \| \$10\.00 \|/);
    assert.match(md, /Context window: 128,000 tokens/);
    const cheaper = md.split('Cheaper OpenAI models of the same kind:')[1] ?? '';
    assert.ok(cheaper.length > 0, md);
    assert.doesNotMatch(cheaper, /embedding|whisper|tts|dall-e/);
  });

  it('reads provider-prefixed ids and Anthropic models', () => {
    assert.match(modelHoverMarkdown('openai/gpt-4o-mini') ?? '', /\| input \| \$0\.15 \|/);
    const claude = modelHoverMarkdown('claude-3-5-sonnet-latest') ?? '';
    assert.match(claude, /Anthropic/);
    assert.match(claude, /claude-3-5-haiku|claude-3-haiku/);
  });

  it('offers cheaper embedding models only for embedding models', () => {
    const md = modelHoverMarkdown('text-embedding-3-large') ?? '';
    assert.match(md, /text-embedding-3-small/);
    assert.doesNotMatch(md.split('Cheaper')[1] ?? '', /gpt-/);
  });

  it('stays silent for words that are not models', () => {
    assert.equal(modelHoverMarkdown('hello-world'), undefined);
    assert.equal(modelHoverMarkdown('ml.g5.xlarge'), undefined);
    assert.equal(modelHoverMarkdown('os.environ'), undefined);
  });
});

describe('cost totals', () => {
  const item = (e: Partial<CostItem['estimate']>, unpricedReason?: string): CostItem => ({
    file: 'f', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, kind: 'compute', resource: 'r', provider: 'aws',
    region: null, sku: null, quantity: 1, pricing: 'on-demand', accelerators: null, tags: {}, estimate: { ...EMPTY_ESTIMATE, ...e }, assumptions: [], unpricedReason,
  });
  it('sums monthly, per-run and per-call figures apart', () => {
    const t = totalsOf([item({ monthlyUsd: 100 }), item({ perRunUsd: 20 }), item({ perCallUsd: 0.002, monthlyUsd: 5 }), item({}, 'x')]);
    assert.equal(formatTotals(t), '$105.00/mo · $20.00/run · $0.002/call · 1 not priced');
  });
});
