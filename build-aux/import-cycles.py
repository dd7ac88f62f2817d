#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists import circles among the core's files, and prints nothing when there are none.

Two kinds are looked for:
  include  a header that, through its #include "..." lines, includes itself again;
  call     .c files that call each other's functions in a ring (A calls B, B calls ...
           A), found from the symbols each object file defines and needs (nm).

Usage: import-cycles.py SRC_CORE_DIR [STATIC_LIBRARY.a ...]
Exit status 1 when a circle was found."""

import collections
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def strongly_connected(graph):
    """Tarjan's algorithm, iteratively; returns the components with a cycle."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
    return found


def include_graph(core_dir):
    headers = {}
    for folder, _, names in os.walk(core_dir):
        for name in names:
            if name.endswith('.h'):
                headers[name] = os.path.join(folder, name)
    graph = collections.defaultdict(set)
    for name, path in headers.items():
        graph[name]
        with open(path, encoding='utf-8') as f:
            for included in INCLUDE.findall(f.read()):
                if included in headers:
                    graph[name].add(included)
    return graph


def call_graph(libraries):
    defined, needed = {}, collections.defaultdict(set)
    for library in libraries:
        member = None
        out = subprocess.run(['nm', library], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.endswith(':') and not line.startswith(' '):
                member = os.path.basename(line[:-1]).replace('.c.o', '')
                needed[member]
                continue
            parts = line.split()
            if member is None:
                continue
            if len(parts) == 3 and parts[1] in 'TDBR':
                defined[parts[2]] = member
            elif len(parts) == 2 and parts[0] == 'U':
                needed[member].add(parts[1])
    graph = collections.defaultdict(set)
    for member, symbols in needed.items():
        graph[member]
        for symbol in symbols:
            owner = defined.get(symbol)
            if owner is not None and owner != member:
                graph[member].add(owner)
    return graph


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    circles = []
    for component in strongly_connected(include_graph(sys.argv[1])):
        circles.append('include circle: ' + ' -> '.join(component))
    if len(sys.argv) > 2:
        graph = call_graph(sys.argv[2:])
        for component in strongly_connected(graph):
            edges = ['%s -> %s' % (a, b) for a in component for b in sorted(graph[a]) if b in component]
            circles.append('call circle: ' + ', '.join(component) + '\n    ' + '\n    '.join(edges))
    for circle in circles:
        print(circle)
    return 1 if circles else 0


if __name__ == '__main__':
    sys.exit(main())
