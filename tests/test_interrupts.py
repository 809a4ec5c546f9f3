"""Ctrl-C is heard once, where the command can unwind from it (generator/interrupts.py):
never inside the import system's own code, where it would leave the import lock held
(the print thread's next import, and the build waiting for it, would hang), and never
lost in a callback where Python drops exceptions (the build would go on and publish).

Each case runs in its own Python, whose signal handlers it changes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT


def _run(script: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_ctrl_c_inside_the_import_system_is_raised_just_after_it() -> None:
    said = _run("""
        import signal, sys, time
        from generator import interrupts

        interrupts.install()
        frames = []

        def tracer(frame, event, arg):  # a frame of the import system's own code, kept
            if not frames and frame.f_code.co_filename.startswith("<frozen importlib"):
                frames.append(frame)

        sys.settrace(tracer)
        import json.tool  # noqa: F401  (not imported yet: the import system runs)
        sys.settrace(None)
        said = []  # (one call each: print() writes its text and its newline apart, and
        try:       # under load the interrupt came between the two)
            interrupts._on_signal(signal.SIGINT, frames[0])  # Ctrl-C, handled in that frame
            said.append("not raised there")
            time.sleep(2)  # a few milliseconds later, here
            said.append("never raised")
        except KeyboardInterrupt:
            said.append("raised after")
        for line in said:
            print(line)
    """)
    assert said.splitlines() == ["not raised there", "raised after"]


def test_ctrl_c_dropped_in_a_callback_is_raised_again() -> None:
    said = _run("""
        import time, weakref
        from generator import interrupts

        interrupts.install()

        class Thing:
            pass

        def callback(reference):
            raise KeyboardInterrupt  # as Ctrl-C handled in a weakref callback: Python drops it

        thing = Thing()
        reference = weakref.ref(thing, callback)
        try:
            del thing
            time.sleep(2)
            print("lost")
        except KeyboardInterrupt:
            print("heard")
    """)
    assert said == "heard"
