#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of make lesson and make lessons: load edutcp, run each
# lesson that $lesson names (a word of the kernel command line: one name,
# names with commas between, or "all" or nothing: every lesson) with edutcp-lesson under the trace, draw each
# of its connections as a ladder (times from the first segment, rounded
# to 100 ms, as the golden files of tools/lesson/golden have them), say
# what to notice, and hand the ladders, their SVG and the narration to
# the host (export_file). $lesson_lang sets LANG for the narration.
. /lib.sh
[ -z "${lesson_lang:-}" ] || export LANG="$lesson_lang"
insmod /lib/edutcp.ko || exit 1
names=$(echo "${lesson:-all}" | tr , ' ')
[ "$names" != all ] || names=$(edutcp-lesson -l | cut -d' ' -f1)
rc=0
for name in $names; do
	ports=$(edutcp-lesson -l | sed -n "s/^$name //p")
	if [ -z "$ports" ]; then
		echo "no lesson named '$name'; the lessons are:"
		edutcp-lesson -l | cut -d' ' -f1
		exit 1
	fi
	echo
	trace_run "/tmp/$name.trace" edutcp-lesson "$name" >"/tmp/$name.out" 2>&1 || rc=1
	cat "/tmp/$name.out"
	for port in $ports; do
		printf '\n--- the ladder of the connection to port %s (edutcp-ladder -r 100 -p %s)\n' \
			"$port" "$port"
		edutcp-ladder -r 100 -p "$port" -s "/tmp/$name-$port.svg" \
			"/tmp/$name.trace" >"/tmp/$name-$port.txt" || rc=1
		cat "/tmp/$name-$port.txt"
	done
	printf '\n--- what to notice\n'
	edutcp-lesson -n "$name" | fold -s -w 76
	edutcp-lesson -q "$name" >"/tmp/$name.question"
	edutcp-lesson -n "$name" >"/tmp/$name.narration"
	for f in "/tmp/$name"-*.txt "/tmp/$name"-*.svg "/tmp/$name.question" \
		"/tmp/$name.narration" "/tmp/$name.out"; do
		export_file "$f"
	done
done
rmmod edutcp || rc=1
exit $rc
