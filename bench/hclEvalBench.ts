import { convertFile } from '../src/core/parsing/hcl/hclConvert';
import { evaluate } from '../src/core/detectors/terraform/hclEval';
import type { HclNode } from '../src/core/parsing/hcl/hclSyntax';
import { attributesOf, blocksOf, rootBody } from '../src/core/parsing/hcl/hclTree';
import { Unresolved, type HclValue } from '../src/core/detectors/terraform/hclValue';
import { createParser } from '../src/core/parsing/treeSitter';
import { terraformFile } from './generate';
import { median } from './stats';

const FILES = 40;
const LINES = 1000;
const ROUNDS = 15;

/** As `hclBench`'s: every block and every attribute's value. */
function toValues(body: HclNode | null): Record<string, HclValue> {
  const scope = { variables: {}, local: () => new Unresolved('bench') };
  const out: Record<string, HclValue> = {};
  for (const [k, v] of attributesOf(body)) out[k] = evaluate(v, scope);
  for (const b of blocksOf(body)) out[[b.type, ...b.labels].join('.')] = toValues(b.body);
  return out;
}

/**
 * Evaluation alone, on trees converted just before: `hclBench`'s corpus, where evaluation is
 * the difference between its `oursMs` and `treeMs`. Prints median wall and CPU milliseconds.
 */
async function benchEvaluation(): Promise<{ evalMs: number; evalCpuMs: number; rounds: number }> {
  const parser = await createParser('terraform');
  const texts = Array.from({ length: FILES }, (_, i) => terraformFile(LINES, i));
  // A fresh tree per file, evaluated as soon as it is converted, as in `hclBench` (nodes cache
  // what they compute on first read, and a tree kept longer would reach the old generation).
  const convert = (text: string) => {
    const tree = parser.parse(text);
    if (!tree) throw new Error('no tree');
    const root = convertFile(tree, text);
    tree.delete();
    return root;
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let roundWall = 0;
    let roundCpu = 0;
    for (const text of texts) {
      const root = convert(text);
      const started = performance.now();
      const used = process.cpuUsage();
      toValues(rootBody(root));
      const spent = process.cpuUsage(used);
      roundWall += performance.now() - started;
      roundCpu += (spent.user + spent.system) / 1000;
    }
    wall.push(roundWall);
    cpu.push(roundCpu);
  }
  return { evalMs: median(wall), evalCpuMs: median(cpu), rounds: ROUNDS };
}

if (require.main === module) {
  void benchEvaluation().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
