# Sphinx alone (no extension of ours): what tests/test_canaries.py compares our patches with.
