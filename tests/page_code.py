"""The page runner lives in ``conf/lstmdocs/running/page_doctests.py``, where the build runs it; tests import it from here."""

from lstmdocs.running.page_doctests import Block, blocks, run_page  # noqa: F401
