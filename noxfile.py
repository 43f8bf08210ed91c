"""Tasks: build the bilingual site, test it, preview it, update translations."""

import os
import shutil
import sys
from pathlib import Path

import nox

nox.options.reuse_venv = "yes"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs", "tests"]

# nox loads this file by its path and adds nothing to sys.path: the repository root
# makes the build programs importable as the package `tools`.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tools.build_site import BUILD, LOCALES, ROOT, build_env, command, sphinx_args  # noqa: E402
from tools.site_facts import LANGUAGES  # noqa: E402

SITE_REQUIREMENTS = "requirements/site.txt"
LINT_REQUIREMENTS = "requirements/lint.txt"


def sphinx(session: nox.Session, builder: str, language: str, outdir: Path, *extra: str) -> None:
    (BUILD / "logs").mkdir(parents=True, exist_ok=True)
    session.run("sphinx-build", *sphinx_args(builder, language, outdir, *extra), env=build_env())


def build_site(session: nox.Session, *extra: str) -> None:
    """Both languages, then the deployable site in _build/site."""
    (BUILD / "logs").mkdir(parents=True, exist_ok=True)
    session.run(*command(BUILD, LANGUAGES, *extra), env=build_env())


def ensure_chromium(session: nox.Session) -> None:
    """The browser tests drive Debian's chromium; install it where we may (root, apt)."""
    if shutil.which("chromium"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk", external=True)
    else:
        session.error("The browser tests need Debian's chromium: apt-get install chromium fonts-noto-cjk")


def install(session: nox.Session) -> None:
    session.install("-r", SITE_REQUIREMENTS)
    install_node_packages(session)


def install_node_packages(session: nox.Session) -> None:
    """temml (math at build time) and axe-core (browser tests), from package-lock.json; skipped
    when node_modules already holds exactly that lock file's packages."""
    lock = ROOT / "package-lock.json"
    installed = ROOT / "node_modules" / ".package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site in English and Chinese into _build/site/."""
    install(session)
    build_site(session, *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Lint, build the site and the message catalogue, then run every check in tests/."""
    install(session)
    session.install("-r", LINT_REQUIREMENTS)
    run_lint(session)
    ensure_chromium(session)
    build_site(session)
    sphinx(session, "gettext", "en", BUILD / "gettext")
    # -rs: say why tests skipped; -n auto: a worker per core (the browser tests wait on pages much of the time),
    # tests of one xdist_group on one worker.
    session.run("pytest", "tests", "-rs", "-n", "auto", "--dist", "loadgroup", *session.posargs, env=build_env())


@nox.session(default=False)
def unit(session: nox.Session) -> None:
    """The fast lane: the tests that need no built site (under 60 s once installed)."""
    # Node packages too: temml draws the test projects' math, and the JavaScript unit tests run on node.
    install(session)
    # The tests marked unit (tests/conftest.py): nothing is built and nothing under _build/ is read.
    # The environment is the one `nox -s tests` runs them in.
    session.run("pytest", "tests", "-m", "unit", "-n", "auto", *session.posargs, env=build_env())


@nox.session(name="docs-live", default=False)
def docs_live(session: nox.Session) -> None:
    """Preview one language with live reload (LANGUAGE=zh_CN for Chinese)."""
    install(session)
    language = os.environ.get("LANGUAGE", "en")
    session.run("sphinx-intl", "build", "-d", LOCALES, silent=True)
    session.run(
        "sphinx-autobuild",
        "-c", "conf",
        "-D", f"language={language}",
        "-d", str(BUILD / "doctrees" / f"live-{language}"),
        "--ignore", str(ROOT / "docs" / "gallery"),  # generated: watching it loops forever
        "--ignore", "*.mo",
        "--watch", "examples",
        "--watch", "conf",
        "--watch", LOCALES,
        *session.posargs,
        "docs",
        str(BUILD / "live" / language),
    )  # fmt: skip


@nox.session(default=False)
def i18n(session: nox.Session) -> None:
    """Extract English messages and update the zh_CN catalogues (then translate them)."""
    install(session)
    sphinx(session, "gettext", "en", BUILD / "gettext")
    session.run("sphinx-intl", "update", "-p", str(BUILD / "gettext"), "-d", LOCALES, "-l", "zh_CN")
    session.run("python", "-m", "tools.tidy_catalogues", LOCALES)
    # What is left to translate; stat exits 1 when something is, which is this session's normal outcome.
    session.run("sphinx-intl", "stat", "-d", LOCALES, "-l", "zh_CN", success_codes=[0, 1])


def run_lint(session: nox.Session) -> None:
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("sphinx-lint", "examples")  # reST in gallery scripts; MyST pages are parsed by -nW builds
    # The site's JavaScript: Biome, pinned in package.json / package-lock.json (configured in biome.jsonc).
    install_node_packages(session)  # once per lock file: `nox -s tests` has installed them already
    session.run("node_modules/.bin/biome", "ci", "--error-on-warnings", "--colors=off", ".", external=True)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """ruff on Python code, sphinx-lint on the gallery scripts' reST, Biome on JavaScript (also part of tests)."""
    session.install("-r", LINT_REQUIREMENTS)
    run_lint(session)


def remove_outputs() -> None:
    for path in (BUILD, ROOT / "docs" / "gallery"):
        shutil.rmtree(path, ignore_errors=True)
    for mo in (ROOT / LOCALES).rglob("*.mo"):
        mo.unlink()


@nox.session(default=False, venv_backend="none")
def clean(session: nox.Session) -> None:
    """Remove every build output, cache and generated gallery page."""
    remove_outputs()


@nox.session(default=False)
def repro(session: nox.Session) -> None:
    """Build the site twice from empty caches, in separate folders; the bytes must match."""
    install(session)
    session.run("python", "-m", "tools.check_reproducible")


@nox.session(default=False)
def mutate(session: nox.Session) -> None:
    """Mutation gate: each mutant of tools/mutations.toml, applied to a scratch copy, must fail a check."""
    install(session)
    session.run("python", "tools/mutate.py", *session.posargs, env=build_env())


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Time cold, no-change and one-example rebuilds and weigh the pages (README keeps the figures)."""
    install(session)
    session.run("python", "-m", "tools.benchmark", *session.posargs)


def pinned(*names: str) -> list[str]:
    """The lines of requirements/site.txt that pin these packages."""
    lines = (ROOT / SITE_REQUIREMENTS).read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("==")[0].strip() in names]


@nox.session(default=False)
def copied(session: nox.Session) -> None:
    """Run the code readers copy from the built site, page by page: -- --torch VERSION (default: the pinned one).

    The session's environment holds that torch and what the pages import (numpy, matplotlib,
    keras and the other frameworks' examples' packages), nothing of the site; pip replaces its
    torch when another version is asked for.
    Other arguments go to tools/copied_code.py (--page, --language, --site).
    """
    args = list(session.posargs)
    if "--torch" not in args:
        args += ["--torch", pinned("torch")[0].split("==")[1]]
    torch = args[args.index("--torch") + 1]
    frameworks = ("keras", "jax[cpu]", "flax", "onnx", "onnxruntime", "onnxscript", "paddlepaddle", "opt_einsum")
    session.install(f"torch=={torch}", *pinned("numpy", "matplotlib", "beautifulsoup4", *frameworks))
    session.run("python", "-m", "tools.copied_code", *args)


CUDA_CHECK = """
import sys
try:
    import torch
except ImportError:
    sys.exit("nox -s gpu: this machine's Python has no torch (install a CUDA build first)")
torch.cuda.is_available() or sys.exit(f"nox -s gpu: torch {torch.__version__} sees no CUDA device")
"""


@nox.session(default=False, venv_params=["--system-site-packages"])
def gpu(session: nox.Session) -> None:
    """On a CUDA machine: build with its own torch, run the GPU tests, write _build/gpu-report.md.

    Offline: the machine's torch comes through --system-site-packages and the rest from
    wherever pip is pointed (PIP_NO_INDEX=1 PIP_FIND_LINKS=<wheels>, see README.md).
    """
    requirements = Path(session.create_tmp()) / "site-without-torch.txt"
    lines = (ROOT / SITE_REQUIREMENTS).read_text(encoding="utf-8").splitlines()
    requirements.write_text("\n".join(line for line in lines if not line.startswith("torch=")), encoding="utf-8")
    session.run("python", "-c", CUDA_CHECK)  # before installing anything
    session.install("-r", str(requirements))
    install_node_packages(session)
    remove_outputs()  # every output must come from this device
    build_site(session)
    junit = BUILD / "gpu-junit.xml"
    session.run(
        "pytest",
        "tests/test_cuda.py",
        "tests/test_site.py",
        "tests/test_links.py",
        f"--junitxml={junit}",
        *session.posargs,
        env=build_env(),
        success_codes=[0, 1],
    )
    # The report is written either way; it fails the session when a test failed.
    session.run("python", "-m", "tools.gpu_report", str(junit), str(BUILD / "gpu-report.md"))
