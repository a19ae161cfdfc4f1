"""Print the ten most complex functions (ruff's C901 scores), noqa'd ones included.

ruff fails CI on any function over 15 without a `# noqa: C901 — reason`; this
report keeps the ones we chose to keep in sight. Reads ruff's JSON on stdin.
"""

import json
import os
import re
import sys

found = []
for entry in json.load(sys.stdin):
    score = int(re.search(r"\((\d+) > ", entry["message"]).group(1))
    name = entry["message"].split("`")[1]
    where = f"{os.path.relpath(entry['filename'])}:{entry['location']['row']}"
    found.append((score, where, name))
for score, where, name in sorted(found, reverse=True)[:10]:
    print(f"{score:4d}  {where}  {name}")
