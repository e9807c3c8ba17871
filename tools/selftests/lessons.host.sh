#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Host side of lessons.sh (scripts/vm-test runs it after the boot): the
# lesson book (scripts/lesson-book) made of what the guest exported holds
# every lesson of tools/lesson, each with its question, its ladders as
# inline SVG and its narration, and headless Chromium renders it to a
# screenshot that is not a blank page.
#
#   lessons.host.sh GUEST_LOG DIR     (the exported files go to DIR)
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$(dirname "$0")/ktap.sh"

log=$1
dir=$2
rm -rf "$dir"
vm_files "$log" "$dir"
"$EDUTCP_TOP/scripts/lesson" list >"$dir/order"
book=$dir/lessons.html
ktap_begin 4
check "the lesson book is written from the VM's files" \
	"$EDUTCP_TOP/scripts/lesson-book" "$dir" "$dir/order"
# every lesson: its section, its question, each of its ladders inline
every_lesson() {
	local name port n=0
	while read -r name; do
		grep -q "<section id=\"lesson-$name\">" "$book" ||
			{ echo "no section for $name"; return 1; }
		for port in $(sed -n "s/^$name-\([0-9]*\) .*/\1/p" \
				"$EDUTCP_TOP/tools/lesson/golden/keys"); do
			n=$((n + 1))
			grep -q "the connection to port $port<" "$book" ||
				{ echo "no ladder of $name, port $port"; return 1; }
		done
	done <"$dir/order"
	[ "$(grep -c '<svg ' "$book")" -eq "$n" ] ||
		{ echo "$(grep -c '<svg ' "$book") drawings, $n ladders"; return 1; }
}
check "the book has every lesson ($(wc -l <"$dir/order")), each ladder as inline SVG" every_lesson
# a screenshot of the book, and one of a blank page for scale
shot() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --window-size=1280,2400 \
		--screenshot="$2" "file://$1" >"$2.log" 2>&1
	test -s "$2"
}
echo '<!DOCTYPE html><html><body></body></html>' >"$dir/blank.html"
check "headless Chromium renders the book to a screenshot" shot "$book" "$dir/book.png"
shot "$dir/blank.html" "$dir/blank.png"
not_blank() {
	local b s
	b=$(stat -c %s "$dir/blank.png" 2>/dev/null || echo 0)
	s=$(stat -c %s "$dir/book.png" 2>/dev/null || echo 0)
	echo "book.png $s bytes, a blank page $b"
	[ "$b" -gt 0 ] && [ "$s" -gt $((b * 10)) ]
}
check "the screenshot is not a blank page (10 times the bytes of one)" not_blank
ktap_end
