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
    Environment: the store directory cannot be used, Java is missing for the reasoner, an output
    file cannot be written.

Errors are reported on one line on stderr (``drugkg: error: ...``), never as a traceback.

Examples
--------
>>> main(["risk", "--drug", "lithium", "--format", "csv"])  # doctest: +ELLIPSIS
rank,drugs,basis,score,level,outcomes,reason,evidence
1,baclofen + lithium,recorded,...,drug label,...
0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..errors import DrugKGError, ReasonerError, StoreError
from . import graphcmds, imports, questions, regimen
from .base import Command, Parser, fail

#: Every subcommand, in the order ``--help`` lists them. A new command is one module with a
#: ``COMMANDS`` list, added here.
COMMANDS: dict[str, Command] = {c.name: c for module in (graphcmds, questions, regimen, imports) for c in module.COMMANDS}
_ORDER = ("info", "validate", "drug", "risk", "explain", "check", "effects", "withdrawal", "query", "export", "import", "sources")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``drugkg`` command."""
    from .. import __version__
    from .base import parent_parsers

    parser = Parser(prog="drugkg", description="Query the drugkg knowledge graph of drug-effect relationships.")
    parser.add_argument("--version", action="version", version=f"drugkg {__version__}")
    parents = parent_parsers()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    names = [n for n in _ORDER if n in COMMANDS] + sorted(set(COMMANDS) - set(_ORDER))
    for name in names:
        cmd = COMMANDS[name]
        cmd.configure(sub.add_parser(name, parents=[parents[p] for p in cmd.parents], help=cmd.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command].run(args)
    except (StoreError, ReasonerError) as exc:
        return fail(str(exc), 3)
    except DrugKGError as exc:
        return fail(str(exc), 2)
    except BrokenPipeError:
        return 0
    except OSError as exc:
        return fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 3)
    except KeyboardInterrupt:
        return 130


__all__ = ["COMMANDS", "build_parser", "main"]
