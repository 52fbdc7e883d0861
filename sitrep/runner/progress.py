"""A progress line on stderr while a batch is ingested: documents done (of how many, when known), their rate and
the time left.  Drawn only on a terminal, at most a few times a second; ``Progress(enabled=False)`` draws nothing.

    with Progress(total=5000) as bar:
        bar.advance(8)          # 8 more documents done
"""

from __future__ import annotations

import sys
import time
from typing import Self, TextIO


class Progress:
    def __init__(self, total: int | None = None, enabled: bool | None = None, out: TextIO | None = None,
                 every: float = 0.25):  # fmt: skip
        self.out = out or sys.stderr
        self.enabled = self.out.isatty() if enabled is None else enabled
        self.total, self.done, self.skipped = total, 0, 0
        self.every, self._start, self._drawn = every, time.monotonic(), 0.0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, n: int = 1, skipped: int = 0) -> None:
        self.done += n
        self.skipped += skipped
        if self.enabled and time.monotonic() - self._drawn >= self.every:
            self._draw()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = (self.done - self.skipped) / elapsed
        of = f"/{self.total:,}" if self.total is not None else ""
        text = f"{self.done:,}{of} documents"
        if self.skipped:
            text += f" ({self.skipped:,} stored before)"
        text += f", {rate:.1f}/s"
        if self.total is not None and rate > 0 and self.done < self.total:
            left = int((self.total - self.done) / rate)
            text += f", {left // 60}:{left % 60:02d} left"
        return text

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        self.out.write("\r" + self.line() + "\033[K")
        self.out.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.out.write("\n")
            self.out.flush()
