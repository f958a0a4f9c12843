import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FocusBackend } from '../../../src/core/spend/focus/focusBackend';
import { DEFAULT_TAG_KEYS } from '../../../src/core/spend/focus/focusSql';
import type { SpendQuery } from '../../../src/core/spend/types';

const QUERY: SpendQuery = { from: '2026-03-01', to: '2026-03-31', granularity: 'day', groupBy: 'team', metric: 'effective', filters: {} };

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map((c) => (/[",\n ]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;
}

const epochSeconds = (day: string) => String(Date.parse(`${day}T00:00:00Z`) / 1000);
const epochMs = (day: string) => String(Date.parse(`${day}T00:00:00Z`));

function byKey(groups: { key: string; cost: number }[]): Record<string, number> {
  return Object.fromEntries(groups.map((g) => [g.key, Math.round(g.cost * 100) / 100]));
}

describe('FOCUS values that are not plain', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'focus-values-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function read(rows: string[][], options: { tagKeys?: typeof DEFAULT_TAG_KEYS; q?: Partial<SpendQuery> } = {}) {
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, csv([['ChargePeriodStart', 'EffectiveCost', 'BillingCurrency', 'Tags'], ...rows]));
    const b = new FocusBackend({ path: file, tagKeys: options.tagKeys });
    try {
      return await b.query({ ...QUERY, ...options.q });
    } finally {
      await b.dispose();
    }
  }

  it('coerces currency symbols, thousands separators and epoch dates, and counts each kind', async () => {
    const r = await read([
      ['2026-03-01T00:00:00Z', '$10,000.00 ', 'USD', '{"team":"a"}'],
      ['2026-03-01', '1,234.50', 'USD', '{"team":"a"}'],
      ['2026-03-01', '€ 2,000,000', 'USD', '{"team":"a"}'],
      [epochSeconds('2026-03-02'), '7', 'USD', '{"team":"b"}'],
      [epochMs('2026-03-03'), '8', 'USD', '{"team":"b"}'],
    ]);
    assert.deepEqual(byKey(r.groups), { a: 2_011_234.5, b: 15 });
    assert.deepEqual(r.series.filter((p) => p.key === 'b').map((p) => p.date), ['2026-03-02', '2026-03-03']);
    assert.ok(r.warnings.some((w) => /^EffectiveCost carries a currency symbol or thousands separators in 3 rows \(e\.g\. "/.test(w)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /^ChargePeriodStart is an epoch number in 2 rows/.test(w)), r.warnings.join('\n'));
  });

  it('leaves out ambiguous dates and amounts, and says how many rows and why', async () => {
    const r = await read([
      ['2026-03-01', '10', 'USD', '{"team":"a"}'],
      ['5/1/25', '5', 'USD', '{"team":"a"}'],
      ['', '6', 'USD', '{"team":"a"}'],
      ['2026-03-02', '1.234,50', 'USD', '{"team":"a"}'],
      ['2026-03-02', '1,234', 'USD', '{"team":"a"}'],
      ['2026-03-02', 'ten', 'USD', '{"team":"a"}'],
    ]);
    assert.deepEqual(byKey(r.groups), { a: 10 });
    assert.ok(r.warnings.includes('ChargePeriodStart is empty in 1 row; they are left out'), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /^ChargePeriodStart is not an unambiguous date in 1 row \(e\.g\. "5\/1\/25"\); they are left out/.test(w)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /^EffectiveCost is not an unambiguous number in 3 rows \(e\.g\. "/.test(w)), r.warnings.join('\n'));
  });

  it('says nothing about an export whose values are all plain', async () => {
    const r = await read([['2026-03-01T00:00:00Z', '10.5', 'USD', '{"team":"a"}']]);
    assert.deepEqual(r.warnings, []);
  });

  it('takes tag keys in the configured order, and defaults to team before owner as README says', async () => {
    const rows = [
      ['2026-03-01', '10', 'USD', '{"owner":"ops","team":"nlp"}'],
      ['2026-03-01', '5', 'USD', '{"Owner":"vision"}'],
    ];
    assert.deepEqual(DEFAULT_TAG_KEYS.team, ['team', 'owner']);
    assert.deepEqual(byKey((await read(rows)).groups), { nlp: 10, vision: 5 });
    const ownerFirst = { ...DEFAULT_TAG_KEYS, team: ['owner', 'team'] };
    assert.deepEqual(byKey((await read(rows, { tagKeys: ownerFirst })).groups), { ops: 10, vision: 5 });
  });

  it('keeps currencies apart: the largest is the report currency, the others are totalled beside it', async () => {
    const rows = [
      ['2026-03-01', '100', 'USD', '{"team":"a"}'],
      ['2026-03-01', '30', 'eur', '{"team":"a"}'],
      ['2026-03-02', '20', 'EUR', '{"team":"b"}'],
      ['2026-03-02', '1', 'GBP', '{"team":"b"}'],
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const r = await read(order);
      assert.equal(r.currency, 'USD');
      assert.equal(r.total, 100);
      assert.deepEqual(byKey(r.groups), { a: 100 });
      assert.deepEqual(r.otherCurrencies, [{ currency: 'EUR', cost: 50 }, { currency: 'GBP', cost: 1 }]);
      assert.ok(r.warnings.some((w) => /several currencies: figures are in USD.*EUR 50\.00, GBP 1\.00 shown apart, not converted or added/.test(w)), r.warnings.join('\n'));
    }
    const tie = await read([['2026-03-01', '10', 'USD', '{}'], ['2026-03-01', '10', 'CHF', '{}']]);
    assert.equal(tie.currency, 'CHF', 'a tie goes to the first by name, the same on every run');
  });
});
