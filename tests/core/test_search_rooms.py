"""The search and bundles rooms cost nothing until they are used (issue 15).

Importing the packages loads none of their modules (so ``notice-tui status`` and ``log``
pay for neither rapidfuzz, the importer nor the search index), and searching never loads
the diff room (``diff``, ``search`` and ``support`` stay independent). Fresh interpreters.
"""

from __future__ import annotations

import json
import subprocess
import sys


def modules_after(statement: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running ``statement``."""
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_packages_load_none_of_their_modules() -> None:
    loaded = modules_after("import notices_repo.search, notices_repo.bundles")
    assert "notices_repo.search" in loaded and "notices_repo.bundles" in loaded
    heavy = ("notices_repo.search.", "notices_repo.bundles.", "rapidfuzz")
    assert [m for m in loaded if m.startswith(heavy)] == []


def test_searching_never_loads_the_diff_room() -> None:
    loaded = modules_after("import notices_repo.search.query, notices_repo.search.scope")
    assert {"notices_repo.search.build", "notices_repo.search.rank", "rapidfuzz"} <= set(loaded)
    assert [m for m in loaded if m.startswith("notices_repo.diff")] == []


def test_reading_an_import_result_loads_no_importer() -> None:
    loaded = modules_after("import notices_repo.bundles.results, notices_repo.bundles.summary")
    assert "notices_repo.bundles.importer" not in loaded
    assert [m for m in loaded if m.startswith(("notices_repo.search", "rapidfuzz"))] == []
