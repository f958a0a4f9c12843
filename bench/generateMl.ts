/** Generated Python and notebooks for the ML lens benchmarks: LLM calls, SDK jobs and plain code. */

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-haiku-latest', 'claude-sonnet-4-0', 'o3-mini'];
const INSTANCES = ['ml.g5.2xlarge', 'ml.p4d.24xlarge', 'ml.g5.12xlarge', 'ml.g6e.xlarge'];

/** One block of about 20 lines; every fourth is plain code with no cost in it. */
function block(i: number): string[] {
  switch (i % 4) {
    case 0:
      return [
        `def answer_${i}(question: str) -> str:`,
        '    reply = client.chat.completions.create(',
        `        model="${MODELS[i % MODELS.length]}",`,
        '        messages=[',
        '            {"role": "system", "content": SYSTEM},',
        '            {"role": "user", "content": question},',
        '        ],',
        `        max_tokens=${200 + (i % 7) * 50},`,
        '    )',
        '    return reply.choices[0].message.content',
        '',
      ];
    case 1:
      return [
        `def summarise_${i}(ticket: str) -> str:`,
        '    reply = claude.messages.create(',
        `        model="${MODELS[(i + 2) % MODELS.length]}",`,
        '        max_tokens=512,',
        '        system="Summarise the ticket for an engineer.",',
        '        messages=[{"role": "user", "content": ticket}],',
        '    )',
        '    return reply.content[0].text',
        '',
      ];
    case 2:
      return [
        `estimator_${i} = PyTorch(`,
        '    entry_point="train.py",',
        '    role=ROLE,',
        `    instance_type="${INSTANCES[i % INSTANCES.length]}",`,
        `    instance_count=${1 + (i % 3)},`,
        '    framework_version="2.3",',
        '    py_version="py311",',
        '    max_run=86400,',
        ')',
        '',
      ];
    default:
      return [
        `def tokenize_${i}(rows):`,
        '    out = []',
        '    for row in rows:',
        '        text = row["text"].strip().lower()',
        '        if not text:',
        '            continue',
        `        out.append(text[: ${100 + i}])`,
        '    return out',
        '',
      ];
  }
}

const HEADER = [
  'import anthropic',
  'from openai import OpenAI',
  'from sagemaker.pytorch import PyTorch',
  '',
  'SYSTEM = "You are a support assistant. Answer in two sentences."',
  'ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"',
  'client = OpenAI()',
  'claude = anthropic.Anthropic()',
  '',
];

/** A Python module of about `lines` lines. */
export function pythonFile(lines: number): string {
  const out = [...HEADER];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** The cells of a notebook: imports and clients first, then one block per cell, every fifth a markdown cell. */
export function notebookCells(count: number): { kind: 'code' | 'markdown'; source: string; language: string }[] {
  const cells: { kind: 'code' | 'markdown'; source: string; language: string }[] = [{ kind: 'code', source: HEADER.join('\n'), language: 'python' }];
  for (let i = 1; cells.length < count; i++) {
    cells.push(i % 5 === 0 ? { kind: 'markdown', source: `## Step ${i}\n\nNotes.`, language: 'markdown' } : { kind: 'code', source: block(i).join('\n'), language: 'python' });
  }
  return cells;
}
