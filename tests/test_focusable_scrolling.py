"""Canaries: lstmdocs.html.focusable_scrolling wraps sphinx-gallery's internal node for linked code and matches furo's wrapper classes."""


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
            "written now and update conf/lstmdocs/html/focusable_scrolling.py, then its entry in MAINTAINING.md"
        ) from error
    assert callable(visit_code_links_block_html) and callable(depart_code_links_block_html)
    assert code_links_block.__name__ == "code_links_block"


def test_furo_still_wraps_tables_and_display_math_in_the_containers_made_focusable():
    """furo's post-transform names the scrolling wrappers; lstmdocs.html.focusable_scrolling matches those names."""
    import inspect

    from furo import WrapTableAndMathInAContainerTransform

    from lstmdocs.html.focusable_scrolling import FURO_WRAPPERS

    source = inspect.getsource(WrapTableAndMathInAContainerTransform)
    missing = [name for name in FURO_WRAPPERS if f'"{name}"' not in source]
    assert not missing, (
        f"furo no longer wraps tables or math in {missing}: find its new wrapper classes and update "
        "FURO_WRAPPERS in conf/lstmdocs/html/focusable_scrolling.py and its entry in MAINTAINING.md"
    )
