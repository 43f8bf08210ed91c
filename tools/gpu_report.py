"""Write the GPU run's report: the device, the software, and what the tests found.

Usage: python -m tools.gpu_report JUNIT_XML REPORT_MD   (run by `nox -s gpu`)

Exits with an error when a test failed or none passed.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import torch


def outcomes(junit: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": []}
    for case in ET.parse(junit).iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            found["failed"].append(name)
        elif case.find("skipped") is not None:
            found["skipped"].append(name)
        else:
            found["passed"].append(name)
    return found


def report(junit: Path) -> str:
    results = outcomes(junit)
    lines = [
        "# GPU run",
        "",
        f"- Device: {torch.cuda.get_device_name(0)} (compute capability {'.'.join(map(str, torch.cuda.get_device_capability(0)))})",
        f"- PyTorch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}",
        f"- Tests: {len(results['passed'])} passed, {len(results['failed'])} failed, {len(results['skipped'])} skipped",
        "",
    ]
    for outcome, names in results.items():
        if names:
            lines += [f"## {outcome.capitalize()}", "", *(f"- `{name}`" for name in names), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    junit_path, report_path = Path(sys.argv[1]), Path(sys.argv[2])
    report_path.write_text(report(junit_path), encoding="utf-8")
    print(report_path.read_text(encoding="utf-8"))
    results = outcomes(junit_path)
    sys.exit(1 if results["failed"] or not results["passed"] else 0)
