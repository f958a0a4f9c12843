import { parse as hcl2json } from '@cdktf/hcl2json';
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
const ROUNDS = 5;

/** Our parse to the same depth as the peer's: every block and every attribute's value. */
function toValues(body: HclNode | null): Record<string, HclValue> {
  const scope = { variables: {}, local: () => new Unresolved('bench') };
  const out: Record<string, HclValue> = {};
  for (const [k, v] of attributesOf(body)) out[k] = evaluate(v, scope);
  for (const b of blocksOf(body)) out[[b.type, ...b.labels].join('.')] = toValues(b.body);
  return out;
}

export interface HclBenchResult {
  /** Parse, convert to the plain tree, and evaluate every attribute: what the detector does. */
  oursMs: number;
  peerMs: number;
  ratio: number;
  /** Parse and convert only: like for like with the peer, which parses to JSON and evaluates nothing. */
  treeMs: number;
  treeRatio: number;
  /** Tree-sitter's parse alone, the floor under both. */
  parseMs: number;
  parseRatio: number;
  bytes: number;
  /** The same four figures in process CPU time, steadier than wall time on a loaded machine. */
  cpu: { oursMs: number; treeMs: number; parseMs: number; peerMs: number; ratio: number; treeRatio: number; parseRatio: number };
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(corpus: string[], work: (text: string, i: number) => void | Promise<unknown>): Promise<Timing> {
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
  const peer: Timing[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(await timed(corpus, (text) => {
      const tree = parse(text);
      toValues(rootBody(convertFile(tree, text)));
      tree.delete();
    }));
    trees.push(await timed(corpus, (text) => {
      const tree = parse(text);
      convertFile(tree, text);
      tree.delete();
    }));
    parses.push(await timed(corpus, (text) => parse(text).delete()));
    peer.push(await timed(corpus, (text, i) => hcl2json(`f${i}.tf`, text)));
  }
  const [oursMs, treeMs, parseMs, peerMs] = [ours, trees, parses, peer].map((t) => median(t.map((x) => x.wall)));
  const [oursCpu, treeCpu, parseCpu, peerCpu] = [ours, trees, parses, peer].map((t) => median(t.map((x) => x.cpu)));
  const cpu = { oursMs: oursCpu, treeMs: treeCpu, parseMs: parseCpu, peerMs: peerCpu, ratio: peerCpu / oursCpu, treeRatio: peerCpu / treeCpu, parseRatio: peerCpu / parseCpu };
  return { oursMs, peerMs, ratio: peerMs / oursMs, treeMs, treeRatio: peerMs / treeMs, parseMs, parseRatio: peerMs / parseMs, bytes, cpu };
}

if (require.main === module) {
  void benchHcl().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
