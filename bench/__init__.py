"""Benchmarks and their data generators (see README: Performance)."""
