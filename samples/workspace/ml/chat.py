"""Support bot: answers billing questions, summarises tickets, embeds documents."""
import anthropic
from openai import OpenAI

MODEL = "gpt-4o"
SYSTEM = "You are a support assistant for a cloud billing product. Answer in two sentences."

client = OpenAI()
claude = anthropic.Anthropic()


def answer(question: str) -> str:
    reply = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": question},
        ],
        max_tokens=300,
    )
    return reply.choices[0].message.content


def summarise(ticket: str) -> str:
    reply = claude.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=512,
        system="Summarise the ticket for an engineer.",
        messages=[{"role": "user", "content": f"Ticket:\n{ticket}"}],
    )
    return reply.content[0].text


def embed(chunks: list[str]):
    return client.embeddings.create(model="text-embedding-3-small", input=chunks)
