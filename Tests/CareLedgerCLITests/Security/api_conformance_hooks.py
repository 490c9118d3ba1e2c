"""Schemathesis hooks for api_conformance.py (loaded through SCHEMATHESIS_HOOKS).

An order between two dates of one request ("effective_to not before effective_from", "period_end
not before period_start") is a rule JSON Schema cannot state. Rather than leave every operation with
a period out of the valid-data check, a request schemathesis generates as valid is made to keep the
order: where the body or the query names both dates of a pair below and they come reversed, they
swap. The server must then accept it, and every other constraint of the operation is still judged.
Requests generated as invalid are left alone. The pairs are the API's own names for a period, so an
operation added later with one is covered too.
"""
import schemathesis

# The first date of each pair may not come after the second.
PERIODS = [("effective_from", "effective_to"), ("from", "to"), ("period_start", "period_end"),
           ("performance_period_start", "performance_period_end")]


def in_order(values):
    if not isinstance(values, dict):
        return
    for first, second in PERIODS:
        start, end = values.get(first), values.get(second)
        # ISO dates (YYYY-MM-DD) order as text.
        if isinstance(start, str) and isinstance(end, str) and end < start:
            values[first], values[second] = end, start


@schemathesis.hook
def map_case(context, case):
    meta = getattr(case, "meta", None)
    if meta is not None and meta.generation.mode.is_positive:
        in_order(case.body)
        in_order(case.query)
    return case
