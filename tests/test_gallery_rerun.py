"""lstmdocs.running.gallery_rerun: a change to the gallery's hooks makes every example run again, and only then."""

from lstmdocs.running.gallery_rerun import STAMP, forget_runs_of_other_hooks


def test_examples_run_again_only_when_the_hooks_change(tmp_path):
    hook = tmp_path / "hook.py"
    hook.write_text("def reset(): pass\n")
    gallery = tmp_path / "gallery"
    gallery.mkdir()

    def runs() -> list[str]:
        for name in ("plot_a.py.md5", "plot_b.py.md5"):
            if not (gallery / name).exists():
                (gallery / name).write_text("0" * 32)
        return sorted(p.name for p in gallery.glob("*.py.md5"))

    runs()
    assert forget_runs_of_other_hooks(gallery, (hook,))  # no stamp yet: the runs' hooks are unknown
    assert sorted(p.name for p in gallery.glob("*.py.md5")) == [] and (gallery / STAMP).is_file()
    runs()
    assert not forget_runs_of_other_hooks(gallery, (hook,))  # same hooks: the runs are kept
    assert runs() == ["plot_a.py.md5", "plot_b.py.md5"]
    hook.write_text("def reset(): torch.set_num_threads(1)\n")
    assert forget_runs_of_other_hooks(gallery, (hook,))  # changed hooks: every example runs again
    assert sorted(p.name for p in gallery.glob("*.py.md5")) == []
