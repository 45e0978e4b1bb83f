"""claimcheck: cross-check quotes and sentences across news articles covering one story."""
__version__ = "0.1.0"
