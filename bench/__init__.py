"""Benchmarks and quality budgets of the handbook generator (see bench/run.py)."""
