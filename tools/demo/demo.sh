#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of make demo: load edutcp, run an echo server and client
# over AF_EDUTCP, and show what the kernel saw: the socket table, the
# counters, and ladder diagrams drawn from the trace of a connection, of
# a refused connect and of a SYN sent again. scripts/demo keeps the SVG
# drawings (handed over with export_file).
. /lib.sh
T=/sys/kernel/tracing
S=/proc/sys/net/edutcp
title() { printf '\n=== %s\n' "$*"; }

title "load the module: insmod edutcp.ko"
insmod /lib/edutcp.ko
dmesg | grep 'edutcp: loaded'
echo "address family in force: $(cat /sys/module/edutcp/parameters/family)," \
	"IP protocol: $(cat /sys/module/edutcp/parameters/ipproto)"
echo "teaching settings: isn_mode=1 (ISNs 1000 and 5000), msl=1 (2MSL = 2 s)"
echo 1 >$S/isn_mode
echo 1 >$S/msl
edutcp-stat -c /tmp/stat.last >/dev/null

title "an echo server and a client over AF_EDUTCP on 127.0.0.1 port 7"
echo_exchange() {
	edutcp-echo server 7 &
	sleep 0.5
	edutcp-echo client 127.0.0.1 7 "hello, edutcp"
	wait
	title "the socket table: cat /proc/net/edutcp/sockets (the client waits in TIME_WAIT)"
	cat /proc/net/edutcp/sockets
	title "the same, as edutcp-stat shows it (like ss -tan)"
	edutcp-stat
	sleep 3
}
trace_run /tmp/echo.trace echo_exchange

title "the counters that moved: edutcp-stat -c (like nstat)"
edutcp-stat -c /tmp/stat.last
title "the state changes, from the trace (system edutcp in $T/trace)"
grep -e edutcp_set_state -e edutcp_synq_add -e edutcp_timewait /tmp/echo.trace |
	sed -e 's/^.*: edutcp_/edutcp_/'

title "the connection as a ladder diagram: edutcp-ladder -t (x, y: the ISNs)"
edutcp-ladder -t -s /tmp/echo.svg /tmp/echo.trace

title "connect() to a port where nobody listens: RST, ECONNREFUSED"
trace_run /tmp/refused.trace edutcp-echo client 127.0.0.1 9 "anyone?"
edutcp-ladder -t -s /tmp/refused.svg /tmp/refused.trace

title "a SYN lost on the way (netem drops all for 0.5 s): sent again after the 1 s RTO"
veth_up >/dev/null	# 10.7.0.1 here, 10.7.0.2 in namespace "peer"
$PEER sh -c "echo 1 >$S/isn_mode"
# (veth_up's ping has resolved ARP, so netem's is the only loss)
$PEER edutcp-echo server 7 >/dev/null &
sleep 0.5
lossy_syn() {
	$TC qdisc add dev v0 root netem loss 100%
	edutcp-echo client 10.7.0.2 7 "through at last" &
	sleep 0.5
	$TC qdisc del dev v0 root
	wait
}
trace_run /tmp/syn-again.trace lossy_syn
edutcp-ladder -t -s /tmp/syn-again.svg /tmp/syn-again.trace
$IP netns del peer

for f in echo refused syn-again; do
	export_file /tmp/$f.svg
	export_file /tmp/$f.trace
done

title "unload: rmmod edutcp"
sleep 3
rmmod edutcp && dmesg | grep 'edutcp: unloaded'
