"""MkDocs' events, forwarded to leadctl (``leadctl.glue.events`` says what each does and why).

The priorities place each event among static-i18n's (-100 for most of its own).
"""

from leadctl.glue import events
from leadctl.glue.events import event_priority


def on_startup(command, dirty):
    events.startup(command)


@event_priority(-110)
def on_config(config):
    events.forget_previous_language_switcher(config)
    return config


def on_pre_build(config):
    events.start_pass(config)


def on_env(env, config, files):
    return events.prepare_theme(env, config)


def on_files(files, config):
    return events.add_generated_files(files, config)


@event_priority(-200)
def on_nav(nav, config, files):
    events.give_generated_files_their_text(files)
    return nav


def on_pre_page(page, config, files):
    return events.prepare_page(page)


def on_page_markdown(markdown, page, config, files):
    return events.escape_page_meta(markdown, page)


def on_page_content(html, page, config, files):
    return events.page_content(html, page, config)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    return events.page_context(context, page, config)


def on_template_context(context, template_name, config):
    return events.template_context(context, template_name, config)


def on_post_template(output_content, template_name, config):
    return events.not_found_page_per_language(output_content, template_name, config)


def on_post_page(output, page, config):
    return events.page_written(output, page, config)


def on_post_build(config):
    events.finish_pass(config)


def on_build_error(error):
    events.build_failed()
