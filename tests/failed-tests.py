#!/usr/bin/env python3
"""Prints each failed test of a TRX file (dotnet test's results) with the first lines of its message and stack."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MESSAGE_LINES = 12
STACK_LINES = 8


def first_lines(text: str | None, count: int) -> str:
    lines = (text or "").strip().splitlines()
    shown = lines[:count]
    if len(lines) > count:
        shown.append(f"... ({len(lines) - count} more lines)")
    return "\n".join("    " + line for line in shown)


for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") in ("Passed", "NotExecuted", "Inconclusive"):
            continue
        print(f"FAILED {result.get('testName')} ({result.get('outcome')}, {result.get('duration')})")
        for field, count in (("Message", MESSAGE_LINES), ("StackTrace", STACK_LINES)):
            text = first_lines(result.findtext(f".//t:ErrorInfo/t:{field}", namespaces=NS), count)
            if text:
                print(text)
