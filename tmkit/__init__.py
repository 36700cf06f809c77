"""tmkit: bilingual terminology and translation-memory toolkit."""

__version__ = "0.1.0"
