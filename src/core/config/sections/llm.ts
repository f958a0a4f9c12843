import { isMap, type YAMLMap } from 'yaml';
import type { ConfigReader } from '../configReader';

/** Volume and token counts for one call site, keyed `path/to/file.py:function`. */
export interface LlmCallOverride {
  callsPerDay?: number;
  inputTokens?: number;
  outputTokens?: number;
}

export interface LlmSection {
  /** Calls per day for every call site without its own figure. */
  callsPerDay?: number;
  /** Keyed by workspace-relative file and enclosing function: `src/chat.py:answer` (`<module>` at top level). */
  calls: Record<string, LlmCallOverride>;
}

const BIG = 1e12;

export function readLlm(root: YAMLMap, r: ConfigReader): LlmSection {
  const map = r.map(root, 'llm', 'llm');
  const calls: Record<string, LlmCallOverride> = {};
  for (const [key, value, pair] of r.entries(r.map(map, 'calls', 'llm.calls'))) {
    if (!isMap(value)) {
      r.problem(pair, `llm.calls."${key}" must be a mapping`);
      continue;
    }
    for (const [k, , p] of r.entries(value)) if (!['callsPerDay', 'inputTokens', 'outputTokens'].includes(k)) r.problem(p, `unknown key "${k}" in llm.calls."${key}"`);
    calls[key] = {
      callsPerDay: r.number(value, 'callsPerDay', `llm.calls."${key}".callsPerDay`, 0, BIG),
      inputTokens: r.number(value, 'inputTokens', `llm.calls."${key}".inputTokens`, 0, BIG),
      outputTokens: r.number(value, 'outputTokens', `llm.calls."${key}".outputTokens`, 0, BIG),
    };
  }
  return { callsPerDay: r.number(map, 'callsPerDay', 'llm.callsPerDay', 0, BIG), calls };
}
