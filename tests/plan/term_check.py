"""term_check.py - what the shared-map term tests (shared_term.sh puts this
folder on PYTHONPATH) check a plan.json with: the plan, its points' names
by id, check(ok, what) that notes a failure, and done() that exits 1 when
one was noted."""
import json
import sys

failed = False


def load(path):
    """plan.json at path and {point id: name}."""
    p = json.load(open(path, encoding="utf-8"))
    return p, {pt["id"]: pt["name"] for pt in p["points"]}


def check(ok, what):
    global failed
    if not ok:
        print("FAIL:", what)
        failed = True


def done():
    sys.exit(1 if failed else 0)
