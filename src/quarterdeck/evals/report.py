"""Run reports: JSON, JUnit XML (for CI) and one self-contained HTML page (failures first).

Every writer takes the cases as an async stream (``runner.iter_cases`` pages them from the store) and
writes as it reads, spooling to temporary files what has to come later (JUnit's totals go in its
first line; HTML puts failures first), so a report of a 10,000-case run never holds the cases.
"""

from __future__ import annotations

import contextlib
import html
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterable
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

import orjson

__all__ = ["Cases", "write_html", "write_json", "write_junit"]

Cases = AsyncIterable[dict[str, Any]]


async def write_json(path: Path, run: dict[str, Any], cases: Cases, comparison: dict[str, Any] | None = None) -> None:
    """``{"run": ..., ["comparison": ...,] "cases": [...]}``, one case per line."""
    options = orjson.OPT_NON_STR_KEYS
    with path.open("wb") as out:
        out.write(b'{"run": ' + orjson.dumps(run, option=options))
        if comparison is not None:
            out.write(b',\n"comparison": ' + orjson.dumps(comparison, option=options))
        out.write(b',\n"cases": [')
        first = True
        async for case in cases:
            out.write((b"\n" if first else b",\n") + orjson.dumps(case, option=options))
            first = False
        out.write(b"\n]}\n")


def _failure_text(case: dict[str, Any]) -> str:
    if case.get("error"):
        return f"target error: {case['error']}"
    return "; ".join(f"{a['type']}: {a['reason']}" for a in case.get("assertions", []) if a.get("passed") is False)


async def write_junit(path: Path, run: dict[str, Any], cases: Cases) -> None:
    """One <testsuite> for the run, one <testcase> per case and repeat; unmeasured cases are skipped."""
    tests = failures = skipped = 0
    suite_name = str(run.get("suite"))
    with tempfile.TemporaryFile() as body:
        async for case in cases:
            tests += 1
            element = ET.Element("testcase", classname=suite_name,
                                 name=f"case {case['case_index']} repeat {case['repeat']}",
                                 time=f"{(case.get('latency_ms') or 0) / 1000:.3f}")
            if case.get("passed") is False:
                failures += 1
                ET.SubElement(element, "failure", message=_failure_text(case)[:2000])
            elif case.get("passed") is None:
                skipped += 1
                ET.SubElement(element, "skipped", message="unmeasured: no assertion could be judged")
            body.write(ET.tostring(element, encoding="utf-8", xml_declaration=False))
        props = ET.Element("properties")
        for name in ("id", "target", "suite_hash", "dataset_hash"):
            ET.SubElement(props, "property", name=name, value=str(run.get(name)))
        with path.open("wb") as out:
            out.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
            out.write(f"<testsuite name={quoteattr(suite_name)} tests=\"{tests}\" failures=\"{failures}\" "
                      f"skipped=\"{skipped}\" errors=\"0\">".encode())
            out.write(ET.tostring(props, encoding="utf-8", xml_declaration=False))
            body.seek(0)
            shutil.copyfileobj(body, out)
            out.write(b"</testsuite>")


_STYLE = """
body{font:14px system-ui,sans-serif;margin:2em;color:#1b1f24}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}th{background:#f6f8fa}
.fail{background:#ffebe9}.pass{background:#dafbe1}.unmeasured{background:#fff8c5}pre{white-space:pre-wrap;margin:0}
.sig{font-weight:bold;color:#cf222e}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _case_row(case: dict[str, Any]) -> str:
    state = {False: "fail", None: "unmeasured", True: "pass"}[case.get("passed")]
    checks = "<br>".join(f"{_esc(a['type'])}: {_esc(a['passed'])} {_esc(a['reason'])}"
                         for a in case.get("assertions", []))
    output = case.get("output") if case.get("error") is None else f"ERROR: {case['error']}"
    return (f"<tr class='{state}'><td>{case['case_index']}.{case['repeat']}</td><td>{state}</td>"
            f"<td><pre>{_esc(orjson.dumps(case['variables']).decode())}</pre></td>"
            f"<td><pre>{_esc(output)}</pre></td><td>{checks}</td></tr>")


async def write_html(path: Path, run: dict[str, Any], cases: Cases,
                     comparison: list[dict[str, Any]] | None = None) -> None:
    """One page: the run's metrics, the comparison (if any) with significance marks, then every case,
    failures first (then unmeasured, then passes; each in the store's order)."""
    metrics = "".join(f"<tr><th>{_esc(k)}</th><td>{v:.4g}</td></tr>" for k, v in sorted(run["metrics"].items()))
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{_esc(run['suite'])} — {_esc(run['id'])}"
             f"</title><style>{_STYLE}</style></head><body>",
             f"<h1>{_esc(run['suite'])}</h1><p>run <code>{_esc(run['id'])}</code> on <code>{_esc(run['target'])}"
             f"</code> — {_esc(run['status'])}</p><table>{metrics}</table>"]
    if comparison:
        parts.append("<h2>Comparison</h2><table><tr><th>assertion</th><th>difference</th><th>95% CI</th>"
                     "<th>test</th><th>p (Holm)</th><th>verdict</th></tr>")
        for row in comparison:
            mark = "<span class='sig'>significant</span>" if row["significant"] else "not significant"
            parts.append(f"<tr><td>{_esc(row['name'])}</td><td>{row['diff']:+.3f}</td>"
                         f"<td>{row['low']:+.3f} … {row['high']:+.3f}</td><td>{_esc(row['test'])}</td>"
                         f"<td>{row['p_adjusted']:.3g}</td><td>{mark}<br>{_esc(row['summary'])}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Cases</h2><table><tr><th>case</th><th>result</th><th>variables</th><th>output</th>"
                 "<th>assertions</th></tr>")
    with contextlib.ExitStack() as stack:
        spools: dict[bool | None, IO[bytes]] = {
            state: stack.enter_context(tempfile.TemporaryFile()) for state in (False, None, True)}
        async for case in cases:
            spools[case.get("passed")].write(_case_row(case).encode())
        with path.open("wb") as out:
            out.write("".join(parts).encode())
            for spool in spools.values():  # failures, unmeasured, passes
                spool.seek(0)
                shutil.copyfileobj(spool, out)
            out.write(b"</table></body></html>")
