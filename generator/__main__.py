"""`python -m generator <command>` and the `handbook` command: the command line for policy staff (generator/cli.py).

Ctrl+C at any moment, even while Python is still loading the generator, ends the command with one plain line
and exit code 1, never a traceback; a second Ctrl+C while the first one's clean-up runs ends it at once.
"""
import os
import signal
import sys

STOPPED = "Stopped."


def _interrupted(signum, frame):
    signal.signal(signal.SIGINT, _interrupted_again)
    raise KeyboardInterrupt


def _interrupted_again(signum, frame):
    os._exit(1)  # the first Ctrl+C has said "Stopped." or is about to; nothing more to print


def run() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        from generator.cli import main

        main()
    except KeyboardInterrupt:  # before the command started (cli.py says it once a command runs)
        print(STOPPED, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    run()
