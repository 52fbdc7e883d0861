"""The README's first block is the setup that works, CI runs its test line, and the architecture document names
every package and module of the layers it draws."""

from __future__ import annotations

import re
import shlex

from paths import ROOT


def _blocks() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    return [[line.strip() for line in b.splitlines() if line.strip()] for b in blocks]


def test_readme_starts_with_install_main_job_and_tests():
    (install, main), (tests,) = _blocks()[:2]
    assert install.startswith("pip install -e ")
    args = shlex.split(main)
    assert args[:2] == ["sitrep", "analyze"] and (ROOT / args[2]).is_file()
    assert tests == "python -m pytest -q"


def test_ci_runs_the_readme_test_line():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert _blocks()[1][0] in [line.strip() for line in ci]


def test_architecture_names_every_package_and_module():
    doc = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    package = ROOT / "sitrep"
    missing = [p.name + "/" for p in package.iterdir() if (p / "__init__.py").is_file() and f"{p.name}/" not in doc]
    for path in package.rglob("*.py"):
        if path.parent != package and path.name != "__init__.py" and path.name not in doc:
            missing.append(str(path.relative_to(package)))
    for path in package.glob("*.py"):
        if path.name != "__init__.py" and path.name not in doc:
            missing.append(path.name)
    assert missing == []


def test_architecture_names_only_modules_that_exist():
    doc = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"sitrep/([\w/]+\.py)", doc))
    assert named and [n for n in named if not (ROOT / "sitrep" / n).is_file()] == []
