"""Facts about the site that several programs need, each defined here once.

Standard library only: ``conf/conf.py``, ``noxfile.py``, the build tools and the tests
import it (nox imports it without Sphinx installed).
"""

# The editions, in the order they are built and listed; the label is what the
# language switch and the landing page call each one.
LANGUAGE_LABELS = {"en": "English", "zh_CN": "简体中文"}
LANGUAGES = tuple(LANGUAGE_LABELS)

# What a build leaves that readers never need: Sphinx's rebuild bookkeeping, page
# sources, myst-nb's executed notebooks and execution cache. Not deployed, and not
# compared when two builds are checked for identical bytes.
NOT_DEPLOYED = (".buildinfo", ".buildinfo.bak", ".doctrees", "_sources", "jupyter_execute", ".jupyter_cache")
