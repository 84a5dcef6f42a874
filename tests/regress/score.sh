#!/bin/sh
# The semantic diff scored on revision pairs of the three real pages.
#
#   tests/regress/score.sh PROFDIFF FIXTURES [MIN]
#
# Each FIXTURES/regress/NN-name/ holds an edited page (after.txt), the page
# it was made from (`base` names it, relative to FIXTURES; or before.txt),
# and expected.txt: one line per change that matters,
#
#   kind | what it is about | detail
#
# where "what it is about" is the start of the change's subject (a law's
# name, a treaty id, a claim's text — the text after, for a rewording —, a
# source's label, a section's title) and the optional detail must be part
# of what the change says ("status=draft>adopted", "factual=true",
# "editorial=true", "class=factual why=month", "url"). An empty expected.txt is a noise-only pair:
# nothing may be reported. `profdiff diff --format json` of each pair is
# matched against its lines (last_updated.changed is not scored); recall is
# the share of expected lines found, precision the share of reported
# changes expected. Exits 1 when either is below MIN (default 0.95) or a
# noise pair reports anything.
set -u
PROFDIFF=$1
FIXTURES=$2
MIN=${3:-0.95}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One "kind<TAB>subject<TAB>detail" line per change.
to_lines='
def fields: (.fields // {}) | to_entries
  | map("\(.key)=\(.value[0] // "")>\(.value[1] // "")") | join(";");
.changes[] | select(.kind != "last_updated.changed") |
if (.kind | startswith("law.")) then
  if .kind == "law.changed" then [.kind, .law, fields]
  else [.kind, .law.name, "status=\(.law.status)"] end
elif .kind == "treaty.changed" then [.kind, .treaty, "\(.from)>\(.to)"]
elif (.kind | startswith("treaty.")) then [.kind, .treaty, "status=\(.status)"]
elif .kind == "claim.reworded" then
  [.kind, .to,
   "factual=\(.factual) editorial=\(.editorial) class=\(.class) why=\(.why)"]
elif .kind == "claim.moved" then [.kind, .text, "editorial=\(.editorial)"]
elif .kind == "claim.split" then [.kind, .from, ""]
elif .kind == "claim.merged" then [.kind, .to, ""]
elif (.kind | startswith("claim.")) then [.kind, .text, ""]
elif .kind == "source.changed" then
  [.kind, .source, (.fields | keys | join(";"))]
elif (.kind | startswith("source.")) then [.kind, .source.label, ""]
elif .kind == "section.renamed" then [.kind, .to, "from=\(.from)"]
else [.kind, (.title // ""), ""] end
| map(gsub("[\t\n]"; " ")) | join("\t")'

total_exp=0 total_hit=0 total_rep=0 total_ok=0 noise_bad=0 pairs=0
for dir in "$FIXTURES"/regress/*/; do
	name=$(basename "$dir")
	if [ -f "$dir/before.txt" ]; then
		before=$dir/before.txt
	else
		before=$FIXTURES/$(cat "$dir/base")
	fi
	if ! "$PROFDIFF" diff --format json "$before" "$dir/after.txt" \
		>"$TMP/d.json" 2>"$TMP/err"; then
		echo "$name: profdiff diff failed: $(cat "$TMP/err")"
		exit 2
	fi
	jq -r "$to_lines" "$TMP/d.json" >"$TMP/got" || exit 2
	# greedy one-to-one matching, expected lines in order
	awk -F'\t' -v name="$name" -v got="$TMP/got" '
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	BEGIN {
		n = 0
		while ((getline line < got) > 0) {
			split(line, f, "\t")
			n++; kind[n] = f[1]; subj[n] = f[2]; det[n] = f[3]
			used[n] = 0
		}
	}
	NF == 0 || /^#/ { next }
	{
		split($0, e, "|")
		k = trim(e[1]); s = trim(e[2]); d = trim(e[3])
		nexp++
		for (i = 1; i <= n; i++)
			if (!used[i] && kind[i] == k &&
			    substr(subj[i], 1, length(s)) == s &&
			    (d == "" || index(det[i], d) > 0)) {
				used[i] = 1; hit++; break
			}
		if (i > n)
			printf "%s: missed   %s | %s | %s\n", name, k, s, d
	}
	END {
		for (i = 1; i <= n; i++)
			if (!used[i])
				printf "%s: reported %s | %.70s | %s\n", name,
				       kind[i], subj[i], det[i]
		printf "%d %d %d\n", nexp + 0, hit + 0, n > "/dev/stderr"
	}' "$dir/expected.txt" 2>"$TMP/counts"
	read -r e h r <"$TMP/counts"
	if [ "$e" -eq 0 ] && [ "$r" -gt 0 ]; then
		noise_bad=$((noise_bad + 1))
	fi
	total_exp=$((total_exp + e))
	total_hit=$((total_hit + h))
	total_rep=$((total_rep + r))
	total_ok=$((total_ok + h))
	pairs=$((pairs + 1))
done

awk -v e="$total_exp" -v h="$total_hit" -v r="$total_rep" -v p="$pairs" \
    -v nb="$noise_bad" -v min="$MIN" 'BEGIN {
	recall = e ? h / e : 1
	precision = r ? h / r : 1
	printf "%d pairs: %d changes expected, %d reported, %d matched\n",
	       p, e, r, h
	printf "recall %.3f  precision %.3f  noise pairs with a report: %d\n",
	       recall, precision, nb
	exit !(recall >= min && precision >= min && nb == 0)
}'
