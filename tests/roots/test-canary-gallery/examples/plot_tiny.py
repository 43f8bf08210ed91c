"""
A tiny example
==============

Its first paragraph.
"""

x = 1

# %%
# A text block with a directive only the website draws:
#
# .. note::
#    Kept as reST.

print(x + 1)
