"""A realistic instansi at scale for load tests and benchmarks (issue #6): ``manage.py seed_scale``."""
