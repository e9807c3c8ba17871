#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM selftests of the byte stream (a boot of its own, after
# suite.sh): bulk transfers checked with SHA-256 over loopback and
# through netem loss, reordering, duplication and delay; a zero window
# and its probes; keepalive; 100 clients on one epoll thread; a
# half-close transfer; the socket calls of tools/selftests/rw.c.
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
run() {
	timeout "${LIMIT:-120}" "$@"
	[ $? -ne 143 ] || echo "not ok - $1 finished within ${LIMIT:-120} s: it hung"
}
# counter NAME [COMMAND PREFIX]: a counter of /proc/net/edutcp/snmp
counter() {
	$2 cat /proc/net/edutcp/snmp | awk -v n="$1" \
		'NR == 1 { for (i = 2; i <= NF; i++) if ($i == n) c = i }
		 NR == 2 { print $c }'
}
hash() { sed -n "s/^$1 [0-9]* //p" "$2"; }
# transfer NAME OUT_A OUT_B: A's sent = B's received and the other way
same_bytes() {
	sa=$(hash sent "$2"); rb=$(hash recv "$3")
	sb=$(hash sent "$3"); ra=$(hash recv "$2")
	check "$1: SHA-256 of what A sent = of what B received" \
		test -n "$sa" -a "$sa" = "$rb"
	check "$1: SHA-256 of what B sent = of what A received" \
		test -n "$sb" -a "$sb" = "$ra"
}

check "insmod succeeds" insmod $K
# the test's SHA-256 and stream generator agree with busybox's sha256sum
bulk gen $MiB 5 >/tmp/gen
bulk serve 9400 $MiB 5 -n "1 MiB server" >/tmp/s.out 2>&1 &
sleep 0.3
run bulk connect 127.0.0.1 9400 0 1 -n "1 MiB client" >/tmp/c.out
wait
check "bulk's SHA-256 of a stream = sha256sum's" test \
	"$(sha256sum </tmp/gen | cut -c1-64)" = "$(hash recv /tmp/c.out)"
rm -f /tmp/gen

# --- 64 MiB each way at once over loopback
bulk serve 9500 $((64 * MiB)) 1 -n "64 MiB loopback server" >/tmp/s.out 2>&1 &
sleep 0.3
LIMIT=240 run bulk connect 127.0.0.1 9500 $((64 * MiB)) 2 -b \
	-n "64 MiB loopback client" >/tmp/c.out
wait
cat /tmp/c.out /tmp/s.out | grep -v '^sent\|^recv'
same_bytes "64 MiB each way over loopback" /tmp/c.out /tmp/s.out
check "64 MiB: both sides moved 67108864 bytes each way" \
	test "$(grep -c '^[a-z]* 67108864 ' /tmp/c.out /tmp/s.out | awk -F: '{ s += $2 } END { print s }')" = 4

# --- a slow reader: the window closes, probes keep asking, it reopens
probes=$(counter WinProbe)
bulk serve 9501 0 1 -r 4096 -d 3000 -n "slow reader" >/tmp/s.out 2>&1 &
sleep 0.3
run bulk connect 127.0.0.1 9501 $MiB 2 -n "writer to a zero window" >/tmp/c.out
wait
cat /tmp/c.out /tmp/s.out | grep -v '^sent\|^recv'
same_bytes "zero window" /tmp/c.out /tmp/s.out
check "RFC 9293 §3.8.6.1: the zero window was probed (WinProbe moved)" \
	test "$(counter WinProbe)" -gt "$probes"

# --- half-close: after our FIN, the peer sends 8 MiB (CLOSE_WAIT to
# FIN_WAIT_2), all of which arrives
bulk serve 9502 $((8 * MiB)) 3 -h -n "half-close: CLOSE_WAIT sender" >/tmp/s.out 2>&1 &
sleep 0.3
run bulk connect 127.0.0.1 9502 $MiB 4 -n "half-close: FIN_WAIT_2 reader" >/tmp/c.out
wait
cat /tmp/c.out /tmp/s.out | grep -v '^sent\|^recv'
same_bytes "half-close" /tmp/c.out /tmp/s.out
check "half-close: 8 MiB arrived after the reader's own FIN" \
	grep -q "^recv $((8 * MiB)) " /tmp/c.out

# --- the socket calls
run rw

# --- 100 clients, one epoll thread each side
epoll serve 9503 100 >/tmp/s.out 2>&1 &
sleep 0.3
run epoll clients 127.0.0.1 9503 100 65536
wait
cat /tmp/s.out

# --- across a link with netem: loss, reordering, duplication, delay
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

NETEM="delay 20ms reorder 25% loss 10% duplicate 5%"
$TC qdisc add dev v0 root netem $NETEM
$PEER $TC qdisc add dev v1 root netem $NETEM
for c in RetransSegs FastRetrans OFOQueue DupData Timeouts; do
	eval "b_$c=$(counter $c)"
done
N=${NETEM_BYTES:-$MiB}
$PEER bulk serve 9600 "$N" 5 -n "netem server" >/tmp/s.out 2>&1 &
sleep 0.3
LIMIT=280 run bulk connect 10.7.0.2 9600 "$N" 6 -b -n "netem client" >/tmp/c.out
wait
cat /tmp/c.out /tmp/s.out | grep -v '^sent\|^recv'
same_bytes "netem $NETEM, $N bytes each way" /tmp/c.out /tmp/s.out
for c in RetransSegs FastRetrans OFOQueue DupData; do
	eval "b=\$b_$c"
	check "netem: $c moved ($b -> $(counter $c))" test "$(counter $c)" -gt "$b"
done
echo "# netem client counters: $(tail -n 1 /proc/net/edutcp/snmp)"
$TC qdisc del dev v0 root
$PEER $TC qdisc del dev v1 root

# --- keepalive: a peer behind 100% loss is found dead
$PEER timeout 60 keepalive listen 9700 30 &
sleep 0.3
ka=$(counter KeepAlive)
aborts=$(counter AbortOnTimeout)
run keepalive connect 10.7.0.2 9700 1 1 3 4 "$TC qdisc add dev v0 root netem loss 100%"
check "keepalive: 3 probes sent (KeepAlive +3)" test "$(counter KeepAlive)" = $((ka + 3))
check "keepalive: AbortOnTimeout +1" test "$(counter AbortOnTimeout)" = $((aborts + 1))
$TC qdisc del dev v0 root
# the same with the sysctls instead of the socket's own settings
echo 2 >/proc/sys/net/edutcp/keepalive_time
echo 1 >/proc/sys/net/edutcp/keepalive_intvl
echo 2 >/proc/sys/net/edutcp/keepalive_probes
$PEER timeout 60 keepalive listen 9701 30 &
sleep 0.3
run keepalive connect 10.7.0.2 9701 0 0 0 4 "$TC qdisc add dev v0 root netem loss 100%"
$TC qdisc del dev v0 root
kill %1 %2 2>/dev/null
wait

$IP netns del peer
sleep 1
i=0
while [ "$(cat /sys/module/edutcp/refcnt)" != 0 ] && [ $i -lt 120 ]; do
	sleep 0.5
	i=$((i + 1))
done
check "all connections finished (no socket left behind)" \
	grep -qx 0 /sys/module/edutcp/refcnt
check "rmmod succeeds" rmmod edutcp
