#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the core's layers on the sources (the build checks the same by include folders):

- a file in src/core/AREA includes headers of AREA and the areas below it only;
- only src/core/store includes sqlite3.h (tests of the store and the benchmarks may);
- nothing under src/ but the store includes tl-store-private.h, and nothing under src/
  but tl-store-testing.c includes tl-store-testing.h;
- the front ends (src/app, src/cli) include no core *-private.h header.

Usage: check-core-layers.py SOURCE_ROOT. Prints each breach as FILE:LINE: message."""

import os
import re
import sys

# Each area and the areas it may use (directly or through another).
BELOW = {
    'base': set(),
    'tip': {'base'},
    'protocol': {'tip', 'base'},
    'route': {'protocol', 'tip', 'base'},
    'report': {'route', 'protocol', 'tip', 'base'},
    'insight': {'tip', 'base'},
    'store': {'insight', 'tip', 'base'},
    'ops': {'store', 'report', 'route', 'protocol', 'insight', 'tip', 'base'},
    # office-sync (issue 21): the office sync, above the store, beside ops
    'sync': {'store', 'insight', 'tip', 'base'},
}

INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]([^>"]+)[>"]')


def sources(root):
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                yield os.path.join(folder, name)


def includes(path):
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if match:
                yield number, match.group(1)


def main():
    root = sys.argv[1]
    core = os.path.join(root, 'src', 'core')
    owner = {}
    for area in BELOW:
        folder = os.path.join(core, area)
        if not os.path.isdir(folder):
            print('%s: missing core area' % folder)
            return 1
        for path in sources(folder):
            if path.endswith('.h'):
                owner[os.path.basename(path)] = area

    problems = []
    for path in sources(os.path.join(root, 'src')):
        relative = os.path.relpath(path, root)
        parts = relative.split(os.sep)
        area = parts[2] if parts[1] == 'core' and len(parts) > 3 else None
        for number, header in includes(path):
            where = '%s:%d: ' % (relative, number)
            if header == 'sqlite3.h' and area != 'store':
                problems.append(where + 'only src/core/store may include sqlite3.h')
            if header == 'tl-store-private.h' and area != 'store':
                problems.append(where + 'tl-store-private.h is the store\'s own header')
            if header == 'tl-store-testing.h' and os.path.basename(path) != 'tl-store-testing.c':
                problems.append(where + 'tl-store-testing.h is for tests and benchmarks only')
            other = owner.get(header)
            if other is None:
                continue
            if area is not None and other != area and other not in BELOW[area]:
                problems.append(where + 'the %s area may not include %s from %s, an area above or beside it'
                                % (area, header, other))
            if parts[1] in ('app', 'cli') and header.endswith('-private.h'):
                problems.append(where + 'a front end may not include the core\'s private %s' % header)

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
