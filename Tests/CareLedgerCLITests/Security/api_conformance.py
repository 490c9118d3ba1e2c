"""Runs schemathesis over the whole API of a running CareLedger, as an administrator's token.

Usage: api_conformance.py BASE_URL EMAIL PASSWORD [EXTRA schemathesis ARGS...]. Signs in, mints
a token carrying every permission the user holds, runs `schemathesis run` on /openapi.json with a
bounded number of examples, prints schemathesis's report and exits with its status. Run by
APIConformanceTests; `.ci/run` installs schemathesis from PyPI.
"""
import json, subprocess, sys, urllib.parse, urllib.request, http.cookiejar

base, email, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
opener.open(urllib.request.Request(base + "/sign-in", data=urllib.parse.urlencode({"email": email, "password": password}).encode(),
                                   headers={"Origin": base}))
me = json.load(opener.open(base + "/api/v1/me"))
minted = json.load(opener.open(urllib.request.Request(
    base + "/api/v1/tokens", data=json.dumps({"name": "schemathesis", "scopes": me["permissions"]}).encode(),
    headers={"Origin": base, "Content-Type": "application/json"})))
checks = ",".join(["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
                   "response_schema_conformance", "positive_data_acceptance", "negative_data_rejection", "unsupported_method",
                   "missing_required_header", "use_after_free", "ensure_resource_availability"])
command = [sys.executable, "-m", "schemathesis.cli", "run", base + "/openapi.json", "-H", "Authorization: Bearer " + minted["token"],
           "--checks", checks, "--phases", "examples,coverage,fuzzing", "--max-examples", "30", "--seed", "13",
           "--request-timeout", "20", "--no-color"] + sys.argv[4:]
sys.stdout.flush()
sys.exit(subprocess.call(command))
