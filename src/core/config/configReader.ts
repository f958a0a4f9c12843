import { isMap, isScalar, isSeq, type LineCounter, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';

export interface ConfigProblem {
  /** 1-based line in `.finops.yml`. */
  line: number;
  message: string;
}

/**
 * Typed, line-aware reading of one `.finops.yml` section. Each getter records a problem
 * naming the line when a value has the wrong shape, and returns undefined.
 */
export class ConfigReader {
  constructor(
    private readonly lineCounter: LineCounter,
    readonly problems: ConfigProblem[],
  ) {}

  lineOf(node: YamlNode | Pair | null | undefined): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range
      ?? ((node as Pair | undefined)?.key as { range?: [number] } | undefined)?.range;
    return range ? this.lineCounter.linePos(range[0]).line : 1;
  }

  problem(node: YamlNode | Pair | null | undefined, message: string): void {
    this.problems.push({ line: this.lineOf(node), message });
  }

  map(parent: YAMLMap | undefined, key: string, path: string): YAMLMap | undefined {
    const node = parent?.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (isMap(node)) return node;
    this.problem(node, `${path} must be a mapping`);
    return undefined;
  }

  string(parent: YAMLMap | undefined, key: string, path: string): string | undefined {
    const node = parent?.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    this.problem(node, `${path} must be a string`);
    return undefined;
  }

  number(parent: YAMLMap | undefined, key: string, path: string, min: number, max: number): number | undefined {
    const node = parent?.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && node.value >= min && node.value <= max) return node.value;
    this.problem(node, `${path} must be a number from ${min} to ${max}`);
    return undefined;
  }

  boolean(parent: YAMLMap | undefined, key: string, path: string): boolean | undefined {
    const node = parent?.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(node, `${path} must be true or false`);
    return undefined;
  }

  oneOf<T extends string>(parent: YAMLMap | undefined, key: string, path: string, allowed: readonly T[]): T | undefined {
    const value = this.string(parent, key, path);
    if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
    this.problem(parent?.get(key, true) as YamlNode, `${path} must be one of ${allowed.join(', ')}`);
    return undefined;
  }

  stringList(parent: YAMLMap | undefined, key: string, path: string): string[] | undefined {
    const node = parent?.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null) return undefined;
    if (isSeq(node) && node.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
      return node.items.map((i) => String((i as { value: unknown }).value));
    }
    this.problem(node, `${path} must be a list of strings`);
    return undefined;
  }

  /** The entries of a mapping, keys as strings, for sections keyed by user names (teams, files). */
  entries(map: YAMLMap | undefined): [string, YamlNode | null, Pair][] {
    if (!map) return [];
    return map.items.map((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      return [key, pair.value as YamlNode | null, pair];
    });
  }
}
