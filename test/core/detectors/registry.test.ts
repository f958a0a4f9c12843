import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDetectors } from '../../../src/core/detectors/registry';
import { NOTEBOOK_READER_ID } from '../../../src/core/engine';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

describe('the detector descriptors', () => {
  const detectors = createDetectors();

  it('have distinct ids, and a label each', () => {
    const ids = detectors.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
    for (const d of detectors) assert.ok(d.label.length > 5, d.id);
  });

  it('are what aiFinops.detectors offers in package.json, with their labels, plus the notebook reader', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties?: Record<string, { description: string }> }> } } };
    const offered = pkg.contributes.configuration.properties['aiFinops.detectors'].properties ?? {};
    const expected = Object.fromEntries([...detectors.map((d) => [d.id, d.label]), [NOTEBOOK_READER_ID, offered[NOTEBOOK_READER_ID]?.description]]);
    assert.deepEqual(Object.fromEntries(Object.entries(offered).map(([id, p]) => [id, p.description])), expected);
    assert.ok(offered[NOTEBOOK_READER_ID], 'notebook reading can be turned off');
  });
});
