"""
Tiny
====

One line.
"""

print(1 + 1)
