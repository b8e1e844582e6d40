"""Suite-wide hooks."""

from __future__ import annotations

import sys

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # llama-cpp-python opens two os.devnull files at import and never closes them; with warnings as
    # errors their ResourceWarning at interpreter exit is noise that hides real ones. Close them.
    utils = sys.modules.get("llama_cpp._utils")
    for name in ("outnull_file", "errnull_file"):
        handle = getattr(utils, name, None)
        if handle is not None:
            handle.close()
