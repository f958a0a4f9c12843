import { strict as assert } from 'node:assert';
import { chooseSpendSection, createBackend } from '../../../src/core/spend/backendFactory';
import { SpendSourceError } from '../../../src/core/spend/types';

describe('choosing the spend source', () => {
  const settings = { source: 'focus' as const, path: '/home/me/exports' };

  it('lets .finops.yml win in a trusted workspace, and falls back to settings when it names no source', () => {
    const file = { source: 'opencost' as const, url: 'http://opencost.internal:9003' };
    assert.deepEqual(chooseSpendSection(file, settings, true), { section: file });
    assert.deepEqual(chooseSpendSection({ tags: { team: ['owner'] } }, settings, true).section, { ...settings, tags: { team: ['owner'] } });
    assert.deepEqual(chooseSpendSection(undefined, {}, true).section, { tags: undefined });
  });

  it('refuses a network source from .finops.yml in an untrusted workspace, and says why', () => {
    for (const source of ['opencost', 'http', 'aws-cost-explorer'] as const) {
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
  });
});
