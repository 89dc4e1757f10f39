"""The library version: a leaf module, so modules that report it need not import the package root."""

__version__ = "0.1.0"
