# profdiff review: an update as a whole, on real repositories: ranges with
# added, deleted, modified and renamed profiles; findings introduced and
# fixed, matched by what they are about; staged and worktree; exit status;
# every format; the pre-receive hook; 200 profiles at once.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff
R=$TMP/repo
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1
review() { (cd "$R" && "$PROFDIFF" review "$@"); }
# json_get EXPR: EXPR over the JSON on stdin (d), printed as JSON unless
# it is a string
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); v=($1); print(v if isinstance(v, str) else json.dumps(v))"; }

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES"/cambodia.yaml "$PROFILES"/laos.yaml "$PROFILES"/north-korea.yaml "$R/profiles/"
# as they were before footnotes_cited_elsewhere: orphans to fix below
sed -i '/^footnotes_cited_elsewhere:/d' "$R"/profiles/*.yaml
# the bundled Laos page carries no date; this one is published
sed -i 's/^country: Laos$/country: Laos\nlast_updated: 2026-01-20/' "$R/profiles/laos.yaml"
g add -A
g commit -qm "three profiles" --no-verify

test_case "BASE..HEAD: added, deleted, modified and renamed profiles"
g checkout -qb update
# renamed, with a citation broken on the way
g mv profiles/cambodia.yaml profiles/kingdom-of-cambodia.yaml
sed -i 's/^last_updated: 2026-01-20/last_updated: 2026-03-01/; s/\[15\]/[95]/' "$R/profiles/kingdom-of-cambodia.yaml"
# deleted
g rm -q profiles/laos.yaml
# modified: a treaty acceded to, dated
cp "$D/ratification/after.yaml" "$R/profiles/north-korea.yaml"
# added: a profile imported from a page
"$PROFDIFF" import -q -o "$R/profiles/timor-leste.yaml" "$PAGES/north-korea.txt"
sed -i 's/^country: .*/country: Timor-Leste/' "$R/profiles/timor-leste.yaml"
g add -A
g commit -qm "the update" --no-verify
# main moves on after the fork: BASE..HEAD does not see it
g checkout -q main
sed -i 's/^last_updated: 2026-01-20/last_updated: 2026-04-01/' "$R/profiles/laos.yaml"
g commit -qam "laos on main" --no-verify
g checkout -q update
run review main..update --format json
assert_rc 1
printf '%s' "$out" > "$TMP/range.json"
assert_true 'python3 -m json.tool "$TMP/range.json" >/dev/null'
assert_true '[ "$(json_get "d[\"schema\"]" < "$TMP/range.json")" = profdiff.review.v1 ]'
assert_true '[ "$(json_get "\" \".join(p[\"profile\"]+\":\"+p[\"status\"] for p in d[\"profiles\"])" < "$TMP/range.json")" = "kingdom-of-cambodia:renamed laos:deleted north-korea:modified timor-leste:added" ]'
# where the branch forked, not main's tip
assert_true '[ "$(json_get "d[\"base\"][\"commit\"]" < "$TMP/range.json")" = "$(g merge-base main update)" ]'
assert_true '[ "$(json_get "d[\"head\"][\"commit\"]" < "$TMP/range.json")" = "$(g rev-parse update)" ]'
assert_true '[ "$(json_get "d[\"profiles\"][1][\"from\"][\"last_updated\"]" < "$TMP/range.json")" = 2026-01-20 ]'
assert_true '[ "$(json_get "d[\"profiles\"][0][\"old_path\"]" < "$TMP/range.json")" = profiles/cambodia.yaml ]'
assert_true '[ "$(json_get "\"treaty.changed\" in [c[\"kind\"] for c in d[\"profiles\"][2][\"changes\"]]" < "$TMP/range.json")" = true ]'
# the rename broke a citation: one error introduced there, the footnote
# left uncited an orphan; the deleted profile fixes its own findings
assert_true '[ "$(json_get "[f[\"rule\"] for f in d[\"profiles\"][0][\"lint\"][\"introduced\"]]" < "$TMP/range.json")" = "[\"dangling-citation\", \"orphan-footnote\"]" ]'
assert_true '[ "$(json_get "d[\"profiles\"][0][\"lint\"][\"introduced\"][0][\"footnote\"]" < "$TMP/range.json")" = 95 ]'
assert_true '[ "$(json_get "len(d[\"profiles\"][1][\"lint\"][\"introduced\"])" < "$TMP/range.json")" = 0 ]'
assert_true '[ "$(json_get "len(d[\"profiles\"][1][\"lint\"][\"fixed\"]) > 10" < "$TMP/range.json")" = true ]'
assert_true '[ "$(json_get "d[\"profiles\"][3][\"summary\"][\"kinds\"][\"section.added\"] >= 5" < "$TMP/range.json")" = true ]'
assert_true '[ "$(json_get "d[\"summary\"][\"profiles\"]" < "$TMP/range.json")" = 4 ]'
assert_true '[ "$(json_get "d[\"summary\"][\"introduced\"][\"error\"]" < "$TMP/range.json")" = 1 ]'

test_case "BASE alone is compared with HEAD; BASE...HEAD is BASE..HEAD"
run review main --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"base\"][\"commit\"]")" = "$(g rev-parse main)" ]'
# main's later laos edit is now part of the comparison: laos was at 2026-04-01
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"profiles\"][1][\"from\"][\"last_updated\"]")" = 2026-04-01 ]'
run review main...update --format json
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"base\"][\"commit\"]")" = "$(g merge-base main update)" ]'

test_case "text and markdown"
run review main..update
assert_rc 1
assert_out_has "Review: main ($(g merge-base main update | cut -c1-10)) -> update ($(g rev-parse update | cut -c1-10))"
assert_out_has "4 profiles"
assert_out_has "== kingdom-of-cambodia  profiles/kingdom-of-cambodia.yaml"
assert_out_has "renamed from profiles/cambodia.yaml, 2026-01-20 to 2026-03-01"
assert_out_has "profiles/kingdom-of-cambodia.yaml:13:56: error: [95] cites footnote 95, which does not exist [dangling-citation]"
assert_out_has "new profile: "
run review main..update --format markdown
assert_rc 1
assert_out_has "| Profile | Status | Changes | Substantive | Introduced | Fixed |"
assert_out_has "| kingdom-of-cambodia | renamed |"
assert_true '[ "$(printf "%s" "$out" | grep -c "^<details><summary>")" = 4 ]'
assert_true '[ "$(printf "%s" "$out" | grep -c "^</details>")" = 4 ]'
assert_out_has "**Lint: introduced**"
assert_out_lacks "the HTML and JSON reviews list them all"
assert_out_has "- error \`dangling-citation\` line 13: \\[95\\] cites footnote 95"

test_case "sarif holds the introduced findings only, where they are in HEAD"
run review main..update --format sarif
assert_rc 1
printf '%s' "$out" > "$TMP/r.sarif"
assert_true '[ "$(json_get "len(d[\"runs\"][0][\"results\"])" < "$TMP/r.sarif")" = "$(json_get "sum(len(p[\"lint\"][\"introduced\"]) for p in d[\"profiles\"])" < "$TMP/range.json")" ]'
assert_true '[ "$(json_get "d[\"runs\"][0][\"results\"][0][\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"]" < "$TMP/r.sarif")" = profiles/kingdom-of-cambodia.yaml ]'
assert_true '[ "$(json_get "d[\"runs\"][0][\"results\"][0][\"locations\"][0][\"physicalLocation\"][\"region\"][\"startLine\"]" < "$TMP/r.sarif")" = 13 ]'
assert_true 'json_get "d[\"runs\"][0][\"results\"][0][\"partialFingerprints\"][\"profdiffAbout/v1\"]" < "$TMP/r.sarif" | grep -q "^dangling-citation/"'

test_case "html: one self-contained page with a table of contents"
run review main..update --format html -o "$TMP/review.html"
assert_rc 1
assert_true '[ -s "$TMP/review.html" ]'
assert_true 'fetches_nothing "$TMP/review.html"'
assert_true '[ "$(grep -o "<li><a href=\"#p[0-9]*\">" "$TMP/review.html" | wc -l)" = 4 ]'
assert_true '[ "$(grep -o "<section class=\"profile\" id=\"p[0-9]*\">" "$TMP/review.html" | wc -l)" = 4 ]'
if command -v chromium >/dev/null; then
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --dump-dom "file://$TMP/review.html" > "$TMP/dom.html" 2>/dev/null
	assert_true 'grep -q "<nav><h2>Profiles</h2>" "$TMP/dom.html" && grep -q "id=\"p4\"" "$TMP/dom.html" && grep -q "dangling-citation" "$TMP/dom.html"'
else
	ko "chromium is not installed (scripts/test.sh installs it)"
fi

test_case "renumbered footnotes and re-wrapped lines introduce and fix nothing"
g checkout -q main
# the same footnotes, renumbered: each marker and note moved up by 100,
# and the YAML written anew by fmt (lines re-wrapped)
python3 - "$R/profiles/cambodia.yaml" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"\[(\d+)\]", lambda m: "[%d]" % (int(m.group(1)) + 100), s)
s = re.sub(r"^  (\d+):", lambda m: "  %d:" % (int(m.group(1)) + 100), s, flags=re.M)
s = re.sub(r"\(n (\d+)\)", lambda m: "(n %d)" % (int(m.group(1)) + 100), s)
open(p, "w", encoding="utf-8").write(s)
EOF
run "$PROFDIFF" fmt "$R/profiles/cambodia.yaml"
assert_rc 0
run review --format json
assert_rc 0
assert_true '[ "$(printf "%s" "$out" | json_get "[(p[\"profile\"], len(p[\"changes\"]), len(p[\"lint\"][\"introduced\"]), len(p[\"lint\"][\"fixed\"]), p[\"lint\"][\"unchanged\"] > 5) for p in d[\"profiles\"]]")" = "[[\"cambodia\", 0, 0, 0, true]]" ]'
g checkout -q -- profiles/cambodia.yaml

test_case "an update that fixes some findings and introduces others"
# drop the footnotes nobody cites (their orphan warnings are fixed), and
# cite a footnote that does not exist (an error is introduced)
run "$PROFDIFF" lint --format json "$R/profiles/laos.yaml"
orphans=$(printf '%s' "$out" | json_get "[f['footnote'] for f in d['files'][0]['findings'] if f['rule']=='orphan-footnote' and 'refer' not in f['message']]")
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-04-02/; s/blockchain technology.\[7\]/blockchain technology.[77]/' "$R/profiles/laos.yaml"
python3 - "$R/profiles/laos.yaml" "$orphans" <<'EOF'
import ast, re, sys
p, orphans = sys.argv[1], set(ast.literal_eval(sys.argv[2]))
lines = open(p, encoding="utf-8").read().split("\n")
out, skip = [], False
for line in lines:
    m = re.match(r"^  (\d+):", line)
    if m:
        skip = int(m.group(1)) in orphans
    elif not line.startswith("    "):
        skip = False
    if not skip:
        out.append(line)
open(p, "w", encoding="utf-8").write("\n".join(out))
EOF
run review --format json
printf '%s' "$out" > "$TMP/fix.json"
assert_rc 1
assert_true '[ "$(json_get "sorted(set(f[\"rule\"] for f in d[\"profiles\"][0][\"lint\"][\"fixed\"]))" < "$TMP/fix.json")" = "[\"orphan-footnote\"]" ]'
assert_true '[ "$(json_get "len(d[\"profiles\"][0][\"lint\"][\"fixed\"])" < "$TMP/fix.json")" = "$(python3 -c "print(len($orphans))")" ]'
assert_true '[ "$(json_get "[(f[\"rule\"], f[\"footnote\"]) for f in d[\"profiles\"][0][\"lint\"][\"introduced\"]]" < "$TMP/fix.json")" = "[[\"dangling-citation\", 77], [\"orphan-footnote\", 7]]" ]'
assert_true '[ "$(json_get "d[\"summary\"][\"fixed\"][\"warning\"]" < "$TMP/fix.json")" = "$(python3 -c "print(len($orphans))")" ]'

test_case "--fail-on: the exit status at each level"
# the update above introduces an error; a warning-only update next
run review --fail-on error; assert_rc 1
run review --fail-on never; assert_rc 0
g checkout -q -- profiles/laos.yaml
sed -i 's/blockchain technology.\[7\]/blockchain technology./' "$R/profiles/laos.yaml"
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-04-02/' "$R/profiles/laos.yaml"
run review --format json
assert_true '[ "$(printf "%s" "$out" | json_get "[d[\"summary\"][\"introduced\"][k] for k in (\"error\",\"warning\",\"info\")]")" = "[0, 1, 0]" ]'
run review --fail-on error; assert_rc 0
run review; assert_rc 0
run review --fail-on warning; assert_rc 1
run review --fail-on info; assert_rc 1
run review --fail-on never; assert_rc 0
run review --fail-on sometimes; assert_rc 2
assert_err_has "--fail-on takes error, warning, info or never"
g checkout -q -- profiles/laos.yaml

test_case "--staged reviews the index, --worktree the working tree"
sed -i 's/according to Daily NK.\[23\]/according to Daily NK.[97]/' "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-04-03/' "$R/profiles/laos.yaml"
run review --staged --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "[p[\"profile\"] for p in d[\"profiles\"]], d[\"head\"]")" = "[[\"north-korea\"], {\"rev\": \"staged\", \"commit\": null}]" ]'
run review --worktree --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "[p[\"profile\"] for p in d[\"profiles\"]], d[\"head\"][\"rev\"]")" = "[[\"laos\", \"north-korea\"], \"worktree\"]" ]'
# an untracked new profile is part of the working tree
cp "$PROFILES/cambodia.yaml" "$R/profiles/cambodia-copy.yaml"
run review --format json
assert_true '[ "$(printf "%s" "$out" | json_get "[p[\"profile\"]+\":\"+p[\"status\"] for p in d[\"profiles\"]]")" = "[\"cambodia-copy:added\", \"laos:modified\", \"north-korea:modified\"]" ]'
rm "$R/profiles/cambodia-copy.yaml"
g reset -q --hard

test_case "a profile that no longer parses is the first finding, exit 2"
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-04-05/' "$R/profiles/laos.yaml"
printf 'country: [unclosed\n' > "$R/profiles/north-korea.yaml"
run review --format json
assert_rc 2
assert_err_has "profiles/north-korea.yaml:"
assert_err_has "(no longer parses)"
assert_true '[ "$(printf "%s" "$out" | json_get "(d[\"profiles\"][0][\"profile\"], d[\"profiles\"][0][\"parses\"], d[\"profiles\"][0][\"lint\"][\"introduced\"][0][\"rule\"], len(d[\"profiles\"][0][\"lint\"][\"fixed\"]), d[\"summary\"][\"broken\"])")" = "[\"north-korea\", false, \"schema\", 0, 1]" ]'
run review
assert_rc 2
assert_out_has "no longer parses"
g reset -q --hard

test_case "trouble: a bad range, a bare repository's working tree, bad usage"
run review nosuchbranch..main
assert_rc 2
assert_err_has "unknown revision 'nosuchbranch'"
run review main --staged
assert_rc 2
run review --format atom
assert_rc 2
git init -q --bare "$TMP/bare.git"
run "$PROFDIFF" -C "$TMP/bare.git" review
assert_rc 2
assert_err_has "a bare repository has no working tree"
run review -o "$TMP/nodir/out.json" main..update
assert_rc 2
assert_true '[ ! -e "$TMP/nodir/out.json" ]'

test_case "pre-receive reviews the pushed range: new errors are refused"
S=$TMP/server.git
git init -q --bare -b main "$S"
g remote add origin "$S"
# the history so far, with its old findings, is there before the hook
run g push -q origin main
assert_rc 0
run "$PROFDIFF" -C "$S" hooks install
assert_rc 0
# a push that leaves an old finding alone but adds none is let in
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-04-06/' "$R/profiles/laos.yaml"
g commit -qam "laos re-dated" --no-verify
run g push origin main
assert_rc 0
sed -i 's/^last_updated: 2026-04-06/last_updated: 2026-04-07/; s/blockchain technology.\[7\]/blockchain technology.[78]/' "$R/profiles/laos.yaml"
g commit -qam "broken citation" --no-verify
run g push origin main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profiles/laos.yaml:12:"
assert_err_has "[78] cites footnote 78, which does not exist [dangling-citation]"
assert_err_has "push rejected"
assert_true '[ "$(git -C "$S" rev-parse main)" != "$(g rev-parse HEAD)" ]'
# a new branch is reviewed from where it forks from the server's HEAD
run g push origin HEAD:refs/heads/topic
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "[78] cites footnote 78"
# the findings that were there before are not the push's
case "$err" in *"[6] cites footnote 6"*) ko "an old finding was blamed on the push" ;; *) ok ;; esac
# fixed, the push goes in
sed -i 's/blockchain technology.\[78\]/blockchain technology.[7]/' "$R/profiles/laos.yaml"
g commit -qam "citation fixed" --no-verify
run g push -q origin main
assert_rc 0
assert_true '[ "$(git -C "$S" rev-parse main)" = "$(g rev-parse HEAD)" ]'

test_case "the profiles directory comes from .profdiff.yaml"
O=$TMP/other
git init -q -b main "$O"
mkdir -p "$O/content/country-profiles" "$O/data"
printf 'profiles: content/country-profiles/\n' > "$O/.profdiff.yaml"
cp "$PROFILES/cambodia.yaml" "$O/content/country-profiles/"
cp "$PROFILES/laos.yaml" "$O/data/"
git -C "$O" add -A
git -C "$O" -c user.name=E -c user.email=e@example.org commit -qm base --no-verify
sed -i 's/\[15\]/[95]/' "$O/content/country-profiles/cambodia.yaml" "$O/data/laos.yaml"
sed -i 's/\[6\]/[96]/' "$O/data/laos.yaml"
run "$PROFDIFF" -C "$O/content" review --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "[p[\"path\"] for p in d[\"profiles\"]]")" = "[\"content/country-profiles/cambodia.yaml\"]" ]'

test_case "200 profiles changed at once, reviewed in under 2 s"
B=$TMP/big
git init -q -b main "$B"
"$PROFDIFF" init "$B" >/dev/null
for i in $(seq 1 200); do
	case $((i % 3)) in
	0) src=cambodia ;; 1) src=laos ;; *) src=north-korea ;;
	esac
	sed "s/^country: \(.*\)/country: \1 $i/" "$PROFILES/$src.yaml" > "$B/profiles/p$i.yaml"
done
git -C "$B" add -A
git -C "$B" -c user.name=E -c user.email=e@example.org commit -qm base --no-verify
for i in $(seq 1 200); do
	sed -i 's/^last_updated: \(....\)-\(..\)-\(..\)/last_updated: 2026-06-30/; s/ is / was /' "$B/profiles/p$i.yaml"
done
git -C "$B" add -A
git -C "$B" -c user.name=E -c user.email=e@example.org commit -qm all --no-verify
start=$(date +%s%N)
run "$PROFDIFF" -C "$B" review main~1..main --format json
end=$(date +%s%N)
# "is" -> "was": a plain rewording, counted in its own bucket; the
# buckets add up to the changes
assert_true '[ "$(printf "%s" "$out" | json_get "(d[\"summary\"][\"profiles\"], all(p[\"summary\"][\"reworded\"] > 0 and sum(p[\"summary\"][k] for k in (\"substantive\", \"editorial\", \"reworded\", \"moved\", \"date\")) == p[\"summary\"][\"changes\"] for p in d[\"profiles\"]))")" = "[200, true]" ]'
ms=$(((end - start) / 1000000))
echo "200 profiles reviewed in $ms ms"
# the limit holds for an optimised build; a sanitised one is given 5x,
# and a run under valgrind PROFDIFF_SLOW times as long
limit=$((2000 * ${PROFDIFF_SLOW:-1}))
if grep -aqm1 __asan_init "$PROFDIFF_BIN"; then
	limit=$((limit * 5))
fi
assert_true '[ "$ms" -lt "$limit" ]'
# as a merge-request comment: every profile, within a comment's size
run "$PROFDIFF" -C "$B" review main~1..main --format markdown
assert_rc 0
assert_true '[ "$(printf "%s" "$out" | wc -c)" -le 60000 ]'
assert_true '[ "$(printf "%s" "$out" | grep -c "^<details><summary><b>p[0-9]*</b>")" = 200 ]'
assert_out_has "the HTML and JSON reviews list them all"
assert_true '[ "$(printf "%s" "$out" | grep -c "^Changes: ")" -gt 100 ]'

finish
