import { parse as hcl2json } from '@cdktf/hcl2json';
import { convertFile } from '../src/core/parsing/hcl/hclConvert';
import { evaluate } from '../src/core/detectors/terraform/hclEval';
import { HclParseCache } from '../src/core/parsing/hcl/hclParseCache';
import type { HclNode } from '../src/core/parsing/hcl/hclSyntax';
import { attributesOf, blocksOf, type HclBlock } from '../src/core/parsing/hcl/hclTree';
import { Unresolved, type HclValue } from '../src/core/detectors/terraform/hclValue';
import { createParser } from '../src/core/parsing/treeSitter';
import { terraformFile } from './generate';
import { median } from './stats';

const FILES = 40;
const LINES = 1000;
const ROUNDS = 5;

/** Our parse to the same depth as the peer's: every block and every attribute's value. */
function toValues(body: HclNode | null): Record<string, HclValue> {
  const scope = { variables: {}, local: () => new Unresolved('bench') };
  const out: Record<string, HclValue> = {};
  for (const [k, v] of attributesOf(body)) out[k] = evaluate(v, scope);
  return { ...out, ...blockValues(blocksOf(body)) };
}

function blockValues(blocks: HclBlock[]): Record<string, HclValue> {
  const out: Record<string, HclValue> = {};
  for (const b of blocks) out[[b.type, ...b.labels].join('.')] = toValues(b.body);
  return out;
}

export interface HclBenchResult {
  /**
   * Parse to plain trees through the detector's entry point (`HclParseCache.parse`: the direct
   * parser, tree-sitter where it gives up) and evaluate every attribute: what the detector does.
   */
  oursMs: number;
  peerMs: number;
  ratio: number;
  /** The same parse without evaluating: like for like with the peer, which parses to JSON and evaluates nothing. */
  treeMs: number;
  treeRatio: number;
  /** Reference: tree-sitter's parse alone, the floor of the tree-sitter path. */
  parseMs: number;
  parseRatio: number;
  /** Reference: tree-sitter's parse converted to the plain tree (`convertFile`), the path for text the direct parser leaves. */
  treeSitterTreeMs: number;
  bytes: number;
  /** The same four figures in process CPU time, steadier than wall time on a loaded machine. */
  cpu: { oursMs: number; treeMs: number; parseMs: number; peerMs: number; ratio: number; treeRatio: number; parseRatio: number };
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(corpus: string[], work: (text: string, i: number) => unknown): Promise<Timing> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const [i, text] of corpus.entries()) await work(text, i);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

export async function benchHcl(): Promise<HclBenchResult> {
  const corpus = Array.from({ length: FILES }, (_, i) => terraformFile(LINES, i));
  const bytes = corpus.reduce((a, t) => a + t.length, 0);
  const parser = await createParser('terraform');
  await hcl2json('warm.tf', corpus[0]);
  const parse = (text: string) => {
    const tree = parser.parse(text);
    if (!tree) throw new Error('no tree');
    return tree;
  };
  const ours: Timing[] = [];
  const trees: Timing[] = [];
  const parses: Timing[] = [];
  const treeSitterTrees: Timing[] = [];
  const peer: Timing[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // A cache per round, so every round parses every file (none is a cache hit), holding one
    // file: like the peer's, a file's result is dropped once the next is parsed.
    const oursCache = new HclParseCache(parser, 1);
    ours.push(await timed(corpus, (text, i) => blockValues(oursCache.parse(`f${i}.tf`, text).blocks)));
    const treeCache = new HclParseCache(parser, 1);
    trees.push(await timed(corpus, (text, i) => treeCache.parse(`f${i}.tf`, text)));
    parses.push(await timed(corpus, (text) => parse(text).delete()));
    treeSitterTrees.push(await timed(corpus, (text) => {
      const tree = parse(text);
      convertFile(tree, text);
      tree.delete();
    }));
    peer.push(await timed(corpus, (text, i) => hcl2json(`f${i}.tf`, text)));
  }
  const treeSitterTreeMs = median(treeSitterTrees.map((x) => x.wall));
  const [oursMs, treeMs, parseMs, peerMs] = [ours, trees, parses, peer].map((t) => median(t.map((x) => x.wall)));
  const [oursCpu, treeCpu, parseCpu, peerCpu] = [ours, trees, parses, peer].map((t) => median(t.map((x) => x.cpu)));
  const cpu = { oursMs: oursCpu, treeMs: treeCpu, parseMs: parseCpu, peerMs: peerCpu, ratio: peerCpu / oursCpu, treeRatio: peerCpu / treeCpu, parseRatio: peerCpu / parseCpu };
  return { oursMs, peerMs, ratio: peerMs / oursMs, treeMs, treeRatio: peerMs / treeMs, parseMs, parseRatio: peerMs / parseMs, treeSitterTreeMs, bytes, cpu };
}

if (require.main === module) {
  void benchHcl().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
