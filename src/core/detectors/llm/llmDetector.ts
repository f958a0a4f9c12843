import type { CostItem, DetectionResult } from '../../model';
import { syntaxProblems, type SourceFile } from '../../parsing/source/callSites';
import { parsePython } from '../../parsing/source/pythonSource';
import { grammarFor, parseTypeScript } from '../../parsing/source/typescriptSource';
import { itemsOverVariants } from '../shared/variantItems';
import type { Detector, DetectorContext } from '../types';
import { estimate } from '../../resources/costModel';
import { llmCall } from '../../resources/llm/llmCall';
import { llamaIndexClasses } from './llamaIndexCalls';
import { recognizeLlmCall } from './llmCalls';
import { provisionedThroughputItem } from './bedrockProvisioned';

const PYTHON = /\.py$/;
const SCRIPT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Files that mention an LLM SDK; the rest are not parsed. */
const SDK_MENTION = /openai|anthropic|bedrock|generativeai|google\.genai|@google\/genai|litellm|langchain|llama_index|generate_content|generateContent/i;

/** OpenAI, Anthropic, Bedrock (and its Provisioned Throughput), Gemini, LiteLLM, LangChain and LlamaIndex calls in Python and TypeScript/JavaScript. */
export class LlmCallDetector implements Detector {
  readonly id = 'llm-calls';
  readonly label = 'LLM API calls in Python and TypeScript/JavaScript';

  matches(file: string, text?: string): boolean {
    if (/\.d\.ts$/.test(file) || !(PYTHON.test(file) || SCRIPT.test(file))) return false;
    return text === undefined || SDK_MENTION.test(text);
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const source: SourceFile = PYTHON.test(ctx.file) || ctx.language === 'python' ? await parsePython(ctx.text) : await parseTypeScript(ctx.text, grammarFor(ctx.file));
    const items: CostItem[] = [];
    const llamaIndex = llamaIndexClasses(ctx.text);
    for (const call of source.calls) {
      if (ctx.isCancelled?.()) break;
      items.push(...itemsOverVariants(call, (c) => {
        const provisioned = provisionedThroughputItem(ctx.file, c);
        if (provisioned) return [provisioned];
        const spec = recognizeLlmCall(source, c, llamaIndex);
        return spec ? [estimate(llmCall, { file: ctx.file, call: c, spec }, ctx)] : [];
      }));
    }
    return { items, skipped: syntaxProblems(ctx.file, source.errorLines) };
  }
}
