import type { YAMLMap } from 'yaml';
import { isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ConfigReader } from '../configReader';
import { METRICS, SOURCE_KINDS, TABLE_LAYOUTS, type CostMetric, type SourceKind, type TableLayout } from '../../spend/types';

/** Which tag keys mean team, project, environment and model in the billing data. */
export interface SpendTagKeys {
  team?: string[];
  project?: string[];
  environment?: string[];
  model?: string[];
}

/** `spend:` names the backend the panel and `ai-finops spend` read. */
export interface SpendSection {
  source?: SourceKind;
  /** focus: a file, folder or glob, relative to the workspace root. */
  path?: string;
  /** opencost and http: the service's base URL. */
  url?: string;
  /** opencost: the Allocation API `aggregate`, e.g. `label:team` or `namespace`. */
  aggregate?: string;
  /** aws-cost-explorer: the profile and region of the credentials chain, and the cost allocation tag. */
  profile?: string;
  region?: string;
  costTag?: string;
  /** athena: `database.table`; bigquery: `project.dataset.table` of the FOCUS table or view. */
  table?: string;
  /** athena and bigquery: the table's columns: `focus` (default), `cur2` (athena) or `billing-export` (bigquery). */
  layout?: TableLayout;
  /** athena: the workgroup (its per-query scan limit applies) and an s3:// result location when the workgroup has none. */
  workgroup?: string;
  outputLocation?: string;
  /** bigquery: the project jobs are billed to, and the dataset's location. */
  project?: string;
  location?: string;
  /** athena and bigquery: the most a query may scan, in GB (10 by default). */
  maxScanGigabytes?: number;
  metric?: CostMetric;
  tags?: SpendTagKeys;
}

const TAG_DIMENSIONS = ['team', 'project', 'environment', 'model'] as const;

export function readSpend(root: YAMLMap, r: ConfigReader): SpendSection | undefined {
  const map = r.map(root, 'spend', 'spend');
  if (!map) return undefined;
  const tagsMap = r.map(map, 'tags', 'spend.tags');
  let tags: SpendTagKeys | undefined;
  if (tagsMap) {
    tags = {};
    for (const dim of TAG_DIMENSIONS) {
      const node = tagsMap.get(dim, true) as YamlNode | undefined;
      if (node === undefined) continue;
      // One key or a list of synonyms (team, owner, cost-center...).
      tags[dim] = isScalar(node) && typeof node.value === 'string' ? [node.value] : isSeq(node) ? r.stringList(tagsMap, dim, `spend.tags.${dim}`) : undefined;
      if (tags[dim] === undefined) r.problem(node, `spend.tags.${dim} must be a tag key or a list of tag keys`);
    }
  }
  return {
    source: r.oneOf(map, 'source', 'spend.source', SOURCE_KINDS),
    path: r.string(map, 'path', 'spend.path'),
    url: r.string(map, 'url', 'spend.url'),
    aggregate: r.string(map, 'aggregate', 'spend.aggregate'),
    profile: r.string(map, 'profile', 'spend.profile'),
    region: r.string(map, 'region', 'spend.region'),
    costTag: r.string(map, 'costTag', 'spend.costTag'),
    table: r.string(map, 'table', 'spend.table'),
    layout: r.oneOf(map, 'layout', 'spend.layout', TABLE_LAYOUTS),
    workgroup: r.string(map, 'workgroup', 'spend.workgroup'),
    outputLocation: r.string(map, 'outputLocation', 'spend.outputLocation'),
    project: r.string(map, 'project', 'spend.project'),
    location: r.string(map, 'location', 'spend.location'),
    maxScanGigabytes: r.number(map, 'maxScanGigabytes', 'spend.maxScanGigabytes', 0.01, 100_000),
    metric: r.oneOf(map, 'metric', 'spend.metric', METRICS),
    tags,
  };
}
