"""The `offre` command: build, check, serve.

Exit status (see the README): 0 when all went well, 1 for content problems (each
printed with its file and line), 2 for a wrong command line, 3 for a problem with the
machine (disk full, permissions, a port in use), 130 when stopped by Ctrl-C (143 by
SIGTERM), 70 for a bug in offre. Whatever happens, the user reads messages in their
language, never a Python traceback (OFFRE_DEBUG=1 shows one, for developers).

`build` and `check` import what both processes need (the content models, Jinja,
the brochure templates' code), then fork the print worker, whose slow import of
WeasyPrint overlaps the rest of the generator's imports and the site's build (see
print_worker.py): hence the imports inside `main`.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import traceback
from pathlib import Path

from . import timings  # first: its clock starts with the command
from . import __version__
from .oserrors import ENVIRONMENT, EnvironmentProblem
from .print_worker import PrintWorker
from .strings import message_language

CONTENT_PROBLEMS, COMMAND_LINE, INTERNAL_ERROR, INTERRUPTED = 1, 2, 70, 130

HELP = {
    "fr": {
        "description": "Construit le site et les brochures d'une offre de service à partir de content/.",
        "build": "vérifie le contenu puis construit le site",
        "check": "vérifie le contenu sans rien écrire",
        "serve": "aperçu en direct sur 127.0.0.1, reconstruit à chaque modification",
        "content": "dossier du contenu (défaut : content)",
        "schema": "écrit les schémas JSON des fichiers de contenu (aide de l'éditeur)",
        "schema_output": "dossier des schémas (défaut : .offre/schema)",
        "output": "dossier de sortie (défaut : site)",
        "port": "port de l'aperçu (défaut : 8000)",
        "serve_output": "dossier où construire l'aperçu (défaut : un dossier temporaire)",
        "print_only": "ne fait que les brochures et les codes QR (dans DOSSIER/downloads)",
        "ok_check": "Contenu valide : {count} fichiers vérifiés en français et en anglais, et les brochures tiennent dans leurs panneaux.",
        "ok_build": "Construit dans {output} (brochures : {made} faites, {reused} reprises du cache).",
        "up_to_date": "{output} est à jour : rien n'a changé depuis la dernière construction.",
        "no_cache": "ne réutilise rien de .offre/cache (ni polices ni brochures) et reconstruit tout",
        "problems": "{count} problème(s) dans le contenu — rien n'a été publié.",
        "environment": "rien n'a été publié.",
        "warning": "avertissement : ",
        "new": "écrit une offre de départ complète, en français et en anglais, dans un nouveau dossier",
        "new_folder": "le dossier à créer (ex. : mon-offre)",
        "new_done": "Offre de départ écrite dans {folder} (fr/, en/, images/). Ensuite : remplacez les textes, puis « make check CONTENT={folder} » et « make serve CONTENT={folder} » ; le guide : guide/guide-fr.md, « Démarrer votre offre ».",
        "new_not_empty": "{folder} existe et n'est pas vide — choisissez le nom d'un nouveau dossier",
        "reference": "écrit la référence de toutes les clés du contenu (guide/reference-fr.md, guide/reference-en.md)",
        "reference_output": "dossier de la référence (défaut : guide)",
        "interrupted": "Interrompu — rien n'a été publié ; le site précédent est intact.",
        "internal": "erreur interne d'offre ({error}) — rien n'a été publié ; signalez-la à l'équipe qui maintient offre avec la commande lancée (OFFRE_DEBUG=1 affiche les détails)",
        "bad_port": "le port doit être un nombre entier de 1 à 65535, pas « {value} »",
        "bad_epoch": "SOURCE_DATE_EPOCH doit être un nombre entier de secondes depuis 1970 (ex. : 1735689600), pas « {value} » — corrigez ou retirez cette variable",
        "site_error": "le site n'a pas pu être construit par MkDocs ({error}) — vérifiez mkdocs.yml et docs/overrides/",
    },
    "en": {
        "description": "Builds a service offer's website and brochures from content/.",
        "build": "check the content, then build the site",
        "check": "check the content without writing anything",
        "serve": "live preview on 127.0.0.1, rebuilt on every change",
        "content": "content folder (default: content)",
        "schema": "write the JSON Schemas of the content files (editor help)",
        "schema_output": "folder for the schemas (default: .offre/schema)",
        "output": "output folder (default: site)",
        "port": "preview port (default: 8000)",
        "serve_output": "folder to build the preview in (default: a temporary folder)",
        "print_only": "make only the brochures and QR codes (in DIR/downloads)",
        "ok_check": "Content is valid: {count} files checked in French and English, and the brochures fit their panels.",
        "ok_build": "Built in {output} (brochures: {made} made, {reused} reused from the cache).",
        "up_to_date": "{output} is up to date: nothing changed since the last build.",
        "no_cache": "reuse nothing from .offre/cache (fonts, brochures): rebuild everything",
        "problems": "{count} content problem(s) — nothing was published.",
        "environment": "nothing was published.",
        "warning": "warning: ",
        "new": "write a complete starter offer, in French and English, into a new folder",
        "new_folder": "the folder to create (e.g. my-offer)",
        "new_done": "Starter offer written in {folder} (fr/, en/, images/). Next: replace the texts, then \"make check CONTENT={folder}\" and \"make serve CONTENT={folder}\"; the guide: guide/guide-en.md, \"Start your own offer\".",
        "new_not_empty": "{folder} exists and is not empty — choose the name of a new folder",
        "reference": "write the reference of every content key (guide/reference-fr.md, guide/reference-en.md)",
        "reference_output": "folder for the reference (default: guide)",
        "interrupted": "Interrupted — nothing was published; the previous site is untouched.",
        "internal": "internal error in offre ({error}) — nothing was published; please report it to the team that maintains offre with the command you ran (OFFRE_DEBUG=1 shows the details)",
        "bad_port": "the port must be a whole number from 1 to 65535, not \"{value}\"",
        "bad_epoch": "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (e.g. 1735689600), not \"{value}\" — correct or remove this variable",
        "site_error": "MkDocs could not build the site ({error}) — check mkdocs.yml and docs/overrides/",
    },
}


def _port(text: dict[str, str]):
    def port(value: str) -> int:
        if not value.strip().isdigit() or not 1 <= int(value) <= 65535:
            raise argparse.ArgumentTypeError(text["bad_port"].format(value=value))
        return int(value)
    return port


def _parser(text: dict[str, str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="offre", description=text["description"])
    parser.add_argument("--version", action="version", version=f"offre {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help=text["new"], description=text["new"])
    new.add_argument("folder", type=Path, help=text["new_folder"])
    reference = commands.add_parser("reference", help=text["reference"], description=text["reference"])
    reference.add_argument("--output", type=Path, default=None, help=text["reference_output"])
    schema = commands.add_parser("schema", help=text["schema"], description=text["schema"])
    schema.add_argument("--output", type=Path, default=None, help=text["schema_output"])
    for name in ("build", "check", "serve"):
        command = commands.add_parser(name, help=text[name], description=text[name])
        command.add_argument("--content", type=Path, default=Path("content"), help=text["content"])
        if name == "build":
            command.add_argument("--output", type=Path, default=Path("site"), help=text["output"])
            command.add_argument("--print-only", action="store_true", help=text["print_only"])
            command.add_argument("--no-cache", action="store_true", help=text["no_cache"])
        if name == "serve":
            command.add_argument("--output", type=Path, default=None, help=text["serve_output"])
        if name == "serve":
            command.add_argument("--port", type=_port(text), default=8000, help=text["port"])
    return parser


class Stopped(BaseException):
    """SIGTERM (or SIGHUP): unwind like Ctrl-C, so work folders and workers are cleaned up."""

    def __init__(self, signal_number: int) -> None:
        self.signal_number = signal_number


def _stop(signal_number: int, frame: object) -> None:
    raise Stopped(signal_number)


def main(argv: list[str] | None = None) -> int:
    text = HELP[message_language()]
    arguments = _parser(text).parse_args(argv)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        print(f"offre: {text['bad_epoch'].format(value=epoch)}", file=sys.stderr)
        return COMMAND_LINE
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        return _run(arguments, text)
    except KeyboardInterrupt:
        print(text["interrupted"], file=sys.stderr)
        return INTERRUPTED
    except Stopped as stopped:
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
        print(f"offre: {text['internal'].format(error=f'{type(error).__name__}: {error}')}", file=sys.stderr)
        return INTERNAL_ERROR


def _run(arguments: argparse.Namespace, text: dict[str, str]) -> int:
    worker = None
    if arguments.command in ("build", "check"):
        from .brochure import render  # noqa: F401  (shared by both processes: imported once)
        # What was imported lives until the end. Frozen, the garbage collector no longer
        # walks it, so its collections touch no page the processes share after the fork:
        # the worker is spared copying most of the heap (0.2 s of a cold build, measured).
        gc.freeze()
        worker = PrintWorker()
    try:  # from here on, whatever happens, the worker is killed: never a build that hangs
        return _command(arguments, text, worker)
    finally:
        if worker is not None:
            worker.kill()
        timings.write()  # OFFRE_TIMINGS: where the time went


def _command(arguments: argparse.Namespace, text: dict[str, str], worker: PrintWorker | None) -> int:
    from .brochure import BrochureOverflow
    from .build import OutputError, Project, build, check
    from .content import ContentProblems
    from .content.schema import SCHEMA_FOLDER, write_schemas
    from .site import SiteBuildError

    try:
        if arguments.command == "new":
            from .content.starter import FolderNotEmpty, write_starter

            try:
                write_starter(arguments.folder)
            except FolderNotEmpty:
                print(f"offre: {text['new_not_empty'].format(folder=arguments.folder)}", file=sys.stderr)
                return COMMAND_LINE
            print(text["new_done"].format(folder=arguments.folder))
        elif arguments.command == "reference":
            from .content.reference import write_reference

            for path in write_reference(arguments.output or Project.find().root / "guide"):
                print(path)
        elif arguments.command == "schema":
            folder = arguments.output or Project.find().root / SCHEMA_FOLDER
            for path in write_schemas(folder):
                print(path)
        elif arguments.command == "check":
            result = check(arguments.content, worker=worker)
            _warn(result, text)
            print(text["ok_check"].format(count=4 * len(result.offers)))
        elif arguments.command == "build":
            result = build(arguments.content, arguments.output, print_only=arguments.print_only,
                           no_cache=arguments.no_cache, worker=worker)
            _warn(result, text)
            if result.up_to_date:
                print(text["up_to_date"].format(output=arguments.output))
            else:
                print(text["ok_build"].format(output=arguments.output, made=len(result.brochures_made),
                                              reused=len(result.brochures_reused)))
        else:
            from .serve import serve

            return serve(arguments.content, arguments.output, arguments.port)
    except ContentProblems as problems:
        for problem in problems.problems:
            print(problem, file=sys.stderr)
        print(text["problems"].format(count=len(problems.problems)), file=sys.stderr)
        return CONTENT_PROBLEMS
    except BrochureOverflow as overflow:
        for line in overflow.messages():
            print(line, file=sys.stderr)
        print(text["problems"].format(count=len(overflow.overflows)), file=sys.stderr)
        return CONTENT_PROBLEMS
    except OutputError as error:
        print(f"offre: {error.message()}", file=sys.stderr)
        return COMMAND_LINE
    except SiteBuildError as error:
        print(f"offre: {text['site_error'].format(error=error)}", file=sys.stderr)
        return ENVIRONMENT
    return 0


def _warn(result, text: dict[str, str]) -> None:
    """What does not stop a build but is worth fixing: `file:line:col: warning: …`."""
    from .brochure import sparse_panels
    from .content.problems import display_path

    for warning in result.warnings:
        print(f"{display_path(warning.path)}:{warning.line}:{warning.column}: {text['warning']}{warning.message()}",
              file=sys.stderr)
    if result.plan is not None:
        for line in sparse_panels(result.plan):
            print(f"{text['warning']}{line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
