import type { YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ConfigReader } from '../configReader';

export interface BudgetSpec {
  dimension: 'team' | 'project';
  key: string;
  /** Amount per calendar month, in the billing currency. */
  monthly: number;
  /** Shares of the budget (0.8 = 80 %) at which to notify, ascending. */
  thresholds: number[];
}

export interface BudgetsSection {
  budgets: BudgetSpec[];
}

export const DEFAULT_THRESHOLDS = [0.8, 1];

/**
 * `budgets:` holds monthly amounts per team and per project:
 * `teams: { nlp: 12000, vision: { monthly: 8000, thresholds: [0.5, 1] } }`.
 */
export function readBudgets(root: YAMLMap, r: ConfigReader): BudgetsSection | undefined {
  const map = r.map(root, 'budgets', 'budgets');
  if (!map) return undefined;
  const defaults = thresholdList(map.get('thresholds', true) as YamlNode | undefined, 'budgets.thresholds', r) ?? DEFAULT_THRESHOLDS;
  const budgets: BudgetSpec[] = [];
  for (const [section, dimension] of [['teams', 'team'], ['projects', 'project']] as const) {
    for (const [key, node, pair] of r.entries(r.map(map, section, `budgets.${section}`))) {
      const path = `budgets.${section}.${key}`;
      if (isScalar(node) && typeof node.value === 'number' && node.value > 0) {
        budgets.push({ dimension, key: key.trim().toLowerCase(), monthly: node.value, thresholds: defaults });
      } else if (isMap(node)) {
        const monthly = r.number(node, 'monthly', `${path}.monthly`, 0.01, 1e12);
        const thresholds = thresholdList(node.get('thresholds', true) as YamlNode | undefined, `${path}.thresholds`, r) ?? defaults;
        if (monthly === undefined) {
          if (!node.has('monthly')) r.problem(pair, `${path} needs monthly`);
        } else {
          budgets.push({ dimension, key: key.trim().toLowerCase(), monthly, thresholds });
        }
      } else {
        r.problem(pair, `${path} must be a positive amount or { monthly, thresholds }`);
      }
    }
  }
  for (const [key, , pair] of r.entries(map)) {
    if (!['thresholds', 'teams', 'projects'].includes(key)) r.problem(pair, `unknown key "budgets.${key}"`);
  }
  return { budgets };
}

function thresholdList(node: YamlNode | undefined, path: string, r: ConfigReader): number[] | undefined {
  if (node === undefined || node === null) return undefined;
  if (isSeq(node) && node.items.length > 0 && node.items.every((i) => isScalar(i) && typeof i.value === 'number' && i.value > 0 && i.value <= 10)) {
    return node.items.map((i) => Number((i as { value: number }).value)).sort((a, b) => a - b);
  }
  r.problem(node, `${path} must be a list of shares such as [0.8, 1]`);
  return undefined;
}
