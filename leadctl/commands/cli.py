"""The contributor's command line: build, serve, validate, new, import, i18n, schema."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from leadctl.base.problems import ValidationFailed, format_problems, summary_line
from leadctl.base.settings import SettingsError
from leadctl.base.text import count
from leadctl.records.kinds import DATA_KINDS, KINDS

CONFIG_HELP = "Path to mkdocs.yml (default: ./mkdocs.yml)."


def _config_option(function):
    return click.option(
        "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"), help=CONFIG_HELP
    )(function)


def _quiet_option(function):
    return click.option("-q", "--quiet", is_flag=True, help="Print only errors.")(function)


class DataProblems(click.ClickException):
    """The data did not validate: the problems are already printed."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


def _load_config(config_file: Path, style: str = "text", consequence: str = ""):
    """mkdocs.yml's settings, or their problems printed (each at its line) and exit 1."""
    from leadctl.glue.engine import EngineError, read_site_config

    try:
        return read_site_config(config_file)
    except EngineError as error:
        raise click.ClickException(str(error)) from None
    except SettingsError as error:
        click.echo(format_problems(error.problems, style))
        raise DataProblems(summary_line(error.problems, consequence)) from None


def _validate_or_exit(site_config, style: str = "text", consequence: str = "", pages_too: bool = True, strict: bool = False):
    """The checked project, or the problems printed and exit 1.

    ``pages_too``: also what the build of the pages would stop at (the navigation, links), which
    commands that only read the data, such as the translation report, do not need.
    ``strict``: warnings fail too.
    """
    from leadctl.glue.engine import validate_project
    from leadctl.glue.page_checks import site_problems

    try:
        project = validate_project(site_config)
        problems = []
    except ValidationFailed as failure:
        project, problems = None, list(failure.problems)
    # What MkDocs would stop at, and what is worth a warning, reported with the data's problems.
    if pages_too:
        problems += site_problems(site_config, project)
    errors = [problem for problem in problems if strict or not problem.warning]
    if problems or style == "json":
        click.echo(format_problems(problems, style))
    if errors or project is None:
        raise DataProblems(summary_line(errors, consequence))
    return project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="leadctl")
def cli() -> None:
    """Build and check the LEAD Academic Network site (English and Chinese)."""


@cli.command()
@_config_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to write the site (default: site/).")
@_quiet_option
def build(config_file: Path, site_dir: Path | None, quiet: bool) -> None:
    """Validate the data and build the whole site, strictly.

    Any problem or MkDocs warning stops the build; the previously built
    site is then left exactly as it was.
    """
    from leadctl.glue.engine import EngineError, SiteNotWritable, build_site, describe_build_failure

    site_config = _load_config(config_file, consequence="nothing was built and the previous site is untouched.")
    def check_data() -> None:  # called by build_site before it builds anything
        checking_started = time.perf_counter()
        project = _validate_or_exit(site_config, consequence="nothing was built and the previous site is untouched.")
        if not quiet:
            seconds = time.perf_counter() - checking_started
            click.echo(
                f"Data valid: {_record_counts(project)} (checked in {seconds:.1f} s).",
                err=True,
            )
            click.echo("Building the pages in English and Chinese (strict: any warning stops the build)...", err=True)

    try:
        result = build_site(site_config, site_dir, quiet=quiet, check_data=check_data)
    except EngineError as error:
        click.echo(f"Build failed: {error}\nThe previous site was left untouched.", err=True)
        sys.exit(1)
    except SiteNotWritable as error:  # the previous site is untouched: the build never got to swap it
        click.echo(f"leadctl: {error}", err=True)
        sys.exit(1)
    except click.ClickException:  # the data's problems, already printed by check_data
        raise
    except Exception as error:  # a template or hook raised: one line, not a traceback
        click.echo(f"Build failed: {describe_build_failure(error)}\nThe previous site was left untouched.", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"Built {count(result.pages, 'page')} in English and Chinese into {result.site_dir} in {result.seconds:.1f} s.", err=True)


@cli.command()
@_config_option
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000; port 0: any free port)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve(config_file: Path, dev_addr: str | None, open_browser: bool) -> None:
    """Preview the site with live reload; edits in data/ and docs/ rebuild it.

    A change with problems is reported and not built: the last good site
    stays served until the problems are fixed.
    """
    from leadctl.glue.serving import ServeFailed, serve_site

    site_config = _load_config(config_file, consequence="nothing is served.")
    _validate_or_exit(site_config, consequence="nothing is served.")
    try:
        serve_site(site_config, dev_addr, open_browser)
    except ServeFailed as failure:
        click.echo(f"leadctl serve: {failure}", err=True)
        sys.exit(1)


def _record_counts(project) -> str:
    """Each kind's number of records, in the registry's order: "1 member, 2 events, …"."""
    return ", ".join(
        count(len(project.news) if kind.storage == "posts" else len(project.collection(kind.name)), kind.counted) for kind in KINDS
    )


@cli.command()
@_config_option
@click.option(
    "--format", "style", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
    help="text: path:line: message; github: Actions annotations; json: a list of problems.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1), e.g. a micro-credential missing one of its elements.")
def validate(config_file: Path, style: str, strict: bool) -> None:
    """Check all data and news front matter without building."""
    site_config = _load_config(config_file, style)
    project = _validate_or_exit(site_config, style, strict=strict)
    if style == "text":
        records = sum(len(project.collection(kind.name)) for kind in DATA_KINDS)
        click.echo(f"All data is valid ({count(records, 'record')}, {count(len(project.news), 'news_post')}).", err=True)


@cli.group()
def new() -> None:
    """Start a new member, event, project, training programme, policy brief, knowledge base work or news post.

    The file is written only if it validates, never over an existing one.
    Missing required fields are asked for when a terminal is attached.
    """


def _new_record(kind: str, /, config_file: Path, record_id: str, **options: str | None) -> None:
    # ``kind`` is positional-only: members and events also have a --kind option, which lands in ``options``.
    from leadctl.commands.new import KINDS, ScaffoldRefused, check_field, create_record

    site_config = _load_config(config_file)
    values = {}
    for spec in KINDS[kind].fields:
        values[spec.key] = options.get(spec.key)
        if spec.localized:
            values[spec.zh_key] = options.get(spec.zh_key.replace("-", "_"))

    def ask(spec, current: dict[str, str]) -> str:
        def check(text: str) -> str:
            problem = check_field(kind, spec, text.strip())
            if problem:
                raise click.UsageError(problem)
            return text.strip()

        default = site_config.settings.today.isoformat() if spec.date_like else None
        if spec.choices:
            answer = click.prompt(spec.prompt, type=click.Choice(spec.choices), default=default)
        else:
            answer = click.prompt(spec.prompt, default=default, value_proc=check)
        if spec.localized and not current.get(spec.zh_key):
            current[spec.zh_key] = click.prompt(
                f"{spec.prompt.replace('(English', '(Chinese, 中文')} [Enter: translate later]", default="", show_default=False
            )
        return answer

    interactive = sys.stdin.isatty()
    try:
        path = create_record(
            site_config.root, kind, record_id, values, ask if interactive else None,
            site_config.settings.data_dir, site_config.settings.docs_dir, site_config.settings.today,
        )
    except ScaffoldRefused as refusal:
        click.echo(f"Error: {refusal}", err=True)
        sys.exit(refusal.exit_code)
    except ValidationFailed as failure:
        click.echo(format_problems(failure.problems), err=True)
        raise DataProblems(summary_line(failure.problems, "nothing was written.")) from None
    relative = path.relative_to(site_config.root).as_posix()
    click.echo(f"Created {relative}. Fill in the rest (see the comments in it), then run `leadctl validate`.")


def _add_new_commands() -> None:
    from functools import partial

    from leadctl.commands.new import KINDS

    for kind, spec in KINDS.items():
        params: list[click.Parameter] = [click.Argument(["record_id"], metavar="ID")]
        for field_spec in spec.fields:
            kind_of_value = click.Choice(field_spec.choices) if field_spec.choices else str
            params.append(click.Option([field_spec.option, field_spec.key], type=kind_of_value, help=field_spec.help))
            if field_spec.localized:
                params.append(
                    click.Option([f"--{field_spec.zh_key}"], help=f"The {field_spec.key} in Chinese (optional: it can be translated later).")
                )
        command = click.Command(
            kind,
            params=params,
            callback=partial(_new_record, kind),
            help=f"Write {spec.noun} ({'docs/news/<date>-ID.md' if kind == 'news' else f'data/{spec.folder}/ID.yml'}).",
        )
        new.add_command(_config_option(command))


_add_new_commands()


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path),
    help="The data folder to write into (default: the one mkdocs.yml names, usually data/).",
)
@click.option("--force", is_flag=True, help="Replace records that already exist (the works' ids are taken from the citation keys).")
@click.option("--dry-run", is_flag=True, help="Print the records that would be written, and where; write nothing.")
def import_references(file: Path, config_file: Path, data_dir: Path | None, force: bool, dry_run: bool) -> None:
    """Add knowledge base works from a BibTeX, RIS or CSL-JSON export (Zotero, EndNote).

    Each entry becomes data/knowledge/<id>.yml, the id made from its citation
    key. Nothing is written unless every entry makes a valid record; an
    existing record is replaced only with --force.
    """
    from leadctl.commands.importing import plan_import, write_works
    from leadctl.reading.documents import read_text_file

    if data_dir is not None:
        root, data_folder = data_dir.resolve().parent, data_dir.resolve().name
    else:
        site_config = _load_config(config_file)
        root, data_folder = site_config.root, site_config.settings.data_dir
    source = file.as_posix()
    if not file.is_file():
        click.echo(f"{source}: no such file; give the path of the exported BibTeX, RIS or CSL-JSON file", err=True)
        sys.exit(1)
    text, unreadable = read_text_file(file, source)
    plan = plan_import(text, source, root, data_folder, force) if text is not None else None
    problems = plan.problems if plan is not None else [unreadable]
    if problems:
        click.echo(format_problems(problems), err=True)
    errors = [problem for problem in problems if not problem.warning]
    if errors or plan is None:
        raise DataProblems(summary_line(errors, "nothing was written."))
    if not plan.works:
        click.echo(f"{source}: no entries to import.", err=True)
        return
    if dry_run:
        for work in plan.works:
            click.echo(f"# {work.path}{' (replaces the record there)' if work.replaces else ''}\n{work.text}")
        click.echo(f"Dry run: {count(len(plan.works), 'record')} would be written; nothing was written.", err=True)
        return
    try:
        write_works(root, plan.works)
    except OSError as error:
        click.echo(f"leadctl import: cannot write into {data_folder}/ ({error.strerror or error}); nothing was written.", err=True)
        sys.exit(1)
    for work in plan.works:
        click.echo(f"{'Replaced' if work.replaces else 'Wrote'} {work.path}")
    click.echo(
        f"Imported {count(len(plan.works), 'record')} from {source} ({plan.format}). "
        "Link authors who are members ('member: <id>'), add topics and pillars, then run `leadctl validate`.",
        err=True,
    )


@cli.command("i18n")
@_config_option
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT", help="Exit 1 if less than PERCENT is translated.")
@click.option("--format", "style", type=click.Choice(["text", "json"]), default="text", show_default=True)
def i18n(config_file: Path, fail_under: float | None, style: str) -> None:
    """Report what has no Chinese version yet: records, pages and news posts."""
    from leadctl.commands.translation import format_report, translation_report

    site_config = _load_config(config_file)
    project = _validate_or_exit(site_config, pages_too=False)
    report = translation_report(project, site_config.root / site_config.settings.docs_dir)
    click.echo(format_report(report, style))
    if fail_under is not None and report.percent < fail_under:
        click.echo(f"Only {report.percent:.1f}% is translated, below --fail-under {fail_under:g}.", err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True,
    help="Folder to write the schemas into.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the schemas in --out are missing or out of date.")
def schema(out_dir: Path, check: bool) -> None:
    """Write the JSON Schemas of the data files (for editors and other tools)."""
    from leadctl.commands.schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out_dir)
        if stale:
            click.echo(f"Out of date in {out_dir}: {', '.join(stale)}; run `leadctl schema --out {out_dir}`.", err=True)
            sys.exit(1)
        click.echo(f"The schemas in {out_dir} are up to date.", err=True)
        return
    for path in write_schemas(out_dir):
        click.echo(f"Wrote {path.as_posix()}")


def main() -> None:
    from leadctl.glue.command_process import begin, end

    begin()
    try:
        cli(prog_name="leadctl")
        code: object = 0
    except SystemExit as leaving:  # click ends every command this way
        code = leaving.code
    end(code)
