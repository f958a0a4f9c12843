/** Model ids as written in code: `gpt-4o-mini`, `claude-3-5-haiku-latest`, `anthropic.claude-3-haiku-20240307-v1:0`, `openai/gpt-4o`. */
export const MODEL_ID_PATTERN = /[A-Za-z][A-Za-z0-9]*(?:[-.:/@][A-Za-z0-9]+)+/;
