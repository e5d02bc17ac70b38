"""The engine: load -> validate -> index, in plain Python that knows nothing of MkDocs.

``load`` reads YAML (and the official record's CSV tables) as data, with a location for
every value; ``model`` is the contract; ``rulebook`` lists every rule; ``schema_checks``
and ``checks`` find problems; ``validate`` runs them all and never stops at the first;
``catalog`` indexes what passed and is the only place that decides whether a challenge
may be published; ``progress`` and ``staleness`` compute what the progress index and
reminders say.

May import: the ground floor (``build_hooks.diagnostics``, ``settings``, ``i18n``,
``urls``, ``gitrepo``, ``reference``) and itself. Never ``site``, ``exports``,
``workflow``, ``cli`` or MkDocs.
"""
