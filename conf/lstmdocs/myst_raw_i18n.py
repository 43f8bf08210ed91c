"""Kept for the tests that load it by this name: lstmdocs.myst_block_i18n does the work now."""

from lstmdocs.myst_block_i18n import setup  # noqa: F401
