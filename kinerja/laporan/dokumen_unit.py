"""Filled in by issue #5."""
