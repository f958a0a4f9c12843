#!/usr/bin/env node
/**
 * Builds data/price-catalog.json (the `CatalogData` of src/core/catalog/types.ts)
 * from the sourced CSV tables in the shared data folder.
 *
 *   node scripts/build-catalog.mjs [--data DIR] [--out FILE] [--built-at YYYY-MM-DD] [--check]
 *
 * --data      folder with gpu-instances.csv, sagemaker-instances.csv, accelerators.csv
 *             (default ../shared/data from the repo root, where CI mounts it)
 * --cpu       the CPU instance table (default data/sources/cpu-instances.csv in this repo;
 *             its provenance is in data/sources/README.md)
 * --out       output file (default data/price-catalog.json)
 * --built-at  date to stamp as meta.builtAt (default today, UTC); lets a test rebuild
 *             the committed file byte for byte
 * --check     write nothing; exit 1 when the output file differs from a fresh build
 *             (builtAt is taken from the existing file so only data changes count)
 *
 * The data README is the contract: every unknown column or `source` tag is an error,
 * so a change upstream is noticed here rather than silently mis-priced.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const GPU_COLUMNS = [
  'cloud', 'region', 'instance_type', 'accelerator', 'accelerator_count', 'accelerator_memory_gib',
  'vcpus', 'memory_gib', 'on_demand_usd_per_hour', 'spot_usd_per_hour', 'source', 'source_date',
];
const CPU_COLUMNS = [
  'cloud', 'region', 'instance_type', 'vcpus', 'memory_gib', 'on_demand_usd_per_hour', 'spot_usd_per_hour', 'source', 'source_date',
];
const SAGEMAKER_COLUMNS = ['region', 'instance_type', 'component', 'on_demand_usd_per_hour', 'source', 'source_date'];
const ACCELERATOR_COLUMNS = [
  'accelerator', 'vendor', 'memory_gib', 'peak_bf16_dense_tflops', 'peak_fp16_dense_tflops',
  'peak_fp8_dense_tflops', 'notes', 'source',
];

const CLOUDS = ['aws', 'gcp', 'azure', 'lambda'];
const SERVICE = { aws: 'ec2', gcp: 'compute-engine', azure: 'virtual-machines', lambda: 'lambda-cloud' };
const COMPONENTS = ['hosting', 'training', 'notebook', 'processing', 'unspecified'];
const KIND_TAGS = { 'vm-only': 'vm-only', 'accelerator-only': 'accelerator-only', combined: 'instance', tpu: 'tpu' };

/**
 * Tags that qualify a row's data rather than its kind. They travel with the offer as
 * `dataNotes` so a hover can say why a number looks the way it does.
 */
const NOTE_TAGS = {
  corrected: (arg) => `corrected from the source: ${arg}`,
  spot_blanked: () => 'spot left blank: the source gave a spot price equal to on-demand',
  region_inferred: () => 'region inferred (the source does not state it)',
  component_inferred: () => 'SageMaker component inferred as hosting (the source prices endpoints)',
  region_and_component_not_stated: () => 'the source states neither region nor SageMaker component',
};
const COMBINED_NOTE = 'VM and GPU prices summed by the catalog builder (GCP bills GPUs separately)';

/** Short labels for `priceSource`, keyed by the start of a source ref. */
const SOURCE_LABELS = [
  ['aws/karpenter-provider-aws:', 'Karpenter AWS on-demand price table, us-east-1'],
  ['cloudpilot-ai/karpenter-provider-gcp:', 'Karpenter GCP provider price table'],
  ['Azure/karpenter-provider-azure:', 'Karpenter Azure on-demand price table'],
  ['skypilot-org/skypilot-catalog:catalogs/v6/azure/', 'SkyPilot Azure catalog snapshot, older, US regions only'],
  ['skypilot-org/skypilot-catalog:', 'SkyPilot catalog snapshot'],
  ['aws-samples/foundation-model-benchmarking-tool:', 'FMBench SageMaker price table, weakly sourced'],
  ['goerlitz/nlp-classification:', 'public SageMaker price table, region and component not stated'],
];

const DEFAULT_REGIONS = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus', lambda: 'us-east-1' };

// ---------------------------------------------------------------------------
// CSV

/** RFC 4180 parser: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < body.length) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      field += ch; i += 1; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i += 1; continue; }
    if (ch === ',') { row.push(field); field = ''; i += 1; continue; }
    if (ch === '\r' && body[i + 1] === '\n') { i += 1; continue; }
    if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; continue; }
    field += ch; i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Rows as objects keyed by header, refusing files whose header is not the documented one. */
function readTable(dir, file, columns) {
  return readTableAt(join(dir, file), columns);
}

function readTableAt(path, columns) {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header || header.join(',') !== columns.join(',')) {
    throw new Error(`${path}: header is not ${columns.join(',')}`);
  }
  return rows
    .filter((cells) => !(cells.length === 1 && cells[0] === ''))
    .map((cells, i) => {
      if (cells.length !== columns.length) {
        throw new Error(`${path}:${i + 2}: ${cells.length} fields, expected ${columns.length}`);
      }
      return Object.fromEntries(columns.map((c, j) => [c, cells[j].trim()]));
    });
}

// ---------------------------------------------------------------------------
// Cell conversion

function optionalNumber(value, where) {
  if (value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${where}: not a number: ${value}`);
  return n;
}

/** A price is either absent (null, shown as "no price") or strictly positive: a 0 would read as free. */
function price(value, where) {
  const n = optionalNumber(value, where);
  if (n === undefined) return null;
  if (n <= 0) throw new Error(`${where}: price must be positive, got ${value}`);
  return n;
}

/** Splits `ref+tag+tag(arg)` into the plain ref and its tags. */
export function splitSource(source, where) {
  const plus = source.indexOf('+');
  const ref = plus < 0 ? source : source.slice(0, plus);
  const rest = plus < 0 ? '' : source.slice(plus);
  const tags = [];
  const tagPattern = /\+([a-z_-]+)(?:\(([^)]*)\))?/gy;
  let consumed = 0;
  for (let m = tagPattern.exec(rest); m; m = tagPattern.exec(rest)) {
    tags.push({ name: m[1], arg: m[2] ?? '' });
    consumed = tagPattern.lastIndex;
  }
  if (consumed !== rest.length) throw new Error(`${where}: cannot read source tags in ${source}`);
  if (ref === '') throw new Error(`${where}: empty source`);
  return { ref, tags };
}

function retrievedDate(sourceDate, where) {
  const m = /retrieved (\d{4}-\d{2}-\d{2})/.exec(sourceDate);
  if (!m) throw new Error(`${where}: source_date lacks "retrieved YYYY-MM-DD": ${sourceDate}`);
  return m[1];
}

// ---------------------------------------------------------------------------
// Sources

function sourceRegistry() {
  const byKey = new Map();
  const list = [];
  return {
    list,
    indexOf(ref, date) {
      const key = `${ref}\u0000${date}`;
      if (!byKey.has(key)) {
        const match = SOURCE_LABELS.find(([prefix]) => ref.startsWith(prefix));
        list.push({ ref, date, label: match ? match[1] : ref.split(':')[0] });
        byKey.set(key, list.length - 1);
      }
      return byKey.get(key);
    },
  };
}

/** Re-numbers sources in sorted order so the indices do not depend on CSV row order. */
function sortSources(sources, offers) {
  const order = sources.map((s, i) => ({ s, i })).sort((a, b) => compare(a.s.ref, b.s.ref) || compare(a.s.date, b.s.date));
  const remap = new Map(order.map(({ i }, j) => [i, j]));
  for (const offer of offers) offer.source = remap.get(offer.source);
  return order.map(({ s }) => s);
}

// ---------------------------------------------------------------------------
// Rows to offers

function kindOf(cloud, tags, where) {
  const kinds = tags.filter((t) => t.name in KIND_TAGS).map((t) => KIND_TAGS[t.name]);
  for (const t of tags) {
    if (!(t.name in KIND_TAGS) && !(t.name in NOTE_TAGS)) throw new Error(`${where}: unknown source tag +${t.name}`);
  }
  if (kinds.length > 1) throw new Error(`${where}: several kind tags`);
  if (cloud === 'gcp' && kinds.length === 0) throw new Error(`${where}: GCP row without a kind tag`);
  return kinds[0] ?? 'instance';
}

function dataNotes(tags) {
  const notes = tags.filter((t) => t.name in NOTE_TAGS).map((t) => NOTE_TAGS[t.name](t.arg));
  if (tags.some((t) => t.name === 'combined')) notes.push(COMBINED_NOTE);
  return notes;
}

/** Builds an offer with a fixed key order and no undefined keys, for byte-stable JSON. */
function offer(fields) {
  const out = {};
  for (const key of [
    'cloud', 'service', 'kind', 'region', 'instanceType', 'accelerator', 'vcpus', 'memoryGib',
    'onDemandUsdPerHour', 'spotUsdPerHour', 'component', 'dataNotes', 'source',
  ]) {
    const value = fields[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

function gpuOffer(row, line, sources) {
  const where = `gpu-instances.csv:${line}`;
  if (!CLOUDS.includes(row.cloud)) throw new Error(`${where}: unknown cloud ${row.cloud}`);
  const { ref, tags } = splitSource(row.source, where);
  const kind = kindOf(row.cloud, tags, where);
  if ((kind === 'accelerator-only') !== (row.instance_type === '')) {
    throw new Error(`${where}: instance_type must be empty exactly on accelerator-only rows`);
  }
  const count = optionalNumber(row.accelerator_count, where);
  if ((row.accelerator === '') !== (count === undefined)) throw new Error(`${where}: accelerator without count or vice versa`);
  const accelerator = row.accelerator === '' ? undefined : {
    name: row.accelerator,
    count,
    ...(row.accelerator_memory_gib === '' ? {} : { memoryGib: optionalNumber(row.accelerator_memory_gib, where) }),
  };
  return offer({
    cloud: row.cloud,
    service: SERVICE[row.cloud],
    kind,
    region: row.region,
    instanceType: row.instance_type,
    accelerator,
    vcpus: optionalNumber(row.vcpus, where),
    memoryGib: optionalNumber(row.memory_gib, where),
    onDemandUsdPerHour: price(row.on_demand_usd_per_hour, where),
    spotUsdPerHour: price(row.spot_usd_per_hour, where),
    dataNotes: dataNotes(tags),
    source: sources.indexOf(ref, row.source_date),
  });
}

/** A CPU-only instance: the whole machine's price, no accelerator. */
function cpuOffer(row, line, sources) {
  const where = `cpu-instances.csv:${line}`;
  if (!['aws', 'gcp', 'azure'].includes(row.cloud)) throw new Error(`${where}: unknown cloud ${row.cloud}`);
  const { ref, tags } = splitSource(row.source, where);
  if (tags.length > 0) throw new Error(`${where}: CPU rows take no source tags`);
  return offer({
    cloud: row.cloud,
    service: SERVICE[row.cloud],
    kind: 'instance',
    region: row.region,
    instanceType: row.instance_type,
    vcpus: optionalNumber(row.vcpus, where),
    memoryGib: optionalNumber(row.memory_gib, where),
    onDemandUsdPerHour: price(row.on_demand_usd_per_hour, where),
    spotUsdPerHour: price(row.spot_usd_per_hour, where),
    source: sources.indexOf(ref, row.source_date),
  });
}

function sageMakerOffer(row, line, sources) {
  const where = `sagemaker-instances.csv:${line}`;
  if (!row.instance_type.startsWith('ml.')) throw new Error(`${where}: not an ml.* type: ${row.instance_type}`);
  if (!COMPONENTS.includes(row.component)) throw new Error(`${where}: unknown component ${row.component}`);
  const { ref, tags } = splitSource(row.source, where);
  for (const t of tags) if (!(t.name in NOTE_TAGS)) throw new Error(`${where}: unexpected source tag +${t.name}`);
  return offer({
    cloud: 'aws',
    service: 'sagemaker',
    kind: 'instance',
    region: row.region,
    instanceType: row.instance_type,
    onDemandUsdPerHour: price(row.on_demand_usd_per_hour, where),
    // The SageMaker tables carry no spot column; SageMaker managed spot is training-only anyway.
    spotUsdPerHour: null,
    component: row.component,
    dataNotes: dataNotes(tags),
    source: sources.indexOf(ref, row.source_date),
  });
}

function acceleratorSpec(row, line) {
  const where = `accelerators.csv:${line}`;
  const nullable = (v) => optionalNumber(v, where) ?? null;
  return {
    name: row.accelerator,
    vendor: row.vendor,
    memoryGib: nullable(row.memory_gib),
    peakBf16DenseTflops: nullable(row.peak_bf16_dense_tflops),
    peakFp16DenseTflops: nullable(row.peak_fp16_dense_tflops),
    peakFp8DenseTflops: nullable(row.peak_fp8_dense_tflops),
  };
}

// ---------------------------------------------------------------------------
// Ordering

/** Code-unit comparison: locale-independent, so every machine sorts alike. */
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOffers(a, b) {
  return compare(a.cloud, b.cloud)
    || compare(a.service, b.service)
    || compare(a.instanceType, b.instanceType)
    || compare(a.kind, b.kind)
    || compare(a.accelerator?.name ?? '', b.accelerator?.name ?? '')
    || (a.accelerator?.count ?? 0) - (b.accelerator?.count ?? 0)
    || compare(a.region, b.region)
    || compare(a.component ?? '', b.component ?? '')
    || a.source - b.source;
}

// ---------------------------------------------------------------------------
// Catalog

function caveats(retrievedAt) {
  return [
    `Data date unknown: the sources are snapshots identified by commit only, retrieved ${retrievedAt}. Re-check before relying on a price.`,
    'List prices only: storage, egress, sustained/committed-use discounts, Savings Plans, reservations and capacity blocks are not included.',
    "AWS spot is the minimum across the region's availability zones at fetch time (Local Zones excluded); one zone can dominate, e.g. p4d.24xlarge in us-east-1.",
    'SageMaker prices are weakly sourced: hosting (endpoint) prices only, region us-east-1 inferred, some possibly outdated; no training, notebook or processing prices.',
    'Azure GPU prices come from an older SkyPilot v6 snapshot that covers US regions only.',
    'GCP bills GPUs apart from the VM; rows of kind "instance" for GCP GPU machine types are VM + GPU sums computed for this catalog.',
    'CPU instances (main general-purpose, compute- and memory-optimised families) come from the price tables Karpenter providers ship: AWS us-east-1, GCP us-central1, us-east4, us-east1, us-west1, europe-west1, europe-west4 and asia-southeast1, Azure eastus, westus2, eastus2, centralus, westeurope and northeurope; AWS us-west-2 and eu-west-1 rows for the most used families come from the SkyPilot v8 AWS catalog. A CPU type without a row in the requested region falls back to the default region, with a note. Linux on-demand (and GCP spot); vCPU and memory figures for the AWS types only.',
  ];
}

function checkUnique(offers) {
  const seen = new Set();
  for (const o of offers) {
    const key = [o.cloud, o.service, o.kind, o.region, o.instanceType, o.accelerator?.name, o.accelerator?.count, o.component].join('|');
    if (seen.has(key)) throw new Error(`duplicate offer ${key}`);
    seen.add(key);
  }
}

export const DEFAULT_CPU_TABLE = join(REPO_ROOT, 'data', 'sources', 'cpu-instances.csv');

export function buildCatalog(dataDir, builtAt, cpuTable = DEFAULT_CPU_TABLE) {
  const gpuRows = readTable(dataDir, 'gpu-instances.csv', GPU_COLUMNS);
  const cpuRows = readTableAt(cpuTable, CPU_COLUMNS);
  const smRows = readTable(dataDir, 'sagemaker-instances.csv', SAGEMAKER_COLUMNS);
  const accRows = readTable(dataDir, 'accelerators.csv', ACCELERATOR_COLUMNS);

  const sources = sourceRegistry();
  const offers = [
    ...gpuRows.map((row, i) => gpuOffer(row, i + 2, sources)),
    ...smRows.map((row, i) => sageMakerOffer(row, i + 2, sources)),
    ...cpuRows.map((row, i) => cpuOffer(row, i + 2, sources)),
  ];
  checkUnique(offers);
  const sortedSources = sortSources(sources.list, offers);
  offers.sort(compareOffers);

  const dates = [...gpuRows.map((r, i) => retrievedDate(r.source_date, `gpu-instances.csv:${i + 2}`)),
    ...smRows.map((r, i) => retrievedDate(r.source_date, `sagemaker-instances.csv:${i + 2}`))];
  // The newest retrieval date of the GPU and SageMaker tables, which carry most figures; the CPU
  // tables state their own dates in their sources.
  const retrievedAt = dates.sort().at(-1);

  const accelerators = accRows.map((row, i) => acceleratorSpec(row, i + 2)).sort((a, b) => compare(a.name, b.name));
  return {
    meta: {
      schemaVersion: 1,
      builtAt,
      retrievedAt,
      caveats: caveats(retrievedAt),
      sources: sortedSources,
      defaultRegions: DEFAULT_REGIONS,
    },
    offers,
    accelerators,
  };
}

/** Pretty JSON, but one offer per line: thousands of rows stay small and diff row by row. */
export function serialize(catalog) {
  const nested = (value) => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
  const offers = catalog.offers.map((o) => `    ${JSON.stringify(o)}`).join(',\n');
  return `{\n  "meta": ${nested(catalog.meta)},\n  "offers": [\n${offers}\n  ],\n  "accelerators": ${nested(catalog.accelerators)}\n}\n`;
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const args = { data: join(REPO_ROOT, '..', 'shared', 'data'), cpu: DEFAULT_CPU_TABLE, out: join(REPO_ROOT, 'data', 'price-catalog.json'), builtAt: undefined, check: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      i += 1;
      return v;
    };
    if (flag === '--data') args.data = resolve(value());
    else if (flag === '--cpu') args.cpu = resolve(value());
    else if (flag === '--out') args.out = resolve(value());
    else if (flag === '--built-at') args.builtAt = value();
    else if (flag === '--check') args.check = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (args.builtAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.builtAt)) throw new Error('--built-at must be YYYY-MM-DD');
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.check) {
    const current = existsSync(args.out) ? readFileSync(args.out, 'utf8') : '';
    const builtAt = current ? JSON.parse(current).meta.builtAt : new Date().toISOString().slice(0, 10);
    const fresh = serialize(buildCatalog(args.data, args.builtAt ?? builtAt, args.cpu));
    if (fresh !== current) {
      console.error(`${args.out} is out of date; run npm run build:catalog`);
      process.exit(1);
    }
    console.log(`${args.out} is up to date`);
    return;
  }
  const catalog = buildCatalog(args.data, args.builtAt ?? new Date().toISOString().slice(0, 10), args.cpu);
  const text = serialize(catalog);
  writeFileSync(args.out, text);
  console.log(`wrote ${args.out}: ${catalog.offers.length} offers, ${catalog.accelerators.length} accelerators, ` +
    `${catalog.meta.sources.length} sources, ${Buffer.byteLength(text)} bytes`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`build-catalog: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
