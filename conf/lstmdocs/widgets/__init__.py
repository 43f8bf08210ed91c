"""The interactive widgets, each a folder with its Python, JavaScript, CSS and templates."""

from sphinx.application import Sphinx

from lstmdocs import setup_members

MEMBERS = (  # loaded in this order, which is the order their handlers of one event run in
    "explorer",  # the shape explorer
    "cheatsheet",  # the cheat sheet's table and its filter
    "explainer.trace",  # the step-through explainer's data, computed by torch
    "explainer",  # the step-through explainer's place and translatable strings
    "exercises",  # the lessons' exercises: shape questions judged by the explorer's model, folded answers
)


def setup(app: Sphinx) -> dict:
    return setup_members(app, __name__, MEMBERS)
