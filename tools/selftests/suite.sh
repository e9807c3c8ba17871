#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM selftest suite: runs inside the guest (busybox sh), as root, with
# the module at /lib/edutcp.ko and the test programs on PATH. Prints
# KTAP (lib.sh): its own checks, and each program's nested in one result.
. /lib.sh
ktap_begin 111

loaded() { [ -d /sys/module/edutcp ]; }
# last kernel message mentions $1
logged() { dmesg | tail -n 5 | grep -q -- "$1"; }

# --- before the module is loaded
run socket_api absent

# --- parameters that cannot be honoured fail the load, and say why
for p in family=0 family=-1 family=46 family=1000 ipproto=0 ipproto=255 \
	 ipproto=-3 ipproto=300; do
	check "insmod $p fails" not insmod $K "$p"
	check "insmod $p leaves no module" not loaded
	check "insmod $p says why in the kernel log" logged "$p is out of range"
done
# numbers another protocol already holds: AF_UNIX, AF_INET, TCP, UDP
for p in family=1 family=2; do
	check "insmod $p (taken) fails" not insmod $K "$p"
	check "insmod $p says it is taken" logged "${p}: cannot register the address family (already registered)"
	check "insmod $p leaves no module" not loaded
done
for p in ipproto=6 ipproto=17; do
	check "insmod $p (taken) fails" not insmod $K "$p"
	check "insmod $p says it is taken" logged "${p}: IP protocol ${p#ipproto=} is already registered"
	check "insmod $p leaves no module" not loaded
done
check "insmod ipproto=abc fails" not insmod $K ipproto=abc
check "insmod ipproto=abc leaves no module" not loaded

# --- load with the defaults
check "insmod succeeds" insmod $K
check "family parameter reads 23" grep -qx 23 /sys/module/edutcp/parameters/family
check "ipproto parameter reads 253" grep -qx 253 /sys/module/edutcp/parameters/ipproto
check "/proc/net/edutcp/snmp has a names and a values line" \
	sh -c '[ "$(grep -c ^EduTcp: /proc/net/edutcp/snmp)" = 2 ]'
run socket_api
# IPPROTO_IP options, handed to the IPv4 layer (IP_TOS, IP_TTL, ...)
run ipopt
run inject 253 5
run netns
# trace the connections below, to check the events afterwards
T=/sys/kernel/tracing
echo 16384 >$T/buffer_size_kb
echo >$T/trace
echo 1 >$T/events/edutcp/enable
echo 1 >$T/tracing_on
run conn
# lesson rules (lesson.c): drop, hold, dup, bad rules, a dying namespace
run lesson
# RFC 5482: EDUTCP_USER_TIMEOUT ends it on time (text lost by a rule)
run usertimeout

# --- conntrack: a segment that waits unread holds no entry (nf_reset_ct);
# tc's ct action on lo's ingress gives each segment one (the qemu kernels
# have it as modules, the UML kernel not)
ct_modules() { modload act_ct && modload cls_matchall && modload sch_ingress; }
if [ -e /lib/act_ct.ko ]; then
	check "tc's ct action loads (act_ct, cls_matchall, sch_ingress)" ct_modules
	$TC qdisc add dev lo clsact
	$TC filter add dev lo ingress matchall action ct
	run conntrack 8
	check "tc's ct action saw the segments" sh -c \
		"$TC -s filter show dev lo ingress | grep -Eq 'Sent [0-9]+ bytes [1-9]'"
	$TC qdisc del dev lo clsact
else
	ktap_skip "tc's ct action loads (act_ct, cls_matchall, sch_ingress)" "no modules (UML)"
	ktap_skip conntrack "no conntrack (UML)"
	ktap_skip "tc's ct action saw the segments" "no conntrack (UML)"
fi

# --- across a link: two namespaces joined by veth, netem for loss
veth_up

# RFC 9293 §3.8.1: SYN retransmission with backoff, then ETIMEDOUT
$TC qdisc add dev v0 root netem loss 100%
echo 2 >/proc/sys/net/edutcp/syn_retries
synretrans=$(counter SynRetrans)
run lossy synretry 10.7.0.2 9000 2
check "SYN sent again twice: SynRetrans +2" \
	test "$(counter SynRetrans)" = $((synretrans + 2))
echo 6 >/proc/sys/net/edutcp/syn_retries
$TC qdisc del dev v0 root

# 30% loss each way: handshakes, data and closes all complete
$TC qdisc add dev v0 root netem loss 30%
$PEER $TC qdisc add dev v1 root netem loss 30%
LIMIT=240 spawn server $PEER lossy server 9001 6
wait_for /tmp/bg.server "listening on"
# under 30% loss a run of losses backs the RTO off 1, 2, 4 ... s: allow
# as long as the server is given
LIMIT=240 run lossy clients 10.7.0.2 9001 6
reap server
$TC qdisc del dev v0 root
$PEER $TC qdisc del dev v1 root

# A SYN flood past the backlog: dropped and counted, and the server
# goes on serving. The server's backlog is 2, so 3 of the flood's
# connections wait (as in Linux, one more than the backlog) and it
# serves 4: those 3 and the client after the flood.
over=$(counter ListenOverflows "$PEER")
drops=$(counter ListenDrops "$PEER")
spawn server $PEER lossy server 9002 4 6
wait_for /tmp/bg.server "listening on"
run lossy flood 10.7.0.2 9002 20
check "ListenOverflows moved in the server's namespace" \
	test "$(counter ListenOverflows "$PEER")" -gt "$over"
check "ListenDrops moved in the server's namespace" \
	test "$(counter ListenDrops "$PEER")" -gt "$drops"
check "the client's namespace saw no listener drops" \
	test "$(counter ListenDrops)" = 0
run lossy clients 10.7.0.2 9002 1
reap server

# --- the trace of all this: every event, and the seeds' sequences
echo 0 >$T/tracing_on
cp $T/trace /tmp/conn.trace
echo 0 >$T/events/edutcp/enable
# transitions NAME ID: the set_state transitions of one socket, one line
transitions() {
	grep "edutcp_set_state: sock=$1 " /tmp/conn.trace |
		sed 's/.* \([A-Z_0-9]* -> [A-Z_0-9]*\)$/\1/' | tr '\n' ',' 
}
cid=$(grep -m 1 'edutcp_set_state:.* -> 127.0.0.1:7001 CLOSED -> SYN_SENT' /tmp/conn.trace |
	sed 's/.*sock=\([0-9]*\) .*/\1/')
sid=$(grep -m 1 'edutcp_set_state:.* 127.0.0.1:7001 -> .* SYN_RCVD -> ESTABLISHED' /tmp/conn.trace |
	sed 's/.*sock=\([0-9]*\) .*/\1/')
check "trace: the client goes SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT" \
	test "$(transitions "$cid")" = "CLOSED -> SYN_SENT,SYN_SENT -> ESTABLISHED,ESTABLISHED -> FIN_WAIT_1,FIN_WAIT_1 -> FIN_WAIT_2,FIN_WAIT_2 -> TIME_WAIT,"
check "trace: the server goes SYN_RCVD, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED" \
	test "$(transitions "$sid")" = "SYN_RCVD -> ESTABLISHED,ESTABLISHED -> CLOSE_WAIT,CLOSE_WAIT -> LAST_ACK,LAST_ACK -> CLOSED,"
# seg_sent WHO FLAGS REST: the trace has a segment sent by WHO (sock id)
seg_sent() {
	grep -qE "edutcp_segment_send: sock=$1 [0-9.:]+ -> [0-9.:]+ \\[$2\\] .*$3\$" /tmp/conn.trace
}
# RFC 9293 §3.5, §3.4: seq x, ack x+1; SYN and FIN each take one number
check "trace: segment_send: the client's SYN, rseq=0 and no ack" \
	seg_sent "$cid" SYN "len=0 rseq=0 rack=-1"
check "trace: segment_send: the SYN queue's SYN+ACK, rseq=0 rack=1" \
	seg_sent 0 "SYN\\|ACK" "len=0 rseq=0 rack=1"
check "trace: segment_send: the client's ACK of it, rseq=1 rack=1" \
	seg_sent "$cid" ACK "len=0 rseq=1 rack=1"
check "trace: segment_send: 'ping', len=4 rseq=1 rack=1" \
	seg_sent "$cid" "PSH\\|ACK" "len=4 rseq=1 rack=1"
check "trace: segment_send: 'pong!' carries the ACK of ping: rseq=1 rack=5" \
	seg_sent "$sid" "PSH\\|ACK" "len=5 rseq=1 rack=5"
check "trace: segment_send: the client's FIN, rseq=5 rack=6" \
	seg_sent "$cid" "FIN\\|ACK" "len=0 rseq=5 rack=6"
check "trace: segment_send: the server's FIN, rseq=6 rack=6" \
	seg_sent "$sid" "FIN\\|ACK" "len=0 rseq=6 rack=6"
check "trace: segment_send: the client's last ACK, rseq=6 rack=7" \
	seg_sent "$cid" ACK "len=0 rseq=6 rack=7"
check "trace: segment_recv: the client takes in the SYN+ACK, rseq=0 rack=1" \
	grep -qE "edutcp_segment_recv: sock=$cid 127.0.0.1:7001 -> [0-9.:]+ \\[SYN\\|ACK\\] .* rseq=0 rack=1\$" /tmp/conn.trace
check "trace: edutcp_send_reset: an RST for a closed port (no socket)" \
	grep -qE 'edutcp_send_reset: sock=0 .* \[RST\|ACK\] seq=0 ack=[0-9]+ state=CLOSED' /tmp/conn.trace
check "trace: edutcp_receive_reset: the refused connect takes it in SYN_SENT" \
	grep -qE 'edutcp_receive_reset: sock=[1-9][0-9]* .* \[RST\|ACK\] .* state=SYN_SENT' /tmp/conn.trace
check "trace: edutcp_synq_add shows LISTEN -> SYN_RCVD with iss and irs" \
	grep -q 'edutcp_synq_add: listener=.* LISTEN -> SYN_RCVD iss=[0-9]* irs=[0-9]*' /tmp/conn.trace
check "trace: edutcp_fsm_event shows each lookup of the table" \
	grep -q "edutcp_fsm_event: sock=$cid CLOSED + OPEN_ACTIVE -> SYN_SENT" /tmp/conn.trace
check "trace: edutcp_retransmit for the SYN retries 0 and 1" \
	sh -c "grep -q 'edutcp_retransmit:.*10.7.0.2:9000 SYN_SENT retries=0' /tmp/conn.trace &&
	       grep -q 'edutcp_retransmit:.*10.7.0.2:9000 SYN_SENT retries=1' /tmp/conn.trace"
sid9000=$(grep -m 1 'edutcp_set_state:.* -> 10.7.0.2:9000 CLOSED -> SYN_SENT' /tmp/conn.trace |
	sed 's/.*sock=\([0-9]*\) .*/\1/')
gaps_are /tmp/conn.trace "edutcp_segment_send: sock=$sid9000 .*[[]SYN[]]|edutcp_set_state: sock=$sid9000 .*SYN_SENT -> CLOSED" \
	"1000 2000 4000" | sed 's/^/# SYN backoff: /'
check "RFC 6298 (5.5), RFC 9293 §3.8.1: the SYN is sent again after 1 s, then 2 s, and connect() gives up 4 s later (each +-20%, trace timestamps)" \
	gaps_are /tmp/conn.trace "edutcp_segment_send: sock=$sid9000 .*[[]SYN[]]|edutcp_set_state: sock=$sid9000 .*SYN_SENT -> CLOSED" \
	"1000 2000 4000"
check "trace: edutcp_synq_drop says why (the flood)" \
	grep -q 'edutcp_synq_drop: .* reason=accept queue full' /tmp/conn.trace
check "trace: edutcp_lesson: the lesson's SYN to 7300, dropped on its way out" \
	grep -qE 'edutcp_lesson: rule=[0-9]+ drop out [0-9.]+:[0-9]+ -> 127.0.0.1:7300 \[SYN\]' /tmp/conn.trace
check "trace: edutcp_timewait_enter with 2MSL" \
	grep -q "edutcp_timewait_enter: sock=$cid .* 2MSL=60000ms" /tmp/conn.trace
check "trace: edutcp_timewait_expire after 2MSL (msl=1)" \
	grep -q 'edutcp_timewait_expire: .* TIME_WAIT -> CLOSED reason=2msl' /tmp/conn.trace

# the connections of the tests above must finish before the link's far
# end loses its address: closes that are retransmitting under backoff
# need the link (entries other than TIME_WAIT records are still open)
busy() {
	{ cat /proc/net/edutcp/sockets; $PEER cat /proc/net/edutcp/sockets; } |
		awk '$1 != "sl" && $5 != "TIME_WAIT"' | grep -q .
}
i=0
while busy && [ $i -lt 180 ]; do
	sleep 0.5
	i=$((i + 1))
done
echo "# waited $i half-seconds for the connections across the link"
check "the connections across the link all finished within 90 s" not busy

# A scripted fake peer: the far end of the link loses its address, so
# only the packet socket of tools/selftests/peer*.c
# answers there (veth_up pinned its neighbour entry)
$PEER $IP addr del 10.7.0.2/24 dev v1
# ip xfrm, for the IPsec policy check (the qemu kernels have it as modules)
if [ -e /lib/xfrm_user.ko ]; then
	modload xfrm_user
fi
# the fake peers check each segment on the wire: no super-segments
# (module/gso.c), as for a TCP that wants them seen one by one
check "ip link set v0 gso_max_segs 1: one segment per packet" \
	$IP link set dev v0 gso_max_segs 1
run peer v1 "$(cat /sys/class/net/v0/address)"
run peer_stream v1 "$(cat /sys/class/net/v0/address)"
run peer_push v1 "$(cat /sys/class/net/v0/address)"
$IP netns del peer
sleep 1

# --- the trace system edutcp
check "trace system edutcp exists" test -d /sys/kernel/tracing/events/edutcp
trace_run /tmp/hold.trace sh -c 'echo | hold >/dev/null'
id=$(sed -n 's/.*edutcp_sock_create: sock=\([0-9]*\) .*/\1/p' /tmp/hold.trace | tail -n 1)
check "edutcp_sock_create traced for socket()" test -n "$id"
check "edutcp_sock_release traced for close() of the same socket" \
	grep -q "edutcp_sock_release: sock=$id family=23" /tmp/hold.trace

# --- every connection ends: closed sockets finish their closes (orphans
# hold the module until then; TIME_WAIT records do not)
no_sockets_left
[ "$(cat /sys/module/edutcp/refcnt)" = 0 ] ||
	sed 's/^/# /' /proc/net/edutcp/sockets

# --- a SYN a lesson rule holds for a minute: rmmod below frees it
run lesson leave-held

# --- rmmod is refused while a socket is open, and works after
mkfifo /tmp/hold.in
hold </tmp/hold.in >/tmp/hold.out &
hold_pid=$!
exec 3>/tmp/hold.in
i=0
while ! grep -q holding /tmp/hold.out && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "a socket is held open" grep -q holding /tmp/hold.out
check "rmmod refused while a socket is open" not rmmod edutcp
check "module still loaded" loaded
exec 3>&-
check "hold exits 0 once its stdin closes" wait $hold_pid
check "rmmod succeeds once the socket is closed" rmmod edutcp
check "module gone" not loaded
check "/proc/net/edutcp gone" not test -e /proc/net/edutcp
run socket_api absent

# --- other numbers through the parameters
check "insmod family=25 ipproto=254 succeeds" insmod $K family=25 ipproto=254
check "family parameter reads 25" grep -qx 25 /sys/module/edutcp/parameters/family
run socket_api
run inject 254 4
check "rmmod succeeds" rmmod edutcp

# --- load and unload again and again
for i in 1 2 3; do
	check "reload $i" sh -c "insmod $K && echo | hold >/dev/null && rmmod edutcp"
done
ktap_end
