"""YAML front matter and kramdown attribute lists are markup, not text (issue 12, part 5):
left out of ``show``, the reader and search; the source view shows them; the diff gives
front matter a section of its own."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices_repo.text.body import body_of, front_matter_end, source_sections
from notices_repo.text.sections import split_sections
from tests.app.app_pilot import main_screen, make_app, settle
from tests.conftest import GitRepo, run_cli

NOTICE = "site/_legal/privacy.md"


def _page(version: str, date: str, extra: str = "") -> str:
    return (
        "---\n"
        "layout: legalpage\n"
        f"version: {version}\n"
        "permalink: /zebracorn/\n"
        "---\n\n"
        "# Privacy Notice {: #top }\n\n"
        f"Effective date: {date}\n"
        '{: datetime="2024-05-01" }\n\n'
        "## Children {#children-heading}\n\n"
        "We do not knowingly collect data from children.\n"
        "{: #quokkanote .notice--info }\n\n"
        "## Cookies\n\n"
        "* Session cookies keep you signed in.{: .item }\n"
        "{: .list }\n\n"
        "```yaml\n"
        "{: kept in code }\n"
        "```\n"
        f"{extra}"
    )


def _repo(git_repo: GitRepo) -> Path:
    git_repo.commit({NOTICE: _page("1", "May 1, 2024")}, date="2024-05-01T10:00:00+00:00")
    git_repo.commit(
        {NOTICE: _page("2", "May 1, 2024", "\nAnd nothing else.\n")},
        date="2024-06-01T10:00:00+00:00",
    )
    return git_repo.path


# --------------------------------------------------------------------------- the rules


def test_front_matter_and_attribute_lists_are_cut_and_code_is_kept() -> None:
    body = body_of(_page("1", "May 1, 2024"))
    assert body.front_matter == "layout: legalpage\nversion: 1\npermalink: /zebracorn/\n"
    assert body.text == (
        "# Privacy Notice\n\n"
        "Effective date: May 1, 2024\n\n"
        "## Children\n\n"
        "We do not knowingly collect data from children.\n\n"
        "## Cookies\n\n"
        "* Session cookies keep you signed in.\n\n"
        "```yaml\n{: kept in code }\n```\n"
    )
    assert "`{: a span }` stays" in body_of("Code `{: a span }` stays\n").text
    assert body_of('{::options parse_block_html="true" /}\nText\n').text == "Text\n"


def test_what_is_not_front_matter_or_an_attribute_list_stays() -> None:
    for text in (
        "---\n\nJust a rule\n---\n",  # no key: a thematic break and a setext heading
        "---\ntitle: never closed\n",
        "Text {: not closed\n",
        "A set {x: 1} in prose\n",
        "",
    ):
        body = body_of(text)
        assert (body.text, body.changed, body.front_matter) == (text, False, "")
    assert front_matter_end("---\r\ntitle: T\r\n---\r\n\r\n# T\r\n") == len(
        "---\r\ntitle: T\r\n---\r\n\r\n"
    )
    assert body_of("# T {: #t}\r\nText\r\n{: .x}\r\nMore\r\n").text == "# T\r\nText\r\nMore\r\n"


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
pieces = st.sampled_from(
    ["---\n", "title: T\n", "...\n", "{: #a }\n", " {: .b}", "{#id}", "# H", "## K {: #k}\n",
     "```\n", "~~~\n", "`", "text", "\n", "\r\n", "*x*{: .c}", '{: d="}" }', "{:", "}"]
)  # fmt: skip


@SETTINGS
@given(st.lists(pieces, max_size=40).map("".join))
def test_body_sections_map_back_onto_the_whole_source(text: str) -> None:
    body = body_of(text)
    assert body.source == text
    rebuilt, pos = [], 0
    for start, end in body.cuts:
        assert pos <= start <= end <= len(text)
        rebuilt.append(text[pos:start])
        pos = end
    assert "".join([*rebuilt, text[pos:]]) == body.text
    sections = split_sections(body.text)
    mapped = source_sections(body, sections)
    assert [s.heading for s in mapped] == [s.heading for s in sections]
    if body.text:
        assert mapped[0].start == 0 and mapped[-1].end == len(text)
        assert all(a.end == b.start for a, b in itertools.pairwise(mapped))
        assert all(s.start <= s.body_start <= s.end for s in mapped)


# --------------------------------------------------------------------- show, search, diff


def test_show_leaves_markup_out_of_headings_and_text(git_repo: GitRepo) -> None:
    repo = _repo(git_repo)
    result = run_cli("show", NOTICE, "--repo", str(repo), "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert [s["heading"] for s in document["sections"]] == ["Privacy Notice", "Children", "Cookies"]
    text = "".join(s["text"] for s in document["sections"])
    assert "{:" not in text.replace("{: kept in code }", "") and "zebracorn" not in text
    assert document["front_matter"].startswith("layout: legalpage\nversion: 2\n")
    plain = run_cli("show", NOTICE, "--repo", str(repo))
    assert "\n# Privacy Notice\n\nEffective date: May 1, 2024\n\n## Children\n" in plain.out
    assert "legalpage" not in plain.out and "quokkanote" not in plain.out


def test_search_does_not_index_markup(git_repo: GitRepo) -> None:
    repo = str(_repo(git_repo))
    for markup_word in ("zebracorn", "legalpage", "quokkanote"):
        result = run_cli("search", markup_word, "--repo", repo, "--json")
        assert result.code == 1 and json.loads(result.out)["results"] == [], markup_word
    found = run_cli("search", "knowingly", "--repo", repo, "--json")
    assert found.code == 0, found.err
    (hit,) = json.loads(found.out)["results"]
    assert hit["heading"] == "Children" and "{:" not in hit["snippet"]


def test_diff_shows_front_matter_changes_in_a_section_of_their_own(git_repo: GitRepo) -> None:
    repo = str(_repo(git_repo))
    first, second = git_repo.git("rev-list", "--reverse", "HEAD").split()  # one version
    result = run_cli("diff", NOTICE, first[:10], second[:10], "--repo", repo, "--json")
    assert result.code == 1, result.err  # 1: the texts differ
    document = json.loads(result.out)
    changed = {s["heading"]: s for s in document["sections"]}
    assert set(changed) == {"Front matter", "Cookies"}
    front = changed["Front matter"]["hunks"]
    assert [(h["old"], h["new"]) for h in front if h["op"] != "equal"] == [("1", "2")]
    text = run_cli("diff", NOTICE, first[:10], second[:10], "--repo", repo)
    assert "@@ changed: Front matter @@" in text.out and "version: [-1-]{+2+}" in text.out


async def test_the_reader_leaves_markup_out_and_the_source_view_shows_it(
    git_repo: GitRepo,
) -> None:
    app = make_app(_repo(git_repo))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        document = main.view.document
        assert document is not None
        assert [s.heading for s in document.sections] == ["Privacy Notice", "Children", "Cookies"]
        rendered = main.view.visible_text()
        assert "Privacy Notice" in rendered and "knowingly collect" in rendered
        assert "legalpage" not in rendered and "{: #top }" not in rendered
        assert "quokkanote" not in rendered
        await pilot.press("v")
        await settle(pilot)
        source = main.view.visible_text()
        assert "layout: legalpage" in source and "# Privacy Notice {: #top }" in source
        assert "{: #quokkanote .notice--info }" in source
        main.view.jump_to_section(1)  # same sections, index for index
        await pilot.pause()
        assert main.view.current_section == 1
        await pilot.press("v")
        await settle(pilot)
        assert "legalpage" not in main.view.visible_text()


async def test_the_app_diff_view_compares_the_files_with_front_matter_apart(
    git_repo: GitRepo,
) -> None:
    from tests.app.test_diff_view import diff_ready

    git_repo.commit({NOTICE: _page("1", "May 1, 2024")}, date="2024-05-01T10:00:00+00:00")
    git_repo.commit({NOTICE: _page("2", "June 1, 2024")}, date="2024-06-01T10:00:00+00:00")
    app = make_app(git_repo.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main_screen(app).view.document.source is not None  # read by the reader
        await pilot.press("tab", "d")
        screen = await diff_ready(pilot)
        view = screen.lines.visible_text()
        assert "Sections: 0 added, 0 removed, 2 changed, 0 moved." in view
        assert "Front matter" in view and "version: [-1-]{+2+}" in view
        assert "[-May-]{+June+} 1, 2024" in view
