import type { CostItem, DetectionResult, SkippedInput } from '../../model';
import { sharedHclParseCache, type HclParseCache } from '../../parsing/hcl/hclParseCache';
import type { Detector, DetectorContext } from '../types';
import * as path from 'node:path';
import { attributesOf, nodeRange, type HclBlock } from '../../parsing/hcl/hclTree';
import { moduleTotal, scaled } from './moduleTotal';
import { moduleCreatingNothing, moduleNotExpanded } from './moduleNotExpanded';
import { MAX_MODULE_DEPTH } from '../../limits';
import { evaluate } from './hclEval';
import { clip, isObject, Unresolved, type HclValue } from './hclValue';
import type { ResourceEnv, ResourceHandler } from './resourceEnv';
import { ResourceItemCache } from './resourceItemCache';
import { AWS_HANDLERS } from './resources/aws';
import { AZURE_HANDLERS } from './resources/azure';
import { GCP_HANDLERS } from './resources/gcp';
import { GKE_HANDLERS } from './resources/gke';
import { KUBERNETES_HANDLERS } from './resources/kubernetes';
import { terraformCoverage } from './resources/coverage';
import { coverageOf, unsupportedItem } from '../../resources/coverage';
import { TerraformModule, type ParsedHclFile } from './terraformModule';
import type { Scope } from './hclEval';
import type { ModuleCallEnv } from './modules/callInputs';
import { knownByInterface, knownBySource } from './modules/knownModules';
import { manifestModuleDir, MODULES_MANIFEST } from './modules/modulesManifest';

/** Resource type → handler. Add a cloud by adding its table here. */
const HANDLERS: Record<string, ResourceHandler> = { ...AWS_HANDLERS, ...GCP_HANDLERS, ...GKE_HANDLERS, ...AZURE_HANDLERS, ...KUBERNETES_HANDLERS };
export const COVERAGE = terraformCoverage(Object.keys(HANDLERS));

/** A cost-bearing type without a handler: one unpriced item per instance, saying so. */
function unsupportedHandler(type: string): ResourceHandler {
  return (env) => [
    unsupportedItem(COVERAGE, {
      file: env.file,
      range: nodeRange(env.block.node, env.block.origin),
      resource: env.address,
      provider: type.startsWith('aws_') ? 'aws' : type.startsWith('google_') ? 'gcp' : type.startsWith('azurerm_') ? 'azure' : 'other',
      type,
      quantity: env.quantity,
      tags: {},
      notes: [...env.expansionNotes],
    }),
  ];
}

/** One `count`/`for_each` instance of a resource block, before pricing. */
interface Expansion {
  address: string;
  quantity: number;
  bindings: Record<string, HclValue>;
  notes: string[];
}

export class TerraformDetector implements Detector {
  readonly id = 'terraform';
  readonly label = 'Terraform (.tf)';
  private readonly itemCache = new ResourceItemCache();

  matches(file: string): boolean {
    return file.endsWith('.tf');
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const cache = await sharedHclParseCache();
    return cache.using(() => this.detectWith(cache, ctx));
  }

  private async detectWith(cache: HclParseCache, ctx: DetectorContext): Promise<DetectionResult> {
    const { module, current } = await TerraformModule.load(ctx.file, ctx.text, ctx.reader, cache);
    const items: CostItem[] = [];
    const knownDirs = new Set<string>();
    for (const block of current.blocks) {
      if (ctx.isCancelled?.()) break;
      if (block.type === 'resource') items.push(...this.resource(block, module, ctx));
      else if (block.type === 'module') items.push(...(await this.moduleCall(block, module, ctx, cache, knownDirs)));
    }
    for (const item of items) item.assumptions.push(...module.notes);
    // A folder that calls itself (Terraform refuses the cycle) is still a root: its own items stay listed.
    const readFolders = [...new Set([...descendants(items).map((c) => path.dirname(c.file)), ...knownDirs])].filter((d) => d !== path.dirname(ctx.file));
    return { items, skipped: [...syntaxErrors(current), ...module.skipped], ...(readFolders.length ? { readFolders } : {}) };
  }

  private resource(block: HclBlock, module: TerraformModule, ctx: DetectorContext, prefix = ''): CostItem[] {
    const [type, name] = block.labels;
    if (!type || !name) return [];
    const coverage = coverageOf(COVERAGE, type);
    const handler = coverage === 'supported' ? HANDLERS[type] : coverage === 'unsupported' ? unsupportedHandler(type) : undefined;
    if (!handler) return [];
    const context = { catalog: ctx.catalog, options: ctx.options, file: ctx.file, prefix, module };
    return this.itemCache.itemsFor(block, context, () => this.price(handler, block, module, ctx, `${prefix}${type}.${name}`));
  }

  private price(handler: ResourceHandler, block: HclBlock, module: TerraformModule, ctx: DetectorContext, address: string): CostItem[] {
    return expand(block, module, address).flatMap((x) => {
      const env: ResourceEnv = {
        block,
        address: x.address,
        scope: module.scope(x.bindings),
        module,
        file: ctx.file,
        options: ctx.options,
        catalog: ctx.catalog,
        quantity: x.quantity,
        expansionNotes: x.notes,
      };
      return handler(env);
    });
  }

  private moduleCall(block: HclBlock, module: TerraformModule, ctx: DetectorContext, cache: HclParseCache, knownDirs: Set<string>): Promise<CostItem[]> {
    const caller = { resource: (b: HclBlock, m: TerraformModule, c: DetectorContext, p: string) => this.resource(b, m, c, p), readKnown: (dir: string) => knownDirs.add(dir) };
    return priceModuleCall(caller, block, module, ctx, cache, 0);
  }
}

/** Meta-arguments of a module call: everything else is an input variable. */
const MODULE_META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

export interface ModuleCaller {
  resource(block: HclBlock, module: TerraformModule, ctx: DetectorContext, prefix: string): CostItem[];
  /** A known module's folder the call was recognised by: read by the call, so not a root of its own. */
  readKnown(dir: string): void;
}

/**
 * A `module` block. A known registry module (`modules/knownModules.ts`) is priced from the
 * call's inputs, one item per node group; any other module whose code is here (a relative
 * `source`, or a registry or git source `terraform init` downloaded, found through
 * `.terraform/modules/modules.json`) is priced from what it creates, with its variables bound
 * from the call, as one item on the block. A call switched off (`count = 0`, an empty
 * `for_each`, `create = false`) is a $0 item that says so.
 */
async function priceModuleCall(
  caller: ModuleCaller,
  block: HclBlock,
  parent: TerraformModule,
  ctx: DetectorContext,
  cache: HclParseCache,
  depth: number,
  keyPath: string[] = [],
): Promise<CostItem[]> {
  const sourceExpr = attributesOf(block.body).get('source');
  const source = sourceExpr ? evaluate(sourceExpr, parent.scope()) : undefined;
  const name = block.labels[0];
  if (typeof source !== 'string' || !name) return [];
  const call = (address: string, notes: string[]) => ({ file: ctx.file, range: nodeRange(block.node, block.origin), address, source, notes });
  if (depth > MAX_MODULE_DEPTH) return [moduleNotExpanded(call(`module.${name}`, []), `module calls nest deeper than ${MAX_MODULE_DEPTH} levels`)];
  const key = [...keyPath, name];
  const local = /^\.\.?\//.test(source);
  const downloaded = local ? undefined : await manifestModuleDir(parent.rootDir, key.join('.'), ctx.reader, parent.skipped);
  const dir = local ? path.resolve(parent.dir, source) : downloaded;
  const remoteKnown = local ? undefined : knownBySource(source);
  if (!dir && !remoteKnown) return [];
  const out: CostItem[] = [];
  const instances = expand(block, parent, `module.${name}`);
  if (instances.length === 0) return [moduleCreatingNothing(call(`module.${name}`, []))];
  for (const x of instances) {
    if (!parent.budget.moduleInstance()) {
      out.push(moduleNotExpanded(call(`module.${name}`, []), parent.budget.exhausted ?? 'work bound reached'));
      break;
    }
    const scope = parent.scope(x.bindings);
    const inputs: Record<string, HclValue> = {};
    for (const [k, expr] of attributesOf(block.body)) if (!MODULE_META.has(k)) inputs[k] = evaluate(expr, scope);
    const off = switchedOff(inputs);
    if (off) {
      out.push(moduleCreatingNothing(call(x.address, x.notes), off));
      continue;
    }
    const child = dir ? await TerraformModule.loadChild(dir, inputs, ctx.reader, cache, parent) : undefined;
    const known = remoteKnown ?? (child && knownByInterface(child.variables));
    if (known) {
      if (dir) caller.readKnown(dir);
      if (x.quantity === 0) out.push(moduleCreatingNothing(call(x.address, x.notes), 'count = 0: the call creates no instances'));
      else out.push(...known.items(knownCallEnv(block, parent, ctx, x, scope, source, pathNote(known.name, dir, downloaded))));
      continue;
    }
    if (!child) continue;
    if (x.quantity === 0) {
      // The folder is still read by this call, so it is not scanned again as a root of its own.
      if (dir) caller.readKnown(dir);
      out.push(moduleCreatingNothing(call(x.address, x.notes), 'count = 0: the call creates no instances'));
      continue;
    }
    const children: CostItem[] = [];
    for (const file of child.files) {
      for (const inner of file.blocks) {
        const at = { ...ctx, file: file.file };
        if (inner.type === 'resource') children.push(...caller.resource(inner, child, at, `${x.address}.`));
        else if (inner.type === 'module') children.push(...(await priceModuleCall(caller, inner, child, at, cache, depth + 1, key)));
      }
    }
    const notes = downloaded ? [`module code read from ${path.relative(parent.rootDir, downloaded) || '.'} (${MODULES_MANIFEST})`, ...x.notes] : x.notes;
    const total = moduleTotal(call(x.address, notes), children.map((c) => scaled(c, x.quantity)));
    if (total) out.push(total);
  }
  return out;
}

/** The modules' common switch (`create = false`, `create_cluster = false`): the call creates nothing. */
function switchedOff(inputs: Record<string, HclValue>): string | undefined {
  const flag = ['create', 'create_cluster'].find((k) => inputs[k] === false);
  return flag && `${flag} = false: the call creates nothing`;
}

function knownCallEnv(block: HclBlock, module: TerraformModule, ctx: DetectorContext, x: Expansion, scope: Scope, source: string, note: string): ModuleCallEnv {
  return { block, address: x.address, scope, module, file: ctx.file, options: ctx.options, catalog: ctx.catalog, quantity: x.quantity, expansionNotes: x.notes, source, pathNote: note };
}

/** Which path priced a known module, for every item's assumptions. */
function pathNote(name: string, dir: string | undefined, downloaded: string | undefined): string {
  const where = downloaded ? `its code from ${MODULES_MANIFEST} is not expanded` : dir ? 'its local code is not expanded' : `no ${MODULES_MANIFEST} (module code not downloaded)`;
  return `priced from the call's inputs with the defaults of ${name} (known module inputs; ${where})`;
}

/** Every item a module total sums, at any depth of nesting. */
function descendants(items: CostItem[]): CostItem[] {
  return items.flatMap((i) => (i.children ? [...i.children, ...descendants(i.children)] : []));
}

/** `count` multiplies one item; `for_each` makes an item per key, as Terraform plans them. */
function expand(block: HclBlock, module: TerraformModule, address: string): Expansion[] {
  const attrs = attributesOf(block.body);
  const scope = module.scope();
  const countExpr = attrs.get('count');
  if (countExpr) {
    const count = evaluate(countExpr, scope);
    const bindings = { count: { index: new Unresolved('count.index differs per instance') } };
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) {
      return [{ address, quantity: count, bindings, notes: [`count = ${count}`] }];
    }
    const why = count instanceof Unresolved ? count.reason : `\`${clip(countExpr.text)}\` is not a whole number`;
    return [{ address, quantity: 1, bindings, notes: [`count could not be resolved (${why}); priced as 1 instance`] }];
  }
  const forEachExpr = attrs.get('for_each');
  if (!forEachExpr) return [{ address, quantity: 1, bindings: {}, notes: [] }];
  const coll = evaluate(forEachExpr, scope);
  const entries = forEachEntries(coll);
  if (!entries) {
    const why = coll instanceof Unresolved ? coll.reason : 'it is not a map or set';
    return [
      {
        address,
        quantity: 1,
        bindings: { each: { key: new Unresolved('each.key is unknown'), value: new Unresolved('each.value is unknown') } },
        notes: [`for_each could not be resolved (${why}); priced as 1 instance`],
      },
    ];
  }
  return entries.map(([key, value]) => ({
    address: `${address}["${key}"]`,
    quantity: 1,
    bindings: { each: { key, value } },
    notes: [`for_each key "${key}"`],
  }));
}

function forEachEntries(coll: HclValue): [string, HclValue][] | undefined {
  if (Array.isArray(coll) && coll.every((v) => typeof v === 'string')) return coll.map((v) => [v as string, v]);
  if (isObject(coll)) return Object.entries(coll);
  return undefined;
}

/** One entry per broken region, on its lines, naming what was not read and that the rest was. */
function syntaxErrors(parsed: ParsedHclFile): SkippedInput[] {
  if (!parsed.hasSyntaxError) return [];
  return parsed.skipped.map(({ startLine, endLine }) => {
    const lines = startLine === endLine ? `line ${startLine + 1}` : `lines ${startLine + 1}-${endLine + 1}`;
    return {
      file: parsed.file,
      range: { start: { line: startLine, column: 0 }, end: { line: endLine, column: 0 } },
      message: `HCL syntax error: ${lines} skipped, resources there are not priced; the well-formed blocks around them are`,
    };
  });
}
