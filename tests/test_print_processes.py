"""The print processes: started by one owner, stopped by it whatever happens, never
answering after a stop, deaf to Ctrl-C (their parent's to handle)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.print_processes import InProcess, PrintProcesses, WorkerStopped

ROOT = Path(__file__).resolve().parent.parent


def _pid() -> int:
    return os.getpid()


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _fail(message: str) -> None:
    raise ValueError(message)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_owner_starts_them_and_leaving_its_block_stops_them() -> None:
    with PrintProcesses(2) as processes:
        pids = set(processes.run(_pid, [(), (), (), ()]).result())
        assert os.getpid() not in pids and pids, "the jobs ran in processes of their own"
    time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids), "stopped with the block"
    with pytest.raises(WorkerStopped):
        processes.run(_pid, [()])


def test_what_a_job_raises_is_raised_to_the_caller() -> None:
    with PrintProcesses(1) as processes:
        with pytest.raises(ValueError, match="trop de texte"):
            processes.run(_fail, [("trop de texte",)]).result()
        assert processes.run(_sleep, [(0,)]).result() == [0], "still there after a job failed"


def test_a_stop_while_a_job_runs_ends_the_wait_at_once() -> None:
    processes = PrintProcesses(1)
    pending = processes.run(_sleep, [(30,)])
    started = time.monotonic()
    processes.stop()
    with pytest.raises(WorkerStopped):
        pending.result()
    assert time.monotonic() - started < 5


def test_ctrl_c_is_their_parents_to_handle() -> None:
    with PrintProcesses(1) as processes:
        pid = processes.run(_pid, [()]).result()[0]
        os.kill(pid, signal.SIGINT)
        time.sleep(0.3)
        assert _alive(pid) and processes.run(_pid, [()]).result() == [pid]


ONLY_WHEN_NEEDED = """
import multiprocessing
import time
from pathlib import Path

from generator.print_processes import PrintProcesses


def pango(pid):  # WeasyPrint's import opens Pango
    return "libpango" in Path(f"/proc/{pid}/maps").read_text()


def within(seconds, predicate):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not predicate():
        time.sleep(0.05)
    return predicate()


assert not pango("self")  # this process has not imported it: what its print process shows is its own
before = set(multiprocessing.active_children())
with PrintProcesses(1, warm=False) as processes:
    (child,) = [process for process in multiprocessing.active_children() if process not in before]
    print("on its own:", within(3, lambda: pango(child.pid)))
    processes.warm()
    print("told:", within(60, lambda: pango(child.pid)))
"""


def test_weasyprint_is_imported_only_when_it_will_be_needed() -> None:
    """A build that takes every brochure from the cache never lays one out: its print
    process, forked first thing, imports WeasyPrint only when told it will be needed
    (or with its first job), not on its own. (In a process of its own: one that has
    imported WeasyPrint forks children that have it too.)"""
    result = subprocess.run([sys.executable, "-c", ONLY_WHEN_NEEDED], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "on its own: False\ntold: True\n", result.stdout


def test_in_process_answers_alike() -> None:
    here = InProcess()
    assert here.run(_pid, [(), ()]).result() == [os.getpid()] * 2
    with pytest.raises(ValueError):
        here.run(_fail, [("x",)]).result()
    assert list(here.map(abs, [-1, 2])) == [1, 2]


STOPPED_WHILE_A_HELPER_ANSWERS = """
import time
from generator import print_processes


def job(seconds):
    time.sleep(seconds)
    return seconds


print_processes.WATCH_SECONDS = 2  # the helper outlives the print process long enough to answer
with print_processes.PrintProcesses(2) as processes:
    processes.run(job, [(0.1,), (1.0,)])  # the second job in a helper forked for it
    time.sleep(0.5)
# stopped: the helper, its job done at 1 s, sends its answer to no one
time.sleep(1.5)
"""


def test_a_helper_answering_after_a_stop_prints_nothing(tmp_path: Path) -> None:
    """A build stopped while a helper lays out (a full disk, Ctrl-C…): the helper's answer
    finds no reader, and multiprocessing's traceback of it never reaches the terminal."""
    result = subprocess.run([sys.executable, "-c", STOPPED_WHILE_A_HELPER_ANSWERS], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""


def test_an_edit_since_the_last_build_is_seen_before_anything_is_read(tmp_path: Path) -> None:
    """`offre build` has its print process import WeasyPrint at once when a content file
    is newer than the output folder's last build (an edit: its brochures are likely laid
    out again); an unchanged content, a folder never built into, or one too large to look
    through quickly, waits for the cache to say."""
    from generator.project import BUILD_MARKER, edited_since_built

    content, output = tmp_path / "content", tmp_path / "site"
    (content / "fr").mkdir(parents=True)
    services = content / "fr" / "services.yaml"
    services.write_text("services: []\n", encoding="utf-8")
    assert not edited_since_built(content, output), "never built into"
    output.mkdir()
    (output / BUILD_MARKER).write_text("Built by offre.\nkey\n", encoding="utf-8")
    os.utime(services, (time.time() - 60, time.time() - 60))
    assert not edited_since_built(content, output), "built after the last save"
    os.utime(services, None)
    os.utime(output / BUILD_MARKER, (time.time() - 60, time.time() - 60))
    assert edited_since_built(content, output), "saved after the last build"
    assert not edited_since_built(content, output, most=1), "past its bound, unsure: no"
