"""Stores and reflects a hostile string through every page of a running CareLedger and judges
every page it renders with html.parser (a real HTML parser, not a substring check).

Usage: page_injection_probe.py BASE_URL EMAIL PASSWORD. Prints one JSON object: pages crawled,
forms posted, control characters posted (a NUL in each text field of each page form in turn: the
form must come back, 422, with the field's message), pages judged, how often the hostile text came back as text (escaped, as it should)
and the findings: the hostile markup parsed as an element or attribute, a script other than
/assets/app.js, inline script, inline event handlers, style attributes or <style> (which the
Content-Security-Policy forbids). Run by PageInjectionTests.
"""
import sys, json, re, datetime, urllib.request, urllib.parse, urllib.error, http.cookiejar, html.parser

BASE, EMAIL, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
HOSTILE = "\"'><xss-probe data-pwned=1></xss-probe>"
TEXT_TYPES = {"text", "email", "search", "url", "tel", "date", "time", "number", "datetime-local", "month", "week", "textarea"}
SKIP_POSTS = {"/sign-out", "/sign-in"}
findings, judged, reflected = [], 0, 0

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs): return None

jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def send(method, path, body=None, content_type=None):
    headers = {"Origin": BASE}
    if content_type: headers["Content-Type"] = content_type
    request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers)
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    text = response.read().decode("utf-8", "replace")
    return response.status, response.headers, text

def fetch(method, path, body=None, content_type=None, hops=3):
    status, headers, text = send(method, path, body, content_type)
    while status in (301, 302, 303) and hops > 0:
        location = urllib.parse.urlsplit(urllib.parse.urljoin(BASE + path, headers["Location"]))
        path = location.path + ("?" + location.query if location.query else "")
        status, headers, text = send("GET", path)
        hops -= 1
    return status, headers, text, path

class Page(html.parser.HTMLParser):
    """Judges one page and lists its links and forms."""
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where, self.links, self.forms, self.form, self.in_script, self.in_probe_text = where, [], [], None, False, 0
        self.select = None
    def problem(self, what): findings.append({"page": self.where, "problem": what})
    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        values = dict(attrs)
        if tag.startswith("xss-probe") or "data-pwned" in names: self.problem("hostile markup became an element or attribute: <%s %s>" % (tag, sorted(names)))
        for name in names:
            if name.startswith("on"): self.problem("inline event handler %s on <%s>" % (name, tag))
            if name == "style": self.problem("style attribute on <%s> (CSP forbids it)" % tag)
        if tag == "script":
            if values.get("src") != "/assets/app.js": self.problem("script element other than /assets/app.js: %s" % values)
            self.in_script = True
        if tag == "style": self.problem("inline <style> element (CSP forbids it)")
        if tag == "a" and values.get("href"): self.links.append(values["href"])
        if tag == "form":
            self.form = {"action": values.get("action") or self.where, "method": (values.get("method") or "get").lower(), "fields": []}
            self.forms.append(self.form)
        if self.form is not None and tag in ("input", "textarea", "select") and values.get("name"):
            kind = "textarea" if tag == "textarea" else "select" if tag == "select" else (values.get("type") or "text").lower()
            field = {"name": values["name"], "type": kind, "value": values.get("value") or ""}
            if kind in ("checkbox", "radio") and "checked" not in names: field["value"] = None
            self.form["fields"].append(field)
            if tag == "select": self.select = field
        if tag == "option" and self.select is not None and (self.select["value"] == "" or "selected" in names):
            self.select["value"] = values.get("value") or self.select["value"]
    def handle_endtag(self, tag):
        if tag == "script": self.in_script = False
        if tag == "form": self.form = None
        if tag == "select": self.select = None
    def handle_data(self, data):
        global reflected
        if self.in_script and data.strip(): self.problem("inline script content")
        if "<xss-probe" in data: reflected += 1

def judge(path, text):
    global judged
    judged += 1
    page = Page(path)
    page.feed(text)
    page.close()
    return page

def local(href, current):
    url = urllib.parse.urlsplit(urllib.parse.urljoin(BASE + current, href))
    if url.netloc != urllib.parse.urlsplit(BASE).netloc: return None
    path = url.path + ("?" + url.query if url.query else "")
    if url.path.startswith(("/api/", "/assets/", "/openapi", "/metrics", "/health", "/ready")) or url.path == "/sign-out": return None
    return path

def encode(fields, hostile):
    pairs = []
    for field in fields:
        if field["value"] is None: continue
        value = HOSTILE if hostile and field["type"] in TEXT_TYPES else field["value"]
        pairs.append((field["name"], value))
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)

def crawl(limit=120):
    seen, queue, pages = set(), ["/"], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen: continue
        seen.add(path)
        status, headers, text, final = fetch("GET", path)
        if "text/html" not in (headers.get("Content-Type") or ""): continue
        page = judge(path, text)
        pages[path] = page
        for href in page.links:
            target = local(href, final)
            if target and target not in seen: queue.append(target)
    return pages

status, _, _, _ = fetch("POST", "/sign-in", urllib.parse.urlencode({"email": EMAIL, "password": PASSWORD}).encode(), "application/x-www-form-urlencoded")

def api(method, path, body):
    status, _, text = send(method, path, json.dumps(body).encode(), "application/json")
    try: return status, json.loads(text)
    except ValueError: return status, None

stored = []
# Names shown on pages that only the API writes.
s, _ = api("POST", "/api/v1/patients", {"mrn": "XSS-1", "given_name": HOSTILE, "family_name": HOSTILE, "date_of_birth": "1990-01-01"}); stored.append(("patient", s))
s, _ = api("POST", "/api/v1/payers", {"name": HOSTILE, "payer_code": "XSS1"}); stored.append(("payer", s))
status, _, text = send("GET", "/api/v1/facilities")
try: facilities = json.loads(text)
except ValueError: facilities = []
if isinstance(facilities, list) and facilities:
    facility = facilities[0]
    s, _ = api("POST", "/api/v1/group-sessions", {"facility_id": facility["id"], "group_type": HOSTILE,
               "session_date": datetime.date.today().isoformat(), "start_time": "09:00", "end_time": "10:00", "patient_ids": [], "location": HOSTILE})
    stored.append(("group_session", s))

pages = crawl()

# Store through every page form, and reflect through every GET form and every link's query.
posted = 0
def variants(fields, types):
    """Every field of `types` hostile in turn, the rest as the page filled them."""
    for index, field in enumerate(fields):
        if field["value"] is None or field["type"] not in types: continue
        yield [dict(f, value=HOSTILE) if i == index else f for i, f in enumerate(fields)]

def submit(method, action, fields, label):
    global posted
    body = urllib.parse.urlencode([(f["name"], f["value"]) for f in fields if f["value"] is not None], quote_via=urllib.parse.quote)
    if method == "post":
        posted += 1
        status, headers, text, final = fetch("POST", action, body.encode(), "application/x-www-form-urlencoded")
    else:
        status, headers, text, final = fetch("GET", action.split("?")[0] + "?" + body)
    if "text/html" in (headers.get("Content-Type") or ""): judge(label + " -> " + final, text)

for path, page in list(pages.items()):
    for form in page.forms:
        action = local(form["action"], path) or (path if form["action"] == "" else None)
        if not action or (form["method"] == "post" and form["action"] in SKIP_POSTS): continue
        if form["method"] == "post":
            # Store: every text field hostile at once, as a user typing into all of them.
            submit("post", action, [dict(f, value=HOSTILE) if f["type"] in TEXT_TYPES and f["value"] is not None else f
                                    for f in form["fields"]], "POST " + action)
        # Reflect: each field (select and hidden ones too: a request can send anything) hostile in turn.
        for fields in variants(form["fields"], TEXT_TYPES | {"select", "hidden"}):
            submit(form["method"], action, fields, form["method"].upper() + " " + action)
    for href in page.links:
        target = local(href, path)
        if not target or "?" not in target: continue
        base, query = target.split("?", 1)
        for name, _ in urllib.parse.parse_qsl(query, keep_blank_values=True):
            pairs = [(n, HOSTILE if n == name else v) for n, v in urllib.parse.parse_qsl(query, keep_blank_values=True)]
            status, headers, text, final = fetch("GET", base + "?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote))
            if "text/html" in (headers.get("Content-Type") or ""): judge(base + "?" + name + "=HOSTILE", text)
# A control character typed into a form field: the page answers with its form again (422) and the
# field's message, as any other invalid value of that field, never the generic error page.
controls = 0
for path, page in list(pages.items()):
    for form in page.forms:
        action = local(form["action"], path) or (path if form["action"] == "" else None)
        if not action or form["method"] != "post" or form["action"] in SKIP_POSTS: continue
        for index, field in enumerate(form["fields"]):
            if field["value"] is None or field["type"] not in TEXT_TYPES: continue
            fields = [dict(f, value=f["value"] + "\x00") if i == index else f for i, f in enumerate(form["fields"])]
            body = urllib.parse.urlencode([(f["name"], f["value"]) for f in fields if f["value"] is not None], quote_via=urllib.parse.quote)
            status, headers, text = send("POST", action, body.encode(), "application/x-www-form-urlencoded")
            controls += 1
            where = "POST %s with a NUL in %s" % (action, field["name"])
            if status != 422: findings.append({"page": where, "problem": "answered %d, not 422" % status})
            elif "text/html" not in (headers.get("Content-Type") or ""): findings.append({"page": where, "problem": "answered no page"})
            elif "Back to CareLedger" in text or "<form" not in text: findings.append({"page": where, "problem": "the generic error page, not the form"})
            elif "control character" not in text: findings.append({"page": where, "problem": "the form again, without the field's message"})
            else: judge(where, text)
# Every page again, now that the hostile strings are stored.
pages_after = crawl()
print(json.dumps({"signed_in": status, "stored": stored, "pages": len(pages_after), "forms_posted": posted, "control_characters_posted": controls, "judged": judged,
                  "reflected": reflected, "findings": findings[:50], "finding_count": len(findings)}))
