#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of make demo: load edutcp, run an echo server and client
# over AF_EDUTCP, and show what the kernel saw: counters, trace events.
T=/sys/kernel/tracing
title() { printf '\n=== %s\n' "$*"; }

title "load the module: insmod edutcp.ko"
insmod /lib/edutcp.ko
dmesg | grep 'edutcp: loaded'
echo "address family in force: $(cat /sys/module/edutcp/parameters/family)," \
	"IP protocol: $(cat /sys/module/edutcp/parameters/ipproto)"

echo 1 >$T/events/edutcp/enable
title "an echo server and a client over AF_EDUTCP on 127.0.0.1 port 7"
edutcp-echo server 7 &
sleep 0.5
edutcp-echo client 127.0.0.1 7 "hello, edutcp"
wait

title "the socket table: cat /proc/net/edutcp/sockets (the client waits in TIME_WAIT)"
cat /proc/net/edutcp/sockets
title "the counters: cat /proc/net/edutcp/snmp"
cat /proc/net/edutcp/snmp
title "the state changes, from the trace (system edutcp in $T/trace)"
echo 0 >$T/tracing_on
grep -e edutcp_set_state -e edutcp_synq_add -e edutcp_timewait $T/trace |
	sed -e 's/^.*: edutcp_/edutcp_/'

title "unload: rmmod edutcp"
rmmod edutcp && dmesg | grep 'edutcp: unloaded'
