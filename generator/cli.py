"""The `offre` command: build, check, serve, and what a team starts with (new, pipelines).

Exit status (see the README): 0 when all went well, 1 for content problems (each
printed with its file and line), 2 for a wrong command line, 3 for a problem with the
machine (disk full, permissions, a port in use), 130 when stopped by Ctrl-C (143 by
SIGTERM), 70 for a bug in offre. Whatever happens, the user reads messages in their
language, never a Python traceback (OFFRE_DEBUG=1 shows one, for developers).

`build` and `check` start the print processes first thing, having imported almost
nothing: their slow import of WeasyPrint, when a brochure is to be laid out, overlaps
this process's imports (the content models, MkDocs) and the content's reading (see
print_processes.py). Hence the imports inside the functions, and a module that
imports nothing heavy.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import timings  # first: its clock starts with the command
from . import __version__, check_report, interrupts
from .check_report import FORMATS
from .oserrors import ENVIRONMENT, EnvironmentProblem
from .pipelines import HOSTS
from .print_processes import PrintProcesses
from .printable import display_path, escaped, shown
from .project import Project, edited_since_built
from .strings import LANGUAGES, message_language, section

CONTENT_PROBLEMS, COMMAND_LINE, INTERNAL_ERROR, INTERRUPTED = 1, 2, 70, 130


def _speak_argparse(language: str) -> None:
    """argparse's words (its usage line, its headings, its errors) in the user's language:
    `offre --help` speaks one language. argparse asks gettext for each; offre answers from
    the catalog's `argparse` section, keyed by argparse's English."""
    words = section(language, "argparse")
    argparse._ = lambda message: words.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, count: words.get(  # type: ignore[attr-defined]
        singular if count == 1 else plural, singular if count == 1 else plural)


def _port(text: dict[str, str]):
    def port(value: str) -> int:
        if not value.strip().isdigit() or not 1 <= int(value) <= 65535:
            raise argparse.ArgumentTypeError(text["bad_port"].format(value=shown(value)))
        return int(value)
    return port


def _parser(text: dict[str, str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="offre", description=text["description"])
    parser.add_argument("--version", action="version", version=f"offre {__version__}", help=text["version"])
    commands = parser.add_subparsers(dest="command", required=True, metavar=text["command_metavar"],
                                     title=text["commands"])
    new = commands.add_parser("new", help=text["new"], description=text["new"])
    new.add_argument("folder", type=Path, help=text["new_folder"], metavar=text["folder_metavar"])
    reference = commands.add_parser("reference", help=text["reference"], description=text["reference"])
    reference.add_argument("--output", type=Path, default=None, help=text["reference_output"],
                           metavar=text["folder_metavar"])
    schema = commands.add_parser("schema", help=text["schema"], description=text["schema"])
    schema.add_argument("--output", type=Path, default=None, help=text["schema_output"],
                        metavar=text["folder_metavar"])
    pipelines = commands.add_parser("pipelines", help=text["pipelines"], description=text["pipelines"])
    pipelines.add_argument("--content", type=Path, default=Path("content"), help=text["content"],
                           metavar=text["folder_metavar"])
    pipelines.add_argument("--host", choices=HOSTS, default=None, help=text["pipelines_host"])
    pipelines.add_argument("--force", action="store_true", help=text["pipelines_force"])
    for name in ("build", "check", "serve"):
        command = commands.add_parser(name, help=text[name], description=text[name])
        command.add_argument("--content", type=Path, default=Path("content"), help=text["content"],
                             metavar=text["folder_metavar"])
        if name == "check":
            command.add_argument("--format", choices=FORMATS, default="text", help=text["format"])
        if name in ("build", "check"):
            command.add_argument("--verbose", action="store_true", help=text["verbose"])
        if name == "build":
            command.add_argument("--output", type=Path, default=Path("site"), help=text["output"],
                                 metavar=text["folder_metavar"])
            command.add_argument("--draft", action="store_true", help=text["draft"])
            command.add_argument("--print-only", action="store_true", help=text["print_only"])
            command.add_argument("--no-cache", action="store_true", help=text["no_cache"])
        if name == "serve":
            command.add_argument("--output", type=Path, default=None, help=text["serve_output"],
                                 metavar=text["folder_metavar"])
        if name == "serve":
            command.add_argument("--port", type=_port(text), default=8000, help=text["port"])
    return parser


LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last second a date can hold


def main(argv: list[str] | None = None) -> int:
    language = message_language()
    text = section(language, "cli")
    _speak_argparse(language)
    arguments = _parser(text).parse_args(argv)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not (epoch.strip().isdigit() and int(epoch) <= LAST_EPOCH):
        print(f"offre: {text['bad_epoch'].format(value=shown(epoch))}", file=sys.stderr)
        return COMMAND_LINE
    interrupts.install()  # Ctrl-C, SIGTERM, SIGHUP: raised where the command can unwind
    try:
        return _run(arguments, text)
    except KeyboardInterrupt:
        print(text["interrupted"], file=sys.stderr)
        return INTERRUPTED
    except interrupts.Stopped as stopped:
        print(text["interrupted"], file=sys.stderr)
        return 128 + stopped.signal_number
    except EnvironmentProblem as problem:
        print(f"offre: {problem.message()} — {text['environment']}", file=sys.stderr)
        return ENVIRONMENT
    except OSError as error:
        print(f"offre: {EnvironmentProblem(error).message()} — {text['environment']}", file=sys.stderr)
        return ENVIRONMENT
    except Exception as error:  # a bug: one line for the user, the details on demand
        if os.environ.get("OFFRE_DEBUG"):
            traceback.print_exc()
        print(f"offre: {text['internal'].format(error=escaped(f'{type(error).__name__}: {error}'))}", file=sys.stderr)
        return INTERNAL_ERROR


def _run(arguments: argparse.Namespace, text: dict[str, str]) -> int:
    try:
        if arguments.command not in ("build", "check"):
            return _command(arguments, text, None)
        # First: the print processes, which import WeasyPrint while this one imports the
        # rest when the brochures are sure to be laid out (else once they are needed).
        # Their one owner: leaving this block, whatever happens, stops them (never a
        # build that hangs, never a process left behind).
        with PrintProcesses(warm=_sure_to_lay_out(arguments)) as processes:
            return _command(arguments, text, processes)
    finally:
        timings.write()  # OFFRE_TIMINGS: where the time went


def _sure_to_lay_out(arguments: argparse.Namespace) -> bool:
    """Whether brochures are sure (or likely) to be laid out, known before anything is
    read: a build with --no-cache, nothing measured yet (a first build: no measurements
    in the cache, or no fonts prepared), or a build into a folder whose last build is
    older than a file of the content (an edit: measured, its print process then imports
    WeasyPrint a third of a second sooner, beside this one's imports). The others may
    take every brochure from the cache: their print process imports WeasyPrint only if
    they do not (see print_processes.py)."""
    if getattr(arguments, "no_cache", False):
        return True
    project = Project.find()
    if not (project.cache / "measures").is_dir() or not project.fonts.is_dir():
        return True
    output = getattr(arguments, "output", None)
    return output is not None and edited_since_built(Path(arguments.content), Path(output))


def _command(arguments: argparse.Namespace, text: dict[str, str], processes: PrintProcesses | None) -> int:
    from .brochure.render import BrochureOverflow
    from .build import OutputError, Project, build, check
    from .content import ContentProblems
    from .content.schema import SCHEMA_FOLDER, write_schemas
    from .site import SiteBuildError

    try:
        if arguments.command == "new":
            from .content.starter import FolderNotEmpty, write_starter

            from .pipelines.command import NewPipelines

            pipelines = NewPipelines.plan(arguments.folder, text)  # first: a name they cannot carry writes nothing
            if pipelines is None:
                return COMMAND_LINE
            try:
                write_starter(arguments.folder)
            except FolderNotEmpty:
                print(f"offre: {text['new_not_empty'].format(folder=display_path(arguments.folder))}", file=sys.stderr)
                return COMMAND_LINE
            print(text["new_done"].format(folder=display_path(arguments.folder)))
            pipelines.write()
            return _after_new(arguments.folder, pipelines.skipped is not None, text)
        elif arguments.command == "pipelines":
            from .pipelines.command import pipelines_command

            return pipelines_command(arguments.content, HOSTS if arguments.host is None else (arguments.host,),
                                     arguments.force, text)
        elif arguments.command == "reference":
            from .content.reference import write_reference

            for path in write_reference(arguments.output or Project.find().root / "guide"):
                print(escaped(str(path)))
        elif arguments.command == "schema":
            folder = arguments.output or Project.find().root / SCHEMA_FOLDER
            for path in write_schemas(folder):
                print(escaped(str(path)))
        elif arguments.command == "check":
            result = check(arguments.content, processes=processes)
            _report(arguments, _warn(result, text, arguments))
            print(text["ok_check"].format(count=4 * len(result.offers)),
                  file=sys.stderr if arguments.format == "gitlab" else sys.stdout)  # stdout: the report alone
            left = sum(warning.code == "placeholder" for warning in result.warnings)
            if left:  # valid, but not publishable as it stands: said last, where the eye lands
                print(text["placeholders_left"].format(count=left),
                      file=sys.stderr if arguments.format == "gitlab" else sys.stdout)
        elif arguments.command == "build":
            result = build(arguments.content, arguments.output, print_only=arguments.print_only,
                           no_cache=arguments.no_cache, processes=processes, draft=arguments.draft)
            _warn(result, text, arguments)
            if result.up_to_date:
                print(text["up_to_date"].format(output=escaped(str(arguments.output))))
            else:
                said = "ok_build" if arguments.print_only else "ok_build_site"
                print(text[said].format(output=escaped(str(arguments.output)), made=len(result.brochures_made),
                                        reused=len(result.brochures_reused), pages_made=result.pages_made,
                                        pages_reused=result.pages_reused))
            if result.offers[LANGUAGES[0]].draft:
                print(text["ok_build_draft"])
        else:
            from .serve import serve

            return serve(arguments.content, arguments.output, arguments.port)
    except ContentProblems as problems:
        if _format(arguments) != "github":
            for problem in problems.problems:
                print(problem, file=sys.stderr)
        _report(arguments, [check_report.from_problem(problem) for problem in problems.problems])
        print(text["problems"].format(count=len(problems.problems)), file=sys.stderr)
        return CONTENT_PROBLEMS
    except BrochureOverflow as overflow:
        messages = overflow.messages()
        if _format(arguments) != "github":
            for line in messages:
                print(line, file=sys.stderr)
        if _format(arguments) != "text":
            _report(arguments, [check_report.from_overflow(item, message, arguments.content)
                                for item, message in zip(overflow.overflows, messages)])
        print(text["problems"].format(count=len(overflow.overflows)), file=sys.stderr)
        return CONTENT_PROBLEMS
    except OutputError as error:
        print(f"offre: {error.message()}", file=sys.stderr)
        return COMMAND_LINE
    except SiteBuildError as error:
        print(f"offre: {text['site_error'].format(error=escaped(str(error)))}", file=sys.stderr)
        return ENVIRONMENT
    return 0


def _after_new(folder: Path, outside: bool, text: dict[str, str]) -> int:
    """What a new team does next when its starter cannot be published as it stands (outside
    the project, or a project that is not a Git repository): said, and a non-zero exit so a
    script does not go on as if all were in place."""
    if outside:
        print(f"offre: {text['new_outside'].format(name=escaped(folder.name))}", file=sys.stderr)
        return CONTENT_PROBLEMS
    root = Project.find().root.resolve()
    if not any((candidate / ".git").exists() for candidate in (root, *root.parents)):
        print(f"offre: {text['new_no_git'].format(root=escaped(str(root)))}", file=sys.stderr)
        return CONTENT_PROBLEMS
    return 0


def _warn(result, text: dict[str, str], arguments: argparse.Namespace) -> list[check_report.Finding]:
    """What does not stop a build but is worth fixing: `file:line:col: warning: …` (for
    `--format github`, annotations instead). Returns them for a pipeline's report."""
    from .brochure.render import sparse_panels_by_language

    findings = [check_report.from_problem(warning, check_report.WARNING) for warning in result.warnings]
    sparse = sparse_panels_by_language(result.plan) if result.plan is not None else {}
    findings += [check_report.for_language(arguments.content, language, line, "sparse_panel")
                 for language, line in sparse.items()]
    if _format(arguments) != "github":
        for place, message in result.said_warnings(verbose=getattr(arguments, "verbose", False)):
            print(f"{place}{text['warning']}{message}", file=sys.stderr)
    return findings


def _format(arguments: argparse.Namespace) -> str:
    """`offre check --format`: text for every other command."""
    return getattr(arguments, "format", "text")


def _report(arguments: argparse.Namespace, findings: list[check_report.Finding]) -> None:
    """`--format gitlab|github`: the findings for the pipeline, on standard output."""
    if _format(arguments) == "gitlab":
        sys.stdout.write(check_report.gitlab(findings))
    elif _format(arguments) == "github":
        sys.stdout.write(check_report.github(findings))


if __name__ == "__main__":
    sys.exit(main())
