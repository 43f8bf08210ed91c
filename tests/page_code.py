"""The page runner lives in ``conf/lstmdocs/page_doctests.py``, where the build runs it; tests import it from here."""

from lstmdocs.page_doctests import Block, blocks, run_page  # noqa: F401
