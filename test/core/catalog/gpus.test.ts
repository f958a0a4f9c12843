import assert from 'node:assert/strict';
import { bundledCatalog } from '../../../src/core/catalog';

describe('PriceCatalog.gcpAcceleratorPrice', () => {
  const catalog = bundledCatalog();

  it('accepts GCP API names and returns the exact-count row', () => {
    const result = catalog.gcpAcceleratorPrice('nvidia-tesla-a100', 8, 'us-central1');
    assert.ok(result.found);
    assert.equal(result.offer.kind, 'accelerator-only');
    assert.equal(result.offer.onDemandUsdPerHour, 23.47126);
    assert.equal(result.offer.spotUsdPerHour, 11.4728);
    assert.deepEqual(result.notes, []);
  });

  it('maps every documented API name to a priced accelerator', () => {
    const expected: Record<string, string> = {
      'nvidia-tesla-a100': 'A100', 'nvidia-h100-80gb': 'H100', 'nvidia-h100-mega-80gb': 'H100-MEGA',
      'nvidia-l4': 'L4', 'nvidia-tesla-t4': 'T4', 'nvidia-tesla-v100': 'V100', 'nvidia-tesla-p100': 'P100',
      'nvidia-tesla-p4': 'P4', 'nvidia-h200-141gb': 'H200', 'nvidia-b200': 'B200',
    };
    for (const [api, name] of Object.entries(expected)) {
      const result = catalog.gcpAcceleratorPrice(api, 8);
      assert.ok(result.found, api);
      assert.equal(result.offer.accelerator?.name, name, api);
    }
  });

  it('scales the per-GPU price when the count has no row, and says so', () => {
    const result = catalog.gcpAcceleratorPrice('nvidia-tesla-t4', 3, 'us-central1');
    assert.ok(result.found);
    assert.equal(result.offer.accelerator?.count, 3);
    assert.equal(result.offer.onDemandUsdPerHour, 1.05);
    assert.equal(result.offer.spotUsdPerHour, 0.525);
    assert.match(result.notes.join('\n'), /scaled the 1× price per GPU/);
  });

  it('moves to a region that has the GPU, with a note (us-central1 H100 rows were excluded as suspect)', () => {
    const result = catalog.gcpAcceleratorPrice('nvidia-h100-80gb', 8, 'us-central1');
    assert.ok(result.found);
    assert.equal(result.offer.region, 'us-east4');
    assert.equal(result.offer.onDemandUsdPerHour, 78.37241);
    assert.equal(result.regionFallback, true);
    assert.match(result.notes[0], /in us-central1 .*using us-east4/);
  });

  it('reports accelerators without GCP price rows, and bad counts', () => {
    const missing = catalog.gcpAcceleratorPrice('nvidia-a100-80gb', 1);
    assert.ok(!missing.found);
    assert.match(missing.reason, /nvidia-a100-80gb/);
    assert.ok(!catalog.gcpAcceleratorPrice('nvidia-l4', 0).found);
  });
});

describe('PriceCatalog.accelerator', () => {
  const catalog = bundledCatalog();

  it('resolves aliases to the spec table rows of the same part', () => {
    const cases: Array<[string, string]> = [
      ['A100', 'A100-40GB'], ['a100-40gb', 'A100-40GB'], ['A100 80GB', 'A100-80GB'], ['a100-80gb', 'A100-80GB'],
      ['H100', 'H100-SXM'], ['H100-80GB', 'H100-SXM'], ['H100-MEGA', 'H100-SXM'], ['h100 pcie', 'H100-PCIe'],
      ['nvidia-l4', 'L4'], ['Tesla T4', 'T4'], ['V100', 'V100'], ['nvidia-tesla-v100', 'V100'], ['Trainium', 'Trainium1'], ['tpu v5p', 'TPU-v5p'], ['v5litepod', 'TPU-v5e'],
    ];
    for (const [name, spec] of cases) assert.equal(catalog.accelerator(name)?.name, spec, name);
  });

  it('leaves different parts unresolved rather than guessing their memory', () => {
    for (const name of ['V100-32GB', 'GH200', 'Inferentia', 'tpu-v5p-8', 'B300']) assert.equal(catalog.accelerator(name), undefined, name);
  });

  it('resolves the price tables\' accelerator names where the spec table has the part', () => {
    const names = new Set<string>();
    for (const type of catalog.allInstanceTypes()) {
      for (const offer of catalog.offersFor(type)) if (offer.accelerator && offer.kind !== 'tpu') names.add(offer.accelerator.name);
    }
    const unresolved = [...names].filter((n) => catalog.accelerator(n) === undefined).sort();
    // Parts the spec table lacks, or variants whose memory differs from its rows.
    assert.deepEqual(unresolved, ['B300', 'GH200', 'Gaudi HL-205', 'Inferentia', 'M60', 'RTX6000', 'Radeon MI25', 'Radeon Pro V520', 'T4g', 'V100-32GB']);
  });

  it('uses the instance type where the accelerator name alone is ambiguous', () => {
    assert.equal(catalog.acceleratorFor(catalog.offersFor('gpu_1x_h100_pcie')[0])?.name, 'H100-PCIe');
    assert.equal(catalog.acceleratorFor(catalog.offersFor('p5.48xlarge')[0])?.name, 'H100-SXM');
    assert.equal(catalog.acceleratorFor(catalog.offersFor('Standard_NC40ads_H100_v5')[0]), undefined, 'H100 NVL is not in the spec table');
  });
});

describe('PriceCatalog.cheapestWithAcceleratorMemory', () => {
  const catalog = bundledCatalog();

  it('returns the three cheapest GPU instances with enough memory, one row per type', () => {
    const offers = catalog.cheapestWithAcceleratorMemory(640);
    assert.deepEqual(
      offers.map((o) => [o.instanceType, o.onDemandUsdPerHour]),
      [['gpu_8x_a100_80gb_sxm4', 22.32], ['p4de.24xlarge', 27.44705], ['gpu_8x_h100_sxm5', 31.92]],
    );
  });

  it('ranks by spot when asked, dropping offers without a spot price', () => {
    const offers = catalog.cheapestWithAcceleratorMemory(640, { pricing: 'spot' });
    assert.deepEqual(offers.map((o) => o.instanceType), ['Standard_ND96amsr_A100_v4', 'p4de.24xlarge', 'p5.48xlarge']);
    assert.ok(offers.every((o) => o.spotUsdPerHour !== null));
  });

  it('honours cloud, exclusion and limit, and keeps each type at its cheapest region', () => {
    const offers = catalog.cheapestWithAcceleratorMemory(320, { cloud: 'aws', excludeInstanceType: 'P4D.24xlarge', limit: 5 });
    assert.ok(offers.length <= 5 && offers.length > 0);
    assert.ok(offers.every((o) => o.cloud === 'aws' && o.instanceType !== 'p4d.24xlarge' && o.service === 'ec2'));
    for (let i = 1; i < offers.length; i++) {
      assert.ok((offers[i - 1].onDemandUsdPerHour ?? 0) <= (offers[i].onDemandUsdPerHour ?? 0), 'cheapest first');
    }
    for (const offer of offers) {
      assert.ok((catalog.totalAcceleratorMemoryGib(offer) ?? 0) >= 320);
      const cheapestRegion = Math.min(...catalog.offersFor(offer.instanceType).map((o) => o.onDemandUsdPerHour ?? Infinity));
      assert.equal(offer.onDemandUsdPerHour, cheapestRegion);
    }
  });

  it('excludes Trainium/Inferentia unless asked, and never returns TPUs, VM-only or SageMaker rows', () => {
    const gpus = catalog.cheapestWithAcceleratorMemory(300, { limit: 50 });
    assert.ok(!gpus.some((o) => /^(inf|trn)/.test(o.instanceType)));
    const all = catalog.cheapestWithAcceleratorMemory(300, { limit: 50, gpuOnly: false });
    assert.equal(all[0].instanceType, 'inf2.48xlarge');
    assert.ok(all.every((o) => o.kind === 'instance' && o.service !== 'sagemaker'));
  });

  it('uses spec memory for Azure rows, whose source gives none', () => {
    const offers = catalog.cheapestWithAcceleratorMemory(320, { cloud: 'azure', limit: 1 });
    assert.deepEqual(offers.map((o) => o.instanceType), ['Standard_NC96ads_A100_v4']);
  });
});
