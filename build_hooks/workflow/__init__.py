"""Workflow: the commands the ISU and focal points run around a pull request.

``review`` and ``review_text`` (the plain-language summary of a change), ``owners``
(CODEOWNERS and the ownership check), ``reminders`` (``pfp stale``), ``linkcheck``,
``newfile`` (``pfp new``'s template), ``migrate``, ``formatting`` (``pfp format``: the
canonical layout, which the form editor's serializer writes byte for byte), ``apply``
(``pfp apply``: a file received from the form editor, checked and put in place) and
``generated`` (the JSON Schema, field reference and rule catalogue written from the model).

May import: the ground floor, ``engine`` and ``exports``. Never ``site``, ``cli`` or MkDocs.
"""
