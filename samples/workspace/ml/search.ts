import OpenAI from "openai";

const client = new OpenAI();
const RERANK_MODEL = "gpt-4o-mini";

export async function rerank(query: string, passages: string[]) {
  return client.responses.create({
    model: RERANK_MODEL,
    instructions: "Order the passages by relevance to the query. Reply with their numbers only.",
    input: `Query: ${query}\n\nPassages:\n${passages.join("\n")}`,
    max_output_tokens: 50,
  });
}
