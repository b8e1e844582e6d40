"""Run reports: JSON, JUnit XML (for CI) and one self-contained HTML page (failures first)."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import orjson

__all__ = ["write_html", "write_json", "write_junit"]


def write_json(path: Path, run: dict[str, Any], cases: list[dict[str, Any]],
               comparison: dict[str, Any] | None = None) -> None:
    document = {"run": run, "cases": cases}
    if comparison is not None:
        document["comparison"] = comparison
    path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))


def _failure_text(case: dict[str, Any]) -> str:
    if case.get("error"):
        return f"target error: {case['error']}"
    return "; ".join(f"{a['type']}: {a['reason']}" for a in case.get("assertions", []) if a.get("passed") is False)


def write_junit(path: Path, run: dict[str, Any], cases: list[dict[str, Any]]) -> None:
    """One <testsuite> for the run, one <testcase> per case and repeat; unmeasured cases are skipped."""
    failures = sum(1 for c in cases if c.get("passed") is False)
    skipped = sum(1 for c in cases if c.get("passed") is None)
    suite = ET.Element("testsuite", name=str(run.get("suite")), tests=str(len(cases)), failures=str(failures),
                       skipped=str(skipped), errors="0")
    props = ET.SubElement(suite, "properties")
    for name in ("id", "target", "suite_hash", "dataset_hash"):
        ET.SubElement(props, "property", name=name, value=str(run.get(name)))
    for case in cases:
        element = ET.SubElement(suite, "testcase", classname=str(run.get("suite")),
                                name=f"case {case['case_index']} repeat {case['repeat']}",
                                time=f"{(case.get('latency_ms') or 0) / 1000:.3f}")
        if case.get("passed") is False:
            ET.SubElement(element, "failure", message=_failure_text(case)[:2000])
        elif case.get("passed") is None:
            ET.SubElement(element, "skipped", message="unmeasured: no assertion could be judged")
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


_STYLE = """
body{font:14px system-ui,sans-serif;margin:2em;color:#1b1f24}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}th{background:#f6f8fa}
.fail{background:#ffebe9}.pass{background:#dafbe1}.unmeasured{background:#fff8c5}pre{white-space:pre-wrap;margin:0}
.sig{font-weight:bold;color:#cf222e}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def write_html(path: Path, run: dict[str, Any], cases: list[dict[str, Any]],
               comparison: list[dict[str, Any]] | None = None) -> None:
    """One page: the run's metrics, the comparison (if any) with significance marks, then every case,
    failures first."""
    order = {False: 0, None: 1, True: 2}
    rows = sorted(cases, key=lambda c: (order[c.get("passed")], c["case_index"], c["repeat"]))
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
    for case in rows:
        state = {False: "fail", None: "unmeasured", True: "pass"}[case.get("passed")]
        checks = "<br>".join(f"{_esc(a['type'])}: {_esc(a['passed'])} {_esc(a['reason'])}"
                             for a in case.get("assertions", []))
        output = case.get("output") if case.get("error") is None else f"ERROR: {case['error']}"
        parts.append(f"<tr class='{state}'><td>{case['case_index']}.{case['repeat']}</td><td>{state}</td>"
                     f"<td><pre>{_esc(orjson.dumps(case['variables']).decode())}</pre></td>"
                     f"<td><pre>{_esc(output)}</pre></td><td>{checks}</td></tr>")
    parts.append("</table></body></html>")
    path.write_text("".join(parts), encoding="utf-8")
