"""The programs that build, check and maintain the site (Sphinx reads ``conf/``, not these).

Run from the repository root as modules, e.g. ``python -m tools.build_site``; the noxfile
imports them as the package ``tools``.
"""
