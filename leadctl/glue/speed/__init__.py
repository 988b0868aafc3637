"""The speed layer: caches and processes behind narrow seams; the glue calls it, features never do."""
