"""The site: the only code that knows MkDocs.

``builder`` runs one build (engine stages, then view models and exports) and keeps its
result on the build's config; ``viewmodels`` turns the catalogue into plain data that
the templates in ``overrides/pfp/`` only lay out, shaped by the TypedDicts of ``context``
(``contextdoc`` writes them up as ``overrides/pfp/CONTEXT.md``); ``pages`` renders them into generated
files; ``charts`` draws the SVG timeline; ``sanitise`` is the one sanitiser for
contributor Markdown; ``csp`` adds the Content-Security-Policy; ``languages`` works out
the language menu; ``publish`` swaps a finished build into place; ``multibuild`` runs the
three language builds; ``mkdocs_hooks`` is the thin file listed under ``hooks:``.

MkDocs puts this folder first on ``sys.path``: no module here may share a name with a
standard-library or installed module (a test checks).

May import: everything in ``build_hooks`` except ``cli``.
"""
