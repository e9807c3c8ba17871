#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What the guest scripts (suite.sh, stream.sh, observe.sh, netem.sh)
# share; the VM runner puts it at /lib.sh and ktap.sh beside it. A guest
# script starts with "ktap_begin N" (N: the results it will print, its
# own checks and one per program it runs) and ends with "ktap_end";
# scripts/ktap parses what it printed.
. /ktap.sh
K=/lib/edutcp.ko
IP=/usr/sbin/ip
TC=/usr/sbin/tc
PEER="$IP netns exec peer"
MiB=1048576

# run PROGRAM ARGS...: a test program, which must finish within $LIMIT
# seconds (120 unless set); its KTAP nested, its exit status a result
run() {
	timeout "${LIMIT:-120}" "$@" >/tmp/run.out 2>&1
	nested "$*" $? /tmp/run.out
}
# spawn TAG COMMAND...: COMMAND started in the background (within $LIMIT
# seconds, 120 unless set); reap TAG waits for it and reports it as run
# does
spawn() {
	spawn_tag=$1
	shift
	rm -f "/tmp/bg.$spawn_tag.rc"
	# emptied now, not when the background shell gets to it: a wait_for
	# must not find what the last program of this tag printed
	: >"/tmp/bg.$spawn_tag"
	(
		timeout "${LIMIT:-120}" "$@" >"/tmp/bg.$spawn_tag" 2>&1
		echo $? >"/tmp/bg.$spawn_tag.rc"
	) &
	echo "$*" >"/tmp/bg.$spawn_tag.cmd"
	eval "spawn_pid_$spawn_tag=$!"
}
reap() {
	eval "wait \$spawn_pid_$1"
	nested "$(cat "/tmp/bg.$1.cmd")" "$(cat "/tmp/bg.$1.rc" 2>/dev/null || echo lost)" \
		"/tmp/bg.$1"
}
not() { ! "$@"; }
# wait_for FILE TEXT: until FILE holds TEXT (a server says it listens),
# at most 60 s; no result of its own (what follows fails if it never did)
wait_for() {
	wait_i=0
	while ! grep -q -- "$2" "$1" 2>/dev/null && [ $wait_i -lt 600 ]; do
		sleep 0.1
		wait_i=$((wait_i + 1))
	done
}
# counter NAME [COMMAND PREFIX]: a counter of /proc/net/edutcp/snmp
# (fails, and prints nothing on stdout, when it cannot be read)
counter() {
	$2 cat /proc/net/edutcp/snmp | awk -v n="$1" \
		'NR == 1 { for (i = 2; i <= NF; i++) if ($i == n) c = i }
		 NR == 2 && c { print $c; found = 1 }
		 END { if (!found) { print "counter " n " unreadable" >"/dev/stderr"; exit 1 } }'
}
# modload NAME: a kernel module the VM runner put at /lib/NAME.ko, after
# the ones /lib/NAME.deps names; one that is loaded already is left
modload() {
	[ ! -d "/sys/module/$1" ] || return 0
	for modload_dep in $(cat "/lib/$1.deps" 2>/dev/null); do
		modload "$modload_dep" || return 1
	done
	insmod "/lib/$1.ko"
}
# veth_up: namespace "peer" at 10.7.0.2 behind veth v0 (10.7.0.1) - v1
veth_up() {
	modload veth
	modload sch_netem
	$IP netns add peer
	$IP link add v0 type veth peer name v1
	$IP link set v1 netns peer
	$IP addr add 10.7.0.1/24 dev v0
	$IP link set v0 up
	$PEER $IP addr add 10.7.0.2/24 dev v1
	$PEER $IP link set v1 up
	$PEER $IP link set lo up
	# each end knows the other's address for good: netem's losses are
	# then TCP's to repair, not ARP's (an ARP lost under 30% loss made a
	# connect fail with EHOSTUNREACH)
	$IP neigh replace 10.7.0.2 lladdr "$($PEER cat /sys/class/net/v1/address)" \
		dev v0 nud permanent
	$PEER $IP neigh replace 10.7.0.1 lladdr "$(cat /sys/class/net/v0/address)" \
		dev v1 nud permanent
	check "a veth link joins two namespaces" ping -c 1 -W 5 10.7.0.2
}
# hash sent|recv FILE: the SHA-256 bulk printed
hash() { sed -n "s/^$1 [0-9]* //p" "$2"; }
# same_bytes NAME OUT_A OUT_B: A's sent = B's received, and the other way
same_bytes() {
	sa=$(hash sent "$2")
	rb=$(hash recv "$3")
	sb=$(hash sent "$3")
	ra=$(hash recv "$2")
	check "$1: SHA-256 of what A sent = of what B received" \
		test -n "$sa" -a "$sa" = "$rb"
	check "$1: SHA-256 of what B sent = of what A received" \
		test -n "$sb" -a "$sb" = "$ra"
}
# transfer NAME PREFIX ADDR PORT "SERVER ARGS" "CLIENT ARGS": one bulk
# connection, "bulk serve PORT SERVER ARGS" run behind PREFIX (e.g.
# $PEER, or "" for here), "bulk connect ADDR PORT CLIENT ARGS" here; their
# output in /tmp/s.out and /tmp/c.out, each direction's SHA-256 compared
# (4 results: the client, the server, the two directions' hashes);
# transfer_start and transfer_end NAME are its two halves, for running
# something else while the bytes flow
transfer() {
	transfer_start "$@"
	transfer_end "$1"
}
transfer_start() {
	# shellcheck disable=SC2086
	spawn server $2 bulk serve $4 $5 -n "$1: server"
	wait_for /tmp/bg.server ": listening"
	# shellcheck disable=SC2086
	spawn client bulk connect $3 $4 $6 -n "$1: client"
}
transfer_end() {
	reap client
	reap server
	cp /tmp/bg.client /tmp/c.out
	cp /tmp/bg.server /tmp/s.out
	same_bytes "$1" /tmp/c.out /tmp/s.out
}
# no_sockets_left: wait for every connection to finish, then say so
no_sockets_left() {
	i=0
	while [ "$(cat /sys/module/edutcp/refcnt)" != 0 ] && [ $i -lt 180 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	check "all connections finished within 90 s (no socket left behind)" \
		grep -qx 0 /sys/module/edutcp/refcnt
}
# gaps_are FILE ERE "MS MS ...": the times between successive lines of
# the trace FILE that match ERE (by the trace's own timestamps) are the
# milliseconds given, each within +-20%: a backoff, measured
gaps_are() {
	awk -v re="$2" -v want="$3" '
	$0 ~ re {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+\.[0-9]+:$/) {
				t = substr($i, 1, length($i) - 1) * 1000
				break
			}
		if (n++)
			got = got " " int(t - last + 0.5)
		last = t
	}
	END {
		print "gaps (ms):" got "; want " want " (+-20%)"
		k = split(want, w, " ")
		m = split(got, g, " ")
		if (k != m)
			exit 1
		for (i = 1; i <= k; i++)
			if (g[i] < w[i] * 0.8 || g[i] > w[i] * 1.2)
				exit 1
	}' "$1"
}
# trace_run FILE COMMAND...: COMMAND with the edutcp events on; the
# trace (of tracefs, cleared first) to FILE
trace_run() {
	tf=$1
	shift
	echo 0 >/sys/kernel/tracing/tracing_on
	echo >/sys/kernel/tracing/trace
	echo 1 >/sys/kernel/tracing/events/edutcp/enable
	echo 1 >/sys/kernel/tracing/tracing_on
	"$@"
	echo 0 >/sys/kernel/tracing/tracing_on
	echo 0 >/sys/kernel/tracing/events/edutcp/enable
	cat /sys/kernel/tracing/trace >"$tf"
}
# export_file FILE: hand FILE to the host, base64 between markers on the
# console (scripts/lib.sh vm_files takes them out of the log)
export_file() {
	echo "@@EDUTCP-FILE $(basename "$1")"
	base64 "$1"
	echo "@@EDUTCP-FILE-END"
}
# netem_transfer BYTES LIMIT: netem.sh and soak.sh (17 results)
netem_transfer() {
	check "insmod succeeds" insmod $K
	veth_up
	NETEM="delay 20ms reorder 25% loss 10% duplicate 5%"
	$TC qdisc add dev v0 root netem $NETEM
	$PEER $TC qdisc add dev v1 root netem $NETEM
	for c in RetransSegs FastRetrans OFOQueue DupData PAWSEstab Timeouts \
		 SackRecovery DSACKSent DSACKRecv; do
		eval "b_$c=$(counter $c)"
	done
	N=$1
	LIMIT=$2 transfer "netem $NETEM, $N bytes each way" "$PEER" 10.7.0.2 9600 \
		"$N 5" "$N 6 -b"
	check "netem: both sides moved $N bytes each way" \
		test "$(grep -c "^[a-z]* $N " /tmp/c.out /tmp/s.out | awk -F: '{ s += $2 } END { print s }')" = 4
	for c in RetransSegs FastRetrans OFOQueue Timeouts; do
		eval "b=\$b_$c"
		check "netem: $c moved ($b -> $(counter $c))" test "$(counter $c)" -gt "$b"
	done
	# a duplicate is text again (DupData), or, once a later TSval is
	# TS.Recent, an old segment to PAWS (RFC 7323 §5.3)
	d=$(($(counter DupData) - b_DupData + $(counter PAWSEstab) - b_PAWSEstab))
	check "netem: duplicates were refused: DupData + PAWSEstab moved by $d" \
		test "$d" -gt 0
	# RFC 6675 recovery from SACKs; RFC 2883: netem's copies and the
	# resends its reordering made needless are reported, and heard
	for c in SackRecovery DSACKSent DSACKRecv; do
		eval "b=\$b_$c"
		check "netem: $c moved ($b -> $(counter $c))" test "$(counter $c)" -gt "$b"
	done
	$TC qdisc del dev v0 root
	$PEER $TC qdisc del dev v1 root
	$IP netns del peer
	sleep 1
	no_sockets_left
	check "rmmod succeeds" rmmod edutcp
}

# listening PORT: TCP's or edutcp's table shows a listener on local port
# PORT (TCP's state 0A is LISTEN; edutcp's table names its states)
listening() {
	awk -v p="$(printf ':%04X' "$1")" '
		substr($2, length($2) - 4) == p &&
		(FILENAME ~ /edutcp/ ? $5 == "LISTEN" : $4 == "0A") { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/edutcp/sockets 2>/dev/null
}
# until_listening PORT: until there is one (at most 60 s; else status 1),
# so that a client's one connect finds it
until_listening() {
	i=0
	until listening "$1"; do
		[ $i -lt 600 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}
# lighttpd_conf PORT: /tmp/lighttpd.conf, lighttpd serving /tmp/www on
# 127.0.0.1:PORT with only mod_staticfile, as Debian's lighttpd serves
# files by default (TCP_CORK around each sendfile); errors to
# /tmp/lighttpd.err
lighttpd_conf() {
	mkdir -p /tmp/www /var/tmp
	{
		echo 'server.document-root = "/tmp/www"'
		echo 'server.bind = "127.0.0.1"'
		echo "server.port = $1"
		echo 'server.errorlog = "/tmp/lighttpd.err"'
		echo 'server.compat-module-load = "disable"'
		echo 'server.modules = ("mod_staticfile")'
		echo 'mimetype.assign = (".bin" => "application/octet-stream", ".html" => "text/html")'
	} >/tmp/lighttpd.conf
}
# get_rate PREFIX N URL: curl, run through PREFIX (edutcp-run, or none),
# GETs URL N times on one keep-alive connection (curl -K); prints the
# GETs per second (guest time, /proc/uptime), nothing if one was not
# HTTP 200
get_rate() {
	i=0
	while [ $i -lt "$2" ]; do
		echo "url = \"$3\""
		echo 'output = "/dev/null"'
		i=$((i + 1))
	done >/tmp/urls
	t0=$(cut -d' ' -f1 /proc/uptime)
	$1 curl -s -K /tmp/urls -w '%{http_code}\n' >/tmp/codes 2>&1
	t1=$(cut -d' ' -f1 /proc/uptime)
	[ "$(grep -c '^200$' /tmp/codes)" = "$2" ] &&
		awk -v n="$2" -v a="$t0" -v b="$t1" 'BEGIN { if (b > a) printf "%.0f\n", n / (b - a) }'
}
# path_rate PREFIX SECONDS: iperf3 from here to the peer namespace
# (veth_up) for SECONDS, client and server run through PREFIX
# (edutcp-run, or none); prints what the receiver got, MiB/s, or
# nothing if iperf3 failed
path_rate() {
	$PEER $1 iperf3 -s -1 -B 10.7.0.2 -p 5299 >/tmp/iperf3-s.out 2>&1 &
	until_listening_in peer 5299 || return 1
	$1 iperf3 -c 10.7.0.2 -p 5299 -t "$2" -J >/tmp/iperf3.json 2>&1
	wait
	tr -d ' \t\n' </tmp/iperf3.json |
		sed -n 's/.*"sum_received":{[^}]*"bits_per_second":\([0-9.e+]*\).*/\1/p' |
		awk '{ printf "%.2f\n", $1 / 8 / 1048576 }'
}
# path_time PREFIX BYTES: iperf3 moving BYTES each way at once (--bidir)
# between here and the peer namespace, through PREFIX (edutcp-run, or
# none); prints the seconds the slower direction took, or nothing if
# iperf3 failed
path_time() {
	$PEER $1 iperf3 -s -1 -B 10.7.0.2 -p 5299 >/tmp/iperf3-s.out 2>&1 &
	until_listening_in peer 5299 || return 1
	$1 iperf3 -c 10.7.0.2 -p 5299 --bidir -n "$2" -J >/tmp/iperf3.json 2>&1
	wait
	tr -d ' \t\n' </tmp/iperf3.json |
		grep -o '"sum_received[a-z_]*":{"start":[0-9.e+-]*,"end":[0-9.e+-]*,"seconds":[0-9.e+-]*' |
		sed 's/.*"seconds"://' |
		awk '$1 > m { m = $1 } END { if (NR == 2) printf "%.2f\n", m }'
}
# until_listening_in NS PORT: until_listening in namespace NS
until_listening_in() {
	i=0
	until $IP netns exec "$1" sh -c ". /lib.sh; listening $2"; do
		[ $i -lt 600 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}
