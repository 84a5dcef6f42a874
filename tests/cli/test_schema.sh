# profdiff schema: a JSON Schema every real profile passes and the invalid
# ones fail, checked by a real validator (python3-jsonschema); init's
# editor set-up.
. "$(dirname "$0")/lib.sh"

validate="python3 $(dirname "$0")/validate_schema.py"

test_case "schema: a draft 2020-12 JSON Schema, the enumerations from the model"
run "$PROFDIFF" schema
assert_rc 0
assert_no_err
printf '%s\n' "$out" >"$TMP/schema.json"
assert_true 'jq -e ".\"\$schema\" == \"https://json-schema.org/draft/2020-12/schema\"" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e "[.properties | keys[]] | sort == [\"country\", \"footnotes\", \"footnotes_cited_elsewhere\", \"last_updated\", \"laws\", \"lint\", \"schema\", \"sections\", \"treaties\"]" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e ".\"\$defs\".law.properties.status.enum == [\"in-force\", \"draft\", \"proposed\", \"repealed\", \"adopted\", \"amended\", \"unknown\"]" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e ".\"\$defs\".law.properties.type.enum | length == 8" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e "[.\"\$defs\".treaties.properties | keys[]] | length == 13" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e ".\"\$defs\".treaties.properties.ICCPR.description == \"International Covenant on Civil and Political Rights\"" "$TMP/schema.json" >/dev/null'
assert_true 'jq -e ".\"\$defs\".ignore.properties.rule.enum | index(\"orphan-footnote\") != null" "$TMP/schema.json" >/dev/null'
# every key has a description to show on hover
assert_true 'jq -e "[.. | objects | select(has(\"properties\")) | .properties[] | has(\"description\")] | all" "$TMP/schema.json" >/dev/null'
# sections nest three deep, as the reader allows
assert_true 'jq -e ".\"\$defs\".section3.properties | has(\"sections\") | not" "$TMP/schema.json" >/dev/null'

test_case "the bundled profiles and the valid fixtures pass"
run $validate "$TMP/schema.json" "$PROFILES"/*.yaml "$FIXTURES"/yaml/valid/*.yaml "$FIXTURES"/yaml/canonical/*.yaml
assert_rc 0
assert_out_has "north-korea.yaml: valid"
assert_out_lacks "invalid"

test_case "the real pages' imports pass"
mkdir -p "$TMP/imported"
run "$PROFDIFF" import -q -o "$TMP/imported" "$PAGES"/*.txt
assert_rc 0
run $validate "$TMP/schema.json" "$TMP/imported"/*.yaml
assert_rc 0
assert_true '[ "$(printf "%s\n" "$out" | grep -c ": valid$")" = 3 ]'

# What a JSON Schema cannot see, the reader still rejects: YAML itself
# (syntax, encoding, documents, anchors, aliases, tags, keys that are not
# scalars, a NUL, control characters, flow nested past the parser's
# depth), a date that is not a real one, a key given twice.
not_json_schema="syntax-error.yaml invalid-utf8.yaml two-documents.yaml
anchor.yaml alias.yaml billion-laughs.yaml tag.yaml complex-key.yaml
nul-escape.yaml control-char.yaml flow-deep.yaml bad-date.yaml
duplicate-footnote.yaml duplicate-key.yaml duplicate-treaty.yaml"
checked=0
test_case "the invalid fixtures fail, but for what only the reader sees"
for f in "$FIXTURES"/yaml/invalid/*.yaml; do
	name=$(basename "$f")
	case " $(echo $not_json_schema) " in *" $name "*) continue ;; esac
	run $validate "$TMP/schema.json" "$f"
	assert_rc 1
	assert_out_has "$name: invalid: "
	checked=$((checked + 1))
done
assert_true '[ $checked -eq 29 ]'
run $validate "$TMP/schema.json" "$FIXTURES/yaml/errors/many.yaml"
assert_rc 1

test_case "the schema follows the repository's treaties"
mkdir -p "$TMP/repo"
printf 'treaties:\n  ASEAN-HR:\n    name: ASEAN Human Rights Declaration\n' >"$TMP/repo/.profdiff.yaml"
run "$PROFDIFF" -C "$TMP/repo" schema -o "$TMP/repo/s.json"
assert_rc 0
assert_true 'jq -e ".\"\$defs\".treaties.properties | has(\"ASEAN-HR\")" "$TMP/repo/s.json" >/dev/null'
run "$PROFDIFF" schema extra
assert_rc 2

test_case "init writes the schema and VS Code's settings, keeps the editor's"
run "$PROFDIFF" init "$TMP/new"
assert_rc 0
assert_same_file "$TMP/new/profile.schema.json" "$TMP/schema.json"
assert_true 'jq -e ".\"yaml.schemas\" == {\"./profile.schema.json\": \"profiles/*.yaml\"}" "$TMP/new/.vscode/settings.json" >/dev/null'
printf '{"editor.tabSize": 2}\n' >"$TMP/new/.vscode/settings.json"
run "$PROFDIFF" init "$TMP/new"
assert_rc 0
assert_true '[ "$(cat "$TMP/new/.vscode/settings.json")" = "{\"editor.tabSize\": 2}" ]'

finish
