"""Benchmarks and quality budgets of the handbook generator (`python -m bench`, see bench/run.py)."""
