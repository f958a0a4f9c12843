import type { PriceCatalog } from '../../catalog/catalog';
import type { EngineOptions } from '../../config/engineOptions';
import type { CostItem, CostKind, PricingModel, SourceRange, Tagging } from '../../model';
import { countValue, type CountReading } from '../../resources/aws/groupSize';
import { ec2Instances } from '../../resources/aws/ec2';
import { eksNodeGroup, type EksNodeGroupInput } from '../../resources/aws/eks';
import { hyperPodInstanceGroup } from '../../resources/aws/hyperpod';
import { endpointVariant, notebookInstance } from '../../resources/aws/sagemaker';
import { estimate } from '../../resources/costModel';
import type { InstanceGroup } from '../../resources/instanceGroup';
import type { RegionChoice } from '../shared/region';
import { clip } from '../terraform/hclValue';
import { ResourceRef } from './cfnEval';
import { CfnUnresolved, isCfnObject, type CfnValue } from './cfnValue';

/** One resource of the template, its properties evaluated. */
export interface CfnResource {
  id: string;
  type: string;
  properties: { [key: string]: CfnValue };
}

export interface CfnEnv {
  resource: CfnResource;
  /** Other resources by logical ID, for launch templates referenced by an ASG. */
  lookup(id: string): CfnResource | undefined;
  lookupLaunchTemplateByName(name: string): CfnResource | undefined;
  file: string;
  range: SourceRange;
  rangeOf(path: readonly (string | number)[]): SourceRange | undefined;
  region: RegionChoice;
  catalog: PriceCatalog;
  options: EngineOptions;
}

export type CfnHandler = (env: CfnEnv) => CostItem[];

type Props = { [key: string]: CfnValue };

function get(props: CfnValue | undefined, ...path: (string | number)[]): CfnValue | undefined {
  let v: CfnValue | undefined = props;
  for (const k of path) {
    if (typeof k === 'number') v = Array.isArray(v) ? v[k] : undefined;
    else v = isCfnObject(v) ? v[k] : undefined;
  }
  return v;
}

function sku(v: CfnValue | undefined, name: string): string | { unresolved: string } {
  if (typeof v === 'string' && v) return v;
  if (v instanceof CfnUnresolved) return { unresolved: `${name}: ${v.reason}` };
  return { unresolved: v === undefined ? `${name} is not set` : `${name} is not a string` };
}

/** A count property for the group-size rule of the cost models, named by its path. */
function reading(props: CfnValue | undefined, path: (string | number)[]): CountReading {
  const v = get(props, ...path);
  const describe = (x: unknown) => (x instanceof CfnUnresolved ? x.reason : `\`${clip(JSON.stringify(x))}\` is not a whole number`);
  return { name: path.join('.'), value: typeof v === 'object' && v !== null ? { unresolved: describe(v) } : countValue(v, describe) };
}

/**
 * The priced types whose `Tags` is a JSON map of key to value (`Tags: Json` in the resource
 * specification); the others (EC2, Auto Scaling, SageMaker) take a list of `{Key, Value}`.
 */
const MAP_TAGGED = new Set(['AWS::EKS::Nodegroup']);

/** How the resource writes `Tags`; partial when their keys are not all known (a `!Ref`, an `!If`). */
function cfnTagging(env: CfnEnv): Tagging {
  const tags = env.resource.properties.Tags;
  const map = MAP_TAGGED.has(env.resource.type);
  const known = tags === undefined || (map ? isCfnObject(tags) : Array.isArray(tags) && tags.every((t) => typeof get(t, 'Key') === 'string'));
  return { style: map ? 'cloudformation-map' : 'cloudformation-list', range: env.rangeOf([]), ...(known ? {} : { partial: true }) };
}

/** `Tags: [{Key, Value}]` (most types) or a `Tags: {k: v}` map (EKS). */
function tagsOf(props: Props): Record<string, string> {
  const tags = props.Tags;
  const out: Record<string, string> = {};
  const put = (k: CfnValue | undefined, v: CfnValue | undefined) => {
    if (typeof k !== 'string') return;
    out[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '(known after deploy)';
  };
  if (Array.isArray(tags)) for (const t of tags) put(get(t, 'Key'), get(t, 'Value'));
  else if (isCfnObject(tags)) for (const [k, v] of Object.entries(tags)) put(k, v);
  return out;
}

function group(env: CfnEnv, kind: CostKind, s: Pick<InstanceGroup, 'sku' | 'quantity' | 'pricing' | 'notes'> & Partial<InstanceGroup>, skuPath?: (string | number)[]): InstanceGroup {
  return {
    file: env.file,
    range: env.range,
    skuRange: skuPath ? env.rangeOf(['Properties', ...skuPath]) : undefined,
    tagging: cfnTagging(env),
    kind,
    resource: `${env.resource.id} (${env.resource.type})`,
    provider: 'aws',
    cloud: 'aws',
    region: env.region,
    tags: tagsOf(env.resource.properties),
    ...s,
  };
}

const ec2Instance: CfnHandler = (env) => {
  const p = env.resource.properties;
  const spot = String(get(p, 'InstanceMarketOptions', 'MarketType') ?? '').toLowerCase() === 'spot';
  let type = sku(p.InstanceType, 'InstanceType');
  const notes: string[] = [];
  if (p.InstanceType === undefined && p.LaunchTemplate !== undefined) {
    const lt = launchTemplateType(env, p.LaunchTemplate);
    type = lt.sku;
    notes.push(...lt.notes);
  } else if (p.InstanceType === undefined) {
    type = 'm1.small';
    notes.push('InstanceType not set: CloudFormation defaults to m1.small');
  }
  const pricing: PricingModel = spot ? 'spot' : 'on-demand';
  if (spot) notes.push('spot from InstanceMarketOptions');
  return [estimate(ec2Instances, { group: group(env, 'compute', { sku: type, quantity: 1, pricing, notes }, ['InstanceType']) }, env)];
};

/** Follows `LaunchTemplateId: !Ref LT` or `LaunchTemplateName` to the template's instance type. */
function launchTemplateType(env: CfnEnv, spec: CfnValue): { sku: string | { unresolved: string }; notes: string[] } {
  const target = templateTarget(env, get(spec, 'LaunchTemplateId') ?? get(spec, 'LaunchTemplateName'));
  if ('unresolved' in target) return { sku: target, notes: [] };
  const type = get(target.properties, 'LaunchTemplateData', 'InstanceType');
  return { sku: sku(type, `${target.id}.LaunchTemplateData.InstanceType`), notes: [`instance type from launch template ${target.id}`] };
}

function templateTarget(env: CfnEnv, ref: CfnValue | undefined): CfnResource | { unresolved: string } {
  if (ref instanceof ResourceRef) {
    const found = env.lookup(ref.logicalId);
    if (found?.type === 'AWS::EC2::LaunchTemplate') return found;
    return { unresolved: `launch template ${ref.logicalId} is not an AWS::EC2::LaunchTemplate of this template` };
  }
  if (typeof ref === 'string') {
    const byName = env.lookupLaunchTemplateByName(ref);
    if (byName) return byName;
    return { unresolved: `launch template "${ref}" is not defined in this template` };
  }
  return { unresolved: ref instanceof CfnUnresolved ? `launch template: ${ref.reason}` : 'no launch template given' };
}

const autoScalingGroup: CfnHandler = (env) => {
  const p = env.resource.properties;
  const mixed = get(p, 'MixedInstancesPolicy');
  const override = get(mixed, 'LaunchTemplate', 'Overrides', 0, 'InstanceType');
  const notes: string[] = [];
  let type: string | { unresolved: string };
  if (override !== undefined) {
    type = sku(override, 'Overrides[0].InstanceType');
    notes.push('first MixedInstancesPolicy override (highest priority) priced');
  } else if (p.LaunchConfigurationName !== undefined) {
    const lc = p.LaunchConfigurationName instanceof ResourceRef ? env.lookup(p.LaunchConfigurationName.logicalId) : undefined;
    type = lc ? sku(lc.properties.InstanceType, `${lc.id}.InstanceType`) : { unresolved: 'launch configuration is not in this template' };
  } else {
    const lt = launchTemplateType(env, get(mixed, 'LaunchTemplate', 'LaunchTemplateSpecification') ?? p.LaunchTemplate);
    type = lt.sku;
    notes.push(...lt.notes);
  }
  const spotShare = get(mixed, 'InstancesDistribution', 'OnDemandPercentageAboveBaseCapacity');
  const pricing: PricingModel = spotShare === 0 ? 'spot' : 'on-demand';
  if (pricing === 'spot') notes.push('spot: OnDemandPercentageAboveBaseCapacity = 0');
  const sizing = [reading(p, ['DesiredCapacity']), reading(p, ['MinSize'])];
  return [estimate(ec2Instances, { group: group(env, 'compute', { sku: type, quantity: 1, pricing, notes }), sizing }, env)];
};

const endpointConfig: CfnHandler = (env) => {
  const variants = env.resource.properties.ProductionVariants;
  if (!Array.isArray(variants)) return [];
  return variants.map((v, i) => {
    const name = typeof get(v, 'VariantName') === 'string' ? String(get(v, 'VariantName')) : `#${i + 1}`;
    const g = group(env, 'endpoint', { sku: sku(get(v, 'InstanceType'), 'InstanceType'), quantity: 1, pricing: 'on-demand', notes: [] }, ['ProductionVariants', i, 'InstanceType']);
    const input = { group: { ...g, resource: `${env.resource.id} (${env.resource.type}) variant ${name}` }, serverless: get(v, 'ServerlessConfig') !== undefined, count: reading(v, ['InitialInstanceCount']) };
    return estimate(endpointVariant, input, env);
  });
};

const notebookInstanceHandler: CfnHandler = (env) => {
  const p = env.resource.properties;
  return [estimate(notebookInstance, group(env, 'notebook', { sku: sku(p.InstanceType, 'InstanceType'), quantity: 1, pricing: 'on-demand', notes: [] }, ['InstanceType']), env)];
};

const eksNodegroup: CfnHandler = (env) => {
  const p = env.resource.properties;
  const types = p.InstanceTypes;
  const template = get(p, 'LaunchTemplate');
  const lt = template !== undefined ? launchTemplateType(env, { LaunchTemplateId: get(template, 'Id') ?? null, LaunchTemplateName: get(template, 'Name') ?? null }) : undefined;
  const input: EksNodeGroupInput = {
    group: group(env, 'cluster', { sku: { unresolved: '' }, quantity: 1, pricing: 'on-demand', notes: [] }, ['InstanceTypes', 0]),
    instanceTypes: { attr: 'InstanceTypes', value: Array.isArray(types) || types === undefined ? types : { unresolved: types instanceof CfnUnresolved ? types.reason : 'is not a list' } },
    launchTemplate: lt,
    sizing: [reading(p, ['ScalingConfig', 'DesiredSize']), reading(p, ['ScalingConfig', 'MinSize'])],
    spotFrom: p.CapacityType === 'SPOT' ? 'CapacityType' : undefined,
  };
  return [estimate(eksNodeGroup, input, env)];
};

/** A HyperPod cluster: one item per entry of `InstanceGroups`. */
const hyperPodCluster: CfnHandler = (env) => {
  const groups = env.resource.properties.InstanceGroups;
  if (!Array.isArray(groups)) return [];
  return groups.map((ig, i) => {
    const named = get(ig, 'InstanceGroupName');
    const g = group(env, 'cluster', { sku: sku(get(ig, 'InstanceType'), 'InstanceType'), quantity: 1, pricing: 'on-demand', notes: [] }, ['InstanceGroups', i, 'InstanceType']);
    const input = { group: { ...g, resource: `${env.resource.id} (${env.resource.type}) instance group ${typeof named === 'string' ? named : `#${i + 1}`}` }, count: reading(ig, ['InstanceCount']) };
    return estimate(hyperPodInstanceGroup, input, env);
  });
};

export const CFN_HANDLERS: Readonly<Record<string, CfnHandler>> = {
  'AWS::SageMaker::Cluster': hyperPodCluster,
  'AWS::EC2::Instance': ec2Instance,
  'AWS::AutoScaling::AutoScalingGroup': autoScalingGroup,
  'AWS::SageMaker::EndpointConfig': endpointConfig,
  'AWS::SageMaker::NotebookInstance': notebookInstanceHandler,
  'AWS::EKS::Nodegroup': eksNodegroup,
};
