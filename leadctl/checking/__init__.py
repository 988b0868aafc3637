"""Stage 2, checking: field rules, cross-references, the whole project loaded and checked, hand-written pages."""
