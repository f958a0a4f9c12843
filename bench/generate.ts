import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const TYPES = ['p4d.24xlarge', 'g5.xlarge', 'g5.2xlarge', 'g6e.xlarge', 'p5.48xlarge', 'g4dn.xlarge', 'inf2.xlarge', 't3.micro'];

/** A Terraform module file of about `lines` lines: a provider, variables, locals and GPU instances. */
export function terraformFile(lines: number, seed = 0): string {
  const out = [
    'provider "aws" {',
    '  region = var.region',
    '  default_tags {',
    '    tags = { team = "ml" }',
    '  }',
    '}',
    'variable "region" {',
    '  default = "us-east-1"',
    '}',
    'locals {',
    '  common = { project = "bench", env = "dev" }',
    '  size   = "xlarge"',
    '}',
  ];
  for (let i = 0; out.length + 10 <= lines; i++) {
    const type = TYPES[(i + seed) % TYPES.length];
    out.push(
      `# instance ${i}`,
      `resource "aws_instance" "node_${i}" {`,
      `  count         = ${1 + (i % 4)}`,
      `  ami           = "ami-${(1000000 + i).toString(16)}"`,
      `  instance_type = ${i % 3 === 0 ? `"g5.\${local.size}"` : `"${type}"`}`,
      '  tags = merge(local.common, {',
      `    Name = "node-${i}"`,
      '  })',
      '}',
      '',
    );
  }
  while (out.length < lines) out.push('# padding');
  return `${out.join('\n')}\n`;
}

const PY = (i: number) => `import sagemaker\n\nMODEL = "model-${i}"\n\ndef train():\n    return MODEL\n`;
const YAML_K8S = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  labels: { team: ml }\nspec:\n  replicas: 2\n  template:\n    spec:\n      nodeSelector: { node.kubernetes.io/instance-type: g5.xlarge }\n      containers:\n        - name: s\n          image: x\n          resources: { limits: { nvidia.com/gpu: 1 } }\n`;
const NOTEBOOK = (i: number) =>
  JSON.stringify({ cells: [{ cell_type: 'code', source: [`x = ${i}\n`, 'print(x)\n'], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
const CONFIG = (i: number) => JSON.stringify({ learning_rate: 1e-4, per_device_train_batch_size: 8, max_steps: 1000 + i });

/** The mix of an ML monorepo: infrastructure, services, notebooks, configs, and much that is none of these. */
const KINDS: [string, (i: number) => string][] = [
  ['tf', (i) => terraformFile(60, i)],
  ['yaml', YAML_K8S],
  ['py', PY],
  ['ipynb', NOTEBOOK],
  ['json', CONFIG],
  ['md', (i) => `# Doc ${i}\n\nSome text about g5.xlarge.\n`],
  ['txt', (i) => `log line ${i}\n`.repeat(20)],
  ['csv', (i) => `a,b,c\n${i},2,3\n`],
  ['ts', (i) => `export const x${i} = ${i};\n`],
  ['png', () => '\x89PNG\r\n\x1a\n'],
];

/** Writes `count` files in nested folders, plus ignored folders the scan must skip. Returns the root. */
export async function monorepo(root: string, count: number): Promise<string> {
  await fs.rm(root, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const [ext, make] = KINDS[i % KINDS.length];
    const dir = path.join(root, `team-${i % 7}`, `project-${i % 53}`, ext === 'tf' ? `infra-${i % 97}` : 'src');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `file-${i}.${ext}`), make(i));
  }
  for (const ignored of ['node_modules/pkg', '.git/objects', '.venv/lib']) {
    const dir = path.join(root, ignored);
    await fs.mkdir(dir, { recursive: true });
    for (let i = 0; i < 200; i++) await fs.writeFile(path.join(dir, `f${i}.tf`), terraformFile(30, i));
  }
  return root;
}
