"""Foundations every stage uses: problem records, the site's own words, safe Markdown, URLs, settings."""
