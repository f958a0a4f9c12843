import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { applyInsertions, tagFixFor, type TagRequest } from '../../../src/core/policy/tagWriters';
import { analyzeFiles, fixturePath, itemNamed } from '../helpers';

const KEYS: TagRequest[] = [{ key: 'project' }, { key: 'cost-center' }];

/** Applies the quick fix to `resource` in `file`, then reads the file again as the detector does. */
async function fixAndReread(file: string, text: string, resource: string, keys = KEYS, extra: Record<string, string> = {}) {
  const before = await analyzeFiles({ [file]: text, ...extra }, file);
  const fix = await tagFixFor(text, itemNamed(before.items, resource), keys);
  assert.ok(fix, `a fix for ${resource}`);
  const out = applyInsertions(text, fix.insertions);
  const after = await analyzeFiles({ [file]: out, ...extra }, file);
  assert.deepEqual(after.skipped, [], out);
  return { out, item: itemNamed(after.items, resource), items: after.items };
}

function fixture(relative: string): string {
  return fs.readFileSync(fixturePath(...relative.split('/')), 'utf8');
}

describe('tag fixes close the finding they answer', () => {
  describe('Kubernetes lists and JSON', () => {
    it('labels the List item the lens is on, not the List', async () => {
      const { out, item, items } = await fixAndReread('list.yaml', fixture('kubernetes/list.yaml'), 'Job/embed');
      assert.deepEqual(item.tags, { project: '', 'cost-center': '' });
      assert.deepEqual(itemNamed(items, 'Deployment/llm-server').tags, { team: 'serving' });
      assert.ok(out.includes('    metadata:\n      name: embed\n      labels:\n        project: ""\n        cost-center: ""\n'), out);
    });

    it('labels an item of a tab-indented JSON List', async () => {
      const { out, item } = await fixAndReread('list.json', fixture('kubernetes/list.json'), 'Deployment/llm-server');
      assert.deepEqual(item.tags, { team: 'serving', project: '', 'cost-center': '' });
      assert.ok(out.includes('"labels": { "team": "serving", "project": "", "cost-center": "" }'), out);
    });
  });
});

describe('tag fixes in JSON streams', () => {
  it('labels the second object of a JSON stream', async () => {
    const { item } = await fixAndReread('job.json', fixture('kubernetes/job.json'), 'Deployment/web-gpu');
    assert.deepEqual(item.tags, { team: 'web', project: '', 'cost-center': '' });
  });
});
