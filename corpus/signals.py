"""Signals the corpus sends so derived data (the search index) can follow the database.

`documents_changed` is sent after a commit that added, changed, re-statused or deleted
documents. Receivers get `document_ids` (a frozenset of ints): for each id, a document that
still exists should be (re)indexed from the database, one that no longer exists removed.
Receivers may also change rows through the same session (quiz flags questions citing a
changed article); `commit_and_announce` commits those right after the signal.
A receiver that could not follow returns what went wrong in Chinese (else None);
`commit_and_announce` collects those. Receivers may report progress through an optional
`progress` keyword (articles done). The corpus never imports its receivers; `kb` and `quiz`
subscribe to it.

    from corpus.signals import documents_changed

    @documents_changed.connect
    def reindex(sender, document_ids, **extra): ...

`document_removing` is sent before a delete, in the same transaction (see below).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from blinker import Namespace
from sqlalchemy.orm import Session

_signals = Namespace()

documents_changed = _signals.signal("corpus.documents-changed")

# Sent just before a document is deleted, in the deleting transaction: receivers get
# `document` (still with its articles) and `session`, and may change rows through it
# (quiz sends the questions citing it back to review). The corpus never imports them.
document_removing = _signals.signal("corpus.document-removing")


def send_documents_changed(sender: Any, document_ids: Iterable[int]) -> None:
    """Send `documents_changed` when there is something to say; call it after the commit."""
    ids = frozenset(document_ids)
    if ids:
        documents_changed.send(sender, document_ids=ids)


def commit_and_announce(
    session: Session, sender: Any, document_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> list[str]:
    """Commit, tell the receivers which documents changed, committing what each one added.

    Returns what the receivers could not do, in Chinese (an index update that failed).
    `progress(articles done)`, when given, is passed on to receivers that report it (the
    index, for the upload page)."""
    session.commit()
    ids = frozenset(document_ids)
    problems: list[str] = []
    if ids and not documents_changed.is_muted:
        extra = {"progress": progress} if progress is not None else {}
        # Each receiver's rows are committed before the next one runs: a receiver that wrote
        # (quiz flags questions) must not hold SQLite's one writer lock through another's long
        # work (the search index of a large upload), whatever order they were connected in.
        for receiver in list(documents_changed.receivers_for(sender)):
            answer = receiver(sender, document_ids=ids, **extra)
            session.commit()
            if isinstance(answer, str) and answer:
                problems.append(answer)
    return problems


def follower_problems(app: Any) -> list[str]:
    """What the receivers report as not done (e.g. the search index lagging behind the library),
    in Chinese for admins: the checks a feature appends to app.extensions["admin_notices"]."""
    return [notice for check in app.extensions.get("admin_notices", []) if (notice := check())]


def own_names(app: Any) -> list[str]:
    """The names of this installation's mine(s), which accounts registers as
    app.extensions["own_enterprise_names"]; ingestion types by them (see ingestion._settle_type)."""
    names = app.extensions.get("own_enterprise_names")
    return list(names()) if names else []
