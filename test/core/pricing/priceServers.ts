/** Local HTTP servers on 127.0.0.1 that answer like the real price APIs, with scripted failures. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  headers: http.IncomingHttpHeaders;
  url: string;
  body: string;
}

/** Each request gets the next scripted answer; the last one repeats. */
export type Answer = { status: number; body: string; headers?: Record<string, string> };

export async function startServer(answer: (req: Recorded, n: number) => Answer): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const rec = { headers: req.headers, url: req.url ?? '', body };
      requests.push(rec);
      const a = answer(rec, requests.length);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

/** One `PriceList` entry as the AWS Price List API sends it: a JSON document in a string. */
export function awsProduct(attributes: Record<string, string>, usdPerHour: string): string {
  const sku = `SKU${Math.abs(hash(JSON.stringify(attributes)))}`;
  return JSON.stringify({
    product: { productFamily: 'Compute Instance', attributes, sku },
    serviceCode: attributes.servicecode,
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: 'Hrs',
              endRange: 'Inf',
              description: `$${usdPerHour} per On Demand Linux ${attributes.instanceType ?? attributes.instanceName} Instance Hour`,
              appliesTo: [],
              rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: usdPerHour },
            },
          },
          sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

export const awsPage = (priceList: string[], nextToken?: string): Answer => ({
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'test-request' },
  body: JSON.stringify({ FormatVersion: 'aws_v1', PriceList: priceList, ...(nextToken ? { NextToken: nextToken } : {}) }),
});

export const awsError = (status: number, type: string, message: string): Answer => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
  body: JSON.stringify({ __type: type, message }),
});

/** An `Items` entry of the Azure Retail Prices API. */
export function azureItem(skuName: string, retailPrice: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice,
    unitPrice: retailPrice,
    armRegionName: 'eastus',
    location: 'US East',
    effectiveStartDate: '2026-10-01T00:00:00Z',
    meterId: `meter-${skuName}`,
    meterName: skuName,
    productId: 'DZH318Z0BQ5S',
    skuId: 'DZH318Z0BQ5S/00TG',
    productName: 'Virtual Machines NCads A100 v4 Series',
    skuName,
    serviceName: 'Virtual Machines',
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    isPrimaryMeterRegion: true,
    armSkuName: 'Standard_NC24ads_A100_v4',
    ...extra,
  };
}

export const azurePage = (items: Record<string, unknown>[], next: string | null): Answer => ({
  status: 200,
  body: JSON.stringify({ BillingCurrency: 'USD', CustomerEntityId: 'Default', CustomerEntityType: 'Retail', Items: items, NextPageLink: next, Count: items.length }),
});
