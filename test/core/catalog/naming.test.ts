import assert from 'node:assert/strict';
import { inferCloud, isSageMakerType } from '../../../src/core/catalog';

describe('inferCloud', () => {
  const cases: Array<[string, string | undefined]> = [
    ['p4d.24xlarge', 'aws'], ['p6-b200.48xlarge', 'aws'], ['g5.xlarge', 'aws'], ['ml.g5.2xlarge', 'aws'], ['m7i.metal-24xl', 'aws'],
    ['Standard_ND96isr_H100_v5', 'azure'], ['standard_nc6s_v3', 'azure'],
    ['a2-highgpu-1g', 'gcp'], ['n1-standard-8', 'gcp'], ['g2-standard-4', 'gcp'], ['n2d-highmem-2', 'gcp'], ['e2-medium', 'gcp'],
    ['tpu-v5p-8', 'gcp'], ['v5litepod-16', 'gcp'], ['n2-custom-4-8192', 'gcp'],
    ['gpu_1x_a100', 'lambda'], ['gpu_8x_h100_sxm5', 'lambda'],
    ['config.yaml', undefined], ['self.model', undefined], ['utf8-encoded', undefined], ['hello', undefined],
  ];
  for (const [name, cloud] of cases) {
    it(`${name} → ${cloud ?? 'unknown'}`, () => assert.equal(inferCloud(name), cloud));
  }
});

describe('isSageMakerType', () => {
  it('recognises the ml. prefix only', () => {
    assert.ok(isSageMakerType('ml.p4d.24xlarge'));
    assert.ok(isSageMakerType('ML.G5.XLARGE'));
    assert.ok(!isSageMakerType('p4d.24xlarge'));
    assert.ok(!isSageMakerType('html.page'));
  });
});
