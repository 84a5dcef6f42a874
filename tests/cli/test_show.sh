# profdiff show: a profile or a page, in canonical YAML.
. "$(dirname "$0")/lib.sh"

test_case "a YAML profile is printed in canonical form"
run "$PROFDIFF" show "$FIXTURES/yaml/valid/flow.yaml"
assert_rc 0
printf '%s\n' "$out" > "$TMP/flow.yaml"
assert_same_file "$TMP/flow.yaml" "$FIXTURES/yaml/canonical/flow.yaml"

test_case "a page is imported on the fly, silently"
run "$PROFDIFF" show "$PAGES/north-korea.txt"
assert_rc 0
assert_no_err
assert_out_has "country: North Korea"
assert_out_has "  36: Matamis (n 28)."

test_case "errors"
run "$PROFDIFF" show "$FIXTURES/yaml/invalid/tag.yaml"
assert_rc 2
assert_err "profdiff: error: $FIXTURES/yaml/invalid/tag.yaml:2:10: tags are not allowed in a profile ('tag:yaml.org,2002:str')"
run "$PROFDIFF" show
assert_rc 2
assert_err_has "show: give one PROFILE"

test_case "fmt refuses a page"
cp "$PAGES/laos.txt" "$TMP/laos.txt"
run "$PROFDIFF" fmt "$TMP/laos.txt"
assert_rc 2
assert_err "profdiff: error: $TMP/laos.txt: fmt rewrites YAML profiles; read a page with 'profdiff import'"
assert_same_file "$TMP/laos.txt" "$PAGES/laos.txt"

test_case "show and textconv read with the repository's own treaties"
mkdir -p "$TMP/extra/profiles"
git init -q "$TMP/extra"
printf 'treaties:\n  ASEAN-HRD:\n    name: ASEAN Human Rights Declaration\n    aliases: [AHRD]\n' >"$TMP/extra/.profdiff.yaml"
sed 's/^treaties:$/treaties:\n  ASEAN-HRD: party/' "$PROFILES/cambodia.yaml" >"$TMP/extra/profiles/cambodia.yaml"
assert_true 'grep -q "ASEAN-HRD: party" "$TMP/extra/profiles/cambodia.yaml"'
run "$PROFDIFF" -C "$TMP/extra" show profiles/cambodia.yaml
assert_rc 0
assert_out_has "ASEAN-HRD: party"
run "$PROFDIFF" -C "$TMP/extra" textconv profiles/cambodia.yaml
assert_rc 0
assert_out_has "ASEAN-HRD"
assert_out_lacks "schema: 1"
# outside the repository the treaty is unknown: show refuses it
cp "$TMP/extra/profiles/cambodia.yaml" "$TMP/lone.yaml"
run "$PROFDIFF" -C "$TMP" show lone.yaml
assert_rc 2
assert_err_has "ASEAN-HRD"

finish
