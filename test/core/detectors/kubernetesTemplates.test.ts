import { strict as assert } from 'node:assert';
import { withoutDefinitions } from '../../../src/core/detectors/kubernetes/definitionDocuments';
import { isJsonManifest } from '../../../src/core/detectors/kubernetes/manifestSource';
import { analyzeFixture, itemNamed } from '../helpers';

describe('Kubernetes Helm templates and CRDs', () => {
  it('does not take a template that opens with a `{{` action for JSON, and skips it as a template', async () => {
    assert.equal(isJsonManifest('{{- if .Values.gpu.enabled }}\napiVersion: apps/v1\n'), false);
    assert.equal(isJsonManifest('  {"apiVersion": "v1", "kind": "Pod"}'), true);
    const { items, skipped } = await analyzeFixture('kubernetes/helm-leading-action.yaml');
    assert.deepEqual(items, []);
    assert.match(skipped[0]?.message ?? '', /Helm\/Go template .* is not YAML until rendered/);
  });

  it('blanks CustomResourceDefinition documents before parsing, keeping the lines of the others', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  a: 1\n---\nkind: Pod\n';
    const out = withoutDefinitions(text);
    assert.equal(out.definitions, 1);
    assert.equal(out.text, 'apiVersion: v1\nkind: ConfigMap\n---\n\n\n\n\n---\nkind: Pod\n');
    assert.equal(withoutDefinitions('kind: Pod\n').text, 'kind: Pod\n');
  });

  it('prices the workload next to a CRD at its own line', async () => {
    const { items, skipped } = await analyzeFixture('kubernetes/crd-and-controller.yaml');
    assert.deepEqual(skipped, []);
    assert.equal(items.length, 1);
    const d = itemNamed(items, 'Deployment/model-controller');
    // g5.xlarge $1.006
    assert.equal(d.estimate.hourlyUsd, 1.006);
    assert.equal(d.range.start.line, 321, 'the kind: line after the blanked CRD');
  });
});
