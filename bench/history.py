"""What a cold `offre check` costs on a heavy Git history: `make bench-history`.

The issue's case: the shipped offer, then 20 commits each writing a French
services.yaml of nearly 1 MB (the most a content file may weigh), then the file as it
was. Against the same offer committed once (light), and against a git that hangs (a
`git` on PATH that sleeps, with a child of its own), it runs `offre check` with an
empty cache each time (cold) and prints medians: the whole command's wall-clock
seconds, the history read's (the `history` stage of OFFRE_TIMINGS) and the wait for
git (every `git` stage together). The target: the heavy history costs at most the
history's deadline (generator/content/freshness.py, HISTORY_SECONDS) more than the
light one, and a cold check of either stays under 5 s on the shipped content at 1×.

Timed here, not in the tests: a shared machine's speed drifts, and a test must fail
only when offre is wrong (tests/test_safety.py checks the deadline, with a margin).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # git_history: the histories the tests make

from git_history import heavy_history, shipped_history  # noqa: E402


def light(root: Path) -> Path:
    """The shipped offer, committed once."""
    return shipped_history(root)


def heavy(root: Path, versions: int = 20) -> Path:
    """The shipped offer, then `versions` commits of a 950 KB French services.yaml, then
    the file as it was (tests/git_history.py: the tests' own heavy history)."""
    return heavy_history(root, versions)


def cold_check(repository: Path, work: Path, path: str | None = None) -> tuple[float, float, float]:
    """One `offre check` with an empty cache: (seconds, the history read's, git's)."""
    timings = work / "timings.json"
    cache = Path(tempfile.mkdtemp(dir=work, prefix="cache-"))
    env = {**os.environ, "OFFRE_TIMINGS": str(timings), "OFFRE_CACHE_DIR": str(cache),
           "PYTHONPATH": str(ROOT), **({"PATH": path} if path else {})}
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", "content"], cwd=repository,
                            env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"offre check failed in {repository}:\n{result.stderr}")
    stages = json.loads(timings.read_text(encoding="utf-8"))["stages"]
    history = sum(stage["end"] - stage["start"] for stage in stages if stage["stage"] == "history")
    waited = sum(stage["end"] - stage["start"] for stage in stages if stage["stage"] == "git")
    return seconds, history, waited


def main() -> None:
    from generator.content.freshness import HISTORY_SECONDS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="offre-bench-history-") as folder:
        work = Path(folder)
        hanging = work / "bin"
        hanging.mkdir()
        (hanging / "git").write_text("#!/bin/sh\n/bin/sleep 60 &\nwait\n", encoding="utf-8")
        (hanging / "git").chmod(0o755)
        cases = {"light": (light(work / "light"), None), "heavy": (heavy(work / "heavy"), None),
                 "git hangs": (work / "light", f"{hanging}:{os.environ['PATH']}")}
        print(f"cold `offre check`, {runs} runs each, medians (history deadline {HISTORY_SECONDS:g} s)")
        print(f"{'history':>10}  {'check s':>8}  {'history s':>9}  {'git s':>6}")
        medians = {}
        for name, (repository, path) in cases.items():
            figures = [cold_check(repository, work, path) for _ in range(runs)]
            medians[name] = [statistics.median(column) for column in zip(*figures)]
            columns = zip(medians[name], (8, 9, 6))
            print(f"{name:>10}  " + "  ".join(f"{value:{width}.2f}" for value, width in columns))
        extra, heavy_seconds = medians["heavy"][0] - medians["light"][0], medians["heavy"][0]
        print(f"heavy − light: {extra:+.2f} s (target ≤ {HISTORY_SECONDS:g} s): "
              f"{'ok' if extra <= HISTORY_SECONDS else 'missed'}; heavy check {heavy_seconds:.2f} s "
              f"(target < 5 s): {'ok' if heavy_seconds < 5 else 'missed'}")


if __name__ == "__main__":
    main()
