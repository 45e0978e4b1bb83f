"""claimcheck: cross-check quotes and sentences across news articles covering one story."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimcheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
