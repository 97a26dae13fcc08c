"""The ``dti-scorer`` command: argparse in front of the core, and nothing else.

Exit status: 0 all inputs valid; 1 finished but some inputs had errors; 2 unusable invocation,
criteria or unit file (nothing written). No traceback reaches the user unless ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from dti_app import __version__
from dti_app.cli import analyse_cmd, campaign_cmd, criteria_cmd, demo_cmd, score_cmd, template_cmd
from dti_app.cli.text import say, set_language
from dti_app.core.errors import CriteriaError, DtiError, UnitRegisterError

__all__ = ["main", "build_parser"]

COMMAND_MODULES = [score_cmd, criteria_cmd, campaign_cmd, analyse_cmd, template_cmd, demo_cmd]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 as well; keep it short
        self.print_usage(sys.stderr)
        sys.stderr.write(say("error", msg=message) + "\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dti-scorer", description=say("prog"))
    parser.add_argument("--version", action="version", version=f"dti-scorer {__version__}")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="ngôn ngữ thông báo / message language")
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register_commands(sub)
    return parser


def _lang_from(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_lang_from(argv))
    _utf8_stdout()
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (CriteriaError, UnitRegisterError) as exc:
        key = "criteria_bad" if isinstance(exc, CriteriaError) else "register_bad"
        sys.stderr.write(say(key, n=len(exc.issues)) + "\n")
        lang = "en" if args.lang == "en" else "vi"
        sys.stderr.write(exc.render(lang) + "\n")
        return 2
    except DtiError as exc:
        sys.stderr.write(say("error", msg=exc) + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(say("interrupted") + "\n")
        return 130
    except BrokenPipeError:  # the output was piped into a program that stopped reading (head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a short message, never a traceback
        if args.debug:
            traceback.print_exc()
        sys.stderr.write(say("unexpected", kind=type(exc).__name__, msg=exc) + "\n")
        return 2


def _utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


if __name__ == "__main__":
    sys.exit(main())
