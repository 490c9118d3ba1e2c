"""Runs schemathesis over the whole API of a running CareLedger, as an administrator's token.

Usage: api_conformance.py BASE_URL EMAIL PASSWORD. Signs in, mints a token carrying every
permission the user holds and runs `schemathesis run` on /openapi.json twice, 30 examples per
operation, fixed seed:
1. every check except positive_data_acceptance, over every operation: no server error, no status,
   content type, header or body the document does not declare, no schema-violating request
   accepted, 405 for undeclared methods;
2. positive_data_acceptance (no valid-by-schema request refused) over every operation except the
   KNOWN_GAPS below, whose refusals depend on stored data or on rules between fields that the
   document cannot state. A route added later is checked by both runs.
Prints schemathesis's reports and exits 0 only when both runs pass. Run by APIConformanceTests;
`.ci/run` installs schemathesis from PyPI.
"""
import json, subprocess, sys, urllib.parse, urllib.request, http.cookiejar

# Operation: why a request valid by the schema may still be refused (422) by the server.
KNOWN_GAPS = {
    "GET /api/v1/compliance/iop-php": "week or from/to, not both; from with to",
    "POST /api/v1/charges": "the service type needs a procedure-code mapping in force (stored data)",
    "POST /api/v1/charges/preview": "the service type needs a procedure-code mapping in force (stored data)",
    "POST /api/v1/charges/{id}/void": "a charge already void (state)",
    "POST /api/v1/claims": "exactly one of session_id and patient_id; something left to claim (state)",
    "POST /api/v1/claims/export": "claims must pass the scrubber (stored data)",
    "POST /api/v1/facilities": "time_zone must be a known IANA zone",
    "POST /api/v1/fee-schedule-entries": "effective_to not before effective_from",
    "POST /api/v1/group-sessions": "facility, type, date and times required unless schedule_id; HH:MM times",
    "POST /api/v1/group-sessions/{id}/attendance/{rowId}": "a forced correction needs a reason",
    "POST /api/v1/patients": "date_of_birth a real, past calendar date",
    "POST /api/v1/patients/{id}/coverages": "effective_to not before effective_from",
    "POST /api/v1/payers": "payer rules between fields",
    "POST /api/v1/schedule/import": "each row's times, capacity and references are checked",
    "POST /api/v1/service-code-mappings": "effective_to not before effective_from",
    "POST /api/v1/staff-assignments": "the provider must be staff with that role (stored data)",
    "POST /api/v1/tokens": "scopes the caller holds",
    "PUT /api/v1/billing-profile": "identifiers checked by X12 rules (NPI check digit, EIN, ZIP)",
    "PUT /api/v1/group-sessions/{id}/attendance/{rowId}/note": "versions and session state",
    "PUT /api/v1/group-sessions/{id}/notes": "versions and session state",
    "PUT /api/v1/jurisdiction-profile": "the profile's rules between fields",
    "PUT /api/v1/patients/{id}/claim-facts": "ICD-10-CM codes, address rules",
    "PUT /api/v1/payers/{id}/claim-filing-indicator": "payer state",
    "PUT /api/v1/payers/{id}/group-rules/{state}": "bands must not overlap and run min <= max",
}

base, email, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
opener.open(urllib.request.Request(base + "/sign-in", data=urllib.parse.urlencode({"email": email, "password": password}).encode(),
                                   headers={"Origin": base}))
me = json.load(opener.open(base + "/api/v1/me"))
minted = json.load(opener.open(urllib.request.Request(
    base + "/api/v1/tokens", data=json.dumps({"name": "schemathesis", "scopes": me["permissions"]}).encode(),
    headers={"Origin": base, "Content-Type": "application/json"})))
common = [sys.executable, "-m", "schemathesis.cli", "run", base + "/openapi.json", "-H", "Authorization: Bearer " + minted["token"],
          "--phases", "examples,coverage,fuzzing", "--max-examples", "30", "--seed", "13", "--request-timeout", "20", "--no-color"]
strict = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
          "response_schema_conformance", "negative_data_rejection", "unsupported_method", "missing_required_header",
          "use_after_free", "ensure_resource_availability"]
print("== run 1: " + ", ".join(strict), flush=True)
first = subprocess.call(common + ["--checks", ",".join(strict)])
print("== run 2: positive_data_acceptance, except %d known gaps" % len(KNOWN_GAPS), flush=True)
excluded = [argument for name in KNOWN_GAPS for argument in ("--exclude-name", name)]
second = subprocess.call(common + ["--checks", "positive_data_acceptance"] + excluded)
sys.exit(1 if first or second else 0)
