"""Notices and their revisions from one ``git log --raw`` call.

One call lists every commit with the files it changed against its parent, renames
detected by ``-M`` (also when the file was edited in the same commit), root commits
included (``--root``), children before parents (``--topo-order``). A merge lists only the
files whose result differs from what git's own merge of its parents gives
(``--diff-merges=remerge``: a conflict resolved by hand, or an edit made in the merge),
so a change made on a branch is a revision once, where it was made, and a merge (of the
branch into main, or of main into the branch) repeats none of it. Such a merge
revision's older text is its first parent's (:attr:`RawRevision.parent_blob` is left
empty by the walk for the caller to look up: git's re-merge is no object to read).
Each commit's *published* date (:func:`publish_dates`) is the committer date of the
commit on HEAD's first-parent line that brought it in.

The walk goes newest to oldest: each path present at HEAD starts a notice, and every
rename moves the notice to its older path, so a notice keeps its history across renames
and moves between folders. A file deleted before HEAD becomes a *retired* notice (one
deleted and added again later is one notice with a gap). Within one commit, an added
notice and a deleted file that git did not pair (below its rename threshold) are linked
when the caller's similarity test says their titles or texts are alike; such revisions
carry ``inferred_rename``.

The same walk serves an incremental update: walk only the new commits from the new HEAD,
and the paths left in the tracking map join the notices cached at the old HEAD.
"""

from __future__ import annotations

import os
import select
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from notices_repo.errors import Cancelled, RepoError
from notices_repo.git.runner import GitRunner

LOG_FORMAT = "%x01%H%x00%P%x00%cI%x00%an%x00%s"
_SKIP_MODES = (b"120000", b"160000")  # symlinks and submodules are never notices


@dataclass(slots=True)
class Change:
    """One file change of one commit, as ``git log --raw`` reports it."""

    status: str  # A, M, D, T, R
    old_blob: str | None
    new_blob: str | None
    old_path: str
    new_path: str
    skip: bool = False


@dataclass(slots=True)
class Commit:
    """A commit and its changes."""

    commit: str
    committed: str
    author: str
    subject: str
    changes: list[Change]
    parents: tuple[str, ...] = ()
    published: str = ""
    """Committer date of the first-parent commit from HEAD that brought this one in
    (set by :func:`publish_dates`; empty when unknown)."""
    position: int = -1
    """Where that first-parent commit stands on HEAD's main line, 0 for HEAD: the order
    in which changes reached the main line (set by :func:`publish_dates`)."""


@dataclass(slots=True)
class RawRevision:
    """A revision before anything is derived from its text."""

    commit: str
    path: str
    blob: str | None
    parent_blob: str | None
    renamed_from: str | None = None
    inferred_rename: bool = False


@dataclass(slots=True)
class NoticeTrack:
    """A notice being followed back through history."""

    key: str
    path: str
    revisions: list[RawRevision] = field(default_factory=list)
    retired: bool = False
    retired_in: str | None = None
    added_in: str | None = None
    """The newest commit walked so far that added the file at ``path``: older history
    at that path belongs to this notice only through a deletion (a gap) or another
    branch that added it too."""
    blob_before: str | None = None
    """The blob at ``path`` just before the oldest change walked so far."""
    gaps: list[tuple[str, str]] = field(default_factory=list)
    """``(deleting commit, re-adding commit)`` for each time the path was deleted and
    added again, newest first."""
    dropped: bool = False
    """Joined into another notice (a rename made in two commits): not a notice."""


def _blob(value: bytes) -> str | None:
    text = value.decode("ascii", "replace")
    return None if not text.strip("0") else text


def log_args(revision_range: list[str], renames: bool = True) -> list[str]:
    """Arguments of the one ``git log`` call. ``renames=False`` (a partial clone, whose
    texts git would have to fetch to compare) lists a rename as a delete and an add, and
    no merge as a change (re-merging would need the texts too)."""
    return [
        "log",
        "-z",
        "--topo-order",
        "--raw",
        "--no-abbrev",
        "-M" if renames else "--no-renames",
        "--root",
        "--diff-merges=remerge" if renames else "--diff-merges=off",
        "--no-textconv",
        "--no-ext-diff",
        "--no-color",
        "--encoding=UTF-8",
        f"--format={LOG_FORMAT}",
        *revision_range,
        "--",
    ]


def parse_log(output: bytes) -> Iterator[Commit]:
    """Parse the output of :func:`log_args`; malformed records are skipped, never fatal."""
    commits, _ = _parse_tokens(output.split(b"\x00"), final=True)
    yield from commits


def _parse_tokens(
    tokens: list[bytes],
    final: bool,
    strings: dict[bytes, str] | None = None,
    blobs: dict[bytes, str | None] | None = None,
) -> tuple[list[Commit], int]:
    # long: the hot loop over every field git writes, in one frame (no call per change)
    """Commits of ``tokens`` (``-z`` fields), and the index of the first one not used.

    Unless ``final``, the tokens are what git wrote so far: a commit whose changes may
    go on in the next tokens is left (its start is returned) to be parsed again with
    them, so parsing a stream piece by piece gives what parsing it whole gives.
    ``strings`` (authors, subjects, paths) and ``blobs`` keep one ``str`` per distinct
    value over the calls: decoded once, and shared (a path is in every revision of its
    notice, a blob id in two revisions).
    """
    if strings is None:
        strings = {}
    if blobs is None:
        blobs = {}
    known, known_blob = strings.get, blobs.get
    commits: list[Commit] = []
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        if not token.startswith(b"\x01"):
            i += 1
            continue
        if i + 4 >= n:
            if not final:
                return commits, i
            i += 1
            continue
        start = i
        author, subject = tokens[i + 3], tokens[i + 4]
        changes: list[Change] = []
        commit = Commit(
            token[1:].decode("ascii", "replace"),
            tokens[i + 2].decode("utf-8", "replace"),
            known(author) or strings.setdefault(author, author.decode("utf-8", "replace")),
            known(subject) or strings.setdefault(subject, subject.decode("utf-8", "replace")),
            changes,
            tuple(tokens[i + 1].decode("ascii", "replace").split()),
        )
        i += 5
        merge = len(commit.parents) > 1
        complete = final
        while i < n:
            token = tokens[i]
            if not token.startswith(b":"):
                if not token:  # a merge's header is followed by an empty field
                    i += 1
                    continue
                token = token.lstrip(b"\n")
                if not token.startswith(b":"):
                    complete = True
                    break
            meta = token[1:].split(b" ")
            if len(meta) < 5:
                i += 1
                continue
            old_mode, new_mode, old_raw, new_raw, status = meta[:5]
            kind = status[:1].decode("ascii", "replace")
            skip = new_mode in _SKIP_MODES or (kind == "D" and old_mode in _SKIP_MODES)
            if kind in ("R", "C"):
                if i + 2 >= n:
                    break
                old_path, new_path = (
                    _string(strings, tokens[i + 1]),
                    _string(strings, tokens[i + 2]),
                )
                i += 3
            else:
                if i + 1 >= n:
                    break
                old_path = new_path = _string(strings, tokens[i + 1])
                i += 2
            if kind == "C":  # a copy leaves the source in place: the copy is an addition
                kind, old_path = "A", new_path
            old_blob = known_blob(old_raw, _NO_BLOB)
            if old_blob is _NO_BLOB:
                old_blob = blobs[old_raw] = _blob(old_raw)
            new_blob = known_blob(new_raw, _NO_BLOB)
            if new_blob is _NO_BLOB:
                new_blob = blobs[new_raw] = _blob(new_raw)
            if merge and old_blob is not None:
                old_blob = None  # git's re-merge of the parents: no object in the repository
            changes.append(Change(kind, old_blob, new_blob, old_path, new_path, skip))
        if not complete:
            return commits, start
        commits.append(commit)
    return commits, n


_NO_BLOB: Any = object()


def publish_dates(commits: dict[str, Commit], head: str) -> None:
    """Set each commit's ``published`` date and ``position``: its own committer date and
    place on HEAD's mainline (the first-parent line from ``head``), else those of the
    oldest mainline merge that brought it in. Commits reached by no mainline commit of
    ``commits`` (an incremental walk's range) keep an empty ``published``."""
    mainline: list[Commit] = []
    at: str | None = head
    while at is not None:
        commit = commits.get(at)
        if commit is None or commit.published:
            break
        commit.published = commit.committed
        commit.position = len(mainline)
        mainline.append(commit)
        at = commit.parents[0] if commit.parents else None
    for merge in reversed(mainline):  # oldest first: the first merge to bring one in wins
        if len(merge.parents) < 2:
            continue
        stack = list(merge.parents[1:])
        while stack:
            commit = commits.get(stack.pop())
            if commit is None or commit.published:
                continue
            commit.published = merge.committed
            commit.position = merge.position
            stack.extend(commit.parents)


def _string(strings: dict[bytes, str], raw: bytes) -> str:
    text = strings.get(raw)
    if text is None:
        text = strings[raw] = raw.decode("utf-8", "replace")
    return text


#: ``similar(added_blob, deleted_blob) -> bool``: are these the same notice?
Similarity = Callable[[str | None, str | None], bool]


def walk(
    commits: Iterator[Commit],
    head_paths: list[str],
    is_notice: Callable[[str], bool],
    similar: Similarity | None = None,
    cancelled: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, NoticeTrack], dict[str, Commit], list[NoticeTrack]]:
    """Follow every notice back through ``commits`` (newest first).

    Returns ``(tracking, commits_by_id, notices)``: ``tracking`` maps each path as it was
    before the oldest walked commit to its notice (used to join an incremental walk to
    cached notices; a notice whose file was added in the walked commits is there too,
    with ``added_in`` set); ``notices`` lists every notice met, HEAD notices first.
    ``progress`` is told how many commits were walked, every 1,024.

    Beyond git's own rename detection:

    * a path deleted and added again later is one notice with a *gap*;
    * a file added on two branches that were merged keeps both additions;
    * a copy in one commit whose original is deleted in a later one (a rename in two
      steps) is one notice, linked as an inferred rename (exact copies only);
    * an added notice and a deleted file of one commit that git did not pair are linked
      when ``similar`` says so.
    """
    tracking: dict[str, NoticeTrack] = {}
    notices: list[NoticeTrack] = []
    for path in head_paths:
        track = NoticeTrack(key=path, path=path)
        tracking[path] = track
        notices.append(track)
    #: retired notices with no revision yet whose file is still followed, by its blob:
    #: candidates for the first step of a rename in two steps
    originals: dict[str, list[NoticeTrack]] = {}
    seen: dict[str, Commit] = {}
    for count, commit in enumerate(commits):
        if count % 256 == 0:
            if cancelled is not None and cancelled.is_set():
                raise Cancelled()
            if progress is not None and count % 1024 == 0 and count:
                progress(count)
        seen[commit.commit] = commit
        added, deleted = _follow_changes(commit, tracking, originals, is_notice)
        if added and deleted and similar is not None:
            for track, revision, change in added:
                match = next((d for d in deleted if similar(change.new_blob, d.old_blob)), None)
                if match is None:
                    continue
                deleted.remove(match)
                _relink(tracking, track, revision, match.old_path, match.old_blob)
        for track, revision, change in added:
            if revision.renamed_from is None and change.new_blob in originals:
                candidates = originals[change.new_blob]
                if len(candidates) == 1 and candidates[0] is not track:
                    original = candidates[0]
                    _forget_original(originals, original)
                    original.dropped = True
                    _relink(tracking, track, revision, original.path, original.blob_before)
        for change in deleted:
            _follow_deletion(commit, change, tracking, originals, notices)
    return tracking, seen, [track for track in notices if not track.dropped]


#: The additions of one commit that started a followed notice's file, with their change.
Additions = list[tuple[NoticeTrack, RawRevision, Change]]


def _follow_changes(
    commit: Commit,
    tracking: dict[str, NoticeTrack],
    originals: dict[str, list[NoticeTrack]],
    is_notice: Callable[[str], bool],
) -> tuple[Additions, list[Change]]:
    """Add ``commit``'s revisions to the notices it changed; return the additions that
    started a followed file, and the deleted notice files (linked by the caller)."""
    added: Additions = []
    deleted: list[Change] = []
    for change in commit.changes:
        if change.skip:
            continue
        kind = change.status
        if kind == "R":
            track = tracking.pop(change.new_path, None)
            if track is None:
                continue
            _forget_original(originals, track)
            track.revisions.append(
                RawRevision(
                    commit.commit,
                    change.new_path,
                    change.new_blob,
                    change.old_blob,
                    renamed_from=change.old_path,
                )
            )
            track.blob_before = change.old_blob
            track.added_in = None
            tracking[change.old_path] = track
        elif kind in ("M", "T"):
            track = tracking.get(change.new_path)
            if track is not None:
                _forget_original(originals, track)
                track.revisions.append(
                    RawRevision(commit.commit, change.new_path, change.new_blob, change.old_blob)
                )
                track.blob_before = change.old_blob
        elif kind == "A":
            track = tracking.get(change.new_path)
            if track is not None:
                _forget_original(originals, track)
                revision = RawRevision(commit.commit, change.new_path, change.new_blob, None)
                track.revisions.append(revision)
                track.blob_before = None
                if track.added_in is None:
                    track.added_in = commit.commit
                    added.append((track, revision, change))
        elif kind == "D" and is_notice(change.old_path):
            deleted.append(change)
    return added, deleted


def _follow_deletion(
    commit: Commit,
    change: Change,
    tracking: dict[str, NoticeTrack],
    originals: dict[str, list[NoticeTrack]],
    notices: list[NoticeTrack],
) -> None:
    """A notice file ``commit`` deleted: a gap in a notice added again later, else a
    retired notice followed from here on (and a candidate original of a copy)."""
    track = tracking.get(change.old_path)
    if track is not None:
        if track.added_in is not None:  # deleted here, added again later: a gap
            _forget_original(originals, track)
            track.gaps.append((commit.commit, track.added_in))
            track.added_in = None
            track.blob_before = change.old_blob
        return
    track = NoticeTrack(
        key=f"{change.old_path}@{commit.commit[:12]}",
        path=change.old_path,
        retired=True,
        retired_in=commit.commit,
        blob_before=change.old_blob,
    )
    tracking[change.old_path] = track
    notices.append(track)
    if change.old_blob is not None:
        originals.setdefault(change.old_blob, []).append(track)


def _relink(
    tracking: dict[str, NoticeTrack],
    track: NoticeTrack,
    revision: RawRevision,
    old_path: str,
    old_blob: str | None,
) -> None:
    """The file ``revision`` added continues the notice at ``old_path``: an inferred
    rename (the caller saw the texts or titles alike, or an exact copy)."""
    if tracking.get(revision.path) is track:
        del tracking[revision.path]
    revision.parent_blob = old_blob
    revision.renamed_from = old_path
    revision.inferred_rename = True
    track.added_in = None
    track.blob_before = old_blob
    tracking[old_path] = track


def _forget_original(originals: dict[str, list[NoticeTrack]], track: NoticeTrack) -> None:
    """``track`` is no longer a candidate original of a two-step rename."""
    if not track.retired or track.revisions or track.blob_before is None:
        return
    candidates = originals.get(track.blob_before)
    if candidates:
        left = [candidate for candidate in candidates if candidate is not track]
        if left:
            originals[track.blob_before] = left
        else:
            del originals[track.blob_before]


def read_log(
    runner: GitRunner,
    revision_range: list[str],
    cancelled: threading.Event | None = None,
    waiting: Callable[[], None] | None = None,
    nice: int = 0,
    paths: tuple[str, ...] = (),
) -> Iterator[Commit]:
    """Run the one ``git log`` call over ``revision_range``; commits come as git writes
    them, so parsing and walking overlap git's own work.

    ``waiting`` is called every quarter second while git writes nothing (with
    ``--topo-order`` it sorts the whole history before the first commit): the caller
    can show it is still at work, and a cancel is seen at once. If git fails, the call
    is run once more to explain the failure (:class:`RepoError`). ``nice``: git runs at
    that lower priority (:meth:`GitRunner.popen`). ``paths``: only commits that change
    them (after ``--``).
    """
    args = [*log_args(revision_range, renames=not runner.is_partial_clone()), *paths]
    proc = runner.popen(*args, stdin=None, nice=nice)
    stdout = proc.stdout
    assert stdout is not None
    fd = stdout.fileno()
    try:
        pending: list[bytes] = []
        strings: dict[bytes, str] = {}
        blobs: dict[bytes, str | None] = {}
        rest = b""
        while True:
            if cancelled is not None and cancelled.is_set():
                raise Cancelled()
            ready, _, _ = select.select([fd], [], [], _WAIT)
            if not ready:
                if waiting is not None:
                    waiting()
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            pieces = (rest + chunk).split(b"\x00")
            rest = pieces.pop()
            pending += pieces
            commits, used = _parse_tokens(pending, False, strings, blobs)
            if used:
                del pending[:used]
            yield from commits
        pending.append(rest)
        commits, _ = _parse_tokens(pending, True, strings, blobs)
        if proc.wait() != 0:
            runner.output(*args)  # raises RepoError with git's explanation
            raise RepoError("git log failed while reading the history; try again")
        yield from commits
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        stdout.close()


#: Seconds between ``waiting`` calls of :func:`read_log` while git is silent.
_WAIT = 0.25
