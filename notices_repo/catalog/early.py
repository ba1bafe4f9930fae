"""The first open of a large archive: useful before the history is read (issue 16).

A cold load reads the whole history (:mod:`notices_repo.catalog.loader`); on a large
archive that takes seconds. Two cheap reads serve the app meanwhile:

* :func:`early_catalog`: the notices at HEAD from one ``git ls-tree -r -z HEAD``, chosen
  by the repository's rules (:mod:`notices_repo.catalog.rules`), each with no revision
  yet (the title is the file name's until its text is read);
* :meth:`EarlyReader.notice`: one notice's history on its own - a path-limited
  ``git log`` that follows renames (``--follow``, as git's ``-M`` does in the full walk),
  walked by the full walk's code (:func:`notices_repo.git.history.walk`), published
  dates from the commit graph (one ``git log`` without diffs, read once), and the facts
  of its texts (dates, technical revisions, silent edits) scanned as the full scan does.

What only the whole history can tell is left to the full load, which replaces these:
retired notices, renames git did not pair (inferred from similar texts), and a side
branch's change that a path-limited log simplifies away. Headless commands never use
this module: they print complete answers only.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from notices_repo.catalog.derive import RevisionDeriver, publish_day, title_from_path
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.rules import CONFIG_NAME, NoticeRules, parse_rules
from notices_repo.errors import Cancelled, NoticeError
from notices_repo.git.catfile import CatFile
from notices_repo.git.history import (
    LOG_FORMAT,
    Commit,
    NoticeTrack,
    parse_log,
    publish_dates,
    read_log,
    walk,
)
from notices_repo.git.queries import REGULAR_MODES, object_id, tree_entry, tree_files
from notices_repo.model import Catalog, Gap, Notice

if TYPE_CHECKING:
    from collections.abc import Callable

    from notices_repo.catalog.scan import ScanResult
    from notices_repo.git.runner import GitRunner

__all__ = ["EarlyReader", "early_catalog", "is_early", "notice_files", "notice_paths"]


def notice_files(
    runner: GitRunner, head: str, read_blob: Callable[[str], bytes | None]
) -> tuple[dict[str, str], NoticeRules]:
    """The notice files at ``head`` (path -> blob id, sorted as the catalog sorts them)
    and the rules that chose them: one ``ls-tree -r -z``, and the rules file's blob (read
    with ``read_blob``) when there is one. Regular files only (no links, no submodules)."""
    tree = tree_files(runner, head)
    entry = tree.get(CONFIG_NAME)
    rules = parse_rules(read_blob(entry[1]) if entry else None)
    paths = [
        path for path, (mode, _) in tree.items() if mode in REGULAR_MODES and rules.is_notice(path)
    ]
    paths.sort(key=lambda path: (path.casefold(), path))
    return {path: tree[path][1] for path in paths}, rules


def notice_paths(repository: NoticeRepository, head: str) -> tuple[list[str], NoticeRules]:
    """The notice paths at ``head`` of ``repository`` and the rules that chose them."""
    files, rules = notice_files(repository.runner, head, repository.read_blob)
    return list(files), rules


def early_catalog(repository: NoticeRepository, head: str) -> Catalog:
    """The notices at ``head`` before any history is read: each with no revision, titled
    by its file name (:func:`is_early` tells such a notice)."""
    paths, rules = notice_paths(repository, head)
    return Catalog(
        repository=repository.display_path,
        head=head,
        notices=[Notice(key=p, path=p, title=title_from_path(p), revisions=[]) for p in paths],
        warnings=[rules.warning] if rules.warning else [],
        is_sample=repository.is_sample,
    )


def is_early(notice: Notice) -> bool:
    """A notice of :func:`early_catalog` whose history is not read yet (a notice of a
    loaded catalog always has a revision)."""
    return not notice.revisions


class EarlyReader:
    """One notice's history at a time, while the full load runs (thread-safe).

    It has its own ``cat-file`` process (the full scan streams through the repository's
    own) and reads the commit graph once, on the first notice asked for. ``close()``
    when the full catalog is there.
    """

    def __init__(self, repository: NoticeRepository, head: str) -> None:
        self.repository = repository
        self.head = head
        self._catfile = CatFile(repository.runner)
        self._graph: dict[str, Commit] | None = None
        self._mainline: dict[str, tuple[str, int]] | None = None
        self._graph_lock = threading.Lock()
        self._rules: NoticeRules | None = None
        self._prefetch: threading.Thread | None = None
        self._prefetch_lock = threading.Lock()

    def prefetch(self) -> None:
        """Start reading HEAD's first-parent line in the background (once): every
        notice read needs it, and it takes a whole walk of the history."""
        with self._prefetch_lock:  # not the graph's: the prefetch holds that one
            if self._prefetch is None:
                self._prefetch = threading.Thread(target=self._read_mainline, daemon=True)
                self._prefetch.start()

    def close(self) -> None:
        """Stop the ``cat-file`` process (a later call starts another)."""
        self._catfile.close()

    def graph(self) -> dict[str, Commit]:
        """Every commit of HEAD's history with its published date and main-line
        position (:func:`notices_repo.git.history.publish_dates`), no changes: one
        ``git log`` without diffs."""
        with self._graph_lock:
            if self._graph is None:
                out = self.repository.runner.output(
                    "log", "-z", "--no-color", "--encoding=UTF-8", f"--format={LOG_FORMAT}",
                    self.head, "--",
                )  # fmt: skip
                graph = {commit.commit: commit for commit in parse_log(out)}
                publish_dates(graph, self.head)
                self._graph = graph
            return self._graph

    def mainline(self) -> dict[str, tuple[str, int]]:
        """Each commit of HEAD's first-parent line: its committer date and position (0
        for HEAD), from one ``git log --first-parent`` without diffs. A commit on this
        line was published when it was committed (:func:`publish_dates`)."""
        with self._graph_lock:
            if self._mainline is None:
                out = self.repository.runner.output(
                    "log", "--first-parent", "-z", "--format=%H%x00%cI", self.head, "--"
                )
                fields = out.decode("ascii", "replace").split("\x00")
                self._mainline = {
                    fields[i].strip(): (fields[i + 1].strip(), i // 2)
                    for i in range(0, len(fields) - 1, 2)
                }
            return self._mainline

    def _read_mainline(self) -> None:
        """:meth:`mainline` in a thread of its own; a failure is met again (and said)
        where its answer is needed."""
        with contextlib.suppress(NoticeError):
            self.mainline()

    def _publish(self, commits: list[Commit]) -> None:
        """Each commit's published date and main-line position: from the first-parent
        line when every one is on it (a linear history), else from the whole graph."""
        mainline = self.mainline()
        if all(commit.commit in mainline for commit in commits):
            for commit in commits:
                commit.published, commit.position = mainline[commit.commit]
            return
        graph = self.graph()
        for commit in commits:
            known = graph.get(commit.commit)
            if known is not None:
                commit.published, commit.position = known.published, known.position

    def rules(self) -> NoticeRules:
        """The rules at HEAD (deletions of notice files are followed as the walk does)."""
        if self._rules is None:
            self._rules = notice_paths(self.repository, self.head)[1]
        return self._rules

    def notice(self, path: str, cancelled: threading.Event | None = None) -> Notice | None:
        """The notice at ``path`` (at HEAD) with its revisions, dates, technical and
        silent-edit marks, gaps and title; None when HEAD has no such file.

        Raises :class:`~notices_repo.errors.Cancelled` when ``cancelled`` is set.
        """
        walked = self.repository.walked
        if walked is not None:  # the full load's walk is done: its track, no git log
            found = walked[0].get(path)
            if found is not None and found.revisions and not found.retired:
                return self._scanned(found, walked[1], cancelled)
        runner = self.repository.runner
        self.prefetch()  # the first-parent line, read while git logs the path
        entry = tree_entry(runner, self.head, path)
        if entry is None or not entry.is_regular_file:
            return None
        follow = [self.head, "--follow"] if not runner.is_partial_clone() else [self.head]
        # streamed, so that a newer selection stops git at once (its cancelled event)
        commits = list(read_log(runner, follow, cancelled, paths=(path,)))
        self._publish(commits)
        _check(cancelled)
        _, commit_map, tracks = walk(iter(commits), [path], self.rules().is_notice, None, cancelled)
        track = next((t for t in tracks if t.key == path), None)
        if track is None or not track.revisions:
            return None
        self._merge_parents(track, commit_map)
        return self._scanned(track, commit_map, cancelled)

    def _scanned(
        self, track: NoticeTrack, commit_map: dict[str, Commit], cancelled: threading.Event | None
    ) -> Notice:
        """The notice of a walked track: the facts of its texts scanned as the full scan
        does, through this reader's own ``cat-file``."""
        from notices_repo.catalog.pool import scan
        from notices_repo.catalog.scan import Chain, plan

        revisions = track.revisions
        chain = Chain([(r.parent_blob, r.blob) for r in reversed(revisions)], revisions[0].blob)
        steps = plan([chain], lambda blob: False, lambda pair: False)
        planned = {blob for group in steps for _, blob, want, _ in group if want}
        parents = {r.parent_blob for r in revisions if r.parent_blob is not None} - planned
        if parents:  # a merge's first parent's text: its date tells a silent edit
            steps.append([(None, blob, True, False) for blob in sorted(parents)])
        result = scan(self.repository.runner, steps, catfile=self._catfile, cancelled=cancelled)
        _check(cancelled)
        return _notice_of(track, commit_map, RevisionDeriver(result.facts, result.pairs), result)

    def _merge_parents(self, track: NoticeTrack, commits: dict[str, Commit]) -> None:
        """A revision made by a merge takes its first parent's text as the older one
        (as the full load does: one ``rev-parse`` each, rare)."""
        for raw in track.revisions:
            commit = commits.get(raw.commit)
            if raw.parent_blob is None and commit is not None and len(commit.parents) > 1:
                name = f"{commit.parents[0]}:{raw.renamed_from or raw.path}"
                raw.parent_blob = object_id(self.repository.runner, name)


def _check(cancelled: threading.Event | None) -> None:
    if cancelled is not None and cancelled.is_set():
        raise Cancelled()


def _notice_of(
    track: NoticeTrack, commits: dict[str, Commit], derive: RevisionDeriver, result: ScanResult
) -> Notice:
    """The notice of a walked track, as the full load assembles it."""
    revisions = derive(track.revisions, commits)
    if len(revisions) > 1:
        revisions.sort(key=lambda r: commits[r.commit].position)
    gaps = [
        Gap(publish_day(commits[deleted]), deleted, publish_day(commits[added]), added)
        for deleted, added in track.gaps
    ]
    blob = revisions[0].blob
    title = (result.titles.get(blob) if blob else None) or title_from_path(track.path)
    return Notice(key=track.key, path=track.path, title=title, revisions=revisions, gaps=gaps)
