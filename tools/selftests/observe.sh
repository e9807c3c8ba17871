#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest script: what a learner watches. Ladder drawings of known
# connections (deterministic ISNs, fixed ports) equal the golden files of
# tools/ladder/golden; the same events come out of trace-cmd and perf;
# a packet capture and the trace of the same segments go to the host,
# where observe.host.sh has tshark decode them.
# vm-run: with trace-cmd perf
. /lib.sh
ktap_begin 43

check "insmod succeeds" insmod $K
S=/proc/sys/net/edutcp
echo 1 >$S/isn_mode		# ISNs 1000 (active) and 5000 (passive)
echo 1 >$S/msl			# 2MSL = 2 s
# the echo's ACK rides on it however slow the VM (RFC 9293 MUST-40: < 0.5 s)
echo 500 >$S/delack_ms

# ladder NAME: the trace in /tmp/NAME.trace, drawn, equals the golden file
ladder() {
	edutcp-ladder -r 500 "/tmp/$1.trace" >"/tmp/$1.txt" 2>&1
	check "ladder: $2 is drawn as tools/ladder/golden/$1.txt, times rounded to 0.5 s" \
		diff -u "/golden/$1.txt" "/tmp/$1.txt"
	edutcp-ladder -s "/tmp/$1.svg" "/tmp/$1.trace" >/dev/null
	check "ladder: $1.svg is an SVG with an arrow per segment" \
		test "$(grep -c "stroke-width='1.5'" "/tmp/$1.svg")" = \
		"$(grep -c 'edutcp_segment_send: .*:40' "/tmp/$1.trace")"
	export_file "/tmp/$1.txt"
	export_file "/tmp/$1.trace"
}

check "edutcp-echo refuses a local port out of range (70000)" \
	not edutcp-echo client 127.0.0.1 7 hi 70000
check "edutcp-echo refuses a port that is not a number" \
	not edutcp-echo server seven

# RFC 9293 §3.5 Figure 6 then §3.6 Figure 12: handshake, data, close,
# TIME_WAIT for 2MSL (sh /tmp/echo.sh CLIENT_PORT)
# (the client starts once the listener is in the socket table; the
# script ends once TIME_WAIT has, however slow the VM)
cat >/tmp/echo.sh <<'ECHO'
edutcp-echo server 7 >/dev/null &
i=0
until grep -q ':0007 00000000:0000 01 LISTEN' /proc/net/edutcp/sockets || [ $i -ge 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
edutcp-echo client 127.0.0.1 7 ping "$1" >/dev/null
wait
i=0
until ! grep -q TIME_WAIT /proc/net/edutcp/sockets || [ $i -ge 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
ECHO
trace_run /tmp/echo.trace sh /tmp/echo.sh 40000
ladder echo "a handshake, 'ping' echoed, the close and TIME_WAIT"

# RFC 9293 §3.10.7.1: a SYN to a closed port is answered <SEQ=0><ACK=x+1><RST,ACK>
trace_run /tmp/refused.trace edutcp-echo client 127.0.0.1 9 ping 40001
ladder refused "a connect to a closed port, refused by RST"

# RFC 9293 §3.8.1, RFC 6298 (5.5): a SYN that is never answered is sent
# again after 1 s, then 2 s, then connect() fails
veth_up
echo 1 >$S/syn_retries
$TC qdisc add dev v0 root netem loss 100%
trace_run /tmp/syn-lost.trace edutcp-echo client 10.7.0.2 7 ping 40003
$TC qdisc del dev v0 root
echo 6 >$S/syn_retries
ladder syn-lost "a SYN lost twice, then ETIMEDOUT (syn_retries=1)"

# --- a capture of one connection and one refused SYN across the link,
# with the trace of the same segments, for tshark on the host
$PEER edutcp-echo server 7 >/dev/null &
capture v0 /tmp/capture.pcap >/tmp/capture.out &
cap=$!
sleep 0.5
across() {
	edutcp-echo client 10.7.0.2 7 "hello, tshark" 40002 >/dev/null
	edutcp-echo client 10.7.0.2 9 x 40004 >/dev/null
	sleep 0.5
}
trace_run /tmp/capture.trace across
kill $cap
check "capture ends on SIGTERM with status 0" wait $cap
cat /tmp/capture.out
check "capture: every segment the trace shows sent across the link was captured" \
	test "$(sed -n 's/^capture: \([0-9]*\) .*/\1/p' /tmp/capture.out)" = \
	"$(grep -c 'edutcp_segment_send: .*10\.7\.0\.' /tmp/capture.trace)"
export_file /tmp/capture.pcap
export_file /tmp/capture.trace

# --- the same events through trace-cmd and perf
# drawn_as_golden TOOL FILE PORT: TOOL's text of the echo from PORT,
# drawn, is the golden echo (from port 40000)
drawn_as_golden() {
	sed "s/$3/40000/g" "$2" >/tmp/tool.trace
	edutcp-ladder -r 500 /tmp/tool.trace >/tmp/tool.txt 2>&1
	check "$1, drawn, is the golden echo" diff -u /golden/echo.txt /tmp/tool.txt
}
LIMIT=120 run /usr/bin/trace-cmd record -q -e edutcp -o /tmp/tc.dat \
	sh /tmp/echo.sh 40005
check "trace-cmd report reads what it recorded" \
	sh -c '/usr/bin/trace-cmd report -i /tmp/tc.dat >/tmp/tc.report'
check "trace-cmd record -e edutcp: set_state with state names" \
	grep -q 'edutcp_set_state: .*:40005 -> 127.0.0.1:7 CLOSED -> SYN_SENT' /tmp/tc.report
check "trace-cmd: fsm_event with state and event names" \
	grep -q 'edutcp_fsm_event: .* SYN_SENT + RCV_SYN_ACK -> ESTABLISHED' /tmp/tc.report
check "trace-cmd: segment_send with flag names, seq and ack" \
	grep -q 'edutcp_segment_send: .*:40005 -> 127.0.0.1:7 \[SYN\] seq=1000 ack=0 ' /tmp/tc.report
drawn_as_golden "trace-cmd report" /tmp/tc.report 40005

LIMIT=120 run /usr/bin/perf record -q -a -e 'edutcp:*' -o /tmp/perf.data \
	sh /tmp/echo.sh 40006
check "perf script reads what it recorded" \
	sh -c '/usr/bin/perf script -i /tmp/perf.data >/tmp/perf.script'
check "perf record -e 'edutcp:*': set_state with state names" \
	grep -q 'edutcp:edutcp_set_state: .*:40006 -> 127.0.0.1:7 CLOSED -> SYN_SENT' /tmp/perf.script
check "perf script: timewait_enter with 2MSL" \
	grep -q 'edutcp:edutcp_timewait_enter: .*:40006 -> 127.0.0.1:7 2MSL=2000ms' /tmp/perf.script
drawn_as_golden "perf script" /tmp/perf.script 40006

# --- the congestion window over time (edutcp_cwnd): 4 MiB one way
# through 10 ms and 2% loss, with reno, then with cubic, drawn side by
# side by edutcp-cwnd; one segment per packet (no super-segments), so
# netem loses segments, not runs of 44
echo 0 >$S/isn_mode
$IP link set dev v0 gso_max_segs 1
$TC qdisc add dev v0 root netem delay 10ms loss 2%
E=/sys/kernel/tracing/events/edutcp/edutcp_cwnd/enable
cwnd_trace() { # ALGO
	echo "$1" >$S/congestion_control
	echo 0 >/sys/kernel/tracing/tracing_on
	echo >/sys/kernel/tracing/trace
	echo 1 >$E
	echo 1 >/sys/kernel/tracing/tracing_on
	transfer "cwnd $1" "$PEER" 10.7.0.2 9700 "0 5" "4194304 6"
	echo 0 >/sys/kernel/tracing/tracing_on
	echo 0 >$E
	cat /sys/kernel/tracing/trace >"/tmp/cwnd-$1.trace"
}
cwnd_trace reno
cwnd_trace cubic
echo cubic >$S/congestion_control
$TC qdisc del dev v0 root
edutcp-cwnd -s /tmp/cwnd.svg /tmp/cwnd-reno.trace /tmp/cwnd-cubic.trace \
	>/tmp/cwnd.txt 2>&1
sed 's/^/# /' /tmp/cwnd.txt
for a in reno cubic; do
	check "edutcp_cwnd: $a's window traced (cc=$a), losses began recoveries" \
		grep -Eq "^$a: [0-9]+ events, .* [1-9][0-9]* recoveries" /tmp/cwnd.txt
done
# the window a loss leaves, at each recovery of the sender (MSS 1448):
# RFC 9438 §4.6, cubic: 0.7 of cwnd (the event before); RFC 5681 (4), reno:
# half the flight (SND.NXT - SND.UNA at the event), at least 2 SMSS
recoveries() { # FILE: "cwnd-before ssthresh flight" per recovery
	grep ' 10\.7\.0\.1:[0-9]* -> 10\.7\.0\.2:9700 ' "$1" |
		sed -n 's/.* cwnd=\([0-9]*\) ssthresh=\([0-9]*\) una=\([0-9]*\) nxt=\([0-9]*\) why=\([a-z]*\).*/\1 \2 \3 \4 \5/p' |
		awk '$5 == "recovery" && prev { print prev, $2, $4 - $3 } { prev = $1 }'
}
recoveries /tmp/cwnd-cubic.trace >/tmp/cwnd-cubic.rec
recoveries /tmp/cwnd-reno.trace >/tmp/cwnd-reno.rec
check "RFC 9438 §4.6: each of cubic's $(wc -l </tmp/cwnd-cubic.rec) recoveries leaves ssthresh = 0.7 cwnd" \
	awk '{ if ($2 != int($1 * 7 / 10) && $2 != 2896) { print; bad = 1 } }
		END { exit bad || !NR }' /tmp/cwnd-cubic.rec
check "RFC 5681 (4): each of reno's $(wc -l </tmp/cwnd-reno.rec) recoveries leaves ssthresh = max(FlightSize / 2, 2 SMSS)" \
	awk '{ want = int($3 / 2); if (want < 2896) want = 2896
		if ($2 != want) { print; bad = 1 } } END { exit bad || !NR }' /tmp/cwnd-reno.rec
check "edutcp-cwnd: the SVG draws both windows, a red mark per recovery" \
	sh -c 'test "$(grep -c "class=.cwnd." /tmp/cwnd.svg)" = 2 &&
		test "$(grep -c "class=.recovery." /tmp/cwnd.svg)" = \
		"$(cat /tmp/cwnd-reno.trace /tmp/cwnd-cubic.trace |
		grep -c " 10\.7\.0\.1:[0-9]* -> 10\.7\.0\.2:9700 .*why=recovery")"'
export_file /tmp/cwnd.svg

# --- SACK in a capture, for tshark on the host: 20 segments one way,
# the 3rd lost by a lesson rule; the receiver's ACKs say what it holds
# beyond the hole (RFC 2018 §4)
capture v0 /tmp/sack.pcap >/tmp/sack.out &
cap=$!
sleep 0.5
echo "drop out data nth 3 port 9701" >/proc/net/edutcp/lesson
transfer "sack" "$PEER" 10.7.0.2 9701 "0 5" "28960 6"
echo clear >/proc/net/edutcp/lesson
sleep 0.5
kill $cap
check "capture of the SACK transfer ends on SIGTERM with status 0" wait $cap
export_file /tmp/sack.pcap

echo 40 >$S/delack_ms
echo 30 >$S/msl
$IP netns del peer
no_sockets_left
check "rmmod succeeds" rmmod edutcp
ktap_end
