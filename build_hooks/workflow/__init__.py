"""Workflow: the commands the ISU and focal points run around a pull request.

``review``, ``review_text`` and ``review_words`` (the plain-language summary of a change, in
English, French or Spanish), ``owners`` (CODEOWNERS and the ownership check), ``reminders``
(``pfp stale``), ``linkcheck``,
``newfile`` (``pfp new``'s template, in English, French or Spanish), ``migrate``,
``formatting`` (``pfp format``: the canonical layout, which the form editor's serializer
writes byte for byte), ``apply`` (``pfp apply``: a file received from the form editor,
checked and put in place), ``generated`` (the files written from the code: the JSON Schema
and the pages of ``docpages``, the rule catalogue and field reference in the three languages).

May import: the ground floor, ``engine`` and ``exports``. Never ``site``, ``cli`` or MkDocs.
"""
