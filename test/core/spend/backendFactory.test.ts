import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SPEND_USAGE } from '../../../src/cli/spendUsage';
import { chooseSpendSection, createBackend, SPEND_SOURCES } from '../../../src/core/spend/backendFactory';
import { parseFinopsConfig } from '../../../src/core/config/finopsConfig';
import { SOURCE_KINDS, SpendSourceError, TABLE_LAYOUTS } from '../../../src/core/spend/types';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

describe('choosing the spend source', () => {
  const settings = { source: 'focus' as const, path: '/home/me/exports' };

  it('lets .finops.yml win in a trusted workspace, and falls back to settings when it names no source', () => {
    const file = { source: 'opencost' as const, url: 'http://opencost.internal:9003' };
    assert.deepEqual(chooseSpendSection(file, settings, true), { section: file });
    assert.deepEqual(chooseSpendSection({ tags: { team: ['owner'] } }, settings, true).section, { ...settings, tags: { team: ['owner'] } });
    assert.deepEqual(chooseSpendSection(undefined, {}, true).section, { tags: undefined });
  });

  it('refuses a network source from .finops.yml in an untrusted workspace, and says why', () => {
    for (const source of ['opencost', 'http', 'aws-cost-explorer', 'athena', 'bigquery'] as const) {
      const chosen = chooseSpendSection({ source, url: 'http://attacker.example' }, settings, false);
      assert.equal(chosen.section.source, 'focus');
      assert.equal(chosen.section.url, undefined);
      assert.match(chosen.refused ?? '', new RegExp(`names the ${source} source`));
    }
    const local = chooseSpendSection({ source: 'focus', path: 'exports' }, {}, false);
    assert.deepEqual(local, { section: { source: 'focus', path: 'exports' } });
  });

  it('rejects a missing or non-http URL and a focus source without a path', async () => {
    await assert.rejects(createBackend({ source: 'opencost', baseDir: '/' }), /needs a url/);
    await assert.rejects(createBackend({ source: 'http', url: 'file:///etc/passwd', baseDir: '/' }), (e: Error) => e instanceof SpendSourceError && /not an http/.test(e.message));
    await assert.rejects(createBackend({ source: 'focus', baseDir: '/' }), /needs a path/);
    await assert.rejects(createBackend({ source: 'athena', baseDir: '/' }), /athena source needs a table \(database\.table\)/);
    await assert.rejects(createBackend({ source: 'athena', table: 'focus', baseDir: '/' }), /must be database\.table/);
    await assert.rejects(createBackend({ source: 'bigquery', table: 'billing.focus', baseDir: '/' }), /must be project\.dataset\.table/);
  });

  it('gives each warehouse source only FOCUS and its own provider\'s layout', async () => {
    await assert.rejects(createBackend({ source: 'athena', table: 'cur.cur2', layout: 'billing-export', baseDir: '/' }), /athena source reads a table in the focus or cur2 layout, not billing-export/);
    await assert.rejects(createBackend({ source: 'bigquery', table: 'p.d.t', layout: 'cur2', baseDir: '/' }), /bigquery source reads a table in the focus or billing-export layout, not cur2/);
    for (const [source, layout] of [['athena', 'cur2'], ['bigquery', 'billing-export'], ['athena', 'focus']] as const) {
      const backend = await createBackend({ source, table: source === 'athena' ? 'cur.t' : 'p.d.t', layout, baseDir: '/' });
      assert.equal(backend.source.kind, source);
      await backend.dispose?.();
    }
  });

  it('reads the layout from .finops.yml, and reports one it does not know', () => {
    const ok = parseFinopsConfig('spend:\n  source: athena\n  table: cur.cur2\n  layout: cur2\n');
    assert.equal(ok.config.spend?.layout, 'cur2');
    assert.deepEqual(ok.problems, []);
    const bad = parseFinopsConfig('spend:\n  source: athena\n  table: cur.cur2\n  layout: cur3\n');
    assert.equal(bad.config.spend?.layout, undefined);
    assert.match(bad.problems.map((p) => p.message).join('\n'), /spend\.layout/);
  });
});

describe('the spend source descriptors', () => {
  const kinds = Object.keys(SPEND_SOURCES).sort();

  it('are the kinds package.json offers in aiFinops.spend.source', () => {
    const config = (json('package.json').contributes as { configuration: { properties: Record<string, { enum?: string[] }> } }).configuration;
    assert.deepEqual([...(config.properties['aiFinops.spend.source'].enum ?? [])].sort(), kinds);
  });

  it('are the kinds the .finops.yml schema accepts for spend.source', () => {
    const schema = json('schemas/finops.schema.json') as { properties: { spend: { properties: { source: { enum: string[] } } } } };
    assert.deepEqual([...schema.properties.spend.properties.source.enum].sort(), kinds);
  });

  it('are the kinds the CLI usage lists for --source, and the kinds settings and .finops.yml are parsed against', () => {
    const line = SPEND_USAGE.split('\n').find((l) => l.includes('--source')) ?? '';
    assert.deepEqual(line.replace(/^.*--source SOURCE\s+/, '').split(/,\s*/).map((k) => k.trim()).sort(), kinds);
    assert.deepEqual([...SOURCE_KINDS].sort(), kinds);
  });

  it('offer the same table layouts in package.json, the .finops.yml schema and the code', () => {
    const config = (json('package.json').contributes as { configuration: { properties: Record<string, { enum?: string[] }> } }).configuration;
    const schema = json('schemas/finops.schema.json') as { properties: { spend: { properties: { layout: { enum: string[] } } } } };
    assert.deepEqual(config.properties['aiFinops.spend.tableLayout'].enum, [...TABLE_LAYOUTS]);
    assert.deepEqual(schema.properties.spend.properties.layout.enum, [...TABLE_LAYOUTS]);
  });

  it('mark exactly the sources that call a network endpoint', () => {
    assert.deepEqual(kinds.filter((k) => SPEND_SOURCES[k as keyof typeof SPEND_SOURCES].network), ['athena', 'aws-cost-explorer', 'bigquery', 'http', 'opencost']);
  });
});
