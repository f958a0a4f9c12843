import * as path from 'node:path';
import type { SpendSection } from '../config/sections/spend';
import { FocusBackend } from './focus/focusBackend';
import { DEFAULT_TAG_KEYS, type TagKeys } from './focus/focusSql';
import { CostExplorerBackend } from './remote/costExplorerBackend';
import { HttpBackend } from './remote/httpBackend';
import { OpenCostBackend } from './remote/openCostBackend';
import { sampleBackend } from './sampleData';
import { AthenaEngine } from './warehouse/athenaEngine';
import { BigQueryEngine } from './warehouse/bigQueryEngine';
import { WarehouseBackend } from './warehouse/warehouseBackend';
import { SpendSourceError, type SourceKind, type SpendBackend, type TableLayout } from './types';

/** A source fully described: the `.finops.yml` section or settings, plus what only the host knows. */
export interface SourceConfig extends SpendSection {
  /** Folder that relative paths are resolved against (the workspace or the CLI's cwd). */
  baseDir: string;
  /** Bearer token for `http`, from SecretStorage or the environment, never from a file. */
  token?: string;
  /** Deadline of each request to a network source; 30 s when absent. */
  timeoutMs?: number;
}

/** What a warehouse query may scan when the config says nothing: 10 GB, cents at on-demand rates. */
export const DEFAULT_MAX_SCAN_GIGABYTES = 10;

function maxBytes(config: SourceConfig): number {
  return Math.round((config.maxScanGigabytes ?? DEFAULT_MAX_SCAN_GIGABYTES) * 1e9);
}

/** The layout a warehouse source reads its table in; each engine knows FOCUS and its own provider's export. */
function layoutOf<L extends TableLayout>(kind: SourceKind, config: SourceConfig, allowed: readonly L[]): L {
  const layout = config.layout ?? 'focus';
  if (!(allowed as readonly string[]).includes(layout)) throw new SpendSourceError(`the ${kind} source reads a table in the ${allowed.join(' or ')} layout, not ${layout}`);
  return layout as L;
}

function tableOf(kind: SourceKind, config: SourceConfig, shape: string): string {
  if (!config.table) throw new SpendSourceError(`the ${kind} source needs a table (${shape})`);
  return config.table;
}

/** The source a config names: the bundled sample when none is configured. */
export function sourceKind(config: Pick<SourceConfig, 'source' | 'path' | 'url'>): SourceKind {
  return config.source ?? 'sample';
}

/** What the host needs to know of a source kind, and how to make its backend. */
export interface SourceDescriptor {
  /** It calls a network endpoint, which an untrusted workspace may not choose. */
  network: boolean;
  create(config: SourceConfig): SpendBackend;
}

/**
 * Every spend source, one entry per kind. `SOURCE_KINDS` (types.ts) stays a bare list for the
 * bundles that parse settings and `.finops.yml` without loading backends; the Record type
 * makes the compiler hold the two to the same kinds, and a test holds package.json's
 * setting, the schema and the CLI usage to them.
 */
export const SPEND_SOURCES: Record<SourceKind, SourceDescriptor> = {
  sample: { network: false, create: (c) => sampleBackend(tagKeysOf(c)) },
  focus: {
    network: false,
    create: (c) => {
      if (!c.path) throw new SpendSourceError('the focus source needs a path (a file, folder or glob of FOCUS exports)');
      return new FocusBackend({ path: path.resolve(c.baseDir, c.path), tagKeys: tagKeysOf(c) });
    },
  },
  opencost: { network: true, create: (c) => new OpenCostBackend({ url: httpUrl('opencost', c), teamAggregate: c.aggregate, timeoutMs: c.timeoutMs }) },
  'aws-cost-explorer': {
    network: true,
    create: (c) => new CostExplorerBackend({ profile: c.profile, region: c.region, costTag: c.costTag, timeoutMs: c.timeoutMs }),
  },
  http: { network: true, create: (c) => new HttpBackend({ url: httpUrl('http', c), token: c.token, timeoutMs: c.timeoutMs }) },
  athena: {
    network: true,
    create: (c) => new WarehouseBackend(new AthenaEngine({
      table: tableOf('athena', c, 'database.table'), layout: layoutOf('athena', c, ['focus', 'cur2'] as const), workgroup: c.workgroup, outputLocation: c.outputLocation,
      region: c.region, profile: c.profile, maxBytesScanned: maxBytes(c), timeoutMs: c.timeoutMs,
    }), { tagKeys: tagKeysOf(c) }),
  },
  bigquery: {
    network: true,
    create: (c) => new WarehouseBackend(new BigQueryEngine({
      table: tableOf('bigquery', c, 'project.dataset.table'), layout: layoutOf('bigquery', c, ['focus', 'billing-export'] as const), project: c.project, location: c.location, maxBytesScanned: maxBytes(c), timeoutMs: c.timeoutMs,
      accessToken: process.env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim() || undefined,
    }), { tagKeys: tagKeysOf(c) }),
  },
};

function httpUrl(kind: SourceKind, config: SourceConfig): string {
  if (!config.url) throw new SpendSourceError(`the ${kind} source needs a url`);
  try {
    const url = new URL(config.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return config.url;
  } catch {
    throw new SpendSourceError(`spend url "${config.url}" is not an http(s) URL`);
  }
}

export interface ChosenSection {
  section: SpendSection;
  /** Set when the workspace's choice was refused, to tell the user why. */
  refused?: string;
}

/**
 * `.finops.yml` (the team's shared choice) wins over user settings, except that in an
 * untrusted workspace a file may not send the extension to a network endpoint.
 */
export function chooseSpendSection(fromFile: SpendSection | undefined, fromSettings: SpendSection, trusted: boolean): ChosenSection {
  if (!fromFile?.source) return { section: { ...fromSettings, tags: fromFile?.tags ?? fromSettings.tags } };
  if (!trusted && SPEND_SOURCES[fromFile.source].network) {
    return {
      section: { ...fromSettings, tags: fromFile.tags ?? fromSettings.tags },
      refused: `.finops.yml names the ${fromFile.source} source, which this untrusted workspace may not use; showing ${sourceKind(fromSettings)} data from your settings instead.`,
    };
  }
  return { section: fromFile };
}

export function tagKeysOf(config: SpendSection): TagKeys {
  const t = config.tags ?? {};
  return {
    team: t.team ?? DEFAULT_TAG_KEYS.team,
    project: t.project ?? DEFAULT_TAG_KEYS.project,
    environment: t.environment ?? DEFAULT_TAG_KEYS.environment,
    model: t.model ?? DEFAULT_TAG_KEYS.model,
  };
}

export async function createBackend(config: SourceConfig): Promise<SpendBackend> {
  const descriptor = SPEND_SOURCES[sourceKind(config)] as SourceDescriptor | undefined;
  if (!descriptor) throw new SpendSourceError(`unknown spend source ${String(config.source)}; one of ${Object.keys(SPEND_SOURCES).join(', ')}`);
  return descriptor.create(config);
}
