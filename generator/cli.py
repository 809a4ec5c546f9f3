"""The `offre` command: build, check, serve, and what a team starts with (new, pipelines).

Exit status (see the README): 0 when all went well, 1 for content problems (each
printed with its file and line), 2 for a wrong command line, 3 for a problem with the
machine (disk full, permissions, a port in use), 130 when stopped by Ctrl-C (143 by
SIGTERM), 70 for a bug in offre. Whatever happens, the user reads messages in their
language, never a Python traceback (OFFRE_DEBUG=1 shows one, for developers).

`build` and `check` start the print processes first thing, having imported almost
nothing: their slow import of WeasyPrint overlaps this process's imports (the content
models, MkDocs) and the content's reading (see print_processes.py). Hence the imports
inside the functions, and a module that imports nothing heavy.
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
from .project import Project
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
        "print_only": "ne fait que ce qui s'imprime : les brochures, les PDF des formulaires et les codes QR (dans DOSSIER/downloads)",
        "ok_check": "Contenu valide : {count} fichiers vérifiés en français et en anglais, et les brochures tiennent dans leurs panneaux.",
        "ok_build": "Construit dans {output} (brochures : {made} faites, {reused} reprises du cache).",
        "ok_build_site": "Construit dans {output} (brochures : {made} faites, {reused} reprises du cache; "
                         "pages : {pages_made} faites, {pages_reused} reprises).",
        "up_to_date": "{output} est à jour : rien n'a changé depuis la dernière construction.",
        "no_cache": "ne réutilise rien de .offre/cache (ni polices, ni brochures, ni pages) et reconstruit tout",
        "problems": "{count} problème(s) dans le contenu — rien n'a été publié.",
        "environment": "rien n'a été publié.",
        "warning": "avertissement : ",
        "new": "écrit une offre de départ complète, en français et en anglais, dans un nouveau dossier",
        "new_folder": "le dossier à créer (ex. : mon-offre)",
        "new_done": "Offre de départ écrite dans {folder} (fr/, en/, images/). Ensuite\u00a0: remplacez ses textes de départ — «\u00a0make check CONTENT={folder}\u00a0» les liste, et offre build refuse de publier tant qu'il en reste (--draft\u00a0: un brouillon) —, puis «\u00a0make serve CONTENT={folder}\u00a0» pour voir le site. Le guide\u00a0: guide/guide-fr.md, «\u00a0Commencer l'offre de votre équipe\u00a0».",
        "new_outside": "Ensuite\u00a0: pour être publiée, l'offre doit être dans votre copie du projet offre (un dépôt Git). Copiez le projet («\u00a0fork\u00a0» ou modèle, sur GitLab ou GitHub), clonez-le, puis lancez «\u00a0offre new {name}\u00a0» dans ce clone — guide/guide-fr.md, «\u00a0Commencer l'offre de votre équipe\u00a0», donne chaque étape.",
        "new_no_git": "Ensuite\u00a0: {root} n'est pas un dépôt Git, dont la publication a besoin. Faites-en un\u00a0: «\u00a0git init -b main && git add --all && git commit -m 'Notre offre'\u00a0», puis créez le projet sur GitLab ou GitHub et poussez-y (guide/guide-fr.md, «\u00a0Commencer l'offre de votre équipe\u00a0»).",
        "new_not_empty": "{folder} existe et n'est pas vide — choisissez le nom d'un nouveau dossier",
        "reference": "écrit la référence de toutes les clés du contenu (guide/reference-fr.md, guide/reference-en.md)",
        "reference_output": "dossier de la référence (défaut : guide)",
        "interrupted": "Interrompu — rien n'a été publié; le site précédent est intact.",
        "internal": "erreur interne d'offre ({error}) — rien n'a été publié; signalez-la à l'équipe qui maintient offre avec la commande lancée (OFFRE_DEBUG=1 affiche les détails)",
        "bad_port": "le port doit être un nombre entier de 1 à 65535, pas « {value} »",
        "bad_epoch": "SOURCE_DATE_EPOCH doit être un nombre entier de secondes depuis 1970 (ex. : 1735689600), pas « {value} » — corrigez ou retirez cette variable",
        "site_error": "le site n'a pas pu être construit par MkDocs ({error}) — vérifiez mkdocs.yml et docs/overrides/",
        "pipelines": "écrit les fichiers qui publient le site sur GitLab Pages et GitHub Pages à chaque modification (.gitlab-ci.yml, .github/workflows/offre.yml)",
        "pipelines_host": "un seul hébergeur : gitlab ou github (défaut : les deux)",
        "pipelines_force": "remplace ces fichiers s'ils existent déjà",
        "format": "forme des messages : text (défaut), gitlab (rapport Code Quality, en JSON sur la sortie standard) ou github (annotations)",
        "pipeline_written": "{path} : écrit — il publie le site de {folder} à chaque modification de la branche par défaut (voyez guide/guide-fr.md, « Publier »)",
        "pipeline_same": "{path} : déjà à jour",
        "pipeline_kept": "{path} existe déjà et n'a pas été modifié — pour le remplacer par celui d'offre : offre pipelines --content {folder} --force",
        "pipeline_exists": "{path} existe déjà — gardez-le, ou remplacez-le par celui d'offre : offre pipelines --content {folder} --force",
        "pipeline_unsafe": "le nom du dossier « {folder} » ne peut pas servir dans une chaîne de publication — n'utilisez que des lettres sans accents, des chiffres, « . », « _ » et « - » (ex. : mon-offre)",
        "pipeline_outside": "{folder} n'est pas dans le dossier du projet ({root}) : GitLab et GitHub ne le trouveraient pas — placez le dossier du contenu dans le projet",
        "pipeline_not_project": "{root} n'a pas le Makefile et le requirements.lock du projet, dont la publication a besoin — lancez offre depuis le dossier du projet",
        "pipeline_not_content": "{folder} n'est pas un dossier de contenu (il doit contenir fr/ et en/) — créez-en un avec « offre new {folder} »",
        "pipeline_new_skipped": "Fichiers de publication non écrits : {reason}",
        "version": "affiche la version d'offre et s'arrête",
        "commands": "commandes\u00a0",  # argparse adds the colon
        "command_metavar": "COMMANDE",
        "folder_metavar": "DOSSIER",
        "verbose": "dit aussi les clés internes des textes (pour translations.yaml)",
        "draft": "construit même s'il reste des textes de l'offre de départ\u00a0: chaque page et brochure est alors marquée «\u00a0Brouillon\u00a0»",
        "placeholders_left": "Mais {count} texte(s) de l'offre de départ reste(nt) à remplacer (avertissements ci-dessus)\u00a0: offre build ne publiera rien d'ici là.",
        "ok_build_draft": "Brouillon\u00a0: chaque page et chaque brochure le disent — ne le publiez pas tel quel.",
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
        "print_only": "make only what is printed: the brochures, the forms' PDFs and the QR codes (in DIR/downloads)",
        "ok_check": "Content is valid: {count} files checked in French and English, and the brochures fit their panels.",
        "ok_build": "Built in {output} (brochures: {made} made, {reused} reused from the cache).",
        "ok_build_site": "Built in {output} (brochures: {made} made, {reused} reused from the cache; "
                         "pages: {pages_made} made, {pages_reused} reused).",
        "up_to_date": "{output} is up to date: nothing changed since the last build.",
        "no_cache": "reuse nothing from .offre/cache (fonts, brochures, pages): rebuild everything",
        "problems": "{count} content problem(s) — nothing was published.",
        "environment": "nothing was published.",
        "warning": "warning: ",
        "new": "write a complete starter offer, in French and English, into a new folder",
        "new_folder": "the folder to create (e.g. my-offer)",
        "new_done": "Starter offer written in {folder} (fr/, en/, images/). Next: replace its starter texts — \"make check CONTENT={folder}\" lists them, and offre build refuses to publish while one is left (--draft: a draft) —, then \"make serve CONTENT={folder}\" to look at the site. The guide: guide/guide-en.md, \"Start your team's offer\".",
        "new_outside": "Next: to be published, the offer must be inside your copy of the offre project (a Git repository). Copy the project (a fork or a template, on GitLab or GitHub), clone it, then run \"offre new {name}\" in that clone — guide/guide-en.md, \"Start your team's offer\", gives every step.",
        "new_no_git": "Next: {root} is not a Git repository, which publishing needs. Make it one: \"git init -b main && git add --all && git commit -m 'Our offer'\", then create the project on GitLab or GitHub and push to it (guide/guide-en.md, \"Start your team's offer\").",
        "new_not_empty": "{folder} exists and is not empty — choose the name of a new folder",
        "reference": "write the reference of every content key (guide/reference-fr.md, guide/reference-en.md)",
        "reference_output": "folder for the reference (default: guide)",
        "interrupted": "Interrupted — nothing was published; the previous site is untouched.",
        "internal": "internal error in offre ({error}) — nothing was published; please report it to the team that maintains offre with the command you ran (OFFRE_DEBUG=1 shows the details)",
        "bad_port": "the port must be a whole number from 1 to 65535, not \"{value}\"",
        "bad_epoch": "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (e.g. 1735689600), not \"{value}\" — correct or remove this variable",
        "site_error": "MkDocs could not build the site ({error}) — check mkdocs.yml and docs/overrides/",
        "pipelines": "write the files that publish the site on GitLab Pages and GitHub Pages at every change (.gitlab-ci.yml, .github/workflows/offre.yml)",
        "pipelines_host": "one host only: gitlab or github (default: both)",
        "pipelines_force": "replace these files if they already exist",
        "format": "form of the messages: text (default), gitlab (a Code Quality report, JSON on standard output) or github (annotations)",
        "pipeline_written": "{path}: written — it publishes the site of {folder} at every change of the default branch (see guide/guide-en.md, \"Publish\")",
        "pipeline_same": "{path}: already up to date",
        "pipeline_kept": "{path} already exists and was left as it is — to replace it with offre's: offre pipelines --content {folder} --force",
        "pipeline_exists": "{path} already exists — keep it, or replace it with offre's: offre pipelines --content {folder} --force",
        "pipeline_unsafe": "the folder name \"{folder}\" cannot be used in a publishing pipeline — use only letters without accents, digits, \".\", \"_\" and \"-\" (e.g. my-offer)",
        "pipeline_outside": "{folder} is not inside the project's folder ({root}): GitLab and GitHub would not find it — put the content folder inside the project",
        "pipeline_not_project": "{root} does not have the project's Makefile and requirements.lock, which publishing needs — run offre from the project's folder",
        "pipeline_not_content": "{folder} is not a content folder (it must hold fr/ and en/) — make one with \"offre new {folder}\"",
        "pipeline_new_skipped": "Publishing files not written: {reason}",
        "version": "show offre's version and exit",
        "commands": "commands",
        "command_metavar": "COMMAND",
        "folder_metavar": "DIR",
        "verbose": "also give the texts' internal keys (for translations.yaml)",
        "draft": "build even while texts of the starter offer are left: every page and brochure is then marked \"Draft\"",
        "placeholders_left": "But {count} text(s) of the starter offer are still to be replaced (warnings above): offre build will publish nothing until then.",
        "ok_build_draft": "Draft: every page and every brochure says so — do not publish it as it is.",
    },
}


# argparse's own words (its usage line, its headings, its errors), in French: `offre --help`
# speaks one language. argparse asks gettext for each; offre answers from this table.
ARGPARSE_FR = {
    "usage: ": "utilisation\u00a0: ",
    "positional arguments": "arguments\u00a0",  # argparse adds the colon: «\u00a0arguments\u00a0:\u00a0»
    "options": "options\u00a0",
    "show this help message and exit": "affiche cette aide et s'arrête",
    "%(prog)s: error: %(message)s\n": "%(prog)s\u00a0: erreur\u00a0: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s\u00a0: %(message)s",
    "unrecognized arguments: %s": "arguments non reconnus\u00a0: %s",
    "the following arguments are required: %s": "ces arguments manquent\u00a0: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix non valide\u00a0: %(value)r (choisissez parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur non valide\u00a0: %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë\u00a0: %(option)s peut être %(matches)s",
    "not allowed with argument %s": "pas avec l'argument %s",
    "one of the arguments %s is required": "un des arguments %s est requis",
    "ignored explicit argument %r": "valeur ignorée\u00a0: %r",
    "can't open '%(filename)s': %(error)s": "«\u00a0%(filename)s\u00a0» ne peut pas être ouvert\u00a0: %(error)s",
}


def _speak_argparse(language: str) -> None:
    """argparse's words in the user's language (English is argparse's own)."""
    if language != "fr":
        return
    argparse._ = lambda message: ARGPARSE_FR.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, plural, count: ARGPARSE_FR.get(  # type: ignore[attr-defined]
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
    text = HELP[language]
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
        # First: the print processes import WeasyPrint while this one imports the rest.
        # Their one owner: leaving this block, whatever happens, stops them (never a
        # build that hangs, never a process left behind).
        with PrintProcesses() as processes:
            return _command(arguments, text, processes)
    finally:
        timings.write()  # OFFRE_TIMINGS: where the time went


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
            if result.offers["fr"].draft:
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
