"""Benchmarks of the service (see bench/README.md); not part of the package."""
