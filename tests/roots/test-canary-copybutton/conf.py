# sphinx-copybutton with the site's settings (conf/conf.py): tools/copy_button.cjs reads its copybutton.js.
extensions = ["sphinx_copybutton"]
copybutton_prompt_text = r">>> |\.\.\. |\.\.\.$"
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
