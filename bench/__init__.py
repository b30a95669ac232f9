"""Benchmark and resilience scripts; not part of the test suite (see README)."""
