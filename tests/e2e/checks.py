"""Checks of the Python end-to-end helpers (serve_browser.py, serve_hostile.py): each prints
"ok" or "FAIL" and its description; the failures are kept for the exit code."""

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition
