#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What the guest scripts (suite.sh, stream.sh, netem.sh) share; the VM
# runner puts it at /lib.sh. Each check prints "ok - NAME" or
# "not ok - NAME: why"; scripts/vm-test counts them.
K=/lib/edutcp.ko
IP=/usr/sbin/ip
TC=/usr/sbin/tc
PEER="$IP netns exec peer"
MiB=1048576

check() { # check NAME COMMAND...: ok when COMMAND succeeds
	name=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		echo "ok - $name"
	else
		echo "not ok - $name: $(tr '\n' ' ' </tmp/check.out)"
	fi
}
# run PROGRAM ARGS...: a test program, which must finish within
# $LIMIT seconds (120 unless set)
run() {
	timeout "${LIMIT:-120}" "$@"
	[ $? -ne 143 ] || echo "not ok - $1 finished within ${LIMIT:-120} s: it hung"
}
not() { ! "$@"; }
# counter NAME [COMMAND PREFIX]: a counter of /proc/net/edutcp/snmp
counter() {
	$2 cat /proc/net/edutcp/snmp | awk -v n="$1" \
		'NR == 1 { for (i = 2; i <= NF; i++) if ($i == n) c = i }
		 NR == 2 { print $c }'
}
# veth_up: namespace "peer" at 10.7.0.2 behind veth v0 (10.7.0.1) - v1
veth_up() {
	insmod /lib/veth.ko
	insmod /lib/sch_netem.ko
	$IP netns add peer
	$IP link add v0 type veth peer name v1
	$IP link set v1 netns peer
	$IP addr add 10.7.0.1/24 dev v0
	$IP link set v0 up
	$PEER $IP addr add 10.7.0.2/24 dev v1
	$PEER $IP link set v1 up
	$PEER $IP link set lo up
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
transfer() {
	# shellcheck disable=SC2086
	$2 bulk serve $4 $5 -n "$1: server" >/tmp/s.out 2>&1 &
	sleep 0.3
	# shellcheck disable=SC2086
	run bulk connect $3 $4 $6 -n "$1: client" >/tmp/c.out
	wait
	cat /tmp/c.out /tmp/s.out | grep -v '^sent\|^recv'
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
