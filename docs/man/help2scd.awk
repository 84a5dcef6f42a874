# help2scd.awk: a command's --help text as an scdoc man page, so that the
# man pages and --help are one source and cannot drift apart.
#
#   profdiff lint --help | awk -v cmd=lint -v summary="..." -f help2scd.awk
#
# The help text's parts: "usage:" lines (the synopsis), paragraphs, blocks
# of indented definitions ("  --staged   lint the ...", continued by lines
# indented further), and "Heading:" lines opening a block (the program's
# "Commands:" and "Options:"). cmd empty: the program's own page.

function esc(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/\*/, "\\*", s)
	gsub(/_/, "\\_", s)
	return s
}
function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}
function flush_para() {
	if (para != "") {
		body = body para "\n\n"
		para = ""
	}
}
function flush_def() {
	if (term != "") {
		body = body "*" esc(term) "*\n\t" esc(desc) "\n\n"
		term = ""
		desc = ""
	}
}
function heading(h) {
	flush_para()
	flush_def()
	body = body "# " toupper(h) "\n\n"
	indefs = 0
	indefs_block = 1
	pending_notes = 0
	if (h == "Options")
		named_options = 1
}

BEGIN {
	page = cmd == "" ? "profdiff" : "profdiff-" cmd
	section = "DESCRIPTION"
	insyn = 0
}

/^usage: / || (insyn && /^ +[^ ]/) {
	line = $0
	cont = line ~ /^ +[^ ]/ && line !~ /^ +profdiff /
	sub(/^usage: +/, "", line)
	line = trim(line)
	if (cont)
		synopsis = synopsis " " esc(line)
	else
		synopsis = synopsis (synopsis == "" ? "" : " ++\n") esc(line)
	insyn = 1
	next
}
{ insyn = 0 }

/^[A-Z][A-Za-z ]*:$/ {
	h = $0
	sub(/:$/, "", h)
	heading(h)
	next
}

/^ +-/ || (indefs_block && /^  [a-z][a-z-]* +[^ ]/) {
	# a definition: the term, two spaces or more, its text
	flush_para()
	flush_def()
	if (!indefs && !indefs_block && !named_options) {
		body = body "# OPTIONS\n\n"
		named_options = 1
	}
	indefs = 1
	line = $0
	match(line, /^ +/)
	defindent = RLENGTH
	line = substr(line, defindent + 1)
	if (match(line, /  +/)) {
		term = substr(line, 1, RSTART - 1)
		desc = trim(substr(line, RSTART + RLENGTH))
	} else {
		term = line
		desc = ""
	}
	next
}

/^ +[^ ]/ && term != "" {
	desc = desc (desc == "" ? "" : " ") trim($0)
	next
}

/^$/ {
	flush_para()
	flush_def()
	indefs_block = 0
	if (indefs) {
		indefs = 0
		pending_notes = !notes
	}
	next
}

{
	flush_def()
	if (pending_notes) {
		body = body "# NOTES\n\n"
		notes = 1
		pending_notes = 0
	}
	para = para (para == "" ? "" : "\n") esc(trim($0))
}

END {
	flush_para()
	flush_def()
	printf "%s(1)\n\n# NAME\n\n%s - %s\n\n# SYNOPSIS\n\n%s\n\n", page, page, esc(summary), synopsis
	printf "# DESCRIPTION\n\n%s", body
	printf "# SEE ALSO\n\n"
	if (cmd == "")
		printf "*git*(1), the README of profdiff\n"
	else
		printf "*profdiff*(1)\n"
}
