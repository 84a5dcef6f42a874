# bash completion for profdiff: commands, options, profile names and
# published dates. The candidates come from `profdiff __complete`, which
# reads them from the program and the repository: nothing is listed here.

_profdiff() {
	local cur=${COMP_WORDS[COMP_CWORD]} line name files=0 dirs=0
	local -a words=()
	local IFS=$'\n'

	COMPREPLY=()
	for line in $("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null); do
		name=${line%%$'\t'*}
		case $name in
		__files) files=1 ;;
		__dirs) dirs=1 ;;
		*) words+=("$name") ;;
		esac
	done
	if [ ${#words[@]} -gt 0 ]; then
		COMPREPLY=($(compgen -W "${words[*]}" -- "$cur"))
	fi
	if [ $files = 1 ]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -- "$cur"))
	elif [ $dirs = 1 ]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -d -- "$cur"))
	fi
}

complete -F _profdiff profdiff
