import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { WorkspaceReader } from '../types';
import type { SkippedInput } from '../../model';
import { WorkBudget } from '../../limits';
import { readBounded } from '../../io/boundedRead';
import type { HclParseCache, ParsedHclFile } from '../../parsing/hcl/hclParseCache';
import { evaluate, type Scope } from './hclEval';
import { parseFileTree } from '../../parsing/hcl/hclFileTree';
import type { HclNode, Origin } from '../../parsing/hcl/hclSyntax';
import { attributesOf, childBlocks, rootBody, type HclBlock } from '../../parsing/hcl/hclTree';
import { clip, isObject, Unresolved, type HclValue } from './hclValue';

export type { ParsedHclFile };

export interface ProviderSettings {
  region?: HclValue;
  defaultTags: Record<string, HclValue>;
}

/** Terraform's own file sets: `*.tf` are the module; these var files load without `-var-file`. */
function isAutoVarFile(name: string): boolean {
  return /^terraform\.tfvars(\.json)?$/.test(name) || /\.auto\.tfvars(\.json)?$/.test(name);
}

/**
 * One Terraform module (a directory): its variables with their effective values, its locals,
 * and its providers. Its parse trees belong to the detector's `HclParseCache`.
 */
export class TerraformModule {
  readonly notes: string[] = [];
  /** Declared variables with no default that no var file has set yet. */
  private readonly valueless = new Set<string>();
  /** Files of this module (and the modules it calls) left unread, with the reason. */
  readonly skipped: SkippedInput[];
  /** Work bounds shared with every module this one calls. */
  readonly budget: WorkBudget;
  /** Module folders already read in this analysis: each instance of a call reuses them. */
  private readonly childFiles: Map<string, ParsedHclFile[]>;
  readonly variables: Record<string, HclValue> = {};
  private readonly localExprs = new Map<string, HclNode>();
  /** Where each local is written, for items anchored at the value a module call passes on. */
  private readonly localSites = new Map<string, { file: string; origin: Origin }>();
  private readonly localValues = new Map<string, HclValue>();
  private readonly evaluating = new Set<string>();
  private readonly providers = new Map<string, ProviderSettings>();
  /** Texts of the `locals` and `provider` blocks: with the variables, what every resource may read. */
  private readonly declarationTexts: string[] = [];
  private identity: string | undefined;
  private readonly textsByType = new Map<string, string>();
  /** Resource types looked up while `trackLookups` runs. */
  private lookups: Set<string> | undefined;

  private constructor(
    readonly dir: string,
    readonly files: ParsedHclFile[],
    /** The calling module: a child module inherits its default provider configurations. */
    private readonly parent?: TerraformModule,
  ) {
    this.skipped = parent?.skipped ?? [];
    this.budget = parent?.budget ?? new WorkBudget();
    this.childFiles = parent?.childFiles ?? new Map();
  }

  /**
   * A child module called with `module "x" { source = "./dir" ... }`: its variables take the
   * call's arguments over their defaults; tfvars files apply to the root module only.
   */
  static async loadChild(
    dir: string,
    inputs: Record<string, HclValue>,
    reader: WorkspaceReader,
    cache: HclParseCache,
    parent: TerraformModule,
  ): Promise<TerraformModule> {
    const module = new TerraformModule(dir, await parent.moduleFiles(dir, reader, cache), parent);
    const providers = module.collectDeclarations();
    for (const [k, v] of Object.entries(inputs)) if (k in module.variables) module.variables[k] = v;
    for (const block of providers) module.declareProvider(block);
    return module;
  }

  /** Parses every `.tf` file of the directory, with `currentText` standing in for `currentFile`. */
  static async load(
    currentFile: string,
    currentText: string,
    reader: WorkspaceReader,
    cache: HclParseCache,
  ): Promise<{ module: TerraformModule; current: ParsedHclFile }> {
    const dir = path.dirname(currentFile);
    const names = (await reader.listFiles(dir)).sort();
    const files: ParsedHclFile[] = [];
    const current = cache.parse(currentFile, currentText);
    files.push(current);
    const skipped: SkippedInput[] = [];
    for (const name of names.filter((n) => n.endsWith('.tf') && path.join(dir, n) !== currentFile)) {
      const file = path.join(dir, name);
      const text = await readBounded(reader, file, skipped);
      if (text !== undefined) files.push(cache.parse(file, text));
    }
    const module = new TerraformModule(dir, files);
    module.skipped.push(...skipped);
    const providers = module.collectDeclarations();
    await module.applyVarFiles(names, reader, cache.parser);
    // Providers read variables, so they are evaluated once every value source is in.
    for (const block of providers) module.declareProvider(block);
    return { module, current };
  }

  /** The `.tf` files of a called module's folder, read once per analysis however many instances call it. */
  private async moduleFiles(dir: string, reader: WorkspaceReader, cache: HclParseCache): Promise<ParsedHclFile[]> {
    const known = this.childFiles.get(dir);
    if (known) return known;
    const names = (await reader.listFiles(dir)).filter((n) => n.endsWith('.tf')).sort();
    const files: ParsedHclFile[] = [];
    for (const name of names) {
      const text = await readBounded(reader, path.join(dir, name), this.skipped);
      if (text !== undefined) files.push(cache.parse(path.join(dir, name), text));
    }
    this.childFiles.set(dir, files);
    return files;
  }

  scope(bindings?: Record<string, HclValue>): Scope {
    return { variables: this.variables, local: (name) => this.local(name), bindings, budget: this.budget };
  }

  provider(name: string): ProviderSettings | undefined {
    return this.providers.get(name) ?? this.parent?.provider(name);
  }

  /** `resource "<type>" "<name>"` anywhere in the module, for references such as `aws_launch_template.x.id`. */
  resource(type: string, name: string): HclBlock | undefined {
    return this.resources(type).find((b) => b.labels[1] === name);
  }

  resources(type: string): HclBlock[] {
    this.lookups?.add(type);
    return this.resourceBlocks(type);
  }

  private resourceBlocks(type: string): HclBlock[] {
    return this.files.flatMap((f) => f.blocks).filter((b) => b.type === 'resource' && b.labels[0] === type);
  }

  /**
   * Everything a resource block's items can depend on besides its own text and the resources
   * it looks up: the variables' effective values, locals, providers, and the calling module's.
   */
  signature(): string {
    this.identity ??= [this.dir, valueKey(this.variables), ...this.declarationTexts, this.parent?.signature() ?? ''].join('\u0000');
    return this.identity;
  }

  /** Runs `work`, also returning the resource types it looked up in this module. */
  trackLookups<T>(work: () => T): { result: T; types: string[] } {
    const outer = this.lookups;
    const types = new Set<string>();
    this.lookups = types;
    try {
      return { result: work(), types: [...types] };
    } finally {
      this.lookups = outer;
      if (outer) for (const t of types) outer.add(t);
    }
  }

  /** The texts of the module's resources of some types: what looked-up resources are compared by. */
  resourceTexts(types: string[]): string {
    if (types.length === 0) return '';
    return types.map((type) => this.resourceTextsOf(type)).join('\u0001');
  }

  private resourceTextsOf(type: string): string {
    let texts = this.textsByType.get(type);
    if (texts === undefined) {
      this.textsByType.set(type, (texts = this.resourceBlocks(type).map((b) => b.node.text).join('\u0000')));
    }
    return texts;
  }

  /** Records variables and locals; returns the provider blocks for later evaluation. */
  private collectDeclarations(): HclBlock[] {
    const empty = this.scope();
    const providers: HclBlock[] = [];
    for (const { file, blocks } of this.files) {
      for (const block of blocks) {
        if (block.type === 'variable' && block.labels[0]) this.declareVariable(block, empty);
        else if (block.type === 'locals') {
          for (const [k, v] of attributesOf(block.body)) {
            this.localExprs.set(k, v);
            this.localSites.set(k, { file, origin: block.origin });
          }
        }
        else if (block.type === 'provider' && block.labels[0]) providers.push(block);
        if (block.type === 'locals' || block.type === 'provider') this.declarationTexts.push(block.node.text);
      }
    }
    return providers;
  }

  private declareVariable(block: HclBlock, empty: Scope): void {
    const name = block.labels[0];
    const def = attributesOf(block.body).get('default');
    const missing = this.parent
      ? `variable "${name}" has no default and the module call does not set it`
      : `variable "${name}" has no default and no value in terraform.tfvars or *.auto.tfvars`;
    this.variables[name] = def ? evaluate(def, empty) : new Unresolved(missing);
    if (!def) this.valueless.add(name);
  }

  /** Keyed `aws` for the default configuration and `aws.west` for `alias = "west"`. */
  private declareProvider(block: HclBlock): void {
    const attrs = attributesOf(block.body);
    const aliasExpr = attrs.get('alias');
    const alias = aliasExpr ? evaluate(aliasExpr, this.scope()) : undefined;
    const key = typeof alias === 'string' ? `${block.labels[0]}.${alias}` : block.labels[0];
    const scope = this.scope();
    const defaultTags: Record<string, HclValue> = {};
    for (const dt of childBlocks(block, 'default_tags')) {
      const tags = attributesOf(dt.body).get('tags');
      const value = tags ? evaluate(tags, scope) : null;
      if (isObject(value)) Object.assign(defaultTags, value);
    }
    // The Google provider's `default_labels` play the part of AWS `default_tags`.
    const labels = attrs.get('default_labels');
    const labelValues = labels ? evaluate(labels, scope) : null;
    if (isObject(labelValues)) Object.assign(defaultTags, labelValues);
    const region = attrs.get('region');
    this.providers.set(key, { region: region ? evaluate(region, scope) : undefined, defaultTags });
  }

  /** Terraform's precedence: defaults < terraform.tfvars < *.auto.tfvars in name order. */
  private async applyVarFiles(names: string[], reader: WorkspaceReader, parser: Parser): Promise<void> {
    const ordered = names.filter(isAutoVarFile).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const name of ordered) await this.applyVarFile(name, reader, parser);
    const others = names.filter((n) => /\.tfvars(\.json)?$/.test(n) && !isAutoVarFile(n));
    const lone = others.length === 1 ? others[0] : undefined;
    if (lone && this.lacksValues()) {
      // `terraform apply` cannot run without the missing values; a folder with one var file is
      // applied with it (`-var-file` values come after the auto-loaded files, so they win).
      if (await this.applyVarFile(lone, reader, parser)) {
        this.notes.push(`values from ${lone}: variables without a default need it, and it is the folder's only var file (Terraform reads it with -var-file=${lone})`);
      }
    } else if (others.length) {
      this.notes.push(`${others.join(', ')} not applied: Terraform loads them only with -var-file`);
    }
  }

  private async applyVarFile(name: string, reader: WorkspaceReader, parser: Parser): Promise<boolean> {
    const text = await readBounded(reader, path.join(this.dir, name), this.skipped);
    if (text === undefined) return false;
    const values = name.endsWith('.json') ? parseJsonVars(text, name, this.notes) : this.parseHclVars(parser, text);
    for (const [k, v] of Object.entries(values)) {
      if (!(k in this.variables)) continue;
      this.variables[k] = v;
      this.valueless.delete(k);
    }
    return true;
  }

  /** A declared variable that neither a default nor an auto-loaded var file gives a value. */
  private lacksValues(): boolean {
    return this.valueless.size > 0;
  }

  private parseHclVars(parser: Parser, text: string): Record<string, HclValue> {
    const out: Record<string, HclValue> = {};
    const root = parseFileTree(parser, text);
    if (!root) return out;
    const scope = this.scope();
    for (const [k, v] of attributesOf(rootBody(root))) out[k] = evaluate(v, scope);
    return out;
  }

  /** The expression of `local.<name>` and where it is written, or undefined when not declared here. */
  localDefinition(name: string): { expr: HclNode; file: string; origin: Origin } | undefined {
    const expr = this.localExprs.get(name);
    const site = this.localSites.get(name);
    return expr && site ? { expr, ...site } : undefined;
  }

  /** The folder of the root module: `.terraform/modules/modules.json` is relative to it. */
  get rootDir(): string {
    return this.parent?.rootDir ?? this.dir;
  }

  private local(name: string): HclValue {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    const expr = this.localExprs.get(name);
    if (!expr) return new Unresolved(`local "${name}" is not declared in this module`);
    if (this.evaluating.has(name)) return new Unresolved(`local "${name}" refers to itself`);
    this.evaluating.add(name);
    const value = evaluate(expr, this.scope());
    this.evaluating.delete(name);
    this.localValues.set(name, value);
    return value;
  }
}

/** A value's identity for cache keys: JSON, with unresolved parts told apart from objects. */
function valueKey(value: Record<string, HclValue>): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Unresolved ? { '\u0000unresolved': v.reason } : v));
}

function rank(name: string): number {
  return name.startsWith('terraform.tfvars') ? 0 : 1;
}

function parseJsonVars(text: string, name: string, notes: string[]): Record<string, HclValue> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, HclValue>;
    notes.push(`${name} is not a JSON object; ignored`);
  } catch (e) {
    notes.push(`${name} is not valid JSON (${clip(String(e))}); ignored`);
  }
  return {};
}
