# Outputs are inert: nothing a profile's author writes becomes active
# content in what profdiff prints. A repository's update carries a payload
# for each context (raw HTML, autolinks, javascript: and <!-- in footnote
# URLs, line ends starting Markdown blocks in a country and a section
# title, a backtick in a file name, formula cells, terminal escapes, a
# noncharacter); each output is parsed as its reader would: HTML with
# python's html.parser, Atom with xmllint, CSV with python's csv, Markdown
# by its CommonMark structure, terminal output byte by byte; the HTML
# pages are loaded in Chromium under their Content-Security-Policy.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
g() { git -C "$R" "$@"; }
pd() { (cd "$R" && "$PROFDIFF" "$@"); }
export GIT_CONFIG_NOSYSTEM=1

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES"/laos.yaml "$PROFILES"/cambodia.yaml "$PROFILES"/north-korea.yaml "$R/profiles/"
sed -i 's/^country: Laos$/country: Laos\nlast_updated: 2026-01-20/' "$R/profiles/laos.yaml"
g add -A
g commit -qm "three profiles" --no-verify

# the update: Laos's country, a section title, a claim and three footnotes
# carry the payloads; Cambodia's and North Korea's countries are formulas
python3 - "$R/profiles" <<'EOF'
import sys
d = sys.argv[1]
s = open(d + '/laos.yaml', encoding='utf-8').read()
s = s.replace('country: Laos\nlast_updated: 2026-01-20\n',
              'country: "Laos\\e]0;owned\\a\\n- fake item: introduced nothing \\uFFFE"\n'
              'last_updated: 2026-03-01\n', 1)
s = s.replace('  - title: Law\n', '  - title: "Law\\n# fake heading\\n```"\n', 1)
i = s.index('  - title: Designed to Include?\n')
i = s.index('    paragraphs:\n', i) + len('    paragraphs:\n')
s = s[:i] + '      - "A claim added under that title."\n' + s[i:]
s = s.replace('  - title: Designed to Include?\n', '  - title: "   + fake nested list"\n', 1)
i = s.index('    paragraphs:\n') + len('    paragraphs:\n')
s = (s[:i] + '      - "Payload \\e]0;title\\a\\e[8m <script>alert(1)</script> '
     '<img src=x onerror=alert(1)>\\r\\n> fake quote.[90][91][92]"\n'
     '      - "Reversed \\u202eetats ssel\\u202c and isolated \\u2066x\\u2069."\n'
     + s[i:])
s = s.replace('footnotes:\n', 'footnotes:\n'
              '  90: "Report <img src=x onerror=alert(1)>"\n'
              '  91: "Script <javascript:alert(1)>"\n'
              '  92: "Hidden <https://x.example/<!--a> accessed 1 May 2026."\n', 1)
open(d + '/laos.yaml', 'w', encoding='utf-8').write(s)
for name, country in (('cambodia', '\\t=1+1'), ('north-korea', '\\r=2+2')):
    p = d + '/' + name + '.yaml'
    s = open(p, encoding='utf-8').read()
    i = s.index('country: ')
    j = s.index('\n', i)
    open(p, 'w', encoding='utf-8').write(s[:i] + 'country: "' + country + '"' + s[j:])
EOF
# a file named with a backtick, and one with escapes, each with an error
sed 's/^country: .*/country: Tick/' "$PROFILES/north-korea.yaml" > "$R/profiles/a\`b.yaml"
g add -A
g commit -qm "the update" --no-verify

# md_check FILE: the Markdown's structure holds no payload: no raw < but
# profdiff's own tags and http(s) autolinks, no line started by a payload,
# every code span closed on its line
cat > "$TMP/md_check.py" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
bad = []
tags = re.compile(r'</?(details|summary|b|ins|del)>|<https?://[^\s<>]*>')
for n, line in enumerate(text.split('\n'), 1):
    # code spans: a run of n backticks closes at the next run of exactly n
    # an HTML block's line (a review's <details>) has no code span
    html = line.startswith('<details>')
    runs = [(m.start(), len(m.group())) for m in re.finditer(r'`+', line)
            if not html and (m.start() == 0 or line[m.start() - 1] != '\\')]
    plain, i, k = '', 0, 0
    while k < len(runs):
        start, size = runs[k]
        close = next((j for j in range(k + 1, len(runs)) if runs[j][1] == size), None)
        if close is None:
            bad.append('%d: unclosed code span: %s' % (n, line))
            break
        plain += line[i:start]
        i = runs[close][0] + size
        k = close + 1
    plain += line[i:]
    for m in re.finditer(r'(?<!\\)<', plain):
        if not tags.match(plain, m.start()):
            bad.append('%d: raw <: %s' % (n, line))
    if re.match(r'\s*(([-+*>#|`~]|\d{1,9}[.)])\s*\\?\s*)+fake', line) or \
       re.match(r'\s*fake', line):
        bad.append('%d: a payload starts a block: %s' % (n, line))
    if re.search(r'(?<!\\)<(javascript:|!--)', plain):
        bad.append('%d: link or comment: %s' % (n, line))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
# html_check FILE: no element or attribute from a payload: no img, iframe
# or script but the overview's own, no on* attribute, no javascript: link
cat > "$TMP/html_check.py" <<'EOF'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    bad, script = [], None
    def handle_starttag(self, tag, attrs):
        if tag in ('img', 'iframe', 'object', 'embed', 'base', 'form'):
            self.bad.append('element ' + tag)
        if tag == 'script':
            self.script = ''
        for k, v in attrs:
            if k.startswith('on'):
                self.bad.append('attribute ' + k)
            if k in ('href', 'src') and (v or '').strip().lower().startswith('javascript:'):
                self.bad.append('link ' + v)
    def handle_data(self, data):
        if self.script is not None:
            self.script += data
    def handle_endtag(self, tag):
        if tag == 'script':
            if not self.script.startswith("document.querySelectorAll('table.sortable')"):
                self.bad.append('script ' + self.script[:60])
            self.script = None
p = P()
p.feed(open(sys.argv[1], encoding='utf-8', errors='replace').read())
print('\n'.join(p.bad))
sys.exit(1 if p.bad else 0)
EOF
# term_check FILE: no control character but tab and newline, no C1
cat > "$TMP/term_check.py" <<'EOF'
import re, sys
b = open(sys.argv[1], 'rb').read()
t = b.decode('utf-8', errors='strict')
m = re.search(r'[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]', t)
if m:
    print('control character %r at %d' % (m.group(), m.start()))
sys.exit(1 if m else 0)
EOF

test_case "markdown: review, diff, changelog, overview keep their structure"
for cmd in "review main~1..main" "diff profiles/laos.yaml" "changelog" "overview"; do
	run pd $cmd --format markdown
	printf '%s\n' "$out" > "$TMP/out.md"
	assert_true 'python3 "$TMP/md_check.py" "$TMP/out.md"'
done
# the payloads are there, as text
run pd review main~1..main --format markdown
assert_out_has 'Report \<img src=x onerror=alert(1)\>'
assert_out_has ' \<javascript:alert(1)\>'
assert_out_has '\<https://x.example/\<!--a\>'
assert_out_has '``profiles/a`b.yaml``'
# the comment in a URL hides nothing: the error the update introduces in
# North Korea's neighbour file is still listed after it
assert_out_has '**Lint: introduced**'
run pd diff profiles/laos.yaml --format markdown
assert_out_has '- Section added: Law \# fake heading \`\`\`'
assert_out_has '→ &#32;&#32;&#32;\+ fake nested list'
assert_out_has '## Laos\\033\]0;owned\\007 - fake item: introduced nothing'
run pd review main~1..main --format markdown
assert_out_has '*&#32;&#32;&#32;\+ fake nested list*'

# control characters shown as the messages show them, never obeyed: in
# Markdown and CSV (whose line ends are CRLF) as in the terminal, and in
# render's notes (the page itself gives the profile's bytes back, for
# import to read)
for cmd in "review main~1..main --format markdown" \
	"diff profiles/laos.yaml --format markdown" "changelog --format markdown" \
	"overview --format markdown" "overview --format csv" \
	"render profiles/laos.yaml --format markdown"; do
	(cd "$R" && "$PROFDIFF" $cmd 2>&1 | tr -d '\r' > "$TMP/term.out")
	assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'
done
(cd "$R" && "$PROFDIFF" render profiles/laos.yaml 2> "$TMP/term.out" >/dev/null)
assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'

test_case "html: no element or attribute from a payload"
for cmd in "review main~1..main" "diff profiles/laos.yaml" "changelog" "overview" "blame laos"; do
	run pd $cmd --format html
	printf '%s\n' "$out" > "$TMP/out.html"
	assert_true 'python3 "$TMP/html_check.py" "$TMP/out.html"'
	assert_true 'grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '"'"'none'"'"'" "$TMP/out.html"'
	assert_true 'python3 "$TMP/term_check.py" "$TMP/out.html"'
done
run pd review main~1..main --format html
assert_out_has '&lt;img src=x onerror=alert(1)&gt;'

test_case "atom: well-formed, its HTML inert, the noncharacter replaced"
run pd changelog --format atom -o "$TMP/feed.xml"
assert_rc 0
assert_true 'xmllint --noout "$TMP/feed.xml"'
assert_true '! grep -q "$(printf "\xef\xbf\xbe")" "$TMP/feed.xml"'
assert_true 'python3 "$TMP/term_check.py" "$TMP/feed.xml"'
python3 - "$TMP/feed.xml" "$TMP" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = '{http://www.w3.org/2005/Atom}'
for i, c in enumerate(ET.parse(sys.argv[1]).iter(ns + 'content')):
    open('%s/entry%d.html' % (sys.argv[2], i), 'w', encoding='utf-8').write(c.text or '')
EOF
for f in "$TMP"/entry*.html; do
	assert_true 'python3 "$TMP/html_check.py" "$f"'
done
assert_true 'grep -q "Payload" "$TMP"/entry*.html'

test_case "csv: formulas after a tab or a carriage return are text"
run pd overview --format csv
printf '%s' "$out" > "$TMP/out.csv"
assert_true 'python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))
cells = [c for r in rows for c in r]
assert \"'"'"'\t=1+1\" in cells and \"'"'"'\r=2+2\" in cells, cells
sys.exit(any(c[:1] in (\"=\", \"+\", \"-\", \"@\", \"\t\", \"\r\") for c in cells))
" "$TMP/out.csv"'

test_case "terminal: control characters shown, not obeyed"
# each command's text output, and lint's other line formats
for cmd in "review main~1..main" "diff profiles/laos.yaml" "blame laos" "log" \
	"lint" "lint --format gcc" "lint --format github"; do
	(cd "$R" && "$PROFDIFF" $cmd > "$TMP/term.out" 2>&1)
	assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'
done
(cd "$R" && "$PROFDIFF" textconv profiles/laos.yaml > "$TMP/term.out")
assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'
assert_true 'grep -qF "Payload \\033]0;title\\007\\033[8m" "$TMP/term.out"'
assert_true 'grep -qF "Reversed \\342\\200\\256etats ssel\\342\\200\\254" "$TMP/term.out"'
run pd log
assert_out_has 'Laos\033]0;owned\007'
# in colour, the renderer's own sequences stay and the profile's do not:
# its ESC [8m (conceal) is shown as text
run pd --color=always diff profiles/laos.yaml
assert_out_has $'\033''[1mLaos\033]0;owned\007'
assert_out_has 'Payload \033]0;title\007\033[8m'
assert_out_lacks $'\033''[8m'
# a file that does not parse is printed as it is, made inert too
printf 'not: [a profile\n\033]0;x\a\n' > "$TMP/broken.yaml"
"$PROFDIFF" textconv "$TMP/broken.yaml" > "$TMP/term.out"
assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'
assert_true 'grep -qF "\\033]0;x\\007" "$TMP/term.out"'

test_case "messages: a path in an error is made inert too"
run "$PROFDIFF" lint "$TMP/missing"$'\033'"]0;x"$'\a'".yaml"
assert_rc 2
assert_err_has 'missing\033]0;x\007.yaml: cannot open'
printf '%s' "$err" > "$TMP/term.out"
assert_true 'python3 "$TMP/term_check.py" "$TMP/term.out"'

test_case "pre-receive: the pusher sees a file name's escapes, not obeyed"
S=$TMP/server.git
git init -q --bare -b main "$S"
g remote add origin "$S"
run g push -q origin main
assert_rc 0
run "$PROFDIFF" -C "$S" hooks install
assert_rc 0
sed 's/^country: .*/country: Evil/; s/blockchain technology.\[7\]/blockchain technology.[78]/' \
	"$PROFILES/laos.yaml" > "$R/profiles/evil"$'\033'"]0;owned"$'\a'".yaml"
g add -A
g commit -qm "a broken citation under an escaped name" --no-verify
git -C "$R" push origin main 2> "$TMP/push.err" >/dev/null
assert_true '[ "$(git -C "$S" rev-parse main)" != "$(g rev-parse HEAD)" ]'
assert_true 'grep -qF "evil\\033]0;owned\\007.yaml" "$TMP/push.err"'
assert_true 'grep -qF "[78] cites footnote 78" "$TMP/push.err"'
# git's own "remote: " lines are the hook's stderr, byte for byte
assert_true 'python3 "$TMP/term_check.py" "$TMP/push.err"'

test_case "chromium: every page under its policy, with nothing refused"
if command -v chromium >/dev/null; then
	mkdir -p "$TMP/site"
	for page in "review main~1..main" "diff profiles/laos.yaml" "changelog" "overview" "blame laos"; do
		name=$(echo "$page" | cut -d' ' -f1)
		(cd "$R" && "$PROFDIFF" $page --format html > "$TMP/site/$name.html")
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run \
			--enable-logging=stderr --v=0 --user-data-dir="$TMP/chromium" \
			--dump-dom "file://$TMP/site/$name.html" > "$TMP/site/$name.dom" 2> "$TMP/site/$name.log"
		assert_true 'grep -q "</body>" "$TMP/site/$name.dom"'
		assert_true '! grep -qi "content security policy" "$TMP/site/$name.log"'
	done
	# the overview's own script ran: its tables are sortable
	assert_true 'grep -q "data-sorting=\"on\"" "$TMP/site/overview.dom"'
	# and a script of the payload's kind would not: the policy refuses it
	sed 's|</body>|<script>document.title="ran"</script></body>|' "$TMP/site/review.html" > "$TMP/site/injected.html"
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--enable-logging=stderr --v=0 --user-data-dir="$TMP/chromium" \
		--dump-dom "file://$TMP/site/injected.html" > "$TMP/site/injected.dom" 2> "$TMP/site/injected.log"
	assert_true '! grep -q "<title>ran</title>" "$TMP/site/injected.dom"'
	assert_true 'grep -qi "content security policy" "$TMP/site/injected.log"'
fi

finish
