"""The contributor's command line: build, serve, validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .problems import ValidationFailed, format_problems, summary_line
from .settings import SettingsError

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


def _load_config(config_file: Path):
    from .engine import EngineError, read_site_config

    try:
        return read_site_config(config_file)
    except (EngineError, SettingsError) as error:
        raise click.ClickException(str(error)) from None


def _validate_or_exit(site_config, style: str = "text", consequence: str = ""):
    from .engine import validate_project

    try:
        return validate_project(site_config)
    except ValidationFailed as failure:
        click.echo(format_problems(failure.problems, style))
        raise DataProblems(summary_line(failure.problems, consequence)) from None


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
    from .engine import EngineError, build_site

    site_config = _load_config(config_file)
    project = _validate_or_exit(site_config, consequence="nothing was built and the previous site is untouched.")
    if not quiet:
        click.echo(
            f"Data valid: {len(project.members)} members, {len(project.events)} events, {len(project.briefs)} briefs, "
            f"{len(project.pillars)} pillars, {len(project.news)} news posts.",
            err=True,
        )
    try:
        result = build_site(site_config, site_dir, quiet=quiet)
    except EngineError as error:
        click.echo(f"Build failed: {error}\nThe previous site was left untouched.", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"Built {result.pages} pages in English and Chinese into {result.site_dir} in {result.seconds:.1f} s.", err=True)


@cli.command()
@_config_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve(config_file: Path, dev_addr: str | None, open_browser: bool) -> None:
    """Preview the site with live reload; edits in data/ and docs/ rebuild it."""
    from .engine import EngineError, serve_site

    site_config = _load_config(config_file)
    _validate_or_exit(site_config)
    try:
        serve_site(site_config, dev_addr, open_browser)
    except EngineError as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@_config_option
@click.option(
    "--format", "style", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
    help="text: path:line: message; github: Actions annotations; json: a list of problems.",
)
def validate(config_file: Path, style: str) -> None:
    """Check all data and news front matter without building."""
    site_config = _load_config(config_file)
    project = _validate_or_exit(site_config, style)
    if style == "json":
        click.echo("[]")
    elif style == "text":
        records = len(project.members) + len(project.events) + len(project.briefs) + len(project.pillars)
        click.echo(f"All data is valid ({records} records, {len(project.news)} news posts).", err=True)


def main() -> None:
    cli(prog_name="leadctl")
