"""The app on the built-in sample: browse notices and versions, read, jump, help, palette."""

from __future__ import annotations

import datetime as dt

from textual.command import CommandPalette
from textual.widgets import Input

from notices_repo.catalog.timeline import status_of
from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tui.app.messages import JumpSection
from tui.app.screens.date_prompt import DatePrompt
from tui.app.screens.help import HelpScreen
from tui.app.widgets.contents import CategoryList, SectionList
from tui.app.widgets.doc_header import DocHeader

AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"
TERMS = "terms/terms-of-use-self-managed.md"
DATA_SECTION = "Data Collection and Usage in Air-Gapped Environments"


async def test_opens_the_sample_and_shows_the_latest_version() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert app.catalog is not None and app.catalog.is_sample
        assert [n.key for n in main.notices.shown] == [AIR, TERMS]
        assert app.focused is main.notices
        choice = main.versions.choice
        assert choice is not None
        assert choice.notice.key == AIR
        assert choice.version.effective_date == dt.date(2026, 3, 1)  # in force on 2026-11-26
        text = screen_text(app)
        assert "Privacy Notice for Air-Gapped Workspaces" in text
        assert "2 versions · 2026-03-01" in text
        assert "built-in sample: some revisions invented · 2 notices" in text
        assert "release unknown — set it with --release" in text
        assert "Effective Date:" in main.view.visible_text()


async def test_the_sample_says_some_revisions_are_invented() -> None:
    """Wide: the whole sentence; 80 columns: shorter, and the support state still shows."""
    note = "built-in sample: some revisions are invented to show the features · 2 notices"
    app = make_app(release="8.6")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert note in text and "Rocket.Chat 8.6 — supported until 2027-01-31" in text
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = screen_text(app).splitlines()[-2]  # the footer is below it
        assert status.strip().startswith("built-in sample: some revisions invented · 2 notices")
        assert status.rstrip().endswith("release unknown")


async def test_moving_through_notices_versions_and_revisions() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("j")
        await settle(pilot)
        assert main.notices.notice is not None and main.notices.notice.key == TERMS
        assert "Terms of Use for Self-Managed Workspaces" in main.view.visible_text()
        await pilot.press("k", "tab")
        await settle(pilot)
        assert app.focused is main.versions
        await pilot.press("down")
        await settle(pilot)
        choice = main.versions.choice
        assert choice is not None and choice.version.effective_date == dt.date(2023, 12, 9)
        assert status_of(choice.version, app.today) == "superseded"
        assert "Diagnostic Data" not in main.view.visible_text()
        header = str(main.query_one(DocHeader).render())
        assert "superseded" in header and "2 silent edits" in header
        # expand the version: its five revisions are listed under it
        await pilot.press("enter")
        await settle(pilot)
        assert dt.date(2023, 12, 9) in main.versions.expanded
        text = screen_text(app)
        assert "Reformat list markers" in text
        assert "[technical]" in text or "technical" in text
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        choice = main.versions.choice
        assert choice is not None and choice.revision is not None
        assert choice.revision.path == "licenses/privacy-notice-for-air-gapped-licenses.md"
        assert "Air-Gapped Licenses" in main.view.visible_text()
        await pilot.press("left")  # on a revision row: nothing folds under it
        await pilot.press("k", "k", "k", "k", "k", "left")
        await settle(pilot)
        assert dt.date(2023, 12, 9) not in main.versions.expanded


async def test_future_version_says_when_it_takes_effect() -> None:
    app = make_app(today=dt.date(2026, 2, 17))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        choice = main.versions.choice
        assert choice is not None and choice.version.effective_date == dt.date(2023, 12, 9)
        assert "takes effect in 12 days" in screen_text(app)


async def test_table_of_contents_jumps_to_a_section() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        sections = main.query_one(SectionList)
        count = sections.option_count
        headings = [str(sections.get_option_at_index(i).prompt) for i in range(count)]
        assert any(DATA_SECTION in h for h in headings)
        await pilot.press("c")
        assert app.focused is sections
        index = next(i for i, h in enumerate(headings) if DATA_SECTION in h)
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is main.view
        assert main.view.current_section == index
        assert main.view.visible_text().lstrip().startswith(DATA_SECTION)
        # ] and [ step between sections
        await pilot.press("right_square_bracket")
        assert main.view.current_section == index + 1
        await pilot.press("left_square_bracket")
        assert main.view.current_section == index
        # data categories name their section; enter shows it
        categories = main.query_one(CategoryList)
        names = [c.name for c in categories.categories]
        assert "Account Data" in names and "Diagnostic Data" in names
        await pilot.press("end")
        await settle(pilot)
        categories.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert main.view.current_section == categories.categories[0].section_index


async def test_narrow_terminal_shows_two_panes_and_contents_on_demand() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert main.has_class("-narrow")
        contents = main.query_one("#contents")
        assert not contents.display
        focus_order = []
        for _ in range(3):
            await pilot.press("tab")
            focus_order.append(app.focused.id if app.focused else None)
        assert focus_order == ["versions", "text", "notices"]
        await pilot.press("c")
        assert contents.display and app.focused is main.query_one(SectionList)
        await pilot.press("escape")
        assert not contents.display
        assert app.focused is main.view


async def test_filter_narrows_the_list_and_letters_go_into_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("f")
        assert isinstance(app.focused, Input)
        await pilot.press("t", "e", "r", "m", "s")  # t and e are keys elsewhere: here, text
        await settle(pilot)
        assert main.filter_box.value == "terms"
        assert [n.key for n in main.notices.shown] == [TERMS]
        assert main.as_of is None and not isinstance(app.screen, DatePrompt)
        assert "filter: terms" in screen_text(app)
        await pilot.press("escape")
        assert app.focused is main.notices
        await pilot.press("escape")  # in the list: clears the filter
        await settle(pilot)
        assert [n.key for n in main.notices.shown] == [AIR, TERMS]
        await pilot.press("f", "n", "o", "p", "e")
        await settle(pilot)
        assert main.notices.shown == []
        assert "no notice matches the filter" in screen_text(app)


async def test_as_of_date_shows_the_version_in_force_then() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("t")
        assert isinstance(app.screen, DatePrompt)
        await pilot.press(*"2024-13-01", "enter")
        assert isinstance(app.screen, DatePrompt)
        assert "not a valid date" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2024-01-01", "enter")
        await settle(pilot)
        assert main.as_of == dt.date(2024, 1, 1)
        assert main.has_class("-as-of")
        choice = main.versions.choice
        assert choice is not None and choice.version.effective_date == dt.date(2023, 12, 9)
        text = screen_text(app)
        assert "AS OF 2024-01-01" in text
        assert "Notices as of 2024-01-01" in text
        assert "not yet in force on 2024-01-01" in text  # the terms came in June 2024
        # the version in force then, in its newest text (as `show --at 2024-01-01`), and
        # the header says the text was revised after that day (moved, edited, reformatted)
        assert choice.revision is None and choice.shown is choice.version.revision
        assert main.view.document is not None
        assert main.view.document.commit == choice.version.revision.commit
        header = str(main.query_one(DocHeader).render())
        assert "privacy/privacy-notice-for-air-gapped-workspaces.md" in header
        assert "in force" in header
        assert "text revised after 2024-01-01: 1 silent edit, 2 technical" in header
        await pilot.press("t")  # t again leaves
        await settle(pilot)
        assert main.as_of is None and "AS OF" not in screen_text(app)
        await pilot.press("t", "enter")  # the prompt starts at today
        await settle(pilot)
        assert main.as_of == app.today
        await pilot.press("escape")
        await settle(pilot)
        assert main.as_of is None


async def test_help_lists_the_focused_panes_keys() -> None:
    app = make_app(keymap={"diff": "x"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Help — Versions" in text
        assert "List the revisions of the selected version" in text
        assert "Compare the selected version" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("tab", "f1")
        text = screen_text(app)
        assert "Help — Text" in text and "Jump to the next section" in text
        # remapped keys show as remapped
        await pilot.press("end")
        assert "x " in screen_text(app) or "x\u2007" in screen_text(app) or " x " in text


async def test_palette_offers_actions_notices_and_sections() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("ctrl+p")
        assert CommandPalette.is_open(app)
        await pilot.press(*"open notice terms")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert main.notices.notice is not None and main.notices.notice.key == TERMS
        await pilot.press("ctrl+p", *"supported releases")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        document = main.view.document
        assert document is not None
        assert document.sections[main.view.current_section].heading == "Supported Releases"
        assert app.focused is main.view
        await pilot.press("ctrl+p", *"as of")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)


async def test_quit_key_exits_with_status_0() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_source_view() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert "**Effective Date:**" not in main.view.visible_text()
        await pilot.press("v")
        await settle(pilot)
        assert "**Effective Date:**" in main.view.visible_text()
        assert "source" in screen_text(app)
        await pilot.press("v")
        await settle(pilot)
        assert "**Effective Date:**" not in main.view.visible_text()


async def test_resizing_rewraps_the_text_and_keeps_the_section() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main.post_message(JumpSection(2))
        await settle(pilot)
        wide_lines = main.view.line_count
        await pilot.resize_terminal(90, 30)
        await pilot.pause()  # the resize reaches the view, which re-renders once settled
        await settle(pilot)
        assert main.has_class("-narrow")
        assert main.view.line_count > wide_lines
        assert main.view.current_section == 2
