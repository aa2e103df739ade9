"""checks.py - the one helper the plan tests' inline Python checks share:
check(ok, what) prints "ok what" or "FAIL what" and remembers a failure;
done() exits 1 when some check failed. Imported as
sys.path.insert(0, os.path.join(os.environ["SR_SOURCE_DIR"], "tests/plan"))."""
import sys

_failed = []


def check(ok, what):
    print(("ok " if ok else "FAIL ") + what)
    if not ok:
        _failed.append(what)


def done():
    sys.exit(1 if _failed else 0)
