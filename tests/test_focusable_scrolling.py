"""Canary: lstmdocs.focusable_scrolling wraps sphinx-gallery's internal node for linked code."""


def test_sphinx_gallery_still_writes_linked_code_with_its_own_node():
    try:
        from sphinx_gallery._doctree_links import (
            code_links_block,
            depart_code_links_block_html,
            visit_code_links_block_html,
        )
    except ImportError as error:
        raise AssertionError(
            "sphinx-gallery moved code_links_block (gallery code with links): find where its <pre> is "
            "written now and update conf/lstmdocs/focusable_scrolling.py, then the README's line about it"
        ) from error
    assert callable(visit_code_links_block_html) and callable(depart_code_links_block_html)
    assert code_links_block.__name__ == "code_links_block"
