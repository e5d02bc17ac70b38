"""The Platform for Partnerships engine: load -> validate -> index -> render -> export.

Only :mod:`build_hooks.site.mkdocs_hooks` (and the page layer) import MkDocs; the
rest is plain Python that the ``pfp`` CLI, the tests and the hooks share.
"""
