"""The contributor's command line: build, serve, validate, new, i18n, schema."""
