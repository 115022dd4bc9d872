"""Fills empty translations of a gettext catalogue from a JSON file (a translator's helper).

    python scripts/po_fill.py path/to/django.po translations.json

The JSON maps the English msgid to its translation; for plural entries, to a list of forms
(msgstr[0], msgstr[1], …). Only empty translations are filled; existing ones are left alone. Prints the
msgids that are still empty afterwards.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines: list[str]) -> str:
    text = "".join(_QUOTED.search(line).group(1) for line in lines if _QUOTED.search(line))
    return bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _fields(block: list[str]) -> dict[str, list[str]]:
    """keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[0] …) -> its lines."""
    fields: dict[str, list[str]] = {}
    key = None
    for line in block:
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ", line)
        if match:
            key = match.group(1)
            fields[key] = [line]
        elif key and line.startswith('"'):
            fields[key].append(line)
    return fields


def fill(po: Path, translations: dict[str, str | list[str]]) -> list[str]:
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    missing = []
    out = []
    for raw in blocks:
        block = raw.split("\n")
        fields = _fields(block)
        msgid = _unquote(fields.get("msgid", [])) if "msgid" in fields else ""
        if not msgid:
            out.append(raw)
            continue
        forms = sorted(key for key in fields if key.startswith("msgstr"))
        empty = all(_unquote(fields[key]) == "" for key in forms)
        if empty and msgid in translations:
            value = translations[msgid]
            values = value if isinstance(value, list) else [value]
            keep = [line for line in block if not line.startswith("#, fuzzy")]
            head = []
            for line in keep:
                if line.startswith("msgstr"):
                    break
                head.append(line)
            if forms == ["msgstr"]:
                tail = [f"msgstr {_quote(values[0])}"]
            else:
                tail = [f"msgstr[{i}] {_quote(values[min(i, len(values) - 1)])}" for i in range(len(forms))]
            out.append("\n".join(head + tail))
        else:
            if empty:
                missing.append(msgid)
            out.append(raw)
    po.write_text("\n\n".join(out), encoding="utf-8")
    return missing


if __name__ == "__main__":
    path, data = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    for msgid in fill(path, data):
        print(f"still empty: {msgid!r}")
