"""The AI coach: athlete snapshots, LLM providers and conversations."""
