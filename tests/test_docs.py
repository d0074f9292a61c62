"""docs/errors.md documents every problem code."""

from pathlib import Path

from qualitywin.issues import WARNINGS, Code

ERRORS_DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_every_code_is_documented_with_an_example():
    doc = ERRORS_DOC.read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in doc.splitlines() if line.startswith("| `")}
    documented = {cell.split("`")[1] for cell in rows}
    missing = sorted(c.value for c in Code if c.value not in documented)
    assert missing == [], f"add these codes to docs/errors.md: {missing}"
    for cell, line in rows.items():
        assert "zh:" in line and "en:" in line, cell  # an example in both languages
        code = Code(cell.split("`")[1])
        assert ("(warning)" in cell) == (code in WARNINGS), cell
