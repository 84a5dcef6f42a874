# Edit summaries: the first lines of the messages of a published
# revision's commits (every commit that touched the profile since the
# previous published revision), each once, oldest first, in log, in the
# changelog (Markdown, HTML, JSON, Atom's <summary>) and in blame (JSON,
# HTML); --no-summaries leaves them out of the changelog. A real
# repository: an update made in several commits, a message given twice,
# commits of another profile and an empty one between them, and a hostile
# message (terminal escapes, HTML, Markdown, a javascript: link, a comment)
# checked by parsing each output as its reader would.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
g() { git -C "$R" "$@"; }
pd() { (cd "$R" && "$PROFDIFF" "$@"); }
export GIT_CONFIG_NOSYSTEM=1
C="commit -q --no-verify"

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES/cambodia.yaml" "$PROFILES/north-korea.yaml" "$R/profiles/"
g add -A
g $C -m "Two profiles as published"
date_to() { sed -i "s/^last_updated: .*/last_updated: $1/" "$R/profiles/cambodia.yaml"; }
# the March update, in five commits of Cambodia, with others between;
# each update a change of fact (a negation), so the changelog lists it
date_to 2026-03-01
g $C -am "Cambodia: March update"
sed -i '0,/ is presently/ s/ is presently/ is not presently/' "$R/profiles/cambodia.yaml"
g $C -am "$(printf 'Cambodia: reword\n\nThe body is no summary.')"
sed -i 's/^country: North Korea$/country: "North Korea"/' "$R/profiles/north-korea.yaml"
g $C -am "North Korea: quotes"
g $C --allow-empty -m "an empty commit"
sed -i '0,/ is not presently/ s/ is not presently/ is not  presently/' "$R/profiles/cambodia.yaml"
g $C -am "Cambodia: reword"
sed -i '0,/ is not  presently/ s/ is not  presently/ is not presently/' "$R/profiles/cambodia.yaml"
g $C --allow-empty-message -am ""
# the April update: one hostile message, then a plain one
date_to 2026-04-01
HOSTILE=$(printf 'Evil \033]0;owned\007\033[8m <script>alert(1)</script> <img src=x onerror=alert(1)> <!-- x [a](javascript:alert(1)) <javascript:alert(1)> **b** \r- fake item')
g $C -am "$HOSTILE"
sed -i '0,/ is not presently/ s/ is not presently/ is presently/' "$R/profiles/cambodia.yaml"
g $C -am "Cambodia: April wording"
# a draft after the newest published revision: a version that does not
# parse is in no revision
printf 'schema: [\n' >>"$R/profiles/cambodia.yaml"
g $C -am "Cambodia: broken draft"

cat > "$TMP/term_check.py" <<'EOF'
import re, sys
t = open(sys.argv[1], 'rb').read().decode('utf-8', errors='strict')
m = re.search(r'[\x00-\x08\x0b-\x1f\x7f-\x9f]', t)
if m:
    print('control character %r at %d' % (m.group(), m.start()))
sys.exit(1 if m else 0)
EOF
cat > "$TMP/html_check.py" <<'EOF'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    bad = []
    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get('href') or ''
        if tag in ('img', 'script', 'iframe') or (tag == 'a' and href and
                not href.startswith(('http://', 'https://', '#'))):
            self.bad.append('element ' + tag + ' ' + href[:40])
        for k, v in attrs:
            if k.startswith('on'):
                self.bad.append('attribute ' + k)
    def handle_comment(self, data):
        self.bad.append('comment ' + data[:40])
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
print('\n'.join(p.bad))
sys.exit(1 if p.bad else 0)
EOF

test_case "log: each revision's edit summary under it, oldest first, each once"
run pd log cambodia
assert_rc 0
printf '%s\n' "$out" > "$TMP/log.out"
want=$(cat <<'EOF'
              Evil \033]0;owned\007\033[8m <script>alert(1)</script> <img src=x onerror=alert(1)> <!-- x [a](javascript:alert(1)) <javascript:alert(1)> **b** \015- fake item
              Cambodia: April wording
EOF
)
assert_true '[ "$(sed -n 3,4p "$TMP/log.out")" = "$want" ]'
assert_true '[ "$(sed -n 6,7p "$TMP/log.out")" = "              Cambodia: March update
              Cambodia: reword" ]'
assert_true '[ "$(sed -n 9p "$TMP/log.out")" = "              Two profiles as published" ]'
assert_true '[ "$(wc -l < "$TMP/log.out")" -eq 9 ]'
assert_out_lacks "North Korea: quotes"
assert_out_lacks "empty commit"
assert_out_lacks "body is no summary"
assert_out_lacks "broken draft"
assert_true 'python3 "$TMP/term_check.py" "$TMP/log.out"'
run pd log north-korea
assert_out_has "              Two profiles as published"
assert_out_lacks "Cambodia"

test_case "changelog json: revision.messages, raw text JSON-escaped"
run pd changelog --format json cambodia
assert_rc 0
printf '%s\n' "$out" > "$TMP/cl.json"
assert_true 'jq -e ".entries | map(.revision.messages) == [[\$h, \"Cambodia: April wording\"], [\"Cambodia: March update\", \"Cambodia: reword\"], [\"Two profiles as published\"]]" --arg h "$HOSTILE" "$TMP/cl.json" >/dev/null'
assert_true 'python3 "$TMP/term_check.py" "$TMP/cl.json"'
run pd changelog --format json --no-summaries cambodia
printf '%s\n' "$out" > "$TMP/cl-none.json"
assert_true 'jq -e "[.entries[].revision | has(\"messages\")] == [false, false, false]" "$TMP/cl-none.json" >/dev/null'
assert_true 'jq -e "del(.entries[].revision.messages)" "$TMP/cl.json" > "$TMP/a.json" && jq -e . "$TMP/cl-none.json" > "$TMP/b.json" && cmp -s "$TMP/a.json" "$TMP/b.json"'

test_case "changelog markdown: one escaped line, no block, tag or link from it"
run pd changelog --format markdown cambodia
assert_rc 0
printf '%s\n' "$out" > "$TMP/cl.md"
assert_out_has "*Edit summary:* Cambodia: March update; Cambodia: reword"
assert_out_has "*Edit summary:* Two profiles as published"
python3 - "$TMP/cl.md" > "$TMP/md.err" <<'EOF'
import re, sys
bad = []
for n, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n'), 1):
    if re.match(r'\s*([-+*>#|`~]|\d{1,9}[.)])?\s*\\?\s*fake', line):
        bad.append('%d: a block: %s' % (n, line))
    if not line.startswith('*Edit summary:*'):
        continue
    for m in re.finditer(r'(?<!\\)[<\[*`]', line[len('*Edit summary:*'):]):
        bad.append('%d: unescaped %s: %s' % (n, m.group(), line))
if bad: print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
py_rc=$?
assert_true '[ $py_rc -eq 0 ] && [ ! -s "$TMP/md.err" ]'
assert_true 'python3 "$TMP/term_check.py" "$TMP/cl.md"'
assert_true '[ "$(grep -c "^\*Edit summary:\*" "$TMP/cl.md")" -eq 3 ]'
assert_true 'grep -q "^\*Edit summary:\* Evil \\\\\\\\033\\\\\]0;owned" "$TMP/cl.md"'
run pd changelog --format markdown --no-summaries cambodia
assert_out_lacks "Edit summary"
assert_out_lacks "Evil"
assert_out_has "### Cambodia"

test_case "changelog html: the summary as text, nothing active"
run pd changelog --format html cambodia
printf '%s\n' "$out" > "$TMP/cl.html"
assert_out_has '<p class="edit"><i>Edit summary:</i> Cambodia: March update; Cambodia: reword</p>'
assert_out_has '&lt;script&gt;alert(1)&lt;/script&gt;'
assert_true 'python3 "$TMP/html_check.py" "$TMP/cl.html"'
assert_true 'python3 "$TMP/term_check.py" "$TMP/cl.html"'
run pd changelog --format html --no-summaries cambodia
assert_out_lacks "Edit summary"
assert_out_lacks "Evil"

test_case "changelog atom: the entry's <summary>, well-formed"
run pd changelog --format atom --feed-id example.org cambodia
printf '%s\n' "$out" > "$TMP/feed.xml"
assert_true 'xmllint --noout "$TMP/feed.xml"'
python3 - "$TMP/feed.xml" "$HOSTILE" > "$TMP/atom.err" <<'EOF'
import sys
import xml.etree.ElementTree as ET
ns = {'a': 'http://www.w3.org/2005/Atom'}
entries = ET.parse(sys.argv[1]).getroot().findall('a:entry', ns)
got = [e.find('a:summary', ns).text for e in entries]
shown = sys.argv[2].replace('\033', '\\033').replace('\007', '\\007').replace('\r', '\\015')
want = [shown + '; Cambodia: April wording',
        'Cambodia: March update; Cambodia: reword', 'Two profiles as published']
if got != want:
    print('summaries: %r' % got)
    sys.exit(1)
EOF
py_rc=$?
assert_true '[ $py_rc -eq 0 ] && [ ! -s "$TMP/atom.err" ]'
assert_true 'python3 "$TMP/term_check.py" "$TMP/feed.xml"'
run pd changelog --format atom --feed-id example.org --no-summaries cambodia
printf '%s\n' "$out" > "$TMP/feed-none.xml"
assert_out_lacks "<summary>"
assert_true 'xmllint --noout "$TMP/feed-none.xml"'
assert_true '[ "$(grep -vc "<summary>" "$TMP/feed.xml")" -eq "$(wc -l < "$TMP/feed-none.xml")" ]'

test_case "blame json and html: each revision's edit summary"
run pd blame --format json cambodia
assert_rc 0
printf '%s\n' "$out" > "$TMP/blame.json"
assert_true 'jq -e "[.claims[] | select(.text | startswith(\"Cambodia is presently\"))][0] | .introduced.messages == [\"Two profiles as published\"] and .changed.messages == [\$h, \"Cambodia: April wording\"]" --arg h "$HOSTILE" "$TMP/blame.json" >/dev/null'
assert_true 'python3 "$TMP/term_check.py" "$TMP/blame.json"'
run pd blame --format html cambodia
printf '%s\n' "$out" > "$TMP/blame.html"
assert_out_has ": introduced — Two profiles as published</li>"
assert_out_has " — Evil \\033]0;owned\\007\\033[8m &lt;script&gt;"
assert_true 'python3 "$TMP/html_check.py" "$TMP/blame.html"'
assert_true 'python3 "$TMP/term_check.py" "$TMP/blame.html"'

test_case "a merge's summary: the lines of the commits it brought in, then its own"
M=$TMP/merged
git init -q -b main "$M"
git -C "$M" config user.name "Ada Editor"
git -C "$M" config user.email ada@example.org
"$PROFDIFF" init "$M" >/dev/null
cp "$PROFILES/cambodia.yaml" "$PROFILES/north-korea.yaml" "$M/profiles/"
git -C "$M" add -A
git -C "$M" $C -m "As published"
sed -i "s/^last_updated: .*/last_updated: 2026-03-01/" "$M/profiles/cambodia.yaml"
git -C "$M" $C -am "Cambodia: March update"
git -C "$M" switch -q -c stateless
sed -i '0,/ is presently/ s/ is presently/ is not presently/' "$M/profiles/cambodia.yaml"
git -C "$M" $C -am "Cambodia: accession to the 1954 Convention"
sed -i 's/^country: North Korea$/country: "North Korea"/' "$M/profiles/north-korea.yaml"
git -C "$M" $C -am "North Korea: quotes"
git -C "$M" switch -q main
sed -i '0,/Cambodia has also developed/ s/Cambodia has also developed/Cambodia has developed/' "$M/profiles/cambodia.yaml"
git -C "$M" $C -am "Cambodia: data protection law adopted"
git -C "$M" merge -q --no-edit stateless
run sh -c 'cd "$1" && "$2" log cambodia' sh "$M" "$PROFDIFF"
assert_rc 0
printf '%s\n' "$out" | sed -n '/2026-03-01/,/2026-01-20/p' | sed '1d;$d' |
	sed 's/^ *//' >"$TMP/merged.lines"
printf '%s\n' "Cambodia: March update" \
	"Cambodia: data protection law adopted" \
	"Cambodia: accession to the 1954 Convention" \
	"Merge branch 'stateless'" >"$TMP/merged.want"
assert_same_file "$TMP/merged.lines" "$TMP/merged.want"

finish
