"""The ``drugkg`` command line.

Exit codes
----------
0
    Success.
1
    A finding: ``validate`` found violations, ``explain`` found no risk for the pair, ``check``
    found no known risk for any pair within the list, ``risk`` or ``query`` returned nothing.
2
    Bad usage or input: unknown option, command, drug, effect or query; malformed Turtle or SPARQL;
    a parameter of the wrong type.
3
    Environment: the store directory cannot be used or is damaged, Java is missing for the
    reasoner, an output file cannot be written, memory ran out.
4
    A limit stopped a query: its time (``--timeout``), row (``--max-rows``) or memory limit.
130
    Interrupted (Ctrl-C); a running query is stopped.

Errors are reported on one line on stderr (``drugkg: error: ...``), never as a traceback.

Examples
--------
>>> main(["risk", "--drug", "lithium", "--format", "csv"])  # doctest: +ELLIPSIS
rank,drugs,basis,score,level,outcomes,reason,evidence
1,... + lithium,recorded,...,drug label,...
0
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import DrugKGError, LimitExceeded, ReasonerError, StoreError
from . import graphcmds, imports, questions, regimen, serve
from .base import Command, Parser, TerminalSafe, fail

#: Every subcommand, in the order ``--help`` lists them. A new command is one module with a
#: ``COMMANDS`` list, added here.
COMMANDS: dict[str, Command] = {c.name: c for module in (graphcmds, questions, regimen, serve, imports) for c in module.COMMANDS}
_ORDER = ("info", "validate", "drug", "risk", "explain", "check", "effects", "withdrawal", "query", "export", "serve", "publish",
          "dump", "import", "sources")


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (importlib.metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from .. import __version__

        print(f"drugkg {__version__}")
        parser.exit()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``drugkg`` command.

    Given the arguments, only the command they name gets its options (the others keep their
    name and help line, which is all ``drugkg --help`` and a misspelt command need): building
    all fifteen costs more than reading the arguments.

    >>> p = build_parser(["risk", "--effect", "tremor"])
    >>> p.parse_args(["risk", "--effect", "tremor"]).effect
    'tremor'
    """
    from .base import parent_parsers

    named = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    parser = Parser(prog="drugkg", description="Query the drugkg knowledge graph of drug-effect relationships.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    names = [n for n in _ORDER if n in COMMANDS] + sorted(set(COMMANDS) - set(_ORDER))
    for name in names:
        cmd = COMMANDS[name]
        if named in COMMANDS and name != named:
            sub.add_parser(name, help=cmd.help)
            continue
        # a command may redefine a shared option (serve has its own --timeout): "resolve" edits the
        # parents' actions, so each command gets its own copies
        parents = parent_parsers()
        cmd.configure(sub.add_parser(name, parents=[parents[p] for p in cmd.parents], help=cmd.help, conflict_handler="resolve"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    stdout = sys.stdout
    sys.stdout = TerminalSafe(stdout)
    try:
        return COMMANDS[args.command].run(args)
    except LimitExceeded as exc:
        return fail(str(exc), 4)
    except (StoreError, ReasonerError) as exc:
        return fail(str(exc), 3)
    except DrugKGError as exc:
        return fail(str(exc), 2)
    except BrokenPipeError:
        return 0
    except OSError as exc:
        return fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 3)
    except MemoryError:
        return fail("out of memory", 3)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except RecursionError:
        return fail("the input is nested too deeply", 2)
    finally:
        sys.stdout = stdout


def entry() -> NoReturn:
    """The ``drugkg`` console command: :func:`main`, then the process ends without the
    interpreter's teardown.

    Freeing every object of an answer one at a time would take 30 ms after ``drugkg risk``, a
    tenth of its run. Everything drugkg writes is complete when :func:`main` returns (stores,
    caches and exports are moved into place whole), so only the output streams and the logs
    need flushing first; the system closes the files and ends any worker still running (a
    graph loading for a command that failed before it needed it).
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed reader (| head), a closed stream
            stream.flush()
    logging.shutdown()
    os._exit(code)


__all__ = ["COMMANDS", "build_parser", "entry", "main"]
