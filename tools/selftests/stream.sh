#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM selftests of the byte stream (a boot of its own, beside
# suite.sh and netem.sh): 64 MiB each way checked with SHA-256 over
# loopback; a zero window and its probes; a half-close transfer; the
# socket calls of tools/selftests/rw.c; sendfile and splice
# (sendfile.c); urgent data (oob.c); 100 clients on one epoll thread;
# keepalive, and retries ending in ETIMEDOUT, across a veth link.
. /lib.sh
ktap_begin 99

check "insmod succeeds" insmod $K
# the test's SHA-256 and stream generator agree with busybox's sha256sum
check "bulk gen writes 1 MiB of stream 5" sh -c "bulk gen $MiB 5 >/tmp/gen"
transfer "1 MiB one way" "" 127.0.0.1 9400 "$MiB 5" "0 1"
check "bulk's SHA-256 of a stream = sha256sum's" test \
	"$(sha256sum </tmp/gen | cut -c1-64)" = "$(hash recv /tmp/c.out)"
rm -f /tmp/gen

# --- 64 MiB each way at once over loopback
LIMIT=240 transfer "64 MiB each way over loopback" "" 127.0.0.1 9500 \
	"$((64 * MiB)) 1" "$((64 * MiB)) 2 -b"
check "64 MiB: both sides moved 67108864 bytes each way" \
	test "$(grep -c '^[a-z]* 67108864 ' /tmp/c.out /tmp/s.out | awk -F: '{ s += $2 } END { print s }')" = 4

# --- a slow reader: the window closes, probes keep asking, it reopens
probes=$(counter WinProbe)
transfer "zero window (a reader 3 s late)" "" 127.0.0.1 9501 \
	"0 1 -r 4096 -d 3000" "$MiB 2"
check "RFC 9293 §3.8.6.1: the zero window was probed (WinProbe moved)" \
	test "$(counter WinProbe)" -gt "$probes"

# --- half-close: after our FIN, the peer sends 8 MiB (CLOSE_WAIT to
# FIN_WAIT_2), all of which arrives
transfer "half-close" "" 127.0.0.1 9502 "$((8 * MiB)) 3 -h" "$MiB 4"
check "half-close: 8 MiB arrived after the reader's own FIN" \
	grep -q "^recv $((8 * MiB)) " /tmp/c.out

# --- the socket calls
run rw
# sendfile() and splice() send the file's pages, no copy, as TCP does
run sendfile
# urgent data: Linux's out-of-band byte, compared with TCP step by step
run oob

# --- the byte stream's sysctls refuse values out of range, keep the old
for kv in rto_min_ms=0 rto_min_ms=120001 delack_ms=-1 delack_ms=501 \
	  keepalive_time=0 keepalive_time=32768 keepalive_intvl=0 \
	  keepalive_probes=0 keepalive_probes=128 max_orphans=-1 \
	  max_orphans=1048577 window_scaling=2 window_scaling=-1 \
	  timestamps=2 timestamps=-1 sack=2 sack=-1; do
	f=/proc/sys/net/edutcp/${kv%=*}
	old=$(cat "$f")
	check "sysctl ${kv%=*}=${kv#*=} is refused" not sh -c "echo ${kv#*=} >$f"
	check "sysctl ${kv%=*} keeps $old" test "$(cat "$f")" = "$old"
done

# congestion_control: a name edutcp has, as Linux's
f=/proc/sys/net/edutcp/congestion_control
check "sysctl congestion_control is cubic, Linux's default" test "$(cat $f)" = cubic
check "sysctl congestion_control=bbr is refused (ENOENT: edutcp has no bbr)" \
	not sh -c "echo bbr >$f"
check "sysctl congestion_control keeps cubic" test "$(cat $f)" = cubic
check "sysctl congestion_control=reno is taken" \
	sh -c "echo reno >$f && test \"\$(cat $f)\" = reno"
echo cubic >$f

# rmem and wmem: min =< initial =< max, each 4096 to 1 GiB
for f in rmem wmem; do
	f=/proc/sys/net/edutcp/$f
	old=$(cat "$f")
	for v in "4096 212992 4096" "100 212992 6291456" "4096 4096 2147483647"; do
		check "sysctl ${f##*/}=$v is refused" not sh -c "echo $v >$f"
		check "sysctl ${f##*/} keeps $old" test "$(cat "$f")" = "$old"
	done
done
f=/proc/sys/net/edutcp/rmem
old=$(cat "$f")
echo "8192 131072 1048576" >$f
check "sysctl rmem takes 8192 131072 1048576" test "$(cat "$f" | tr '\t' ' ')" = "8192 131072 1048576"
echo "$old" >$f

# --- edutcp-stat: the socket table as ss shows TCP's, counter deltas as
# nstat shows them
edutcp-stat -c /tmp/stat.last >/dev/null
spawn listener keepalive listen 9510 2
wait_for /tmp/bg.listener "listening on"
spawn client bulk connect 127.0.0.1 9510 0 1 -d 1500
wait_for /tmp/bg.client "KTAP"
sleep 0.5
edutcp-stat >/tmp/ss.out
reap client
reap listener
edutcp-stat -c /tmp/stat.last >/tmp/nstat.out
cat /tmp/ss.out /tmp/nstat.out | sed 's/^/# /'
check "edutcp-stat: the listener, as ss shows one" \
	grep -qE '^LISTEN +0 +0 +0.0.0.0:9510 ' /tmp/ss.out
check "edutcp-stat: both ends of the connection, ESTABLISHED" \
	sh -c '[ "$(grep -cE "^ESTABLISHED .*127.0.0.1:9510 " /tmp/ss.out)" = 2 ]'
check "edutcp-stat -c: ActiveOpens +1 and PassiveOpens +1 since the last call" \
	sh -c 'grep -qE "^ActiveOpens +1 " /tmp/nstat.out &&
	       grep -qE "^PassiveOpens +1 " /tmp/nstat.out'
check "edutcp-stat -a: every counter of /proc/net/edutcp/snmp" \
	test "$(edutcp-stat -a | grep -vc '^#')" = \
	"$(head -n 1 /proc/net/edutcp/snmp | wc -w | awk '{ print $1 - 1 }')"

# --- 100 clients, one epoll thread each side, while a reader reads the
# socket table in small pieces over and over: every line well formed
ROW='^ *[0-9]+: [0-9A-F]{8}:[0-9A-F]{4} [0-9A-F]{8}:[0-9A-F]{4} [0-9A-F]{2} [A-Z_12]+ +[0-9A-F]{8}:[0-9A-F]{8} [0-9A-F]{2}:[0-9A-F]{8} [0-9A-F]{8} +[0-9]+ +[0-9]+ [0-9]+$'
table_reader() {
	reads=0 bad=0 most=0
	while [ ! -e /tmp/reader.stop ]; do
		dd if=/proc/net/edutcp/sockets bs=97 2>/dev/null >/tmp/table
		head -n 1 /tmp/table | grep -q '^  sl  local_address' ||
			bad=$((bad + 1))
		bad=$((bad + $(sed 1d /tmp/table | grep -cvE "$ROW")))
		lines=$(wc -l </tmp/table)
		[ "$lines" -le "$most" ] || most=$lines
		reads=$((reads + 1))
	done
	echo "$reads $bad $most" >/tmp/reader.out
}
rm -f /tmp/reader.stop
table_reader &
reader=$!
spawn server epoll serve 9503 100
wait_for /tmp/bg.server "listening"
run epoll clients 127.0.0.1 9503 100 65536
reap server
touch /tmp/reader.stop
wait $reader
read -r reads bad most </tmp/reader.out
echo "# $reads reads of the socket table, up to $most lines, $bad malformed"
check "procfs: the socket table read $reads times as 200 sockets came and went, no malformed line" \
	test "$reads" -gt 3 -a "$bad" = 0 -a "$most" -gt 30

# --- across a link with netem: loss, reordering, duplication, delay
veth_up

# --- keepalive: a peer behind 100% loss is found dead
# (each listener holds its connection, silent, long enough for the test)
spawn listener $PEER keepalive listen 9700 8
wait_for /tmp/bg.listener "listening on"
ka=$(counter KeepAlive)
aborts=$(counter AbortOnTimeout)
trace_run /tmp/ka.trace run keepalive connect 10.7.0.2 9700 1 1 3 4 "$TC qdisc add dev v0 root netem loss 100%"
check "keepalive: 3 probes sent (KeepAlive +3)" test "$(counter KeepAlive)" = $((ka + 3))
check "keepalive: AbortOnTimeout +1" test "$(counter AbortOnTimeout)" = $((aborts + 1))
# RFC 9293 §3.8.4: the first probe after keepalive_time of silence (1 s),
# the next ones keepalive_intvl apart (1 s), the end one interval later
ka_sock=$(grep -m 1 'edutcp_set_state:.* -> 10.7.0.2:9700 CLOSED -> SYN_SENT' /tmp/ka.trace |
	sed 's/.*sock=\([0-9]*\) .*/\1/')
KA_RE="edutcp_segment_send: sock=$ka_sock |edutcp_set_state: sock=$ka_sock .*ESTABLISHED -> CLOSED"
grep -E "$KA_RE" /tmp/ka.trace | tail -n 5 >/tmp/ka.last
gaps_are /tmp/ka.last . "1000 1000 1000 1000" | sed 's/^/# keepalive: /'
check "RFC 9293 §3.8.4: keepalive probes 1 s after the last segment, then 1 s apart, the end 1 s after the third (each +-20%, trace timestamps)" \
	gaps_are /tmp/ka.last . "1000 1000 1000 1000"
$TC qdisc del dev v0 root
reap listener
# the same with the sysctls instead of the socket's own settings
echo 2 >/proc/sys/net/edutcp/keepalive_time
echo 1 >/proc/sys/net/edutcp/keepalive_intvl
echo 2 >/proc/sys/net/edutcp/keepalive_probes
spawn listener $PEER keepalive listen 9701 8
wait_for /tmp/bg.listener "listening on"
run keepalive connect 10.7.0.2 9701 0 0 0 4 "$TC qdisc add dev v0 root netem loss 100%"
$TC qdisc del dev v0 root
reap listener

# RFC 9293 §3.8.3 (RFC 1122 R2): text unacknowledged through `retries`
# timeouts (RTO 200 ms, doubling) ends the connection with ETIMEDOUT
echo 3 >/proc/sys/net/edutcp/retries
spawn listener $PEER keepalive listen 9702 8
wait_for /tmp/bg.listener "listening on"
timeouts=$(counter Timeouts)
trace_run /tmp/rto.trace run keepalive connect 10.7.0.2 9702 -1 0 0 3 "$TC qdisc add dev v0 root netem loss 100%"
check "retries=3: 3 timeouts, then ETIMEDOUT (Timeouts +3)" \
	test "$(counter Timeouts)" = $((timeouts + 3))
# RFC 6298 (5.5): the text is sent again after RTO, 2 RTO, 4 RTO, and the
# connection ends 8 RTO later; RTO is rto_min (200 ms) on this fast link
rto_sock=$(grep -m 1 'edutcp_set_state:.* -> 10.7.0.2:9702 CLOSED -> SYN_SENT' /tmp/rto.trace |
	sed 's/.*sock=\([0-9]*\) .*/\1/')
RTO_RE="edutcp_segment_send: sock=$rto_sock .* len=[1-9]|edutcp_set_state: sock=$rto_sock .*ESTABLISHED -> CLOSED"
gaps_are /tmp/rto.trace "$RTO_RE" "200 400 800 1600" | sed 's/^/# RTO: /'
check "RFC 6298 (5.5): the RTO doubles: text sent again 200, 400, 800 ms apart, given up 1600 ms later (each +-20%, trace timestamps)" \
	gaps_are /tmp/rto.trace "$RTO_RE" "200 400 800 1600"
$TC qdisc del dev v0 root
echo 15 >/proc/sys/net/edutcp/retries
reap listener

$IP netns del peer
sleep 1
no_sockets_left
check "rmmod succeeds" rmmod edutcp
ktap_end
