import assert from 'node:assert/strict';
import { bundledCatalog } from '../../../src/core/catalog';
import type { InstanceOffer, PriceLookup } from '../../../src/core/catalog';

/** Narrows a lookup to the found case, failing the test with the reason otherwise. */
function offerOf(result: PriceLookup): { offer: InstanceOffer; notes: string[]; regionFallback: boolean } {
  if (!result.found) assert.fail(`expected a price, got: ${result.reason}`);
  return result;
}

describe('PriceCatalog.lookup', () => {
  const catalog = bundledCatalog();

  it('prices p4d.24xlarge in us-east-1 from the AWS snapshot', () => {
    const { offer, notes, regionFallback } = offerOf(catalog.lookup({ instanceType: 'p4d.24xlarge', region: 'us-east-1' }));
    assert.equal(offer.cloud, 'aws');
    assert.equal(offer.service, 'ec2');
    assert.equal(offer.onDemandUsdPerHour, 21.957642);
    assert.equal(offer.spotUsdPerHour, 2.4655);
    assert.deepEqual(offer.accelerator, { name: 'A100', count: 8, memoryGib: 40 });
    assert.equal(catalog.accelerator(offer.accelerator.name)?.name, 'A100-40GB');
    assert.equal(regionFallback, false);
    assert.deepEqual(notes, []);
  });

  it('infers the cloud and default region, matches case-insensitively and returns the catalog spelling', () => {
    const { offer } = offerOf(catalog.lookup({ instanceType: ' P4D.24XLARGE ' }));
    assert.equal(offer.instanceType, 'p4d.24xlarge');
    assert.equal(offer.region, 'us-east-1');
  });

  it('falls back to the default region with a note, never silently', () => {
    const result = offerOf(catalog.lookup({ instanceType: 'p5.48xlarge', region: 'eu-west-1' }));
    assert.equal(result.offer.region, 'us-east-1');
    assert.equal(result.offer.onDemandUsdPerHour, 55.04);
    assert.equal(result.regionFallback, true);
    assert.deepEqual(result.notes, ['no price for p5.48xlarge in eu-west-1 in the bundled catalog; using us-east-1']);
  });

  it('falls back to any region when the default has none, and keeps the blank on-demand price null', () => {
    const result = offerOf(catalog.lookup({ instanceType: 'trn2.48xlarge' }));
    assert.equal(result.offer.region, 'us-east-2');
    assert.equal(result.offer.onDemandUsdPerHour, null);
    assert.equal(result.offer.spotUsdPerHour, 23.0631);
    assert.match(result.notes[0], /no price for trn2\.48xlarge in us-east-1 .*using us-east-2/);
    assert.ok(result.notes.some((n) => n.includes('corrected from the source')));
  });

  it('uses the asked region when it has a row', () => {
    const { offer, regionFallback } = offerOf(catalog.lookup({ instanceType: 'p4d.24xlarge', region: 'EU-WEST-1' }));
    assert.equal(offer.onDemandUsdPerHour, 23.71569);
    assert.equal(regionFallback, false);
  });

  it('prices SageMaker ml.* types from the SageMaker rows only', () => {
    const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'ml.p4d.24xlarge' }));
    assert.equal(offer.service, 'sagemaker');
    assert.equal(offer.component, 'hosting');
    assert.equal(offer.onDemandUsdPerHour, 37.688);
    assert.ok(notes.some((n) => n.includes('inferred')), 'the inferred region and component are disclosed');
  });

  it('says when a SageMaker component is missing and the hosting price is used', () => {
    const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'ml.g5.2xlarge', component: 'training' }));
    assert.equal(offer.component, 'hosting');
    assert.equal(offer.onDemandUsdPerHour, 1.515);
    assert.equal(notes[0], 'SageMaker training price not in bundled catalog; using the hosting price');
  });

  it('falls back to rows whose region and component the source does not state, with notes', () => {
    const result = offerOf(catalog.lookup({ instanceType: 'ml.p3.8xlarge' }));
    assert.equal(result.offer.component, 'unspecified');
    assert.equal(result.offer.region, 'unspecified');
    assert.equal(result.offer.onDemandUsdPerHour, 14.688);
    assert.equal(result.regionFallback, true);
    assert.ok(result.notes.some((n) => n.includes('region the source does not state')));
    assert.ok(result.notes.some((n) => n.includes('component the source does not state')));
  });

  it('returns the GCP VM + GPU row for a GPU machine type', () => {
    const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'a2-highgpu-1g' }));
    assert.equal(offer.cloud, 'gcp');
    assert.equal(offer.kind, 'instance');
    assert.equal(offer.region, 'us-central1');
    assert.equal(offer.onDemandUsdPerHour, 3.67339);
    assert.equal(offer.spotUsdPerHour, 1.80385);
    assert.deepEqual(offer.accelerator, { name: 'A100', count: 1, memoryGib: 40 });
    assert.ok(notes.some((n) => n.includes('summed')));
  });

  it('returns a GCP VM-only row with a note when no VM + GPU row exists', () => {
    const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'a2-ultragpu-1g', cloud: 'gcp' }));
    assert.equal(offer.kind, 'vm-only');
    assert.equal(offer.onDemandUsdPerHour, 1.09962);
    assert.match(notes.join('\n'), /GCP bills GPUs separately/);
  });

  it('prefers another region\'s VM + GPU price over a VM-only price that leaves out the GPUs', () => {
    const result = offerOf(catalog.lookup({ instanceType: 'a3-highgpu-8g', region: 'us-central1' }));
    assert.equal(result.offer.kind, 'instance');
    assert.equal(result.offer.region, 'us-east4');
    assert.equal(result.offer.onDemandUsdPerHour, 87.83247);
    assert.equal(result.regionFallback, true);
    assert.match(result.notes[0], /^no price for a3-highgpu-8g in us-central1 .*using us-east4$/);
  });

  it('prices Azure and Lambda types in their default regions', () => {
    const azure = offerOf(catalog.lookup({ instanceType: 'standard_nc6s_v3' })).offer;
    assert.equal(azure.instanceType, 'Standard_NC6s_v3');
    assert.equal(azure.region, 'eastus');
    assert.equal(azure.onDemandUsdPerHour, 3.06);
    const lambda = offerOf(catalog.lookup({ instanceType: 'gpu_8x_h100_sxm5' })).offer;
    assert.equal(lambda.onDemandUsdPerHour, 31.92);
    assert.equal(lambda.spotUsdPerHour, null);
  });

  it('reports an unknown type as not found, naming it and the catalog coverage', () => {
    const result = catalog.lookup({ instanceType: 'x2iezn.large', region: 'us-east-1' });
    assert.equal(result.found, false);
    assert.ok(!result.found);
    assert.match(result.reason, /x2iezn\.large \(AWS naming\)/);
    assert.match(result.reason, /GPU\/accelerator instances, TPU slices and the main CPU families/);
  });

  it('does not price an ml.* type from its EC2 row', () => {
    const result = catalog.lookup({ instanceType: 'ml.p4de.24xlarge' });
    assert.ok(!result.found);
    assert.match(result.reason, /ml\.p4de\.24xlarge has no SageMaker price/);
  });

  it('refuses a type asked under another cloud', () => {
    const result = catalog.lookup({ instanceType: 'a2-highgpu-1g', cloud: 'aws' });
    assert.ok(!result.found);
    assert.match(result.reason, /gcp type, not aws/);
  });
});

describe('PriceCatalog offers and sources', () => {
  const catalog = bundledCatalog();

  it('lists every region of a type for a hover table', () => {
    const regions = catalog.offersFor('G5.XLARGE').map((o) => o.region).sort();
    assert.deepEqual(regions, ['eu-west-1', 'us-east-1', 'us-west-2']);
    assert.deepEqual(catalog.offersFor('no-such.type'), []);
  });

  it('names the price source and the retrieval date', () => {
    const { offer } = offerOf(catalog.lookup({ instanceType: 'p4d.24xlarge' }));
    assert.deepEqual(catalog.priceSource(offer), { label: 'bundled catalog (SkyPilot catalog snapshot)', asOf: catalog.meta.retrievedAt });
    assert.match(catalog.meta.retrievedAt, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('knows its instance types, case-insensitively, in the catalog spelling', () => {
    const types = catalog.allInstanceTypes();
    assert.ok(types.includes('Standard_ND96isr_H100_v5'));
    assert.ok(types.includes('tpu-v5p-8'));
    assert.ok(!types.includes(''), 'accelerator-only rows have no instance type');
    assert.equal(new Set(types).size, types.length);
    assert.ok(catalog.isKnownInstanceType('A2-HIGHGPU-1G'));
    assert.ok(catalog.isKnownInstanceType('ml.g5.xlarge'));
    assert.ok(catalog.isKnownInstanceType('m5.large'));
    assert.ok(!catalog.isKnownInstanceType('x2iezn.large'));
  });
});
