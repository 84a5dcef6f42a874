# fish completion for profdiff: commands, options, profile names and
# published dates, from `profdiff __complete` (the program and the
# repository say what there is; nothing is listed here).

function __profdiff_complete
    # the words before the cursor, and the one completed (maybe empty)
    set -l cur (commandline -ct)
    set -l words (commandline -opc) "$cur"
    for line in ($words[1] __complete $words[2..-1] 2>/dev/null)
        switch $line
            case __files
                __fish_complete_path (commandline -ct)
            case __dirs
                __fish_complete_directories (commandline -ct)
            case '*'
                echo $line
        end
    end
end

complete -c profdiff -f -a '(__profdiff_complete)'
