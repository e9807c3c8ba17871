#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The lessons of tools/lesson (issue "Lessons"): each one runs to its
# end, and each of its ladders (edutcp-ladder -r 100: times from the
# first segment, rounded to 100 ms; the ISNs of isn_mode=1) equals its
# golden file in /lesson-golden, line for line: the same rows in the
# same order, each time within 0.25 s + 5% of the golden one (an emulated
# CPU runs its timers late, more so on a loaded host; the backoff of 1, 2,
# 4, 8 s and the 2MSL stay apart). /lesson-golden/keys names
# the segment each ladder is about (a lost SYN, a late one, an RST): the
# golden file and the live ladder must both hold it, so a rule that does
# nothing, or a golden file taken from such a run, fails. What each
# lesson printed, its words and its drawings go to the host, where
# lessons.host.sh makes the lesson book of them.
. /lib.sh
K=/lib/edutcp.ko
G=/lesson-golden
names=$(edutcp-lesson -l | cut -d' ' -f1)
ladders=$(edutcp-lesson -l | awk '{ n += NF - 1 } END { print n }')
ktap_begin $((2 * $(echo "$names" | wc -l) + 3 * ladders + 2))
check "insmod edutcp.ko" insmod $K
# has_key LADDER KEY-NAME: the ladder holds the key line of /lesson-golden/keys
has_key() {
	key=$(sed -n "s/^$2 //p" $G/keys)
	[ -n "$key" ] || { echo "no key for $2 in $G/keys"; return 1; }
	grep -F -e "$key" "$1" || { echo "'$key' is not in $1"; return 1; }
}
# ladder_same GOLDEN LIVE: the rows equal; the times (the first 8
# columns) within the tolerance
ladder_same() {
	diff -u "$1" "$2" >/tmp/ladder.diff && return 0
	awk 'NR == FNR { g[FNR] = $0; n = FNR; next }
	     { m = FNR
	       a = g[FNR]; t1 = substr(a, 1, 8); t2 = substr($0, 1, 8)
	       if (substr(a, 9) != substr($0, 9)) bad = 1
	       else if (t1 != t2) {
		       d = t2 - t1; if (d < 0) d = -d
		       if (d > 0.25 + 0.05 * t1) bad = 1
	       } }
	     END { exit bad || m != n }' "$1" "$2" && {
		echo "# the times differ within the tolerance:"
		sed 's/^/# /' /tmp/ladder.diff
		return 0
	}
	cat /tmp/ladder.diff
	return 1
}
# zh NAME: with LANG=zh*, the question and the narration are other
# words than the English ones, and Chinese (bytes of a CJK character)
zh() {
	for w in -q -n; do
		en=$(LANG=C edutcp-lesson $w "$1")
		cn=$(LANG=zh_CN.UTF-8 edutcp-lesson $w "$1")
		[ -n "$en" ] && [ "$en" != "$cn" ] || { echo "$w: no Chinese text"; return 1; }
		# a CJK ideograph (U+4E00-U+9FFF) starts with byte e4 to e9
		printf '%s' "$cn" | od -An -tx1 | grep -qE ' e[4-9]' ||
			{ echo "$w: '$cn' has no CJK character"; return 1; }
	done
}
for name in $names; do
	check "lesson $name: its question and narration in Chinese too (LANG=zh*)" zh "$name"
	LIMIT=120 trace_run "/tmp/$name.trace" run edutcp-lesson "$name"
	cp /tmp/run.out "/tmp/$name.out"
	edutcp-lesson -q "$name" >"/tmp/$name.question"
	edutcp-lesson -n "$name" >"/tmp/$name.narration"
	for f in "/tmp/$name.out" "/tmp/$name.question" "/tmp/$name.narration"; do
		export_file "$f"
	done
	for port in $(edutcp-lesson -l | sed -n "s/^$name //p"); do
		live=/tmp/$name-$port.txt
		edutcp-ladder -r 100 -p "$port" -s "/tmp/$name-$port.svg" \
			"/tmp/$name.trace" >"$live" 2>&1
		check "lesson $name, port $port: the ladder equals $name-$port.txt" \
			ladder_same "$G/$name-$port.txt" "$live"
		check "lesson $name, port $port: the golden file shows its key segment" \
			has_key "$G/$name-$port.txt" "$name-$port"
		check "lesson $name, port $port: the live ladder shows it too" \
			has_key "$live" "$name-$port"
		export_file "$live"
		export_file "/tmp/$name-$port.svg"
		export_file "/tmp/$name.trace"
	done
done
check "rmmod edutcp" rmmod edutcp
ktap_end
