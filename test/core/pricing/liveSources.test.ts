import { strict as assert } from 'node:assert';
import { AwsPriceListSource, AzureRetailSource, createPricingClient, LivePriceError, type LivePriceQuery } from '../../../src/core/pricing/live';
import type { RetryPolicy } from '../../../src/core/pricing/live/retry';
import { awsError, awsPage, awsProduct, azureItem, azurePage, startServer } from './priceServers';

/** Real waits, kept short; the tests also record what the backoff asked for. */
function fastRetry(waits: number[]): RetryPolicy {
  return {
    attempts: 3,
    baseDelayMs: 5,
    maxDelayMs: 50,
    sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, Math.min(ms, 20)))),
  };
}

const NOW = new Date('2026-11-26T12:00:00Z');
const EC2: LivePriceQuery = { cloud: 'aws', service: 'ec2', instanceType: 'p4d.24xlarge', region: 'us-east-1' };
const AZ: LivePriceQuery = { cloud: 'azure', service: 'virtual-machines', instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus' };

function awsSource(url: string, waits: number[] = []) {
  const client = createPricingClient({ endpoint: url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
  return new AwsPriceListSource(client, { retry: fastRetry(waits), now: () => NOW, host: new URL(url).host });
}

describe('AWS Price List source (real SDK against a local server)', () => {
  it('sends GetProducts with the EC2 filters and follows NextToken', async () => {
    const ec2 = { servicecode: 'AmazonEC2', instanceType: 'p4d.24xlarge', regionCode: 'us-east-1', usagetype: 'BoxUsage:p4d.24xlarge' };
    const server = await startServer((_, n) =>
      n === 1 ? awsPage([awsProduct({ ...ec2, usagetype: 'HostBoxUsage:p4d.24xlarge' }, '40.0000000000')], 'page-2') : awsPage([awsProduct(ec2, '32.7726000000')]),
    );
    try {
      const price = await awsSource(server.url).fetch(EC2);
      assert.equal(price?.onDemandUsdPerHour, 32.7726);
      assert.equal(price?.spotUsdPerHour, null);
      assert.equal(price?.source, 'AWS Price List API');
      assert.equal(price?.fetchedAt, NOW.toISOString());
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[0].headers['x-amz-target'], 'AWSPriceListService.GetProducts');
      assert.match(String(server.requests[0].headers['authorization']), /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/pricing\/aws4_request/);
      const first = JSON.parse(server.requests[0].body);
      assert.equal(first.ServiceCode, 'AmazonEC2');
      const filters = Object.fromEntries(first.Filters.map((f: { Field: string; Value: string }) => [f.Field, f.Value]));
      assert.deepEqual(filters, { instanceType: 'p4d.24xlarge', regionCode: 'us-east-1', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' });
      assert.equal(JSON.parse(server.requests[1].body).NextToken, 'page-2');
    } finally {
      await server.close();
    }
  });

  it('picks the SageMaker component asked for', async () => {
    const sm = (component: string) => ({ servicecode: 'AmazonSageMaker', instanceName: 'ml.g5.xlarge', regionCode: 'us-east-1', component });
    const server = await startServer(() => awsPage([awsProduct(sm('Hosting'), '1.4080000000'), awsProduct(sm('Training'), '1.4080000000'), awsProduct(sm('Notebook'), '1.4100000000'), awsProduct(sm('AsyncInference'), '1.0000000000')]));
    try {
      const source = awsSource(server.url);
      const notebook = await source.fetch({ cloud: 'aws', service: 'sagemaker', instanceType: 'ml.g5.xlarge', region: 'us-east-1', component: 'notebook' });
      assert.equal(notebook?.onDemandUsdPerHour, 1.41);
      const hosting = await source.fetch({ cloud: 'aws', service: 'sagemaker', instanceType: 'ml.g5.xlarge', region: 'us-east-1' });
      assert.equal(hosting?.onDemandUsdPerHour, 1.408);
      const body = JSON.parse(server.requests[0].body);
      assert.equal(body.ServiceCode, 'AmazonSageMaker');
      assert.deepEqual(body.Filters.map((f: { Field: string }) => f.Field), ['instanceName', 'regionCode']);
    } finally {
      await server.close();
    }
  });

  it('retries a ThrottlingException with backoff, then succeeds', async () => {
    const ec2 = { servicecode: 'AmazonEC2', instanceType: 'p4d.24xlarge', regionCode: 'us-east-1', usagetype: 'BoxUsage:p4d.24xlarge' };
    const server = await startServer((_, n) => (n === 1 ? awsError(400, 'ThrottlingException', 'Rate exceeded') : awsPage([awsProduct(ec2, '32.7726000000')])));
    const waits: number[] = [];
    try {
      const price = await awsSource(server.url, waits).fetch(EC2);
      assert.equal(price?.onDemandUsdPerHour, 32.7726);
      assert.deepEqual(waits, [5]);
    } finally {
      await server.close();
    }
  });

  it('gives up after the bounded tries with a clear message on persistent 500s', async () => {
    const server = await startServer(() => awsError(500, 'InternalErrorException', 'boom'));
    try {
      await assert.rejects(awsSource(server.url).fetch(EC2), (e: unknown) => e instanceof LivePriceError && e.retryable && /AWS Price List API at 127\.0\.0\.1:\d+ failed .*gave up after 3 tries/.test(e.message));
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  it('reports a malformed PriceList entry and an empty answer without throwing anything else', async () => {
    const server = await startServer((_, n) => (n === 1 ? awsPage(['{not json']) : awsPage([])));
    try {
      const source = awsSource(server.url);
      await assert.rejects(source.fetch(EC2), (e: unknown) => e instanceof LivePriceError && /not JSON/.test(e.message));
      assert.equal(await source.fetch(EC2), undefined);
    } finally {
      await server.close();
    }
  });
});

describe('Azure Retail Prices source (real fetch against a local server)', () => {
  it('reads consumption and spot prices, skipping Windows and Low Priority, across NextPageLink pages', async () => {
    let base = '';
    const server = await startServer((_, n) =>
      n === 1
        ? azurePage([azureItem('NC24ads A100 v4', 3.673), azureItem('NC24ads A100 v4 Low Priority', 0.7346)], `${base}/api/retail/prices?$filter=x&$skip=100`)
        : azurePage([azureItem('NC24ads A100 v4 Spot', 0.51), azureItem('NC24ads A100 v4', 4.2, { productName: 'Virtual Machines NCads A100 v4 Series Windows' }), azureItem('NC24ads A100 v4', 2.1, { type: 'Reservation', unitOfMeasure: '1 Hour' })], null),
    );
    base = server.url;
    try {
      const source = new AzureRetailSource({ baseUrl: `${server.url}/api/retail/prices`, retry: fastRetry([]), now: () => NOW });
      const price = await source.fetch(AZ);
      assert.deepEqual([price?.onDemandUsdPerHour, price?.spotUsdPerHour, price?.source], [3.673, 0.51, 'Azure Retail Prices API']);
      assert.equal(server.requests.length, 2);
      const filter = new URL(server.requests[0].url, server.url).searchParams.get('$filter');
      assert.equal(filter, "serviceName eq 'Virtual Machines' and armSkuName eq 'Standard_NC24ads_A100_v4' and armRegionName eq 'eastus'");
      assert.match(server.requests[1].url, /\$skip=100/);
    } finally {
      await server.close();
    }
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    const server = await startServer((_, n) => (n === 1 ? { status: 429, body: '{"error":"throttled"}', headers: { 'retry-after': '0.03' } } : azurePage([azureItem('NC24ads A100 v4', 3.673)], null)));
    const waits: number[] = [];
    try {
      const price = await new AzureRetailSource({ baseUrl: server.url, retry: fastRetry(waits) }).fetch(AZ);
      assert.equal(price?.onDemandUsdPerHour, 3.673);
      assert.deepEqual(waits, [30]);
    } finally {
      await server.close();
    }
  });

  it('fails clearly on malformed JSON and on 500s after bounded retries', async () => {
    const bad = await startServer(() => ({ status: 200, body: '<html>oops' }));
    const down = await startServer(() => ({ status: 500, body: 'error' }));
    try {
      await assert.rejects(new AzureRetailSource({ baseUrl: bad.url, retry: fastRetry([]) }).fetch(AZ), /Azure Retail Prices API at 127\.0\.0\.1:\d+ sent a response that is not JSON \(gave up after 3 tries\)/);
      await assert.rejects(new AzureRetailSource({ baseUrl: down.url, retry: fastRetry([]) }).fetch(AZ), /Azure Retail Prices API at 127\.0\.0\.1:\d+ failed \(HTTP 500\) \(gave up after 3 tries\)/);
      assert.equal(down.requests.length, 3);
    } finally {
      await bad.close();
      await down.close();
    }
  });

  it('answers undefined when the size is not sold in the region', async () => {
    const server = await startServer(() => azurePage([], null));
    try {
      assert.equal(await new AzureRetailSource({ baseUrl: server.url }).fetch(AZ), undefined);
    } finally {
      await server.close();
    }
  });
});
