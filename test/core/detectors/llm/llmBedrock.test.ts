import { strict as assert } from 'node:assert';
import { analyzeFiles } from '../../helpers';
import { parseFinopsConfig, engineOptionsFrom } from '../../../../src/core/config/finopsConfig';
import type { CostItem } from '../../../../src/core/model';

async function items(code: string, file = 'src/images.py'): Promise<CostItem[]> {
  const options = { ...engineOptionsFrom(parseFinopsConfig('').config), workspaceRoot: '/ws' };
  const { items, skipped } = await analyzeFiles({ [file]: code }, file, options);
  assert.deepEqual(skipped, []);
  return items;
}

const HEAD = 'import json\nimport boto3\nbedrock = boto3.client("bedrock-runtime")\n';
const body = (config: string, text = '"a lighthouse at dusk"') => `json.dumps({"taskType": "TEXT_IMAGE", "textToImageParams": {"text": ${text}}, "imageGenerationConfig": {${config}}})`;

describe('Bedrock image models billed per image, and Provisioned Throughput', () => {
  it('prices Titan Image Generator per image at a sourced size and quality, images from numberOfImages, the prompt run time or not', async () => {
    const [three, one] = await items(`${HEAD}prompt = input()\n`
      + `bedrock.invoke_model(modelId="amazon.titan-image-generator-v1", body=${body('"numberOfImages": 3, "width": 512, "height": 512', 'prompt')})\n`
      + `bedrock.invoke_model(modelId="amazon.titan-image-generator-v2:0", body=${body('"width": 512, "height": 512, "quality": "standard"')})\n`);
    assert.equal(three.resource, 'Bedrock invoke_model (image)');
    assert.equal(three.estimate.perCallUsd, 0.024);
    assert.ok(three.assumptions.includes('3 images (numberOfImages=3); quality not set: standard, the API default'), three.assumptions.join('\n'));
    assert.ok(three.assumptions.some((a) => a.startsWith('amazon.titan-image-generator-v1 standard 512x512: $0.008 per image (https://github.com/BerriAI/litellm/')));
    assert.equal(one.estimate.perCallUsd, 0.008);
    assert.ok(one.assumptions.includes('1 image (numberOfImages not set: 1)'), one.assumptions.join('\n'));
  });

  it('leaves a size or quality the sources do not price unpriced, naming what the table has', async () => {
    const [premium, unsized] = await items(`${HEAD}bedrock.invoke_model(modelId="amazon.titan-image-generator-v1", body=${body('"width": 1024, "height": 1024, "quality": "premium"')})\n`
      + `bedrock.invoke_model(modelId="amazon.titan-image-generator-v1", body=${body('"numberOfImages": 2')})\n`);
    assert.equal(premium.estimate.perCallUsd, null);
    assert.match(premium.unpricedReason ?? '', /^1 image at 1024x1024, quality premium: data\/llm-unit-prices\.json \(retrieved [\d-]+\) prices amazon\.titan-image-generator-v1 only at standard 512x512$/);
    assert.match(unsized.unpricedReason ?? '', /^2 images at the default size \(width and height not set\), quality standard: /);
  });

  it('does not price Nova Canvas from a figure whose quality tier the source does not state, and says so', async () => {
    const [canvas] = await items(`${HEAD}bedrock.invoke_model(modelId="us.amazon.nova-canvas-v1:0", body=${body('"numberOfImages": 1, "width": 1024, "height": 1024, "quality": "premium"')})\n`);
    assert.equal(canvas.sku, 'us.amazon.nova-canvas-v1:0');
    assert.equal(canvas.estimate.perCallUsd, null);
    assert.match(canvas.unpricedReason ?? '', /^amazon\.nova-canvas-v1:0 bills per image by size and quality tier; the one sourced figure, \$0\.06 per image at 1024x1024 \(.*\), does not say which quality tier it is, so 1 image at 1024x1024, quality premium is not priced$/);
  });

  it('says why when the body or its image settings are only known at run time', async () => {
    const [opaque, runTimeCount] = await items(`${HEAD}def draw(payload, n):\n    bedrock.invoke_model(modelId="amazon.titan-image-generator-v1", body=payload)\n`
      + `    bedrock.invoke_model(modelId="amazon.titan-image-generator-v1", body=${body('"numberOfImages": n, "width": 512, "height": 512')})\n`);
    assert.equal(opaque.unpricedReason, 'the image count and size are not readable: the request body comes from `payload`, a parameter of `draw()`, which this file does not call');
    assert.equal(runTimeCount.unpricedReason, 'imageGenerationConfig.numberOfImages comes from `n`, a parameter of `draw()`, which this file does not call');
  });

  it('states a Provisioned Throughput reservation and leaves it unpriced: no bundled source has its hourly model-unit rate', async () => {
    const [committed, hourly] = await items('import boto3\nbedrock = boto3.client("bedrock")\n'
      + 'bedrock.create_provisioned_model_throughput(modelUnits=2, provisionedModelName="pt", modelId="amazon.titan-image-generator-v1", commitmentDuration="OneMonth")\n'
      + 'bedrock.create_provisioned_model_throughput(modelUnits=1, provisionedModelName="pt2", modelId="my-custom-model")\n');
    assert.equal(committed.resource, 'Bedrock create_provisioned_model_throughput');
    assert.equal(committed.quantity, 2);
    assert.equal(committed.pricing, 'reserved');
    assert.deepEqual(committed.estimate, { hourlyUsd: null, monthlyUsd: null, perRunUsd: null, perCallUsd: null });
    assert.ok(committed.assumptions.includes('Provisioned Throughput: 2 model units of amazon.titan-image-generator-v1, a one-month commitment: every hour of the month is billed'), committed.assumptions.join('\n'));
    assert.equal(committed.unpricedReason, 'Provisioned Throughput bills 2 model units per hour at a rate set per model and commitment; no bundled source (genai-prices, data/llm-unit-prices.json) has that hourly rate for amazon.titan-image-generator-v1');
    assert.equal(hourly.pricing, 'on-demand');
    assert.ok(hourly.assumptions.includes('Provisioned Throughput: 1 model unit of my-custom-model, no commitment: billed every hour until it is deleted'));
  });
});

