#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: the guest side. Loads the module and runs tools/bench:
# bulk and request/response (bench), then churn beside 100000 TIME_WAIT
# records (twbench), whose records must outlive the run: edutcp's
# 2*MSL is raised to 20 minutes, and both stacks may keep 200000. Last,
# a real web server's requests per second: lighttpd (which corks around
# sendfile) serving 1 KiB to curl, 5000 GETs on one keep-alive
# connection, through edutcp-run and over TCP, 3 runs each alternating,
# medians (guest time, /proc/uptime). Then bulk over a long path (veth
# with 20 ms each way, and at 100 Mbit/s), iperf3 through edutcp-run and
# over TCP; and 4 MiB each way through netem.sh's loss, reordering and
# duplication, the time it takes.
# vm-run: with programs
. /lib.sh
PATH=$PATH:/usr/bin:/usr/sbin
insmod /lib/edutcp.ko || exit 1
bench 32 5000 5 || exit 1

echo 600 >/proc/sys/net/edutcp/msl
echo 200000 >/proc/sys/net/edutcp/max_tw_buckets
echo 200000 >/proc/sys/net/ipv4/tcp_max_tw_buckets
twbench 100000 2000 || exit 1

lighttpd_conf 8080
head -c 1024 /dev/urandom >/tmp/www/small.bin
# web PREFIX: 5000 GETs' rate per second, or nothing if one failed
web() {
	$1 lighttpd -D -f /tmp/lighttpd.conf &
	srv=$!
	until_listening 8080
	get_rate "$1" 5000 http://127.0.0.1:8080/small.bin
	kill $srv
	wait $srv
}
med() { echo "$@" | tr ' ' '\n' | grep . | sort -n | sed -n 2p; }
# compare LABEL UNIT TARGET FN ARG: "FN edutcp-run ARG" against "FN ''
# ARG" (Linux TCP), 3 runs each alternating, their medians and ratio
compare() {
	e=
	t=
	for run in 1 2 3; do
		e="$e $($4 edutcp-run $5)"
		t="$t $($4 "" $5)"
	done
	echo "# runs, edutcp $1$2:$e"
	echo "# runs, Linux TCP $1$2:$t"
	me=$(med $e)
	mt=$(med $t)
	echo "bench: $1: edutcp ${me:-?}$2, Linux TCP ${mt:-?}$2, ratio" \
		"$(awk -v e="$me" -v t="$mt" 'BEGIN { if (t > 0) printf "%.2f", e / t; else print "?" }') ($3)"
}
compare "web server, 1 KiB GETs on one connection (lighttpd, curl)" /s \
	"target >= 0.9" web

# a long path: veth to a namespace, netem 20 ms each way (40 ms RTT), no
# loss, then with the link at 100 Mbit/s too: iperf3 10 s one way through
# edutcp-run and over TCP, both with their defaults (window scaling,
# buffer autotuning), 3 runs each alternating, medians (guest time)
veth_up
$TC qdisc add dev v0 root netem delay 20ms limit 10000
$PEER $TC qdisc add dev v1 root netem delay 20ms limit 10000
compare "bulk over veth, 40 ms RTT (iperf3 10 s)" " MiB/s" "target >= 0.9" \
	path_rate 10
$TC qdisc change dev v0 root netem delay 20ms rate 100mbit limit 10000
compare "bulk over veth, 40 ms RTT, 100 Mbit/s (iperf3 10 s)" " MiB/s" \
	"target >= 0.9" path_rate 10

# the network of make check's netem.sh: 20 ms each way, 25% reordering,
# 10% loss, 5% duplication on both ends; 4 MiB each way at once, the
# time the slower direction took, 3 runs each alternating, medians
NETEM="delay 20ms reorder 25% loss 10% duplicate 5% limit 10000"
$TC qdisc change dev v0 root netem $NETEM
$PEER $TC qdisc change dev v1 root netem $NETEM
compare "4 MiB each way through netem ($NETEM)" " s" "target <= 1.25" \
	path_time 4M
$IP netns del peer
rmmod edutcp
