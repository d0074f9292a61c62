"""Test setup shared by the suite."""

from __future__ import annotations

import sys
import types

# `QualitywinError` renders its issues through `qualitywin.messages` (the message catalog).
# Until that module exists on this branch, stand in a plain one so errors can be raised.
try:
    import qualitywin.messages  # noqa: F401
except ModuleNotFoundError:
    stub = types.ModuleType("qualitywin.messages")
    stub.issue_text = lambda issue, lang=None: f"{issue.code.value} {dict(issue.params)}"
    stub.issue_hint = lambda issue, lang=None: ""
    sys.modules["qualitywin.messages"] = stub
