"""govlint's version, in a module of its own: what formatters, the cache and baselines stamp their
output with, importable without loading the pipeline the package's ``__init__`` brings in."""

__version__ = "0.1.0"
