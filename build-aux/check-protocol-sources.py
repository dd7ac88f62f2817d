#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a protocol file against the documents it cites.

Usage: check-protocol-sources.py SEED_DIR PROTOCOL.xml...

Every <source ref> sentence must appear word for word in one of the text files in
SEED_DIR (markdown emphasis, backslash escapes and runs of white space do not count), and
every phone number and e-mail address of a contact must be printed there too. Prints one
line per problem, FILE:LINE: message, and exits 1 when there is any."""

import pathlib
import re
import sys


def flatten(text):
    text = text.replace("\\", "").replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def parse_with_lines(path):
    """(name, attributes, line, text) of every element, in document order of their ends."""
    import xml.parsers.expat as expat

    stack = []
    elements = []
    p = expat.ParserCreate(namespace_separator="}")

    def start(name, attrs):
        stack.append([name, attrs, p.CurrentLineNumber, ""])

    def end(name):
        elements.append(tuple(stack.pop()))

    def chars(data):
        if stack:
            stack[-1][3] += data

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    with open(path, "rb") as f:
        p.Parse(f.read(), True)
    return elements


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    seeds = " ".join(flatten(f.read_text(encoding="utf-8"))
                     for f in sorted(pathlib.Path(sys.argv[1]).iterdir()) if f.is_file())
    seed_digits = re.sub(r"[^0-9A-Z]", "", seeds.upper())
    problems = 0
    quotes = 0
    for path in sys.argv[2:]:
        for name, attrs, line, text in parse_with_lines(path):
            local = name.split("}")[-1]
            if local == "source" and "ref" in attrs:
                quotes += 1
                if flatten(text) not in seeds:
                    print(f"{path}:{line}: not found in the seeds: {flatten(text)!r}")
                    problems += 1
            elif local == "phone":
                shown = re.sub(r"[^0-9A-Z#]", "", text.upper())
                if shown.lstrip("#") not in seed_digits:
                    print(f"{path}:{line}: phone {text!r} is not printed in the seeds")
                    problems += 1
            elif local == "email":
                if text.strip() not in seeds:
                    print(f"{path}:{line}: e-mail {text!r} is not printed in the seeds")
                    problems += 1
    print(f"{quotes} quoted sentences checked, {problems} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
