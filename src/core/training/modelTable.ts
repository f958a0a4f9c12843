/**
 * Parameter counts of popular open model families, for FLOPs when a config names a model but
 * the name alone does not give its size (or gives a rounded one). Each row cites the model card
 * (or config) its count is from. Mixture-of-experts rows give the parameters each token passes
 * through (`parameters`, what the FLOPs depend on) and all parameters (`totalParameters`, memory).
 * Patterns match the lower-cased name with `_` read as `-`.
 */
export interface KnownModel {
  pattern: RegExp;
  parameters: number;
  label: string;
  /** Total parameters of a mixture-of-experts model, when they differ. */
  totalParameters?: number;
  source: string;
}

const B = 1e9;
const M = 1e6;
const HF = 'https://huggingface.co/';

export const KNOWN_MODELS: readonly KnownModel[] = [
  // Mixtures of experts: active of total parameters.
  { pattern: /mixtral-?8x7b/, parameters: 12.9 * B, totalParameters: 46.7 * B, label: 'Mixtral 8x7B (12.9B active of 46.7B)', source: 'https://mistral.ai/news/mixtral-of-experts' },
  { pattern: /mixtral-?8x22b/, parameters: 39 * B, totalParameters: 141 * B, label: 'Mixtral 8x22B (39B active of 141B)', source: 'https://mistral.ai/news/mixtral-8x22b' },
  { pattern: /deepseek-?(v3|r1)(?!-distill)/, parameters: 37 * B, totalParameters: 671 * B, label: 'DeepSeek-V3/R1 (37B active of 671B)', source: `${HF}deepseek-ai/DeepSeek-V3` },
  { pattern: /deepseek-?v2(\.5)?-?lite/, parameters: 2.4 * B, totalParameters: 15.7 * B, label: 'DeepSeek-V2-Lite (2.4B active of 15.7B)', source: `${HF}deepseek-ai/DeepSeek-V2-Lite` },
  { pattern: /deepseek-?v2(\.5)?(?!-?lite)/, parameters: 21 * B, totalParameters: 236 * B, label: 'DeepSeek-V2/V2.5 (21B active of 236B)', source: `${HF}deepseek-ai/DeepSeek-V2` },
  { pattern: /qwen1\.5-?moe-?a2\.7b/, parameters: 2.7 * B, totalParameters: 14.3 * B, label: 'Qwen1.5-MoE-A2.7B (2.7B active of 14.3B)', source: `${HF}Qwen/Qwen1.5-MoE-A2.7B` },
  { pattern: /gpt-?oss-?20b/, parameters: 3.6 * B, totalParameters: 21 * B, label: 'gpt-oss-20b (3.6B active of 21B)', source: `${HF}openai/gpt-oss-20b` },
  { pattern: /gpt-?oss-?120b/, parameters: 5.1 * B, totalParameters: 117 * B, label: 'gpt-oss-120b (5.1B active of 117B)', source: `${HF}openai/gpt-oss-120b` },
  { pattern: /llama-?4-?scout/, parameters: 17 * B, totalParameters: 109 * B, label: 'Llama 4 Scout (17B active of 109B)', source: `${HF}meta-llama/Llama-4-Scout-17B-16E` },
  { pattern: /llama-?4-?maverick/, parameters: 17 * B, totalParameters: 400 * B, label: 'Llama 4 Maverick (17B active of 400B)', source: `${HF}meta-llama/Llama-4-Maverick-17B-128E` },
  { pattern: /dbrx/, parameters: 36 * B, totalParameters: 132 * B, label: 'DBRX (36B active of 132B)', source: `${HF}databricks/dbrx-base` },
  { pattern: /jamba-?v0\.1/, parameters: 12 * B, totalParameters: 52 * B, label: 'Jamba v0.1 (12B active of 52B)', source: `${HF}ai21labs/Jamba-v0.1` },
  { pattern: /jamba-?1\.5-?large/, parameters: 94 * B, totalParameters: 398 * B, label: 'Jamba 1.5 Large (94B active of 398B)', source: `${HF}ai21labs/AI21-Jamba-1.5-Large` },
  { pattern: /jamba-?1\.5-?mini/, parameters: 12 * B, totalParameters: 52 * B, label: 'Jamba 1.5 Mini (12B active of 52B)', source: `${HF}ai21labs/AI21-Jamba-1.5-Mini` },
  { pattern: /glm-?4\.5-?air/, parameters: 12 * B, totalParameters: 106 * B, label: 'GLM-4.5-Air (12B active of 106B)', source: `${HF}zai-org/GLM-4.5-Air` },
  { pattern: /minimax-?m2/, parameters: 10 * B, totalParameters: 230 * B, label: 'MiniMax-M2 (10B active of 230B)', source: `${HF}MiniMaxAI/MiniMax-M2` },
  { pattern: /granite-?4\.0-?tiny/, parameters: 1 * B, totalParameters: 7 * B, label: 'Granite 4.0 Tiny (1B active of 7B)', source: `${HF}ibm-granite/granite-4.0-tiny-preview` },
  { pattern: /gemma-?3n-?e2b/, parameters: 2 * B, totalParameters: 5 * B, label: 'Gemma 3n E2B (2B effective of 5B)', source: `${HF}google/gemma-3n-E2B-it` },
  { pattern: /gemma-?3n-?e4b/, parameters: 4 * B, totalParameters: 8 * B, label: 'Gemma 3n E4B (4B effective of 8B)', source: `${HF}google/gemma-3n-E4B-it` },
  { pattern: /mistral-?small-?4/, parameters: 6.5 * B, totalParameters: 119 * B, label: 'Mistral Small 4 (6.5B active of 119B)', source: `${HF}mistralai/Mistral-Small-4-119B-2603` },
  // Dense models whose names round their size or leave it out.
  { pattern: /qwen2(\.5)?-?0\.5b/, parameters: 0.49 * B, label: 'Qwen2/2.5 0.5B', source: `${HF}Qwen/Qwen2.5-0.5B` },
  { pattern: /qwen2-?1\.5b/, parameters: 1.54 * B, label: 'Qwen2 1.5B', source: `${HF}Qwen/Qwen2-1.5B` },
  { pattern: /qwen2\.5-?1\.5b/, parameters: 1.54 * B, label: 'Qwen2.5 1.5B', source: `${HF}Qwen/Qwen2.5-1.5B` },
  { pattern: /qwen2\.5-?vl-?7b/, parameters: 8.29 * B, label: 'Qwen2.5-VL 7B (with its vision tower)', source: `${HF}Qwen/Qwen2.5-VL-7B-Instruct` },
  { pattern: /qwen2(\.5)?-?7b/, parameters: 7.61 * B, label: 'Qwen2/2.5 7B', source: `${HF}Qwen/Qwen2.5-7B` },
  { pattern: /qwen2\.5-?14b/, parameters: 14.8 * B, label: 'Qwen2.5 14B', source: `${HF}Qwen/Qwen2.5-14B` },
  { pattern: /deepcoder-?14b/, parameters: 14.8 * B, label: 'DeepCoder 14B (Qwen2.5 14B based)', source: `${HF}agentica-org/DeepCoder-14B-Preview` },
  { pattern: /ministral-?8b/, parameters: 8.02 * B, label: 'Ministral 8B', source: `${HF}mistralai/Ministral-8B-Instruct-2410` },
  { pattern: /stablelm-?2-?1\.6b/, parameters: 1.64 * B, label: 'StableLM 2 1.6B', source: `${HF}stabilityai/stablelm-2-1_6b` },
  { pattern: /smollm2-?1\.7b/, parameters: 1.71 * B, label: 'SmolLM2 1.7B', source: `${HF}HuggingFaceTB/SmolLM2-1.7B` },
  { pattern: /smollm3-?3b/, parameters: 3.08 * B, label: 'SmolLM3 3B', source: `${HF}HuggingFaceTB/SmolLM3-3B` },
  { pattern: /zephyr-?7b/, parameters: 7.24 * B, label: 'Zephyr 7B (Mistral 7B fine-tune)', source: `${HF}HuggingFaceH4/zephyr-7b-beta` },
  { pattern: /llama-?2-?7b/, parameters: 6.74 * B, label: 'Llama 2 7B', source: `${HF}meta-llama/Llama-2-7b-hf` },
  { pattern: /llama-?2-?13b/, parameters: 13.0 * B, label: 'Llama 2 13B', source: `${HF}meta-llama/Llama-2-13b-hf` },
  { pattern: /llama-?2-?70b/, parameters: 69.0 * B, label: 'Llama 2 70B', source: `${HF}meta-llama/Llama-2-70b-hf` },
  { pattern: /llama-?3(\.[0-9])?-?8b/, parameters: 8.03 * B, label: 'Llama 3 8B', source: `${HF}meta-llama/Llama-3.1-8B` },
  { pattern: /llama-?3(\.[0-9])?-?70b/, parameters: 70.6 * B, label: 'Llama 3 70B', source: `${HF}meta-llama/Llama-3.1-70B` },
  { pattern: /llama-?3(\.[0-9])?-?405b/, parameters: 405 * B, label: 'Llama 3.1 405B', source: `${HF}meta-llama/Llama-3.1-405B` },
  { pattern: /llama-?3\.2-?1b/, parameters: 1.24 * B, label: 'Llama 3.2 1B', source: `${HF}meta-llama/Llama-3.2-1B` },
  { pattern: /llama-?3\.2-?3b/, parameters: 3.21 * B, label: 'Llama 3.2 3B', source: `${HF}meta-llama/Llama-3.2-3B` },
  { pattern: /llama-?3\.2-?(vision-?)?11b/, parameters: 10.6 * B, label: 'Llama 3.2 11B Vision', source: `${HF}meta-llama/Llama-3.2-11B-Vision` },
  { pattern: /tinyllama/, parameters: 1.1 * B, label: 'TinyLlama 1.1B', source: `${HF}TinyLlama/TinyLlama_v1.1` },
  { pattern: /mistral-?7b/, parameters: 7.24 * B, label: 'Mistral 7B', source: `${HF}mistralai/Mistral-7B-v0.1` },
  { pattern: /mistral-?nemo/, parameters: 12.2 * B, label: 'Mistral NeMo 12B', source: `${HF}mistralai/Mistral-Nemo-Base-2407` },
  { pattern: /(magistral|devstral|mistral)-?small(?!-?4)/, parameters: 24 * B, label: 'Mistral Small family (24B)', source: `${HF}mistralai/Magistral-Small-2506` },
  { pattern: /command-?r7b/, parameters: 7 * B, label: 'Command R7B', source: `${HF}CohereForAI/c4ai-command-r7b-12-2024` },
  { pattern: /gemma-?2-?2b/, parameters: 2.61 * B, label: 'Gemma 2 2B', source: `${HF}google/gemma-2-2b` },
  { pattern: /gemma-?2-?9b/, parameters: 9.24 * B, label: 'Gemma 2 9B', source: `${HF}google/gemma-2-9b` },
  { pattern: /gemma-?2-?27b/, parameters: 27.2 * B, label: 'Gemma 2 27B', source: `${HF}google/gemma-2-27b` },
  { pattern: /gemma-?2b/, parameters: 2.51 * B, label: 'Gemma 2B', source: `${HF}google/gemma-2b` },
  { pattern: /gemma-?7b/, parameters: 8.54 * B, label: 'Gemma 7B', source: `${HF}google/gemma-7b` },
  { pattern: /phi-?1[.-]5/, parameters: 1.42 * B, label: 'Phi-1.5', source: `${HF}microsoft/phi-1_5` },
  { pattern: /phi-?2\b/, parameters: 2.78 * B, label: 'Phi-2', source: `${HF}microsoft/phi-2` },
  { pattern: /phi-?3(\.5)?-?mini/, parameters: 3.82 * B, label: 'Phi-3 mini', source: `${HF}microsoft/Phi-3-mini-4k-instruct` },
  { pattern: /phi-?4-?mini/, parameters: 3.84 * B, label: 'Phi-4 mini', source: `${HF}microsoft/Phi-4-mini-instruct` },
  { pattern: /phi-?3-?small/, parameters: 7.39 * B, label: 'Phi-3 small', source: `${HF}microsoft/Phi-3-small-8k-instruct` },
  { pattern: /phi-?3-?medium/, parameters: 14.0 * B, label: 'Phi-3 medium', source: `${HF}microsoft/Phi-3-medium-4k-instruct` },
  { pattern: /phi-?4\b(?!-?mini)/, parameters: 14.7 * B, label: 'Phi-4', source: `${HF}microsoft/phi-4` },
  { pattern: /falcon-?7b/, parameters: 7.22 * B, label: 'Falcon 7B', source: `${HF}tiiuae/falcon-7b` },
  { pattern: /falcon-?40b/, parameters: 41.8 * B, label: 'Falcon 40B', source: `${HF}tiiuae/falcon-40b` },
  { pattern: /falcon-?180b/, parameters: 180 * B, label: 'Falcon 180B', source: `${HF}tiiuae/falcon-180B` },
  { pattern: /gpt-?2-?xl/, parameters: 1.56 * B, label: 'GPT-2 XL', source: `${HF}openai-community/gpt2-xl` },
  { pattern: /gpt-?2-?large/, parameters: 774 * M, label: 'GPT-2 large', source: `${HF}openai-community/gpt2-large` },
  { pattern: /gpt-?2-?medium/, parameters: 355 * M, label: 'GPT-2 medium', source: `${HF}openai-community/gpt2-medium` },
  { pattern: /gpt-?2\b/, parameters: 124 * M, label: 'GPT-2 (124M)', source: `${HF}openai-community/gpt2` },
  { pattern: /bert-?large/, parameters: 340 * M, label: 'BERT large', source: `${HF}google-bert/bert-large-uncased` },
  { pattern: /bert-?base/, parameters: 110 * M, label: 'BERT base', source: `${HF}google-bert/bert-base-uncased` },
  { pattern: /t5-?small/, parameters: 60 * M, label: 'T5 small', source: `${HF}google-t5/t5-small` },
  { pattern: /t5-?base/, parameters: 220 * M, label: 'T5 base', source: `${HF}google-t5/t5-base` },
  { pattern: /t5-?large/, parameters: 770 * M, label: 'T5 large', source: `${HF}google-t5/t5-large` },
  { pattern: /t5-?(v1-1-)?xl\b|t5-?3b/, parameters: 3 * B, label: 'T5 3B', source: `${HF}google-t5/t5-3b` },
  { pattern: /t5-?(v1-1-)?xxl\b|t5-?11b/, parameters: 11 * B, label: 'T5 11B', source: `${HF}google-t5/t5-11b` },
];
