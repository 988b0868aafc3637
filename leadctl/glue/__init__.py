"""The MkDocs glue: the only package that imports MkDocs; it drives builds and serve and forwards hook events."""
