#!/usr/bin/env python3
"""A scripted Language Server Protocol client for `profdiff lsp`.

    lsp_client.py PROFDIFF FIXTURES PROFILES TMP

Runs the real server over pipes and checks every feature against what
the commands say of the same files (`profdiff lint --format json`,
`profdiff fmt`), then feeds it malformed input: bad framing, bad JSON,
unknown methods, requests before initialize, half-typed documents. Prints
one line a failed check, the response times measured on the largest
bundled profile, and "N passed, M failed"; exits 1 when a check failed.
"""
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import time

PROFDIFF, FIXTURES, PROFILES, TMP = sys.argv[1:5]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL [%s] %s" % (name, detail))


class Server:
    def __init__(self, cwd):
        self.p = subprocess.Popen([PROFDIFF, "lsp", "--stdio"], cwd=cwd,
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 0
        self.notes = []  # notifications received, in order

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.p.stdout], [], [], left)
        if not r:
            return False
        chunk = os.read(self.p.stdout.fileno(), 1 << 16)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def read(self, timeout=60.0):
        """The next message, or None when none comes in time."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            if not self._fill(deadline):
                return None
        head, rest = self.buf.split(b"\r\n\r\n", 1)
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        assert length is not None, head
        self.buf = rest
        while len(self.buf) < length:
            if not self._fill(deadline):
                return None
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body)

    def request(self, method, params=None, raw_id=None):
        self.next_id += 1
        rid = self.next_id if raw_id is None else raw_id
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.response(rid)

    def response(self, rid):
        while True:
            m = self.read()
            if m is None:
                return None
            if "id" in m and "method" not in m and m["id"] == rid:
                return m
            self.notes.append(m)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def diagnostics(self, uri):
        """The next diagnostics published for uri."""
        for i, m in enumerate(self.notes):
            if (m.get("method") == "textDocument/publishDiagnostics" and
                    m["params"]["uri"] == uri):
                del self.notes[i]
                return m["params"]
        while True:
            m = self.read()
            if m is None:
                return None
            if (m.get("method") == "textDocument/publishDiagnostics" and
                    m["params"]["uri"] == uri):
                return m["params"]
            self.notes.append(m)

    def initialize(self, encodings=None):
        caps = {}
        if encodings is not None:
            caps = {"general": {"positionEncodings": encodings}}
        r = self.request("initialize", {"processId": None, "rootUri": None,
                                        "capabilities": caps})
        self.notify("initialized", {})
        return r

    def open(self, path, text=None, uri=None):
        uri = uri or "file://" + path
        if text is None:
            text = open(path, encoding="utf-8").read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return uri

    def change(self, uri, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def close(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        rc = self.p.wait(timeout=10)
        self.p.stdout.close()
        self.p.stderr.close()
        return rc


def units(s, enc):
    """The length of s in the units of a position encoding."""
    if enc == "utf-8":
        return len(s.encode())
    if enc == "utf-32":
        return len(s)
    return len(s.encode("utf-16-le")) // 2


def position(text, needle, enc="utf-16", nth=0, shift=0):
    """The position of the nth occurrence of needle (plus shift code
    points) in text."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += shift
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return {"line": line, "character": units(text[start:at], enc)}


def code_point_col(text, pos, enc="utf-16"):
    """A protocol position as the core's (1-based line, code point col)."""
    line = text.split("\n")[pos["line"]]
    n = 0
    for i, ch in enumerate(line):
        if n >= pos["character"]:
            return pos["line"] + 1, i + 1
        n += units(ch, enc)
    return pos["line"] + 1, len(line) + 1


def doc(uri, **kw):
    d = {"textDocument": {"uri": uri}}
    d.update(kw)
    return d


def run_cmd(args, cwd):
    return subprocess.run([PROFDIFF] + args, cwd=cwd, capture_output=True,
                          text=True)


# A profiles repository with settings: orphan-footnote made an error.
repo = os.path.join(TMP, "repo")
os.makedirs(os.path.join(repo, "profiles"))
os.makedirs(os.path.join(repo, ".git"))
with open(os.path.join(repo, ".profdiff.yaml"), "w") as f:
    f.write("lint:\n  severity:\n    orphan-footnote: error\n")
path = os.path.join(repo, "profiles", "laos.yaml")
shutil.copy(os.path.join(FIXTURES, "lsp", "dangling.yaml"), path)
text = open(path, encoding="utf-8").read()

# --- the life cycle, and requests before initialize -------------------------
s = Server(repo)
r = s.request("textDocument/hover", doc("file://" + path,
                                        position={"line": 0,
                                                  "character": 0}))
check("before initialize", r and r.get("error", {}).get("code") == -32002, r)
s.open(path)  # dropped: not initialized
r = s.request("shutdown")
check("shutdown before initialize", r and r["error"]["code"] == -32002, r)
check("notification before initialize dropped", not s.notes, s.notes)
r = s.initialize()
caps = r["result"]["capabilities"]
check("initialize: utf-16 by default", caps["positionEncoding"] == "utf-16",
      caps)
for cap in ("hoverProvider", "definitionProvider", "referencesProvider",
            "documentFormattingProvider", "codeActionProvider",
            "completionProvider"):
    check("initialize: " + cap, caps.get(cap), caps)
check("initialize: full sync", caps["textDocumentSync"]["change"] == 1, caps)
r = s.request("initialize", {"capabilities": {}})
check("initialize twice", r["error"]["code"] == -32600, r)

# --- diagnostics: those of `profdiff lint` ------------------------------------
uri = s.open(path)
diags = s.diagnostics(uri)
check("diagnostics published on open", diags is not None)
lint = json.loads(run_cmd(["lint", "--format", "json", "profiles/laos.yaml"],
                          repo).stdout)
want = [(f["line"], f["column"], f["rule"], f["severity"], f["message"])
        for f in lint["files"][0]["findings"]]
sevs = {1: "error", 2: "warning", 3: "info", 4: "info"}
got = [code_point_col(text, d["range"]["start"]) +
       (d["code"], sevs[d["severity"]], d["message"])
       for d in diags["diagnostics"]]
check("diagnostics are lint's findings", got == want,
      "%s != %s" % (got, want))
check("the repository's settings apply",
      ("orphan-footnote", "error") in [(g[2], g[3]) for g in got], got)
dangling = [d for d in diags["diagnostics"]
            if d["code"] == "dangling-citation"]
check("a dangling citation's range is its marker",
      len(dangling) == 1 and dangling[0]["range"] == {
          "start": position(text, "[3]"),
          "end": position(text, "[3]", shift=3)}, dangling)
check("diagnostics carry the version", diags.get("version") == 1, diags)

# lint.ignore of the profile, as lint takes it: the warning silenced; the
# entry, added to a profile never published, is itself the gate's error
ignored = text + "lint:\n  ignore:\n    - orphan-footnote\n"
s.change(uri, ignored, 2)
d2 = s.diagnostics(uri)
ignored_copy = os.path.join(repo, "profiles", "ignored.yaml")
with open(ignored_copy, "w", encoding="utf-8") as f:
    f.write(ignored)
lint = json.loads(run_cmd(["lint", "--format", "json",
                           "profiles/ignored.yaml"], repo).stdout)
os.unlink(ignored_copy)
check("lint.ignore silences, as lint says",
      [d["code"] for d in d2["diagnostics"]] ==
      [f["rule"] for f in lint["files"][0]["findings"]] ==
      ["dangling-citation", "suppression-added"] and d2["version"] == 2, d2)
s.change(uri, text, 3)
s.diagnostics(uri)

# --- hover -----------------------------------------------------------------------
def hover(at):
    r = s.request("textDocument/hover", doc(uri, position=at))
    res = r.get("result")
    return res["contents"]["value"] if res else None


h = hover(position(text, "[1]", shift=1))
check("hover [1]: its text", h and "‘Gov-X Launch’ (UNDP Laos, 2023)" in h, h)
check("hover [1]: its source", h and "https://www.undp.org/laos/gov-x" in h
      and "2026-01-20" in h, h)
h = hover(position(text, "[2]", shift=1))
check("hover [2]: ibid resolved",
      h and "ibid" in h and "https://www.undp.org/laos/gov-x" in h
      and "[footnote 1]" in h, h)
h = hover(position(text, "[3]", shift=1))
check("hover [3]: no such footnote", h and "no footnote 3" in h, h)
h = hover(position(text, "(n 1)", shift=3))
check("hover (n 1): footnote 1", h and h.startswith("[1] UNDP"), h)
h = hover(position(text, "[1, 4]", shift=4))
check("hover on 4 of [1, 4]: footnote 4 only",
      h and h.startswith("[4] ‘Gov-X Launch’ (n 1) 3.") and "[1] UNDP" not in h
      and "https://www.undp.org/laos/gov-x" in h, h)
h = hover(position(text, "[1, 4]", shift=0))
check("hover on [ of [1, 4]: both", h and "[1] UNDP" in h and "[4] " in h, h)
check("hover on prose: nothing",
      hover(position(text, "voluntary")) is None)
r = s.request("textDocument/hover", doc(uri, position=position(text, "[1]")))
check("hover range is the marker", r["result"]["range"] == {
    "start": position(text, "[1]"), "end": position(text, "[1]", shift=3)},
    r)

# --- definition and references ---------------------------------------------------
def locations(method, at, **kw):
    r = s.request("textDocument/" + method, doc(uri, position=at, **kw))
    return [(l["range"]["start"]["line"], l["range"]["start"]["character"],
             l["range"]["end"]["character"]) for l in r["result"]]


key1 = position(text, "  1: >-", shift=2)
got = locations("definition", position(text, "[1]", shift=1))
check("definition [1]: footnote 1's number",
      got == [(key1["line"], 2, 3)], got)
got = locations("definition", position(text, "(n 1)", shift=3))
check("definition (n 1)", got == [(key1["line"], 2, 3)], got)
check("definition [3]: none",
      locations("definition", position(text, "[3]", shift=1)) == [])
m1, m14, x1 = (position(text, "[1]"), position(text, "[1, 4]"),
               position(text, "(n 1)"))
want = [(m1["line"], m1["character"], m1["character"] + 3),
        (m14["line"], m14["character"], m14["character"] + 6),
        (x1["line"], x1["character"], x1["character"] + 5)]
got = locations("references", key1, context={"includeDeclaration": False})
check("references of footnote 1", got == want, "%s != %s" % (got, want))
got = locations("references", position(text, "[1]", shift=1),
                context={"includeDeclaration": True})
check("references from a marker, with the declaration",
      sorted(got) == sorted(want + [(key1["line"], 2, 3)]), got)

# cite lists of laws and treaties cite footnotes too
c4 = position(text, "cite: [4]", shift=7)
h = hover(c4)
check("hover on a cite list's number", h and h.startswith("[4] ‘Gov-X"), h)
got = locations("definition", c4)
key4 = position(text, "  4: ‘Gov", shift=2)
check("definition from a cite list", got == [(key4["line"], 2, 3)], got)
m14 = position(text, "[1, 4]")
got = locations("references", key4, context={"includeDeclaration": False})
check("references of footnote 4: marker and cite list",
      got == [(m14["line"], m14["character"], m14["character"] + 6),
              (c4["line"], c4["character"], c4["character"] + 1)], got)
block = text.replace("    cite: [4]\n",
                     "    cite:   # a block sequence\n    - 1\n    - 4\n")
s.change(uri, block, 20)
s.diagnostics(uri)
got = locations("references", position(block, "  1: >-", shift=2),
                context={"includeDeclaration": False})
item = position(block, "    - 1", shift=6)
check("references in a block sequence of a cite list",
      (item["line"], 6, 7) in got and len(got) == 4, got)
h = hover(position(block, "    - 4", shift=6))
check("hover in a block sequence", h and h.startswith("[4] "), h)
h = hover(position(block, "    year: 2017", shift=10))
check("a year is no footnote", h is None, h)
s.change(uri, text, 21)
s.diagnostics(uri)

# --- completion ------------------------------------------------------------------
def labels(at):
    r = s.request("textDocument/completion", doc(uri, position=at))
    return [i["label"] for i in r["result"]]


got = labels(position(text, "  ICCPR", shift=2))
check("completion: treaty ids", "ICCPR" in got and "CRC" in got
      and "STATELESS-1954" in got, got)
got = labels(position(text, "ICCPR: party", shift=7))
check("completion: treaty statuses",
      {"party", "signatory", "not-party"} <= set(got), got)
got = labels(position(text, "type: law", shift=6))
check("completion: law types", {"law", "decree", "code"} <= set(got), got)
got = labels(position(text, "status: in-force", shift=8))
check("completion: law statuses", {"in-force", "draft", "repealed"} <=
      set(got) and "party" not in got, got)
r = s.request("textDocument/completion",
              doc(uri, position=position(text, "status: in-force", shift=11)))
item = [i for i in r["result"] if i["label"] == "in-force"]
check("completion replaces the word typed", item and item[0]["textEdit"] == {
    "range": {"start": position(text, "in-force"),
              "end": position(text, "in-force", shift=3)},
    "newText": "in-force"}, item)
check("completion in prose: nothing",
      labels(position(text, "voluntary")) == [])

# --- formatting and code actions ----------------------------------------------------
copy = os.path.join(TMP, "fmt.yaml")
shutil.copy(path, copy)
run_cmd(["fmt", copy], TMP)
canonical = open(copy, encoding="utf-8").read()
r = s.request("textDocument/formatting",
              doc(uri, options={"tabSize": 2, "insertSpaces": True}))
edits = r["result"]
check("formatting: fmt's text", len(edits) == 1 and
      edits[0]["newText"] == canonical and
      edits[0]["range"]["start"] == {"line": 0, "character": 0}, edits)
r = s.request("textDocument/codeAction",
              doc(uri, range={"start": {"line": 0, "character": 0},
                              "end": {"line": 0, "character": 0}},
                  context={"diagnostics": []}))
acts = r["result"]
renum_copy = os.path.join(TMP, "renumber.yaml")
shutil.copy(path, renum_copy)
run_cmd(["fmt", "--renumber", renum_copy], TMP)
renumbered = open(renum_copy, encoding="utf-8").read()
check("code action: fmt", len(acts) == 2 and
      "profdiff fmt)" in acts[0]["title"] and
      acts[0]["edit"]["changes"][uri][0]["newText"] == canonical, acts)
check("code action: fmt --renumber", len(acts) == 2 and
      "--renumber" in acts[1]["title"] and renumbered != canonical and
      acts[1]["edit"]["changes"][uri][0]["newText"] == renumbered, acts)
s.change(uri, canonical, 4)
s.diagnostics(uri)
r = s.request("textDocument/formatting", doc(uri, options={}))
check("formatting a canonical text: no edit", r["result"] == [], r)
r = s.request("textDocument/codeAction",
              doc(uri, range={"start": {"line": 0, "character": 0},
                              "end": {"line": 0, "character": 0}},
                  context={"diagnostics": []}))
check("code actions on a canonical text: only renumbering",
      [a["title"] for a in r["result"]] == [acts[1]["title"]], r)
s.change(uri, renumbered, 5)
s.diagnostics(uri)
r = s.request("textDocument/codeAction",
              doc(uri, range={"start": {"line": 0, "character": 0},
                              "end": {"line": 0, "character": 0}},
                  context={"diagnostics": []}))
check("code actions on a renumbered text: none", r["result"] == [], r)
s.change(uri, "schema: 1\ncountry: [", 6)
s.diagnostics(uri)
r = s.request("textDocument/formatting", doc(uri, options={}))
check("formatting what does not read: an error",
      r.get("error", {}).get("code") == -32803, r)

# --- malformed input ---------------------------------------------------------------
def alive(name):
    r = s.request("textDocument/completion",
                  doc(uri, position={"line": 0, "character": 0}))
    check(name + ": still serving", r is not None and "result" in r, r)


s.send_raw(b"Content-Length: 7\r\n\r\n{bad: 1")
r = s.response(None)
check("bad JSON: parse error", r and r["error"]["code"] == -32700, r)
s.send_raw(b"Content-Length: 2\r\n\r\n[]")
r = s.response(None)
check("an array: invalid request", r and r["error"]["code"] == -32600, r)
s.send_raw(b'Content-Length: 31\r\n\r\n{"jsonrpc":"2.0","id":{},"x":1}')
r = s.response(None)
check("an object id: invalid request", r and r["error"]["code"] == -32600,
      r)
s.send_raw(b"Content-Length: abc\r\n\r\n")
alive("Content-Length not a number")
s.send_raw(b"X-Nothing: 1\r\n\r\n")
alive("no Content-Length")
s.send_raw(b"garbage without a colon\r\n")
alive("a line that is not a header")
s.send_raw(b"Content-Length: 999999999999\r\n\r\n")
s.p.stdin.close()  # the end of the input inside a body too large
rc = s.p.wait(timeout=10)
check("the end of the input: exit 1", rc == 1, rc)
err = s.p.stderr.read().decode()
check("bad framing said on stderr", "Content-Length" in err, err)
s.p.stdout.close()
s.p.stderr.close()

s = Server(repo)
s.initialize()
uri = s.open(path)
s.diagnostics(uri)
r = s.request("no/such/method", {})
check("unknown method", r["error"]["code"] == -32601, r)
s.notify("no/such/notification", {})
s.notify("$/cancelRequest", {"id": 1})
r = s.request("textDocument/hover", doc(uri))
check("hover without a position", r["error"]["code"] == -32602, r)
r = s.request("textDocument/hover",
              doc("file:///nowhere.yaml",
                  position={"line": 0, "character": 0}))
check("a document not open", r["error"]["code"] == -32602, r)
r = s.request("textDocument/hover",
              doc(uri, position={"line": 99999, "character": 99999}))
check("a position past the end: null", r["result"] is None, r)
for method in ("completion", "definition", "references", "hover"):
    t = time.perf_counter()
    r = s.request("textDocument/" + method,
                  doc(uri, position={"line": 4294967295,
                                     "character": 4294967295},
                      context={"includeDeclaration": True}))
    check(method + " at line 2^32 - 1: at once", r and "result" in r and
          time.perf_counter() - t < 5, r)
r = s.request("textDocument/hover", doc(uri, position={"line": -1,
                                                       "character": 0}))
check("a negative position", r["error"]["code"] == -32602, r)
s.send({"jsonrpc": "2.0", "id": "s-1", "method": "textDocument/definition",
        "params": doc(uri, position=position(text, "[1]"))})
r = s.response("s-1")
check("a string id comes back", r and len(r["result"]) == 1, r)
s.send({"jsonrpc": "2.0", "id": 99, "result": None})  # a response: ignored
alive("a response from the client")

# half-typed documents: every prefix of a profile, a char at a time at the
# markers, and the YAML broken in each way an editor leaves it
big = open(os.path.join(PROFILES, "cambodia.yaml"), encoding="utf-8").read()
cuts = sorted(set(list(range(0, len(big), 211)) +
                  [i + k for i in range(len(big)) if big.startswith("[", i)
                   for k in range(4)][:400] + [len(big)]))
version = 10
ok = True
for n in cuts:
    version += 1
    s.change(uri, big[:n], version)
    d = s.diagnostics(uri)
    if d is None or d["version"] != version:
        ok = False
        break
check("every prefix of a profile gets diagnostics", ok,
      "stopped at %d bytes" % n)
for n in (len(big) // 3, len(big) // 2):
    s.change(uri, big[:n], version + 1)
    version += 1
    s.diagnostics(uri)
    lines = big[:n].split("\n")
    for ln in range(0, len(lines), 7):
        for method in ("hover", "definition", "references", "completion"):
            r = s.request("textDocument/" + method,
                          doc(uri, position={"line": ln, "character": 9},
                              context={"includeDeclaration": True}))
            if r is None or ("result" not in r and "error" not in r):
                ok = False
check("requests on half-typed documents", ok)
for bad in ("\t\x00: [", "schema: 1\n  - : :\n{{{", "footnotes:\n  1: [\n",
            "\ufeff" + big[:500] + "\u2028\U0001F600", "&a [*a, *a]\n",
            "sections:\n" + "  - paragraphs: [\n" * 200):
    version += 1
    s.change(uri, bad, version)
    d = s.diagnostics(uri)
    if d is None:
        ok = False
check("invalid YAML gets diagnostics", ok)
r = s.request("textDocument/hover",
              doc(uri, position={"line": 0, "character": 3}))
check("hover on invalid YAML: null", r["result"] is None, r)
cfg = s.open(os.path.join(repo, ".profdiff.yaml"),
             "lint:\n  severity:\n    no-such-rule: error\n")
d = s.diagnostics(cfg)
check(".profdiff.yaml read as settings", len(d["diagnostics"]) == 1 and
      d["diagnostics"][0]["code"] == "schema" and
      "no-such-rule" in d["diagnostics"][0]["message"], d)
with open(os.path.join(repo, ".profdiff.yaml"), "w") as f:
    f.write("lint: [")  # saved broken: not what the editor holds
s.change(cfg, "lint:\n  severity:\n    orphan-footnote: info\n", 2)
d = s.diagnostics(cfg)
check("valid .profdiff.yaml: no finding", d["diagnostics"] == [], d)
s.change(uri, text, version + 1)
d = s.diagnostics(uri)
check("a broken .profdiff.yaml: an error on the profile, lint goes on",
      d["diagnostics"][0]["code"] == "schema" and
      ".profdiff.yaml:1:" in d["diagnostics"][0]["message"] and
      "dangling-citation" in [x["code"] for x in d["diagnostics"]], d)
with open(os.path.join(repo, ".profdiff.yaml"), "w") as f:
    f.write("lint:\n  severity:\n    orphan-footnote: off\n")
s.notify("textDocument/didSave", {"textDocument": {"uri": cfg}})
d = s.diagnostics(uri)
check("settings saved: the profiles linted again",
      [x["code"] for x in d["diagnostics"]] == ["dangling-citation"], d)
d = s.diagnostics(cfg)
check("settings saved: the settings too", d and d["diagnostics"] == [], d)
with open(os.path.join(repo, ".profdiff.yaml"), "w") as f:
    f.write("lint:\n  severity:\n    orphan-footnote: error\n")
s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": 1}}})
alive("didChange without its fields")
s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
d = s.diagnostics(uri)
check("didClose clears the diagnostics", d and d["diagnostics"] == [], d)
r = s.request("shutdown")
check("shutdown", r and r["result"] is None, r)
r = s.request("textDocument/hover", doc(uri, position={"line": 0,
                                                       "character": 0}))
check("a request after shutdown", r["error"]["code"] == -32600, r)
s.notify("exit")
rc = s.close()
check("exit after shutdown: 0", rc == 0, rc)

s = Server(repo)
s.initialize()
s.notify("exit")
check("exit without shutdown: 1", s.close() == 1)

# --- a line of a megabyte: a paragraph on one line, emoji all along ---------
s = Server(repo)
s.initialize()
long_line = "😀 é word[1] " * 20000 + "end.[9]"
long_text = text.replace("It is\n        voluntary.[2]",
                         "It is voluntary.[2] " + long_line, 1)
uri = s.open(path, long_text)
t = time.perf_counter()
d = s.diagnostics(uri)
took = time.perf_counter() - t
dangling = [x for x in d["diagnostics"] if x["message"].startswith("[9]")]
check("a long line: the diagnostic's position",
      len(dangling) == 1 and dangling[0]["range"]["start"] ==
      position(long_text, "[9]"), dangling)
lint_copy = os.path.join(repo, "profiles", "long.yaml")
with open(lint_copy, "w", encoding="utf-8") as f:
    f.write(long_text)
lint = json.loads(run_cmd(["lint", "--format", "json", "profiles/long.yaml"],
                          repo).stdout)
want = [(f["line"], f["column"]) for f in lint["files"][0]["findings"]]
got = [code_point_col(long_text, x["range"]["start"])
       for x in d["diagnostics"]]
check("a long line: lint's positions", got == want, "%s != %s" %
      (got[:3], want[:3]))
os.unlink(lint_copy)
t = time.perf_counter()
r = s.request("textDocument/hover",
              doc(uri, position=position(long_text, "[1]", nth=19999,
                                         shift=1)))
took_hover = time.perf_counter() - t
check("a long line: hover on its last marker", r["result"] and
      r["result"]["contents"]["value"].startswith("[1] UNDP") and
      r["result"]["range"]["start"] == position(long_text, "[1]",
                                                nth=19999), r)
r = s.request("textDocument/references",
              doc(uri, position=position(long_text, "[1]", shift=1),
                  context={"includeDeclaration": False}))
check("a long line: every reference", r and len(r["result"]) == 20003,
      len(r["result"]) if r else r)
print("a line of %d bytes with 20000 markers: diagnostics %.0f ms, "
      "hover %.0f ms" % (len(long_line.encode()), took * 1000,
                         took_hover * 1000))
s.request("shutdown")
s.notify("exit")
s.close()

# --- position encodings --------------------------------------------------------------
for enc in ("utf-8", "utf-32"):
    s = Server(repo)
    r = s.initialize([enc, "utf-16"])
    check(enc + " agreed", r["result"]["capabilities"]["positionEncoding"]
          == enc, r)
    uri = s.open(path)
    d = s.diagnostics(uri)
    dangling = [x for x in d["diagnostics"]
                if x["code"] == "dangling-citation"]
    check(enc + ": the diagnostic's range",
          dangling and dangling[0]["range"]["start"] ==
          position(text, "[3]", enc), dangling)
    r = s.request("textDocument/hover",
                  doc(uri, position=position(text, "[2]", enc, shift=1)))
    check(enc + ": hover", r["result"] and
          r["result"]["contents"]["value"].startswith("[2] ibid"), r)
    s.request("shutdown")
    s.notify("exit")
    s.close()

# --- response times on the largest bundled profile -------------------------------------
largest = max((os.path.join(PROFILES, f) for f in os.listdir(PROFILES)),
              key=os.path.getsize)
big = open(largest, encoding="utf-8").read()
s = Server(repo)
s.initialize()
uri = "file://" + os.path.join(repo, "profiles", "big.yaml")
marks = [position(big, "[", nth=k, shift=1) for k in range(0, 40, 4)]
times = {"didChange+diagnostics": [], "hover": [], "definition": [],
         "references": [], "completion": [], "formatting": []}
s.open(largest, big, uri=uri)
s.diagnostics(uri)
for i in range(20):
    t = time.perf_counter()
    s.change(uri, big, 100 + i)
    s.diagnostics(uri)
    times["didChange+diagnostics"].append(time.perf_counter() - t)
    at = marks[i % len(marks)]
    for method in ("hover", "definition", "references", "completion",
                   "formatting"):
        t = time.perf_counter()
        s.request("textDocument/" + method,
                  doc(uri, position=at, options={},
                      context={"includeDeclaration": True}))
        times[method].append(time.perf_counter() - t)
s.request("shutdown")
s.notify("exit")
s.close()
print("response times on %s (%d bytes), median / max of 20:" %
      (os.path.basename(largest), len(big.encode())))
for k, v in times.items():
    print("  %-22s %6.2f ms / %6.2f ms" % (k, statistics.median(v) * 1000,
                                         max(v) * 1000))

# --- in a git repository: the gate's date rules, as lint gives them -----------
git = os.path.join(TMP, "git-repo")
env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Ada",
           GIT_AUTHOR_EMAIL="ada@example.org", GIT_COMMITTER_NAME="Ada",
           GIT_COMMITTER_EMAIL="ada@example.org")
subprocess.run([PROFDIFF, "init", git], env=env, capture_output=True,
               check=True)
nk = os.path.join(git, "profiles", "north-korea.yaml")
shutil.copy(os.path.join(FIXTURES, "diff", "ratification", "after.yaml"), nk)
subprocess.run(["git", "-C", git, "add", "-A"], env=env, check=True)
subprocess.run(["git", "-C", git, "commit", "-qm", "published", "--no-verify"],
               env=env, check=True)
published = open(nk, encoding="utf-8").read()
# a change in substance under the published date, not saved
edited = published.replace("ICCPR: {status: party", "ICCPR: {status: signatory")
check("the edit applies", edited != published)
s = Server(git)
s.initialize()
uri = s.open(nk, edited)
d = s.diagnostics(uri)
with open(nk, "w", encoding="utf-8") as f:
    f.write(edited)
lint = json.loads(run_cmd(["lint", "--format", "json",
                           "profiles/north-korea.yaml"], git).stdout)
want = [(f["rule"], f["message"]) for f in lint["files"][0]["findings"]]
got = [(x["code"], x["message"]) for x in d["diagnostics"]]
check("in a repository: date-not-bumped, as lint says",
      "date-not-bumped" in [w[0] for w in want] and got == want,
      "%s != %s" % (got, want))
# as published, nothing of the kind
s.change(uri, published, 2)
d = s.diagnostics(uri)
check("in a repository: as published, no date rule",
      "date-not-bumped" not in [x["code"] for x in d["diagnostics"]], d)
s.request("shutdown")
s.notify("exit")
s.close()

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
