"""Exports: the open data written next to the site, one module per format.

``api`` (the versioned JSON API and the JSON Schemas of its endpoints, plus the CSV
tables derived from it), ``feeds`` (Atom feeds and the iCalendar of deadlines) and
``history`` (when entries appeared and changed, from git; never fails a build).

May import: the ground floor and ``engine``. Never ``site``, ``workflow``, ``cli`` or MkDocs.
"""
