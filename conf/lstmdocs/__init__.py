"""This site's own small Sphinx extensions and build helpers, one job per module."""
