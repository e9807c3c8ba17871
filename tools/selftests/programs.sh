#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Programs nobody here wrote, over edutcp through edutcp-run and over TCP
# without it, in one boot (a boot of its own): OpenBSD's netcat both
# ways with a SHA-256 of what arrived; which stack carried each
# connection, from both stacks' ActiveOpens and PassiveOpens; edutcp-run
# -p (only the ports given), IPv6 refused with a fall-back to IPv4, -v,
# and a clear word when the module is not loaded; socat; curl fetching
# 1 KiB and 16 MiB from lighttpd (which corks around sendfile); iperf3
# for 5 s each way, edutcp's throughput over TCP's printed as a ratio;
# ssh (OpenSSH's client, dropbear's server): a remote command and scp;
# the preload library's own test, its answers against TCP's.
# vm-run: with programs
. /lib.sh
ktap_begin 98
NC=/usr/bin/nc.openbsd
# vm-run copies the programs where Debian has them
PATH=$PATH:/usr/bin:/usr/sbin
PORT=9100

# tcp_counter NAME: a counter of Linux TCP's, /proc/net/snmp's Tcp lines
tcp_counter() {
	awk -v n="$1" '$1 == "Tcp:" && !h { for (i = 2; i <= NF; i++) if ($i == n) c = i; h = 1; next }
		$1 == "Tcp:" && c { print $c }' /proc/net/snmp
}
# opens: "edutcp ACTIVE PASSIVE tcp ACTIVE PASSIVE" now
opens() {
	echo "edutcp $(counter ActiveOpens) $(counter PassiveOpens)" \
		"tcp $(tcp_counter ActiveOpens) $(tcp_counter PassiveOpens)"
}
# moved BEFORE WANT: the opens since BEFORE were WANT ("e": one edutcp
# connection, "t": one TCP connection); says what moved otherwise
moved() {
	set -- $1 "$2" $(opens)
	case $7 in
	e) moved_want="1 1 0 0" ;;
	t) moved_want="0 0 1 1" ;;
	esac
	got="$(($9 - $2)) $((${10} - $3)) $((${12} - $5)) $((${13} - $6))"
	[ "$got" = "$moved_want" ] || {
		echo "edutcp active, passive; TCP active, passive moved by $got, not $moved_want"
		return 1
	}
}
sum() { sha256sum "$1" | cut -d' ' -f1; }

check "edutcp-run without the module loaded: exit status 1, and it says so" \
	sh -c 'edutcp-run true 2>/tmp/err; [ $? = 1 ] && grep -q "not loaded" /tmp/err'
check "edutcp-run -p with a bad port list: exit status 2" \
	sh -c 'edutcp-run -p 80,x true 2>/dev/null; [ $? = 2 ]'
insmod $K
check "edutcp-run runs a program when the module is loaded" edutcp-run true
head -c $((2 * MiB)) /dev/urandom >/tmp/in
want=$(sum /tmp/in)

# send CLIENT_PREFIX SERVER_PREFIX: /tmp/in from a client to a server
# (nc -N: the client's FIN after the file; the server saves all of it)
send() {
	PORT=$((PORT + 1))
	timeout 120 $2 $NC -l -n 127.0.0.1 $PORT </dev/null >/tmp/out 2>/tmp/srv.err &
	srv=$!
	until_listening $PORT
	timeout 120 $1 $NC -N -n 127.0.0.1 $PORT </tmp/in 2>/tmp/nc.err
	wait $srv
}
# fetch CLIENT_PREFIX SERVER_PREFIX: the server sends /tmp/in (nc -N)
fetch() {
	PORT=$((PORT + 1))
	timeout 120 $2 $NC -l -N -n 127.0.0.1 $PORT </tmp/in 2>/tmp/srv.err &
	srv=$!
	until_listening $PORT
	timeout 120 $1 $NC -n 127.0.0.1 $PORT </dev/null >/tmp/out 2>/tmp/nc.err
	wait $srv
}

# segs_since BEFORE BYTES: edutcp sent at least the segments BYTES of
# text take at loopback's MSS (65483 + headers fit its MTU of 65536)
segs_since() {
	n=$(($(counter OutSegs) - $1))
	[ "$n" -ge $(($2 / 65483)) ] || {
		echo "OutSegs +$n, fewer than $2 bytes need"
		return 1
	}
}

for how in edutcp tcp; do
	if [ $how = edutcp ]; then run_with=edutcp-run w=e; else run_with= w=t; fi
	before=$(opens)
	out0=$(counter OutSegs)
	send "$run_with" "$run_with"
	check "nc over $how, client to server: 2 MiB arrive, SHA-256 equal" \
		test "$(sum /tmp/out)" = "$want"
	check "nc over $how, client to server: one $how connection, none of the other" \
		moved "$before" $w
	[ $how = tcp ] || check "nc over edutcp, client to server: OutSegs moved for 2 MiB" \
		segs_since "$out0" $((2 * MiB))
	before=$(opens)
	out0=$(counter OutSegs)
	fetch "$run_with" "$run_with"
	check "nc over $how, server to client: 2 MiB arrive, SHA-256 equal" \
		test "$(sum /tmp/out)" = "$want"
	check "nc over $how, server to client: one $how connection, none of the other" \
		moved "$before" $w
	[ $how = tcp ] || check "nc over edutcp, server to client: OutSegs moved for 2 MiB" \
		segs_since "$out0" $((2 * MiB))
done

# -p: only the ports given go over edutcp, on both ends
P=$((PORT + 1))
before=$(opens)
PORT=$((P - 1))
send "edutcp-run -p $P" "edutcp-run -p $P"
check "edutcp-run -p $P, to port $P: SHA-256 equal" test "$(sum /tmp/out)" = "$want"
check "edutcp-run -p $P, to port $P: an edutcp connection (the server's SO_REUSEADDR set again)" \
	moved "$before" e
before=$(opens)
send "edutcp-run -p $P" "edutcp-run -p $P"
check "edutcp-run -p $P, to port $((P + 1)): SHA-256 equal" test "$(sum /tmp/out)" = "$want"
check "edutcp-run -p $P, to port $((P + 1)): a TCP connection" moved "$before" t

# IPv6: refused, so that a program falls back to IPv4
check "edutcp-run: an IPv6 connect fails (nc -6 ::1)" \
	not edutcp-run $NC -6 -n -z ::1 9
check "edutcp-run -v says why: EAFNOSUPPORT" \
	sh -c "edutcp-run -v $NC -6 -n -z ::1 9 2>&1 | grep -q 'AF_INET6.*EAFNOSUPPORT'"
# an IPv6 address that is not loopback's, so that getaddrinfo's
# AI_ADDRCONFIG gives IPv6 addresses at all
$IP -6 addr add fd00::1/64 dev lo
printf '::1 localhost\n127.0.0.1 localhost\n' >/etc/hosts
printf 'hosts: files\n' >/etc/nsswitch.conf
printf 'multi on\n' >/etc/host.conf
PORT=$((PORT + 1))
before=$(opens)
timeout 120 edutcp-run $NC -l -n 127.0.0.1 $PORT </dev/null >/tmp/out 2>/tmp/srv.err &
srv=$!
until_listening $PORT
timeout 120 edutcp-run -v $NC -N localhost $PORT </tmp/in 2>/tmp/nc.err
wait $srv
check "nc localhost (::1 first, then 127.0.0.1): SHA-256 equal" \
	test "$(sum /tmp/out)" = "$want"
check "nc localhost: the IPv6 socket refused, then the IPv4 one edutcp's" \
	sh -c "cat /tmp/nc.err; grep -q 'AF_INET6.*EAFNOSUPPORT' /tmp/nc.err && grep -q 'edutcp\$' /tmp/nc.err"
check "nc localhost: one edutcp connection" moved "$before" e


# socat, a file from a client to a server
for how in edutcp tcp; do
	if [ $how = edutcp ]; then run_with=edutcp-run w=e; else run_with= w=t; fi
	PORT=$((PORT + 1))
	before=$(opens)
	out0=$(counter OutSegs)
	rm -f /tmp/out
	timeout 120 $run_with socat -u TCP-LISTEN:$PORT,bind=127.0.0.1,reuseaddr \
		CREATE:/tmp/out 2>/tmp/srv.err &
	srv=$!
	until_listening $PORT
	timeout 120 $run_with socat -u OPEN:/tmp/in TCP:127.0.0.1:$PORT 2>/tmp/socat.err
	rc=$?
	wait $srv
	src=$?
	check "socat over $how: exit status 0 at both ends" \
		sh -c "cat /tmp/srv.err /tmp/socat.err; [ $rc = 0 ] && [ $src = 0 ]"
	check "socat over $how: 2 MiB arrive, SHA-256 equal" test "$(sum /tmp/out)" = "$want"
	check "socat over $how: one $how connection, none of the other" moved "$before" $w
	[ $how = tcp ] || check "socat over edutcp: OutSegs moved for 2 MiB" \
		segs_since "$out0" $((2 * MiB))
done

# lighttpd, as Debian ships it (it sets TCP_CORK around each sendfile),
# serving files of 1 KiB and 16 MiB to curl
mkdir -p /tmp/www
head -c 1024 /dev/urandom >/tmp/www/small.bin
head -c $((16 * MiB)) /dev/urandom >/tmp/www/big.bin
for how in edutcp tcp; do
	if [ $how = edutcp ]; then run_with=edutcp-run w=e; else run_with= w=t; fi
	PORT=$((PORT + 1))
	lighttpd_conf $PORT
	: >/tmp/lighttpd.err
	$run_with lighttpd -D -f /tmp/lighttpd.conf &
	srv=$!
	check "lighttpd over $how listens on $PORT" until_listening $PORT
	for f in small big; do
		before=$(opens)
		out0=$(counter OutSegs)
		rm -f /tmp/out
		check "curl over $how: $f.bin from lighttpd, HTTP 200" \
			sh -c "timeout 120 $run_with curl -s -S -w '%{http_code}' -o /tmp/out http://127.0.0.1:$PORT/$f.bin | grep -qx 200"
		check "curl over $how: $f.bin, SHA-256 equal" \
			test "$(sum /tmp/out)" = "$(sum /tmp/www/$f.bin)"
		check "curl over $how: $f.bin in one $how connection" moved "$before" $w
		[ $how = tcp ] || [ $f = small ] ||
			check "curl over edutcp: OutSegs moved for 16 MiB" \
				segs_since "$out0" $((16 * MiB))
	done
	# requests per second: 200 GETs of small.bin over one keep-alive
	# connection
	r=$(get_rate "$run_with" 200 http://127.0.0.1:$PORT/small.bin)
	check "curl over $how: 200 GETs on one connection, each HTTP 200" \
		test "$(grep -c '^200$' /tmp/codes)" = 200
	if [ $how = edutcp ]; then rate_edutcp=$r; else rate_tcp=$r; fi
	kill $srv
	wait $srv
	check "lighttpd over $how logged no error" \
		sh -c "cat /tmp/lighttpd.err; ! grep -v 'server st' /tmp/lighttpd.err | grep -q ."
done

echo "# lighttpd and curl, 1 KiB GETs on one connection: edutcp $rate_edutcp/s," \
	"TCP $rate_tcp/s, ratio $(awk -v e="$rate_edutcp" -v t="$rate_tcp" 'BEGIN { if (t > 0) printf "%.2f", e / t }')"

# iperf3 for 5 s each way (-R: the server sends); "# iperf3" lines give
# the receiver's Mbit/s, and edutcp's over TCP's
iperf() { # iperf PREFIX [-R]: the receiver's Mbit/s, or nothing
	PORT=$((PORT + 1))
	# -B: IPv4 (over TCP it would listen on IPv6's wildcard, dual-stack)
	timeout 60 $1 iperf3 -s -1 -B 127.0.0.1 -p $PORT --forceflush \
		>/tmp/iperf-s.out 2>&1 &
	srv=$!
	until_listening $PORT
	# and until it says so (its listener may show before it accepts)
	i=0
	while ! grep -q 'Server listening' /tmp/iperf-s.out && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	timeout 60 $1 iperf3 -c 127.0.0.1 -p $PORT -t 5 -f m $2 >/tmp/iperf.out 2>&1
	wait $srv
	sed 's/^/# /' /tmp/iperf.out >&2
	grep -q receiver /tmp/iperf.out || sed 's/^/# server: /' /tmp/iperf-s.out >&2
	awk '/receiver$/ { print $7 }' /tmp/iperf.out
}
# opened BEFORE E T: edutcp and TCP each opened that many connections
opened() {
	set -- $1 $(opens) "$2" "$3"
	[ $(($8 - $2)) = "${13}" ] && [ $((${11} - $5)) = "${14}" ] || {
		echo "edutcp +$(($8 - $2)) TCP +$((${11} - $5)), not ${13} ${14}"
		return 1
	}
}
for dir in "" -R; do
	before=$(opens)
	e=$(iperf edutcp-run "$dir")
	check "iperf3 $dir over edutcp: 5 s, the receiver's rate ($e Mbit/s)" test -n "$e"
	check "iperf3 $dir over edutcp: its two connections edutcp's, none TCP's" \
		opened "$before" 2 0
	before=$(opens)
	t=$(iperf "" "$dir")
	check "iperf3 $dir over TCP: 5 s, the receiver's rate ($t Mbit/s)" test -n "$t"
	check "iperf3 $dir over TCP: its two connections TCP's" opened "$before" 0 2
	echo "# iperf3 ${dir:-(client sends)}: edutcp $e Mbit/s, TCP $t Mbit/s," \
		"ratio $(awk -v e="$e" -v t="$t" 'BEGIN { if (t > 0) printf "%.2f", e / t }')"
done

# ssh: OpenSSH's client against dropbear, a remote command, then scp
# (-O: the old scp protocol, scp -t on the far side) of 4 MiB
mkdir -p /root/.ssh
chmod 700 /root /root/.ssh
grep -q '^root:' /etc/passwd 2>/dev/null ||
	echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
dropbearkey -t ed25519 -f /tmp/host_key >/dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f /tmp/id
cp /tmp/id.pub /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
head -c $((4 * MiB)) /dev/urandom >/tmp/scp.in
OPTS="-i /tmp/id -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
for how in edutcp tcp; do
	if [ $how = edutcp ]; then run_with=edutcp-run w=e; else run_with= w=t; fi
	PORT=$((PORT + 1))
	$run_with dropbear -F -E -s -r /tmp/host_key -p 127.0.0.1:$PORT 2>/tmp/dropbear.err &
	srv=$!
	until_listening $PORT
	before=$(opens)
	check "ssh over $how: a remote command's output (dropbear runs it)" \
		sh -c "timeout 60 $run_with ssh -T $OPTS -p $PORT root@127.0.0.1 'echo edutcp-\$((6 * 7))' | grep -qx edutcp-42"
	check "ssh over $how: one $how connection" moved "$before" $w
	before=$(opens)
	out0=$(counter OutSegs)
	rm -f /tmp/scp.out
	check "scp over $how: 4 MiB to the far end, SHA-256 equal" \
		sh -c "timeout 120 $run_with scp -O -q $OPTS -P $PORT /tmp/scp.in root@127.0.0.1:/tmp/scp.out &&
			[ \"\$(sha256sum </tmp/scp.out | cut -c1-64)\" = \"\$(sha256sum </tmp/scp.in | cut -c1-64)\" ]"
	check "scp over $how: one $how connection" moved "$before" $w
	[ $how = tcp ] || check "scp over edutcp: OutSegs moved for 4 MiB" \
		segs_since "$out0" $((4 * MiB))
	kill $srv
	wait $srv
	sed 's/^/# dropbear: /' /tmp/dropbear.err | tail -n 5
done

# the preload library's own test (tools/preload/preload_test.c): each
# call it takes over, with NULL addresses, short lengths, families it
# does not translate and buffers too small, answered as TCP answers
PRELOAD_LINES=30
preload_test 9190 >/tmp/pt.tcp 2>&1
edutcp-run preload_test 9192 >/tmp/pt.edutcp 2>&1
check "preload_test over TCP printed its $PRELOAD_LINES answers" \
	test "$(wc -l </tmp/pt.tcp)" = $PRELOAD_LINES
i=1
while [ $i -le $PRELOAD_LINES ]; do
	want=$(sed -n "${i}p" /tmp/pt.tcp)
	got=$(sed -n "${i}p" /tmp/pt.edutcp)
	check "edutcp-run: ${want:-(line $i)}" test "$got" = "$want"
	i=$((i + 1))
done

# -v names the options a program asks for, with edutcp's answer
check "edutcp-run -v: nc -T lowdelay's IP_TOS is named, and taken (= 0)" \
	sh -c "edutcp-run -v $NC -T lowdelay -n -z 127.0.0.1 9 2>&1 | grep -q 'setsockopt(.*IPPROTO_IP, 1) = 0$'"
check "the module unloads after the programs" rmmod edutcp
ktap_end
