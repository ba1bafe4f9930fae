"""Terms: the folded words of labels and passages as ids into one vocabulary.

What a worker of :mod:`notices_repo.search.build` sends back besides its texts. Finding
the words is about two fifths of a latest-scope build (folding, splitting, a set and a
sort per passage, a few C calls each: :func:`~notices_repo.search.normalise.body_word_lists`);
interning them a batch at a time takes no Python step per word.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from notices_repo.search.normalise import body_word_lists, words
from notices_repo.search.tables import Terms

#: Passages tokenised at a time (their word lists are held only for one batch: a 50 MB
#: notice has 216,000 passages).
BATCH = 2048


def vocabulary_terms(labels: Iterable[str], passages: list[str]) -> tuple[list[str], Terms, Terms]:
    """The distinct folded words of every label and every passage: ``(words, label
    terms, passage terms)``, terms as ids into ``words`` (in the order words first
    occur).

    Passages keep only :func:`~notices_repo.search.normalise.body_word` words (no stop
    words, 3+ characters); labels keep every word (1-2 character queries search labels
    by prefix). Each item's words are sorted, so their ids in the (sorted) vocabulary
    come out sorted. Ids in flat arrays, not space-joined strings: a third of the memory
    (the 216,000 passages of a 50 MB notice: 49 MB as strings).
    """
    vocabulary: dict[str, int] = {}
    label_terms = Terms()
    _intern_into(vocabulary, [sorted(set(words(text))) for text in labels], label_terms)
    passage_terms = Terms()
    for start in range(0, len(passages), BATCH):
        _intern_into(vocabulary, body_word_lists(passages[start : start + BATCH]), passage_terms)
    return list(vocabulary), label_terms, passage_terms


def _intern_into(vocabulary: dict[str, int], items: list[list[str]], terms: Terms) -> None:
    """Append the word lists ``items`` to ``terms`` as ids in ``vocabulary``, interning
    new words in the order they first occur (in C: no Python step per word)."""
    flat = list(itertools.chain.from_iterable(items))
    new = dict.fromkeys(itertools.filterfalse(vocabulary.__contains__, flat))
    vocabulary.update(zip(new, itertools.count(len(vocabulary))))
    terms.flat.extend(map(vocabulary.__getitem__, flat))
    ends = itertools.accumulate(map(len, items), initial=terms.offsets[-1])
    next(ends)
    terms.offsets.extend(ends)


__all__ = ["BATCH", "vocabulary_terms"]
