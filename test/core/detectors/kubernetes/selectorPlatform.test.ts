import { strict as assert } from 'node:assert';
import { selectorPlatform } from '../../../../src/core/detectors/kubernetes/podRequirements';

const of = (entries: Record<string, string[]>) => selectorPlatform(new Map(Object.entries(entries)));

describe('the cloud a pod’s node labels tie it to', () => {
  it('reads a provider’s own label keys', () => {
    assert.deepEqual(of({ 'eks.amazonaws.com/nodegroup': ['gpu'] }), { cloud: 'aws', label: 'eks.amazonaws.com/nodegroup' });
    assert.deepEqual(of({ 'cloud.google.com/gke-nodepool': ['a'] }), { cloud: 'gcp', label: 'cloud.google.com/gke-nodepool' });
    assert.deepEqual(of({ 'kubernetes.azure.com/agentpool': ['a'] }), { cloud: 'azure', label: 'kubernetes.azure.com/agentpool' });
  });

  it('takes Karpenter keys or a value naming Karpenter as AWS, unless Azure’s Karpenter keys are there', () => {
    assert.deepEqual(of({ 'karpenter.sh/nodepool': ['gpu'] }), { cloud: 'aws', label: 'karpenter.sh/nodepool' });
    assert.deepEqual(of({ type: ['karpenter'] }), { cloud: 'aws', label: 'type=karpenter' });
    assert.deepEqual(of({ 'karpenter.sh/nodepool': ['gpu'], 'karpenter.azure.com/sku-family': ['N'] }), { cloud: 'azure', label: 'karpenter.azure.com/sku-family' });
  });

  it('names no cloud when labels name none, or more than one', () => {
    assert.equal(of({ NodeGroupType: ['gpu'], 'kubernetes.io/arch': ['amd64'] }), undefined);
    assert.equal(of({ 'karpenterish/x': ['a'], pool: ['karpenters'] }), undefined);
    assert.equal(of({ 'eks.amazonaws.com/nodegroup': ['a'], 'cloud.google.com/gke-nodepool': ['b'] }), undefined);
  });
});
