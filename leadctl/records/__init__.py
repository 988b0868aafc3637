"""The record structure: the models of each kind, and when events happen."""
