"""Tests of the LLM port (runcoach/llm): Groq through its stand-in, the offline coach."""
