"""Training plans: the pure periodisation engine."""
