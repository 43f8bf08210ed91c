"""Where code runs (lstmdocs.running.device) and the sentence that says so on each page (lstmdocs.running.outputs_device)."""

import pytest
import torch
from sphinx.config import Config
from sphinx.errors import ConfigError

from lstmdocs.running import device
from lstmdocs.running.outputs_device import TEMPLATES, check_stamps


@pytest.mark.sphinx("html", testroot="outputs-device")
def test_pages_that_run_code_name_torch_and_device(app):
    app.build()
    example = (app.outdir / "plot_example.html").read_text(encoding="utf-8")
    sentence = f"Outputs on this page were computed with PyTorch {torch.__version__} on CPU."
    assert f'<p class="outputs-device">{sentence}</p>' in example
    assert "outputs-device" not in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="outputs-device")
def test_the_templates_folder_does_not_leak_into_later_applications(app):
    assert str(TEMPLATES) in app.config.templates_path
    # Sphinx shares a default list between the applications of one process: appending to it
    # in place would give every later application (a test's, the next language's) this folder.
    # (Only ours is asked about: sphinx-gallery appends its own components folder to that list.)
    assert str(TEMPLATES) not in Config.config_values["templates_path"].default


def test_outputs_from_another_device_stop_the_build(tmp_path):
    check_stamps([tmp_path], "PyTorch 2.13.0+cpu on CPU")
    check_stamps([tmp_path], "PyTorch 2.13.0+cpu on CPU")  # same producer: fine
    with pytest.raises(ConfigError, match="nox -s clean"):
        check_stamps([tmp_path], "PyTorch 2.13.0+cu126 on NVIDIA H100, CUDA 12.6")


def test_the_device_is_chosen_in_one_place(monkeypatch):
    monkeypatch.setenv(device.OVERRIDE, "cpu")
    assert device.chosen() == "cpu" and device.describe("cpu") == "CPU"
    monkeypatch.delenv(device.OVERRIDE)
    assert device.chosen() == ("cuda" if torch.cuda.is_available() else "cpu")


def test_the_cpu_stays_the_default_device(monkeypatch):
    monkeypatch.setenv(device.OVERRIDE, "cpu")
    assert device.use() == "cpu"
    assert torch.get_default_device() == torch.device("cpu")
