#!/bin/sh
# The core knows nothing of files, git, YAML or terminals (docs/DESIGN.md,
# section 10): no object of the core library may call a function that
# reads, writes or asks the world outside the process. Formatting into
# memory (snprintf, vsnprintf) is no I/O.
#
#   tests/layers/core-io.sh path/to/libprofdiff_core.a
#
# Exit 0 when the library calls none of them; 1 with the calls listed.
set -eu
lib=$1
found=$(nm -u "$lib" | awk '{ print $2 }' | sed 's/@.*//' | sort -u | grep -E \
	'^(_IO_|f?open(at)?(64)?$|fdopen$|f?close$|f?read$|f?write$|fgets$|fgetc$|getc$|getchar$|getline$|fputs$|fputc$|puts$|putc$|putchar$|v?f?printf$|perror$|fflush$|fseeko?$|ftello?$|setvbuf$|f?stat(64)?$|lstat(64)?$|mmap(64)?$|munmap$|opendir$|readdir(64)?$|closedir$|unlink$|rename$|mkdir$|dup2?$|pipe$|isatty$|ttyname$|ioctl$|tcgetattr$|getenv$|secure_getenv$|setenv$|time$|localtime(_r)?$|gmtime(_r)?$|clock_gettime$|gettimeofday$|system$|popen$|fork$|exec|git_|yaml_|std(in|out|err)$)' || true)
if [ -n "$found" ]; then
	echo "the core calls I/O: $found" | tr '\n' ' '
	echo
	exit 1
fi
echo "the core calls no I/O"
