#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fingerprint of the code that checks a stored tip before it is exported (issue 16).

Usage: check-rules-fingerprint.py OUTPUT DEPFILE DIR...

Hashes every .c and .h file in the DIRs (names and contents, in name order) and writes
OUTPUT, a C header defining TL_TIP_CHECK_RULES as the hex SHA-256. A mark saying "these
bytes passed the checks" is keyed with it, so any change to the checks' code makes every
mark stale. DEPFILE lists the files hashed, so a change to any of them (headers too)
makes the header again."""

import hashlib
import os
import sys


def main():
    output, depfile, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    digest = hashlib.sha256()
    inputs = []
    for folder in dirs:
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if name.endswith(('.c', '.h')) and os.path.isfile(path):
                inputs.append(path)
                digest.update(f'{os.path.basename(folder)}/{name}\0'.encode())
                with open(path, 'rb') as source:
                    digest.update(source.read())
                digest.update(b'\0')

    header = ('/* Made by build-aux/check-rules-fingerprint.py: do not edit. */\n'
              '#pragma once\n'
              f'#define TL_TIP_CHECK_RULES "{digest.hexdigest()}"\n')
    with open(output, 'w', encoding='utf-8') as new:
        new.write(header)

    with open(depfile, 'w', encoding='utf-8') as deps:
        deps.write(output.replace(' ', '\\ ') + ': ' +
                   ' '.join(p.replace(' ', '\\ ') for p in inputs) + '\n')


if __name__ == '__main__':
    main()
