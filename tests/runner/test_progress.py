"""Tests for sitrep.runner.progress: the progress line says how many documents are done, of how many, how fast
and how long is left; it draws only on a terminal (or when asked) and ends with a newline."""

from __future__ import annotations

import io
import re

from sitrep.runner.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_counts_done_stored_rate_and_time_left():
    bar = Progress(total=1000, enabled=False)
    bar.advance(10, skipped=4)
    assert re.fullmatch(r"10/1,000 documents \(4 stored before\), [\d.]+/s, \d+:\d\d left", bar.line())
    bar.advance(990)
    assert "left" not in bar.line()


def test_progress_without_a_total_counts_only():
    bar = Progress(enabled=False)
    bar.advance(3)
    assert re.fullmatch(r"3 documents, [\d.]+/s", bar.line())


def test_progress_draws_on_a_terminal_and_ends_the_line():
    out = Terminal()
    with Progress(total=2, out=out, every=0.0) as bar:
        bar.advance(1)
        bar.advance(1)
    text = out.getvalue()
    assert text.startswith("\r1/2 documents") and "\r2/2 documents" in text and text.endswith("\n")


def test_progress_is_silent_off_a_terminal_or_when_quiet():
    for out, enabled in ((io.StringIO(), None), (Terminal(), False)):
        with Progress(total=2, out=out, every=0.0, enabled=enabled) as bar:
            bar.advance(2)
        assert out.getvalue() == ""
