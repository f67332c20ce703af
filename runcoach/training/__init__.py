"""Training analytics: pure science modules (zones, load, PMC, readiness, overtraining)."""
