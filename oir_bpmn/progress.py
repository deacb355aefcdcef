"""Progress of a long run on standard error: at once on a terminal (one line, rewritten),
otherwise a line every few seconds once the run has taken more than a few seconds. Standard
output stays for the results."""
from __future__ import annotations

import sys
import time


class Progress:
    """Call ``progress(done, total)`` as work finishes; ``stage`` names what is being done.

    Example::

        progress = Progress()
        progress.stage("Loading models")
        progress(3, 14)
        progress.close()
    """

    def __init__(self, stream=None, delay: float = 3.0, every: float = 5.0, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.delay, self.every, self.clock = delay, every, clock
        self.start = self.last = clock()
        self.what = "Working"
        self.shown = False

    def stage(self, what: str) -> None:
        self.what = what

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        text = f"{self.what}: {done}/{total}"
        if self.tty:
            self.stream.write(f"\r\x1b[K{text}")
        elif now - self.start >= self.delay and (now - self.last >= self.every or not self.shown):
            self.stream.write(f"{text} ({now - self.start:.0f} s)\n")
            self.last = now
        else:
            return
        self.shown = True
        self.stream.flush()

    def close(self) -> None:
        """Clear the terminal line, so that the next message starts clean."""
        if self.tty and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
