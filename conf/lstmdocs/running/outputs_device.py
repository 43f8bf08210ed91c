"""Say on every page that runs code which PyTorch and which device computed its outputs.

Gallery examples and myst-nb notebook pages end with one sentence, e.g. "Outputs on
this page were computed with PyTorch 2.13.0+cpu on CPU." It is a template string
(``outputs-device.html``), so it is extracted into ``sphinx.pot`` and translated like
the theme's own strings.

Outputs are cached (jupyter-cache, sphinx-gallery's MD5s), so the sentence is true
only if the cached outputs came from the same PyTorch and device: a stamp in each
cache folder records them, and a build with another one stops until the caches are
removed. On a GPU the notebook kernels get the device choice of ``lstmdocs.running.device``
through an IPython start-up file; on the CPU nothing changes.
"""

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from lstmdocs import CONF_DIR, add_template_folder
from lstmdocs.running import device

TEMPLATES = Path(__file__).resolve().parent / "templates"
STAMP = "lstmdocs-outputs-device.txt"
KERNEL_STARTUP = """\
import sys
sys.path.insert(0, {conf!r})
from lstmdocs.running import device
device.use()
"""


def _cache_dirs(config: Config) -> list[Path]:
    found = [getattr(config, "nb_execution_cache_path", "")]
    found += [getattr(config, "sphinx_gallery_conf", {}).get("gallery_dirs", "")]
    return [Path(path) for path in found if isinstance(path, str) and path]


def check_stamps(caches: list[Path], producer: str) -> None:
    for cache in caches:
        stamp = cache / STAMP
        if stamp.is_file() and stamp.read_text(encoding="utf-8") != producer:
            raise ConfigError(
                f"{cache} holds outputs computed with {stamp.read_text(encoding='utf-8')}, "
                f"this build runs {producer}: remove the caches first (nox -s clean)."
            )
        cache.mkdir(parents=True, exist_ok=True)
        stamp.write_text(producer, encoding="utf-8")


def _start_kernels_on(chosen: str, outdir: Path) -> None:
    ipython_dir = outdir.parent / "ipython"
    startup = ipython_dir / "profile_default" / "startup" / "00-lstmdocs-device.py"
    startup.parent.mkdir(parents=True, exist_ok=True)
    startup.write_text(KERNEL_STARTUP.format(conf=str(CONF_DIR)), encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(ipython_dir)  # the kernels are child processes


def _init(app: Sphinx) -> None:
    chosen = device.chosen()
    app.outputs_device = {"torch_version": device.torch_version(), "device": device.describe(chosen)}
    check_stamps(_cache_dirs(app.config), "PyTorch {torch_version} on {device}".format(**app.outputs_device))
    if chosen != "cpu":
        _start_kernels_on(chosen, Path(app.outdir))


def runs_code(app: Sphinx, pagename: str) -> bool:
    """A myst-nb notebook page, or a sphinx-gallery example (its script sits beside it)."""
    if app.env.metadata.get(pagename, {}).get("kernelspec"):
        return True
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    return bool(
        source
        and source.suffix == ".rst"
        and source.with_suffix(".py").is_file()
        and source.with_name(f"{source.stem}.py.md5").is_file()
    )


def _add_note(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is not None and "body" in context and runs_code(app, pagename):
        context["body"] += app.builder.templates.render("outputs-device.html", app.outputs_device)


def build_info_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{build-info}`torch``` and ``{build-info}`device```: what this build runs its code with."""
    from docutils import nodes

    values = inliner.document.settings.env.app.outputs_device
    key = {"torch": "torch_version", "device": "device"}.get(text)
    if key is None:
        message = inliner.reporter.error(f"build-info takes 'torch' or 'device', not {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.Text(values[key])], []


def setup(app: Sphinx) -> dict:
    app.add_role("build-info", build_info_role)
    add_template_folder(app, TEMPLATES)
    app.connect("builder-inited", _init)
    app.connect("html-page-context", _add_note)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
