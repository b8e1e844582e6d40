"""Evaluation and red-teaming: suites, assertions, statistics, runs."""
