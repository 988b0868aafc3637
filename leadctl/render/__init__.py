"""Renderers: one per page kind, each producing the HTML body of a page."""
