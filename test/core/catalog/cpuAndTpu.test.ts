import assert from 'node:assert/strict';
import { bundledCatalog } from '../../../src/core/catalog';
import type { InstanceOffer, PriceLookup } from '../../../src/core/catalog';
import { gkeTpuGeneration, parseTpuName, topologyChips } from '../../../src/core/catalog/tpu';
import { DEFAULT_ENGINE_OPTIONS } from '../../../src/core/config/engineOptions';
import { chooseRegion } from '../../../src/core/detectors/shared/region';

function offerOf(result: PriceLookup): { offer: InstanceOffer; notes: string[] } {
  if (!result.found) assert.fail(`expected a price, got: ${result.reason}`);
  return result;
}

describe('PriceCatalog: CPU instance families', () => {
  const catalog = bundledCatalog();

  it('prices the main AWS, GCP and Azure CPU types at their list prices, naming the source', () => {
    const m5 = offerOf(catalog.lookup({ instanceType: 'm5.xlarge', region: 'us-east-1' })).offer;
    assert.deepEqual([m5.cloud, m5.kind, m5.onDemandUsdPerHour, m5.accelerator], ['aws', 'instance', 0.192, undefined]);
    assert.match(catalog.priceSource(m5).label, /Karpenter AWS on-demand price table/);
    const n1 = offerOf(catalog.lookup({ instanceType: 'n1-standard-4', region: 'us-central1' })).offer;
    assert.deepEqual([n1.cloud, n1.onDemandUsdPerHour, n1.spotUsdPerHour], ['gcp', 0.189999, 0.06701]);
    const ds3 = offerOf(catalog.lookup({ instanceType: 'STANDARD_DS3_V2', region: 'eastus' })).offer;
    assert.equal(ds3.instanceType, 'Standard_DS3_v2');
    assert.equal(ds3.cloud, 'azure');
  });

  it('prices an AWS CPU type in us-west-2 and eu-west-1 at that region\'s row, without a fallback note', () => {
    const eu = catalog.lookup({ instanceType: 'm5.large', region: 'eu-west-1' });
    const { offer: euRow, notes: euNotes } = offerOf(eu);
    assert.deepEqual([euRow.region, euRow.onDemandUsdPerHour, euRow.vcpus, euRow.memoryGib], ['eu-west-1', 0.107, 2, 8]);
    assert.equal(eu.found && eu.regionFallback, false);
    assert.deepEqual(euNotes, []);
    assert.equal(catalog.priceSource(euRow).label, 'bundled catalog (SkyPilot catalog snapshot)');
    const west = offerOf(catalog.lookup({ instanceType: 'c6i.large', region: 'us-west-2' })).offer;
    assert.deepEqual([west.region, west.onDemandUsdPerHour], ['us-west-2', 0.085]);
    // eu-west-1 is not a flat markup on us-east-1: c6i lists below c5 there.
    assert.equal(offerOf(catalog.lookup({ instanceType: 'c6i.large', region: 'eu-west-1' })).offer.onDemandUsdPerHour, 0.0912);
    const m7i = catalog.lookup({ instanceType: 'm7i.large', region: 'eu-west-1' });
    assert.deepEqual([offerOf(m7i).offer.region, offerOf(m7i).offer.onDemandUsdPerHour, m7i.found && m7i.regionFallback], ['eu-west-1', 0.11235, false]);
    const graviton = offerOf(catalog.lookup({ instanceType: 'm6g.medium', region: 'us-west-2' })).offer;
    assert.deepEqual([graviton.region, graviton.onDemandUsdPerHour, graviton.vcpus, graviton.memoryGib], ['us-west-2', 0.0385, 1, 4]);
  });

  it('falls back to us-east-1 only where the region really lacks the row, and says so', () => {
    const result = catalog.lookup({ instanceType: 'r7a.large', region: 'eu-west-1' });
    const { offer, notes } = offerOf(result);
    assert.equal(offer.region, 'us-east-1');
    assert.equal(result.found && result.regionFallback, true);
    assert.ok(notes.includes('no price for r7a.large in eu-west-1 in the bundled catalog; using us-east-1'), notes.join('; '));
    const tokyo = offerOf(catalog.lookup({ instanceType: 'm5.large', region: 'ap-northeast-1' }));
    assert.equal(tokyo.offer.region, 'us-east-1');
    assert.ok(tokyo.notes.includes('no price for m5.large in ap-northeast-1 in the bundled catalog; using us-east-1'), tokyo.notes.join('; '));
  });

  it('prices Azure and GCP CPU types in the added regions at their own rows', () => {
    for (const region of ['eastus2', 'centralus', 'westeurope', 'northeurope']) {
      const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'Standard_D4s_v5', region }));
      assert.deepEqual([offer.cloud, offer.region, notes], ['azure', region, []]);
    }
    for (const region of ['us-east1', 'us-west1', 'europe-west1', 'europe-west4', 'asia-southeast1']) {
      const { offer, notes } = offerOf(catalog.lookup({ instanceType: 'n2-standard-8', region }));
      assert.deepEqual([offer.cloud, offer.region, notes], ['gcp', region, []]);
    }
  });

  it('keeps GPU types ahead of CPU rows and still reports types it has no row for', () => {
    assert.equal(offerOf(catalog.lookup({ instanceType: 'g5.xlarge' })).offer.accelerator?.name, 'A10G');
    const missing = catalog.lookup({ instanceType: 'u-6tb1.metal' });
    assert.ok(!missing.found);
    assert.match(missing.reason, /u-6tb1\.metal \(AWS naming\) is not in the bundled price catalog/);
  });
});

describe('PriceCatalog: TPU names', () => {
  const catalog = bundledCatalog();

  it('maps GKE TPU machine types to the slice with as many chips', () => {
    const v5e = offerOf(catalog.lookup({ instanceType: 'ct5lp-hightpu-4t', region: 'us-central1' }));
    assert.equal(v5e.offer.instanceType, 'tpu-v5litepod-4');
    assert.equal(v5e.offer.onDemandUsdPerHour, 4.8);
    assert.ok(v5e.notes.includes('ct5lp-hightpu-4t is a TPU v5e with 4 chips: priced as tpu-v5litepod-4'), v5e.notes.join('; '));
    // v5p slice names count TensorCores, two per chip: 4 chips are tpu-v5p-8.
    assert.equal(offerOf(catalog.lookup({ instanceType: 'ct5p-hightpu-4t' })).offer.instanceType, 'tpu-v5p-8');
    assert.equal(offerOf(catalog.lookup({ instanceType: 'ct6e-standard-8t' })).offer.onDemandUsdPerHour, 21.6);
  });

  it('accepts Cloud TPU accelerator types without the tpu- prefix', () => {
    assert.equal(offerOf(catalog.lookup({ instanceType: 'v5litepod-4' })).offer.instanceType, 'tpu-v5litepod-4');
    assert.equal(offerOf(catalog.lookup({ instanceType: 'v2-8' })).offer.instanceType, 'tpu-v2-8');
  });

  it('scales the smallest slice per chip when a slice size has no row', () => {
    const { offer, notes } = offerOf(catalog.tpuPrice({ generation: 'v5e', chips: 2 }, 'us-central1'));
    assert.equal(offer.instanceType, 'tpu-v5litepod-2');
    assert.equal(offer.onDemandUsdPerHour, 2.4); // 2 × the 1-chip $1.20
    assert.ok(notes.some((n) => n.includes('scaled the tpu-v5litepod-1 price per chip')), notes.join('; '));
  });

  it('reads GKE TPU node labels: accelerator generation and topology chips', () => {
    assert.equal(gkeTpuGeneration('tpu-v5-lite-podslice'), 'v5e');
    assert.equal(gkeTpuGeneration('tpu-v6e-slice'), 'v6e');
    assert.equal(gkeTpuGeneration('nvidia-l4'), undefined);
    assert.equal(topologyChips('2x4'), 8);
    assert.equal(topologyChips('2x2x1'), 4);
    assert.equal(topologyChips('4'), undefined);
    assert.equal(topologyChips('2xa'), undefined);
    assert.deepEqual(parseTpuName('tpu-v4-16'), { generation: 'v4', chips: 8 });
    assert.equal(parseTpuName('v5p-3'), undefined, 'an odd core count is no slice');
  });
});

describe('chooseRegion', () => {
  const catalog = bundledCatalog();

  it('treats a placeholder as no region: the default, with a note naming it', () => {
    const choice = chooseRegion('aws', [{ value: 'YOUR_REGION', from: 'provider "aws"' }], DEFAULT_ENGINE_OPTIONS, catalog);
    assert.equal(choice.value, 'us-east-1');
    assert.equal(choice.assumption, 'region us-east-1 (default for aws; "YOUR_REGION" from provider "aws" is not a region code of aws)');
  });

  it('takes the first candidate that is a region code, skipping a placeholder before it', () => {
    const choice = chooseRegion('gcp', [{ value: '<region>', from: 'location' }, { value: 'us-east4', from: 'provider "google"' }], DEFAULT_ENGINE_OPTIONS, catalog);
    assert.deepEqual(choice, { value: 'us-east4', assumption: 'region us-east4 from provider "google"' });
  });
});
