import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import type { Dimension, SpendQuery } from '../../../src/core/spend/types';
import { unitCostOf } from '../../../src/core/spend/unitCost';

const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };

const HEADER = 'ChargePeriodStart,ChargeCategory,EffectiveCost,BilledCost,BillingCurrency,RegionName,SubAccountName,ServiceCategory,ConsumedQuantity,ConsumedUnit,CommitmentDiscountId,CommitmentDiscountStatus,Tags';
const ROWS = [
  // GPU instances: 100 GPU-hours, 60 of them covered by a savings plan.
  '2026-03-01,Usage,240,0,USD,us-east-1,ml-prod,Compute,60,GPU-Hours,sp-1,Used,"{""team"":""nlp"",""cost-center"":""cc-1""}"',
  '2026-03-01,Usage,200,200,USD,us-east-1,ml-prod,Compute,40,GPU-Hours,,,"{""team"":""nlp"",""cost-center"":""cc-1""}"',
  // The savings plan's unused part that day.
  '2026-03-01,Usage,60,0,USD,us-east-1,ml-prod,Compute,0,GPU-Hours,sp-1,Unused,',
  // An LLM API: 2,000,000 tokens and 5,000 requests.
  '2026-03-02,Usage,30,30,USD,eu-west-1,ml-dev,AI and Machine Learning,2000000,Tokens,,,"{""team"":""vision"",""cost-center"":""cc-2""}"',
  '2026-03-02,Usage,10,10,USD,eu-west-1,ml-dev,AI and Machine Learning,5000,Requests,,,"{""team"":""vision""}"',
];

describe('FOCUS dimensions, unit costs and commitment discounts', () => {
  let dir: string;
  let backend: FocusBackend;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'focus-dims-'));
    writeFileSync(path.join(dir, 'export.csv'), `${HEADER}\n${ROWS.join('\n')}\n`);
    backend = new FocusBackend({ path: path.join(dir, 'export.csv') });
  });
  after(async () => {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const groups = async (groupBy: Dimension, filters: SpendQuery['filters'] = {}) =>
    Object.fromEntries((await backend.query({ ...QUERY, groupBy, filters })).groups.map((g) => [g.key, g.cost]));

  it('groups by region, account and service category, and by any tag key', async () => {
    assert.deepEqual(await groups('region'), { 'us-east-1': 500, 'eu-west-1': 40 });
    assert.deepEqual(await groups('account'), { 'ml-prod': 500, 'ml-dev': 40 });
    assert.deepEqual(await groups('serviceCategory'), { Compute: 500, 'AI and Machine Learning': 40 });
    assert.deepEqual(await groups('tag:cost-center'), { 'cc-1': 440, '(untagged)': 70, 'cc-2': 30 });
    assert.deepEqual(await groups('team', { 'tag:cost-center': ['CC-2'] }), { vision: 30 });
    assert.deepEqual(await groups('commitment'), { '(untagged)': 240, 'sp-1': 300 });
  });

  it('prices GPU-hours, 1K tokens and requests from ConsumedQuantity and ConsumedUnit', async () => {
    const r = await backend.query(QUERY);
    const priced = Object.fromEntries((r.usage ?? []).map((u) => {
      const c = unitCostOf(u);
      return [c?.label, Math.round((c?.price ?? 0) * 1e6) / 1e6];
    }));
    assert.deepEqual(priced, { 'GPU-hour': 4.4, '1K tokens': 0.015, request: 0.002 });
  });

  it('reads commitment utilisation and coverage on EffectiveCost, whatever the metric', async () => {
    for (const metric of ['effective', 'billed'] as const) {
      const { commitment } = await backend.query({ ...QUERY, metric });
      assert.deepEqual(commitment, { used: 240, unused: 60, eligible: 480, utilisation: 0.8, coverage: 0.5 });
    }
    const none = await backend.query({ ...QUERY, from: '2026-03-02' });
    assert.equal(none.commitment, undefined);
  });
});
