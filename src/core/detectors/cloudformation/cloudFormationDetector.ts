import type { CostItem, DetectionResult } from '../../model';
import { chooseRegion } from '../shared/region';
import { isPlainObject, type Plain } from '../shared/yamlSource';
import { isToolFile } from '../shared/toolFiles';
import type { Detector, DetectorContext, DocumentView } from '../types';
import { evaluateCfn, type CfnScope } from './cfnEval';
import { coverageOf, unsupportedItem } from '../../resources/coverage';
import { cloudFormationCoverage } from './cfnCoverage';
import { CFN_HANDLERS, type CfnEnv, type CfnResource } from './cfnResources';
import { looksLikeCloudFormation, parseTemplate, type CfnTemplate } from './cfnTemplate';
import { CfnUnresolved, isCfnObject, type CfnValue } from './cfnValue';

/** CloudFormation templates in YAML (short-form intrinsics included) or JSON, recognised by content. */
export class CloudFormationDetector implements Detector {
  readonly id = 'cloudformation';
  readonly label = 'CloudFormation templates (YAML or JSON, recognised by content)';

  matches(file: string): boolean {
    return /\.(ya?ml|json|template)$/i.test(file) && !isToolFile(file);
  }

  /** Ahead of a Kubernetes reading: a template's `Resources` may hold manifests as strings. */
  classify(doc: DocumentView): number {
    return looksLikeCloudFormation(doc) ? 4 : 0;
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const parsed = parseTemplate(ctx.text);
    if ('error' in parsed) return { items: [], skipped: [{ file: ctx.file, message: `CloudFormation template not read: ${parsed.error}` }] };
    const resources = isPlainObject(parsed.root.Resources) ? parsed.root.Resources : {};
    const region = chooseRegion('aws', [], ctx.options, ctx.catalog, '; AWS::Region is the stack\'s region, chosen at deploy time');
    const scope = templateScope(parsed, new Set(Object.keys(resources)), region.value ?? ctx.catalog.meta.defaultRegions.aws);
    const evaluated = new Map<string, CfnResource>();
    for (const [id, body] of Object.entries(resources)) {
      if (!isPlainObject(body) || typeof body.Type !== 'string') continue;
      const props = evaluateCfn(isPlainObject(body.Properties) ? body.Properties : {}, scope);
      evaluated.set(id, { id, type: body.Type, properties: isCfnObject(props) ? props : {} });
    }
    const items: CostItem[] = [];
    for (const resource of evaluated.values()) {
      if (ctx.isCancelled?.()) break;
      const coverage = coverageOf(COVERAGE, resource.type);
      const handler = coverage === 'supported' ? CFN_HANDLERS[resource.type] : coverage === 'unsupported' ? unsupportedHandler : undefined;
      if (!handler) continue;
      const condition = conditionNote(resources[resource.id], scope);
      const env: CfnEnv = {
        resource,
        lookup: (id) => evaluated.get(id),
        lookupLaunchTemplateByName: (name) =>
          [...evaluated.values()].find((r) => r.type === 'AWS::EC2::LaunchTemplate' && r.properties.LaunchTemplateName === name),
        file: ctx.file,
        range: parsed.logicalIdRange(resource.id) ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
        rangeOf: (path) => parsed.valueRange(resource.id, path),
        region,
        catalog: ctx.catalog,
        options: ctx.options,
      };
      if (condition === false) continue;
      for (const item of handler(env)) {
        if (typeof condition === 'string') item.assumptions.push(condition);
        items.push(item);
      }
    }
    return { items, skipped: [] };
  }
}

export const COVERAGE = cloudFormationCoverage(Object.keys(CFN_HANDLERS));

/** A cost-bearing type without a handler: an unpriced item that says so. */
function unsupportedHandler(env: CfnEnv): CostItem[] {
  const r = env.resource;
  return [unsupportedItem(COVERAGE, { file: env.file, range: env.range, resource: `${r.id} (${r.type})`, provider: 'aws', type: r.type, quantity: 1, tags: {}, notes: [] })];
}

/** Parameters take their `Default`; a parameter without one cannot be known before deploy. */
function templateScope(t: CfnTemplate, resources: ReadonlySet<string>, region: string): CfnScope {
  const section = (name: string): { [key: string]: Plain } => {
    const v = t.root[name];
    return isPlainObject(v) ? v : {};
  };
  const parameters: Record<string, CfnValue> = {};
  for (const [name, decl] of Object.entries(section('Parameters'))) {
    const def = isPlainObject(decl) ? decl.Default : undefined;
    parameters[name] =
      def === undefined ? new CfnUnresolved(`parameter ${name} has no Default; its value is given at deploy time`) : parameterValue(def, decl);
  }
  return { parameters, mappings: section('Mappings'), conditions: section('Conditions'), resources, region };
}

/** `Number` parameters are numbers; `List<...>`/`CommaDelimitedList` defaults are comma-separated. */
function parameterValue(def: Plain, decl: Plain): CfnValue {
  const type = isPlainObject(decl) && typeof decl.Type === 'string' ? decl.Type : 'String';
  if (type === 'Number' && typeof def === 'string' && def.trim() !== '' && !Number.isNaN(Number(def))) return Number(def);
  if ((type.startsWith('List<') || type === 'CommaDelimitedList') && typeof def === 'string') return def.split(',').map((s) => s.trim());
  return def as CfnValue;
}

/** A resource with a false `Condition` is not created; an unknown one is priced with a note. */
function conditionNote(body: Plain | undefined, scope: CfnScope): boolean | string {
  if (!isPlainObject(body) || typeof body.Condition !== 'string') return true;
  const v = evaluateCfn({ Condition: body.Condition }, scope);
  if (typeof v === 'boolean') return v;
  return `created only if condition ${body.Condition} holds (${v instanceof CfnUnresolved ? v.reason : 'not a boolean'}); priced as if it does`;
}
