"""Stage 4, writing outputs beside the pages: feeds, calendars, head metadata and sitemap, search, citations."""
