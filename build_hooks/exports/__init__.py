"""Exports: the open data written next to the site, one module per format.

``api`` (the versioned JSON API and the JSON Schemas of its endpoints), ``csvfiles`` (the CSV
tables derived from it, in each language), ``opendata`` (the Frictionless data package and the
schema.org Dataset), ``feeds`` (Atom feeds and the iCalendar of deadlines) and ``history`` (when
entries appeared and changed, from git; never fails a build).

May import: the ground floor and ``engine``. Never ``site``, ``workflow``, ``cli`` or MkDocs.
"""
