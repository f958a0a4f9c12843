// Writes the bundled sample spend: a FOCUS 1.2 billing export of 90 days of AI spend for
// four teams across AWS, OpenAI and Google Cloud, seeded so every run writes the same file.
// It carries a visible anomaly (a runaway Bedrock batch for nlp on 2026-11-12), an idle
// SageMaker endpoint (recsys staging: billed every hour, no requests) and untagged spend.
// Usage: node scripts/generate-sample-spend.mjs [OUT] [--days N] [--end YYYY-MM-DD] [--scale K]
//   --scale K repeats every resource K times (the benchmark uses it for a million rows).
import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const COLUMNS = [
  'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodStart', 'BillingPeriodEnd',
  'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency',
  'BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'ListUnitPrice', 'PricingCategory', 'PricingQuantity', 'PricingUnit',
  'ConsumedQuantity', 'ConsumedUnit', 'ProviderName', 'PublisherName', 'InvoiceIssuerName',
  'ServiceCategory', 'ServiceSubcategory', 'ServiceName', 'ResourceId', 'ResourceName', 'ResourceType',
  'RegionId', 'RegionName', 'SkuId', 'SubAccountId', 'SubAccountName', 'Tags',
];

/** mulberry32: a small seeded generator, so the file is reproducible byte for byte. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AWS = { provider: 'AWS', account: '111122223333', accountName: 'ml-prod', region: 'us-east-1', regionName: 'US East (N. Virginia)' };
const GCP = { provider: 'Google Cloud', account: 'ml-platform-4711', accountName: 'ml-platform', region: 'us-central1', regionName: 'Iowa' };
const OPENAI = { provider: 'OpenAI', account: 'org-acme-ml', accountName: 'Acme ML', region: '', regionName: '' };

// Each resource: its daily usage (quantity in its unit) and price, and the tags it carries.
const RESOURCES = [
  { id: 'arn:aws:sagemaker:us-east-1:111122223333:training-job/nlp-llama-finetune', name: 'nlp-llama-finetune', type: 'SageMaker Training Job',
    cloud: AWS, service: 'Amazon SageMaker', category: 'AI and Machine Learning', sub: 'Machine Learning', sku: 'USE1-Train:ml.p4d.24xlarge',
    unit: 'Hours', price: 37.688, usage: (r) => 6 + r() * 6, tags: { team: 'nlp', project: 'llm-finetune', environment: 'dev' } },
  { id: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/nlp-summarizer-prod', name: 'nlp-summarizer-prod', type: 'SageMaker Endpoint',
    cloud: AWS, service: 'Amazon SageMaker', category: 'AI and Machine Learning', sub: 'Machine Learning', sku: 'USE1-Host:ml.g5.2xlarge',
    unit: 'Hours', price: 1.515, usage: () => 48, tags: { team: 'nlp', project: 'summarizer', environment: 'prod' },
    work: { unit: 'GB', price: 0.016, usage: (r) => 300 + r() * 120, sku: 'USE1-Host:Data-Bytes-In' } },
  { id: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet', name: 'claude-3-5-sonnet (nlp)', type: 'Foundation Model',
    cloud: AWS, service: 'Amazon Bedrock', category: 'AI and Machine Learning', sub: 'Generative AI', sku: 'USE1-Claude3.5Sonnet-input-tokens',
    unit: '1K Tokens', price: 0.003, usage: (r, d, date) => (date === '2026-11-12' ? 260000 : 30000 + r() * 8000),
    tags: { team: 'nlp', project: 'summarizer', environment: 'prod', model: 'claude-3-5-sonnet' } },
  { id: 'openai:org-acme-ml:proj_nlp:gpt-4o', name: 'gpt-4o (nlp)', type: 'Model',
    cloud: OPENAI, service: 'OpenAI API', category: 'AI and Machine Learning', sub: 'Generative AI', sku: 'gpt-4o-2024-08-06',
    unit: '1K Tokens', price: 0.0025, usage: (r) => 18000 + r() * 6000, tags: { team: 'nlp', project: 'chat-assist', environment: 'prod', model: 'gpt-4o' } },
  { id: 'i-0a1b2c3d4e5f60718', name: 'vision-trainer-g5', type: 'Instance',
    cloud: AWS, service: 'Amazon Elastic Compute Cloud', category: 'Compute', sub: 'Virtual Machines', sku: 'USE1-BoxUsage:g5.12xlarge',
    unit: 'Hours', price: 5.672, usage: (r) => 16 + r() * 8, tags: { team: 'vision', project: 'detector-v3', environment: 'dev' } },
  { id: 'projects/ml-platform-4711/locations/us-central1/trainingPipelines/8812', name: 'vision-vertex-train', type: 'Custom Training Job',
    cloud: GCP, service: 'Vertex AI', category: 'AI and Machine Learning', sub: 'Machine Learning', sku: 'A100-40GB-GPU-running-Iowa',
    unit: 'Hours', price: 2.933, usage: (r) => 12 + r() * 8, tags: { team: 'vision', project: 'segmenter', environment: 'dev' } },
  { id: 'gs://acme-vision-datasets', name: 'acme-vision-datasets', type: 'Bucket',
    cloud: GCP, service: 'Cloud Storage', category: 'Storage', sub: 'Object Storage', sku: 'Standard-Storage-US-Multi-region',
    unit: 'GB-Month', price: 0.026 / 30, usage: (r, d) => 42000 + d * 150, tags: { team: 'vision', project: 'detector-v3', environment: 'prod' } },
  { id: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/recsys-ranker-staging', name: 'recsys-ranker-staging', type: 'SageMaker Endpoint',
    cloud: AWS, service: 'Amazon SageMaker', category: 'AI and Machine Learning', sub: 'Machine Learning', sku: 'USE1-Host:ml.g5.xlarge',
    unit: 'Hours', price: 1.408, usage: () => 24, tags: { team: 'recsys', project: 'ranker', environment: 'staging' } },
  { id: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/recsys-ranker-prod', name: 'recsys-ranker-prod', type: 'SageMaker Endpoint',
    cloud: AWS, service: 'Amazon SageMaker', category: 'AI and Machine Learning', sub: 'Machine Learning', sku: 'USE1-Host:ml.g5.xlarge',
    unit: 'Hours', price: 1.408, usage: () => 72, tags: { team: 'recsys', project: 'ranker', environment: 'prod' },
    work: { unit: 'GB', price: 0.016, usage: (r) => 900 + r() * 200, sku: 'USE1-Host:Data-Bytes-In' } },
  { id: 'i-0f9e8d7c6b5a40312', name: 'recsys-embeddings-g4dn', type: 'Instance',
    cloud: AWS, service: 'Amazon Elastic Compute Cloud', category: 'Compute', sub: 'Virtual Machines', sku: 'USE1-BoxUsage:g4dn.xlarge',
    unit: 'Hours', price: 0.526, usage: () => 24, tags: { team: 'recsys', project: 'embeddings', environment: 'prod' } },
  { id: 'projects/ml-platform-4711/locations/us-central1/endpoints/4471', name: 'platform-gemini-gateway', type: 'Endpoint',
    cloud: GCP, service: 'Vertex AI', category: 'AI and Machine Learning', sub: 'Generative AI', sku: 'Gemini-1.5-Pro-Input-Characters',
    unit: '1K Characters', price: 0.0003125, usage: (r) => 40000 + r() * 15000, tags: { team: 'platform', project: 'gateway', environment: 'prod', model: 'gemini-1.5-pro' } },
  { id: 'openai:org-acme-ml:proj_platform:text-embedding-3-large', name: 'text-embedding-3-large (platform)', type: 'Model',
    cloud: OPENAI, service: 'OpenAI API', category: 'AI and Machine Learning', sub: 'Generative AI', sku: 'text-embedding-3-large',
    unit: '1K Tokens', price: 0.00013, usage: (r) => 90000 + r() * 30000, tags: { team: 'platform', project: 'search', environment: 'prod', model: 'text-embedding-3-large' } },
  { id: 'arn:aws:s3:::acme-ml-artifacts', name: 'acme-ml-artifacts', type: 'Bucket',
    cloud: AWS, service: 'Amazon Simple Storage Service', category: 'Storage', sub: 'Object Storage', sku: 'USE1-TimedStorage-ByteHrs',
    unit: 'GB-Month', price: 0.023 / 30, usage: (r, d) => 65000 + d * 300, tags: { team: 'platform', project: 'registry', environment: 'prod' } },
  // Untagged: nobody owns these in the bill.
  { id: 'i-0c0ffee0ddba11000', name: 'gpu-scratch', type: 'Instance',
    cloud: AWS, service: 'Amazon Elastic Compute Cloud', category: 'Compute', sub: 'Virtual Machines', sku: 'USE1-BoxUsage:g5.xlarge',
    unit: 'Hours', price: 1.006, usage: (r, d) => (d > 40 ? 24 : 0), tags: {} },
  { id: 'arn:aws:s3:::tmp-notebooks-export', name: 'tmp-notebooks-export', type: 'Bucket',
    cloud: AWS, service: 'Amazon Simple Storage Service', category: 'Storage', sub: 'Object Storage', sku: 'USE1-TimedStorage-ByteHrs',
    unit: 'GB-Month', price: 0.023 / 30, usage: () => 18000, tags: { 'user:costcenter': '4410' } },
];

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function csvCell(value) {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function money(x) {
  return Number(x.toFixed(6));
}

/** The rows of one resource for one day: its billed usage and, for endpoints, the work they did. */
function rowsFor(res, copy, dayIndex, date, r) {
  const suffix = copy === 0 ? '' : `-${copy}`;
  const start = `${date}T00:00:00Z`;
  const end = `${isoDay(Date.parse(date) + 86400000)}T00:00:00Z`;
  const month = date.slice(0, 7);
  const periodStart = `${month}-01T00:00:00Z`;
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const lines = [];
  const line = (sku, unit, price, quantity) => {
    if (quantity <= 0) return;
    const list = money(quantity * price);
    const effective = res.cloud === AWS && unit === 'Hours' ? money(list * 0.92) : list; // a savings plan on AWS compute
    lines.push({
      BillingAccountId: res.cloud.account, BillingAccountName: res.cloud.accountName, BillingCurrency: 'USD',
      BillingPeriodStart: periodStart, BillingPeriodEnd: `${next}T00:00:00Z`, ChargePeriodStart: start, ChargePeriodEnd: end,
      ChargeCategory: 'Usage', ChargeClass: '', ChargeDescription: `${res.service} ${sku}`, ChargeFrequency: 'Usage-Based',
      BilledCost: effective, EffectiveCost: effective, ListCost: list, ContractedCost: effective, ListUnitPrice: Number(price.toFixed(8)),
      PricingCategory: effective === list ? 'Standard' : 'Committed', PricingQuantity: Number(quantity.toFixed(4)), PricingUnit: unit,
      ConsumedQuantity: Number(quantity.toFixed(4)), ConsumedUnit: unit, ProviderName: res.cloud.provider, PublisherName: res.cloud.provider,
      InvoiceIssuerName: res.cloud.provider, ServiceCategory: res.category, ServiceSubcategory: res.sub, ServiceName: res.service,
      ResourceId: `${res.id}${suffix}`, ResourceName: `${res.name}${suffix}`, ResourceType: res.type, RegionId: res.cloud.region,
      RegionName: res.cloud.regionName, SkuId: sku, SubAccountId: res.cloud.account, SubAccountName: res.cloud.accountName,
      Tags: JSON.stringify(res.tags),
    });
  };
  line(res.sku, res.unit, res.price, res.usage(r, dayIndex, date));
  if (res.work) line(res.work.sku, res.work.unit, res.work.price, res.work.usage(r, dayIndex, date));
  return lines;
}

/** Yields FOCUS rows (objects keyed by column) for `days` days ending on `end`. */
export function* sampleRows({ days = 90, end = '2026-11-25', scale = 1, seed = 20261125 } = {}) {
  const r = random(seed);
  const endMs = Date.parse(`${end}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    const date = isoDay(endMs - (days - 1 - d) * 86400000);
    for (let copy = 0; copy < scale; copy++) {
      for (const res of RESOURCES) yield* rowsFor(res, copy, d, date, r);
    }
  }
}

export function toCsv(rows) {
  const out = [COLUMNS.join(',')];
  for (const row of rows) out.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const out = resolve(args[0] && !args[0].startsWith('--') ? args[0] : `${root}/data/sample-spend.focus.csv.gz`);
  const csv = toCsv(sampleRows({ days: Number(opt('--days', 90)), end: opt('--end', '2026-11-25'), scale: Number(opt('--scale', 1)) }));
  mkdirSync(dirname(out), { recursive: true });
  // mtime 0 in the gzip header keeps the output identical run to run.
  writeFileSync(out, out.endsWith('.gz') ? gzipSync(csv, { level: 9 }) : csv);
  console.log(`wrote ${out} (${csv.split('\n').length - 2} rows)`);
}
