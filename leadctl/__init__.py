"""leadctl: the LEAD Academic Network's bilingual publishing system.

The pipeline runs in one direction: load (``load``) -> validate (``validate``)
-> cross-reference (``index``) -> render (``render``) -> write (MkDocs, feeds).
"""

__version__ = "0.1.0"
