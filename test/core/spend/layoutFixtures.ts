import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The same charges written three ways: as FOCUS rows (what AWS's and Google's FOCUS exports
 * hold), as AWS Data Exports CUR 2.0 rows, and as Google Cloud Billing export rows. Each
 * layout is written from its own data dictionary (CUR 2.0: line item types, the Savings Plan
 * negation and recurring fee rows, `resource_tags` keys with `user_`; the billing export:
 * credits beside the gross cost, labels as key/value pairs, rows loaded into the next day's
 * ingestion partition). Two months of daily charges, with a spike for the anomaly view.
 */

const FIRST_DAY = Date.UTC(2026, 6, 1);
const DAYS = 62;

function day(i: number): string {
  return new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10);
}

/** A day's multiplier: a weekly wave, and three times the usual on 2026-08-20. */
function wave(i: number): number {
  return (day(i) === '2026-08-20' ? 3 : 1) * (1 + (i % 7) / 20);
}

type Row = Record<string, unknown>;

const FOCUS_HEADER = [
  'ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'ChargeCategory', 'BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity', 'ConsumedUnit',
  'BillingCurrency', 'ProviderName', 'ServiceName', 'RegionId', 'SubAccountId', 'SubAccountName', 'BillingAccountId', 'ResourceId', 'ResourceName',
  'CommitmentDiscountId', 'CommitmentDiscountStatus', 'Tags',
];

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function focusRow(d: string, r: Row): string {
  const end = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const full: Row = { ChargePeriodStart: `${d} 00:00:00`, ChargePeriodEnd: `${end} 00:00:00`, BillingPeriodStart: `${d.slice(0, 7)}-01 00:00:00`, BillingCurrency: 'USD', ...r };
  return FOCUS_HEADER.map((h) => csvCell(full[h])).join(',');
}

const round = (n: number) => Math.round(n * 100) / 100;

const AWS_ACCOUNTS = { prod: ['111122223333', 'ml-prod'], dev: ['444455556666', 'ml-dev'] } as const;
const PAYER = ['999988887777', 'org-payer'] as const;
const SP_ARN = 'arn:aws:savingsplans::999988887777:savingsplan/3e1f5f4c-sp-compute';
const ENDPOINT_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/chat-assistant';

/** One AWS charge in both layouts: its CUR 2.0 rows and its FOCUS rows. */
function awsCharges(i: number): { cur: Row[]; focus: Row[] } {
  const d = day(i);
  const cur: Row[] = [];
  const focus: Row[] = [];
  const base = (account: keyof typeof AWS_ACCOUNTS, code: string, name: string, type: string): Row => ({
    line_item_usage_start_date: `${d} 00:00:00`, line_item_line_item_type: type, line_item_product_code: code, product: { product_name: name, region: 'us-east-1' },
    product_region_code: 'us-east-1', line_item_usage_account_id: AWS_ACCOUNTS[account][0], line_item_usage_account_name: AWS_ACCOUNTS[account][1],
    bill_payer_account_id: PAYER[0], bill_payer_account_name: PAYER[1], line_item_currency_code: 'USD', billing_period: d.slice(0, 7),
  });
  const focusBase = (account: keyof typeof AWS_ACCOUNTS, name: string): Row => ({
    ProviderName: 'AWS', ServiceName: name, RegionId: 'us-east-1', SubAccountId: AWS_ACCOUNTS[account][0], SubAccountName: AWS_ACCOUNTS[account][1], BillingAccountId: PAYER[0],
  });
  // GPU instances on demand, with an enterprise discount: net unblended is 90 % of unblended.
  const gpu = round(24 * 32 * wave(i));
  cur.push({ ...base('prod', 'AmazonEC2', 'Amazon Elastic Compute Cloud', 'Usage'), line_item_resource_id: 'i-0a1b2c3d4e5f6a7b8', line_item_usage_amount: 24, pricing_unit: 'Hrs',
    line_item_unblended_cost: gpu, line_item_net_unblended_cost: round(gpu * 0.9), pricing_public_on_demand_cost: gpu, resource_tags: { user_team: 'nlp', user_project: 'summarizer', user_cost_center: 'ml-research' } });
  focus.push({ ...focusBase('prod', 'Amazon Elastic Compute Cloud'), ChargeCategory: 'Usage', ResourceId: 'i-0a1b2c3d4e5f6a7b8', ConsumedQuantity: 24, ConsumedUnit: 'Hrs',
    BilledCost: round(gpu * 0.9), EffectiveCost: round(gpu * 0.9), ListCost: gpu, Tags: { 'user:team': 'nlp', 'user:project': 'summarizer', 'user:cost-center': 'ml-research' } });
  // A SageMaker endpoint covered by a Compute Savings Plan: the covered row, its negation, and the plan's daily fee.
  cur.push({ ...base('prod', 'AmazonSageMaker', 'Amazon SageMaker', 'SavingsPlanCoveredUsage'), line_item_resource_id: ENDPOINT_ARN, line_item_usage_amount: 24, pricing_unit: 'Hrs',
    line_item_unblended_cost: 240, pricing_public_on_demand_cost: 240, savings_plan_savings_plan_a_r_n: SP_ARN, savings_plan_savings_plan_effective_cost: '168', resource_tags: { user_team: 'vision' } });
  cur.push({ ...base('prod', 'AmazonSageMaker', 'Amazon SageMaker', 'SavingsPlanNegation'), line_item_resource_id: ENDPOINT_ARN, line_item_usage_amount: 24, pricing_unit: 'Hrs',
    line_item_unblended_cost: -240, pricing_public_on_demand_cost: 0, savings_plan_savings_plan_a_r_n: SP_ARN, resource_tags: { user_team: 'vision' } });
  cur.push({ ...base('dev', 'ComputeSavingsPlans', 'Savings Plans for AWS Compute usage', 'SavingsPlanRecurringFee'), line_item_resource_id: SP_ARN, line_item_usage_amount: 24, pricing_unit: 'Hrs',
    line_item_unblended_cost: 200, pricing_public_on_demand_cost: 0, savings_plan_savings_plan_a_r_n: SP_ARN, savings_plan_total_commitment_to_date: '200', savings_plan_used_commitment: '168', resource_tags: {} });
  focus.push({ ...focusBase('prod', 'Amazon SageMaker'), ChargeCategory: 'Usage', ResourceId: ENDPOINT_ARN, ConsumedQuantity: 24, ConsumedUnit: 'Hrs', BilledCost: 240, EffectiveCost: 168, ListCost: 240,
    CommitmentDiscountId: SP_ARN, CommitmentDiscountStatus: 'Used', Tags: { 'user:team': 'vision' } });
  focus.push({ ...focusBase('prod', 'Amazon SageMaker'), ChargeCategory: 'Usage', ResourceId: ENDPOINT_ARN, ConsumedUnit: 'Hrs', BilledCost: -240, EffectiveCost: 0, ListCost: 0,
    CommitmentDiscountId: SP_ARN, Tags: { 'user:team': 'vision' } });
  focus.push({ ...focusBase('dev', 'Savings Plans for AWS Compute usage'), ChargeCategory: 'Purchase', ResourceId: SP_ARN, ConsumedUnit: 'Hrs', BilledCost: 200, EffectiveCost: 32, ListCost: 0,
    CommitmentDiscountId: SP_ARN, CommitmentDiscountStatus: 'Unused' });
  // Bedrock tokens in the dev account, and untagged S3 storage.
  const tokens = round(1500 * wave(i));
  cur.push({ ...base('dev', 'AmazonBedrock', 'Amazon Bedrock', 'Usage'), line_item_resource_id: '', line_item_usage_amount: tokens, pricing_unit: '1K tokens',
    line_item_unblended_cost: round(tokens * 0.003), pricing_public_on_demand_cost: round(tokens * 0.003), resource_tags: { user_team: 'nlp', user_project: 'chat' } });
  focus.push({ ...focusBase('dev', 'Amazon Bedrock'), ChargeCategory: 'Usage', ConsumedQuantity: tokens, ConsumedUnit: '1K tokens', BilledCost: round(tokens * 0.003),
    EffectiveCost: round(tokens * 0.003), ListCost: round(tokens * 0.003), Tags: { 'user:team': 'nlp', 'user:project': 'chat' } });
  cur.push({ ...base('dev', 'AmazonS3', 'Amazon Simple Storage Service', 'Usage'), line_item_resource_id: 'training-data-bucket', line_item_usage_amount: 100, pricing_unit: 'GB-Mo',
    line_item_unblended_cost: 2.3, pricing_public_on_demand_cost: 2.3 });
  focus.push({ ...focusBase('dev', 'Amazon Simple Storage Service'), ChargeCategory: 'Usage', ResourceId: 'training-data-bucket', ConsumedQuantity: 100, ConsumedUnit: 'GB-Mo',
    BilledCost: 2.3, EffectiveCost: 2.3, ListCost: 2.3 });
  // Tax on the first of each month; a credit in mid-August.
  if (d.endsWith('-01')) {
    cur.push({ ...base('prod', 'AmazonEC2', 'Amazon Elastic Compute Cloud', 'Tax'), line_item_unblended_cost: 50, pricing_public_on_demand_cost: 0 });
    focus.push({ ...focusBase('prod', 'Amazon Elastic Compute Cloud'), ChargeCategory: 'Tax', BilledCost: 50, EffectiveCost: 50, ListCost: 0 });
  }
  if (d === '2026-08-15') {
    cur.push({ ...base('prod', 'AmazonEC2', 'Amazon Elastic Compute Cloud', 'Credit'), line_item_unblended_cost: -25, pricing_public_on_demand_cost: 0 });
    focus.push({ ...focusBase('prod', 'Amazon Elastic Compute Cloud'), ChargeCategory: 'Credit', BilledCost: -25, EffectiveCost: -25, ListCost: 0 });
  }
  return { cur, focus };
}

const GCP_ACCOUNT = '01A2B3-C4D5E6-F7A8B9';

/** One Google Cloud charge in both layouts: its billing export rows and its FOCUS rows. */
function gcpCharges(i: number): { export: Row[]; focus: Row[] } {
  const d = day(i);
  const loaded = `${day(i + 1)} 00:00:00`;
  const rows: Row[] = [];
  const focus: Row[] = [];
  const base = (service: string, sku: string, project: [string, string], region: string): Row => ({
    billing_account_id: GCP_ACCOUNT, service: { id: service.slice(0, 4).toUpperCase(), description: service }, sku: { id: 'SKU', description: sku },
    usage_start_time: `${d} 00:00:00`, usage_end_time: `${day(i + 1)} 00:00:00`, project: { id: project[0], name: project[1] }, location: { location: region, region },
    currency: 'USD', cost_type: 'regular', invoice: { month: d.slice(0, 7).replace('-', '') }, credits: [], labels: [], _PARTITIONTIME: loaded,
  });
  const focusBase = (service: string, project: [string, string], region: string): Row => ({
    ProviderName: 'Google Cloud', ServiceName: service, RegionId: region, SubAccountId: project[0], SubAccountName: project[1], BillingAccountId: GCP_ACCOUNT,
  });
  const vision: [string, string] = ['vision-prod', 'Vision Prod'];
  const nlp: [string, string] = ['nlp-prod', 'NLP Prod'];
  const gpu = round(70 * wave(i));
  const gpuName = 'gpu-trainer-1';
  const gpuId = `//compute.googleapis.com/projects/vision-prod/zones/us-central1-a/instances/${gpuName}`;
  rows.push({ ...base('Compute Engine', 'Nvidia Tesla A100 GPU running in Americas', vision, 'us-central1'), cost: gpu, cost_at_list: gpu,
    credits: [{ name: 'Sustained Usage Discount', amount: -round(gpu / 10), type: 'SUSTAINED_USAGE_DISCOUNT' }],
    usage: { amount: 86_400, unit: 'seconds' }, resource: { name: gpuName, global_name: gpuId }, labels: [{ key: 'team', value: 'vision' }, { key: 'project', value: 'detector' }] });
  focus.push({ ...focusBase('Compute Engine', vision, 'us-central1'), ChargeCategory: 'Usage', BilledCost: round(gpu - round(gpu / 10)), EffectiveCost: round(gpu - round(gpu / 10)), ListCost: gpu,
    ConsumedQuantity: 86_400, ConsumedUnit: 'seconds', ResourceId: gpuId, ResourceName: gpuName, Tags: { team: 'vision', project: 'detector' } });
  rows.push({ ...base('Vertex AI', 'Gemini online prediction requests', nlp, 'europe-west4'), cost: 12, cost_at_list: 12, usage: { amount: 40_000, unit: 'requests' },
    labels: [{ key: 'team', value: 'nlp' }, { key: 'project', value: 'chat' }, { key: 'cost-center', value: 'ml-research' }] });
  focus.push({ ...focusBase('Vertex AI', nlp, 'europe-west4'), ChargeCategory: 'Usage', BilledCost: 12, EffectiveCost: 12, ListCost: 12, ConsumedQuantity: 40_000, ConsumedUnit: 'requests',
    Tags: { team: 'nlp', project: 'chat', 'cost-center': 'ml-research' } });
  rows.push({ ...base('BigQuery', 'Analysis', nlp, 'us'), cost: 3, cost_at_list: 3, credits: [{ name: 'Free tier', amount: -1, type: 'FREE_TIER' }], usage: { amount: 5e11, unit: 'bytes' } });
  focus.push({ ...focusBase('BigQuery', nlp, 'us'), ChargeCategory: 'Usage', BilledCost: 2, EffectiveCost: 2, ListCost: 3, ConsumedQuantity: 5e11, ConsumedUnit: 'bytes' });
  rows.push({ ...base('Compute Engine', 'Commitment v1: A2 GPU in Americas for 1 Year', vision, 'us-central1'), cost: 10, cost_at_list: 10, usage: { amount: 86_400, unit: 'seconds' } });
  focus.push({ ...focusBase('Compute Engine', vision, 'us-central1'), ChargeCategory: 'Purchase', BilledCost: 10, EffectiveCost: 10, ListCost: 10, ConsumedQuantity: 86_400, ConsumedUnit: 'seconds' });
  if (d.endsWith('-01')) {
    rows.push({ ...base('Invoice', 'Tax', vision, 'us-central1'), cost_type: 'tax', cost: 20, cost_at_list: 0 });
    focus.push({ ...focusBase('Invoice', vision, 'us-central1'), ChargeCategory: 'Tax', BilledCost: 20, EffectiveCost: 20, ListCost: 0 });
  }
  if (d === '2026-07-31') {
    // A correction for July, loaded into a partition days later.
    rows.push({ ...base('Compute Engine', 'Nvidia Tesla A100 GPU running in Americas', vision, 'us-central1'), cost_type: 'adjustment', cost: -4, cost_at_list: 0, _PARTITIONTIME: '2026-08-05 00:00:00',
      labels: [{ key: 'team', value: 'vision' }] });
    focus.push({ ...focusBase('Compute Engine', vision, 'us-central1'), ChargeCategory: 'Adjustment', BilledCost: -4, EffectiveCost: -4, ListCost: 0, Tags: { team: 'vision' } });
  }
  return { export: rows, focus };
}

export interface LayoutFixtures {
  dir: string;
  /** FOCUS CSVs of the AWS and the Google Cloud charges. */
  awsFocus: string;
  gcpFocus: string;
  /** The same charges as CUR 2.0 and billing export rows, one JSON object a line. */
  cur2: string;
  billingExport: string;
}

/** Writes the four files into a new temporary folder. */
export function writeLayoutFixtures(): LayoutFixtures {
  const dir = mkdtempSync(path.join(tmpdir(), 'ai-finops-layouts-'));
  const aws = Array.from({ length: DAYS }, (_, i) => awsCharges(i));
  const gcp = Array.from({ length: DAYS }, (_, i) => gcpCharges(i));
  const files = {
    dir,
    awsFocus: path.join(dir, 'aws.focus.csv'),
    gcpFocus: path.join(dir, 'gcp.focus.csv'),
    cur2: path.join(dir, 'cur2.ndjson'),
    billingExport: path.join(dir, 'billing-export.ndjson'),
  };
  const focusCsv = (charges: { focus: Row[] }[]) =>
    [FOCUS_HEADER.join(','), ...charges.flatMap((c, i) => c.focus.map((r) => focusRow(day(i), r)))].join('\n') + '\n';
  writeFileSync(files.awsFocus, focusCsv(aws));
  writeFileSync(files.gcpFocus, focusCsv(gcp));
  writeFileSync(files.cur2, aws.flatMap((c) => c.cur.map((r) => JSON.stringify(r))).join('\n') + '\n');
  writeFileSync(files.billingExport, gcp.flatMap((c) => c.export.map((r) => JSON.stringify(r))).join('\n') + '\n');
  return files;
}
