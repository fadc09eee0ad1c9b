"""Benchmarks and the history generator behind ``make bench``."""
