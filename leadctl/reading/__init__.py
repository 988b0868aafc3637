"""Stage 1, reading: YAML data and Markdown front matter, with the line of every key."""
