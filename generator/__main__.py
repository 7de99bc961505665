"""`python -m generator <command>` and the `handbook` command: the command line for policy staff (generator/commands/cli.py).

Ctrl+C at any moment, even while Python is still loading the generator, ends the command with one plain line
and exit code 1, never a traceback (generator/commands/stopping.py; generator/__init__.py covers the first moments).
"""
import os
import sys


def run() -> None:
    from generator.commands import stopping

    stopping.install()
    try:
        from generator.commands.cli import main

        main()
    except KeyboardInterrupt:  # raised only where a command cleans up (stopping.raising), which says so itself
        print(stopping.STOPPED, file=sys.stderr)
        _exit(1)
    except SystemExit as e:
        if stopping.stopped:
            _exit(e.code if isinstance(e.code, int) else 1)
        stopping.done()  # the command has ended: a Ctrl+C while Python closes down changes nothing
        raise


def _exit(code: int) -> None:
    """End after a signal with `code`: Python would otherwise end some such runs as killed by the signal
    (exit code -2), when it came while a library ran Python code from native code."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
