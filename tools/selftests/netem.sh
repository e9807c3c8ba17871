#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The byte stream through a bad network (a boot of its own, beside
# suite.sh and stream.sh): 64 MiB each way at once between two
# namespaces over veth, with netem on both ends: 20 ms delay, 25%
# reordering, 10% loss, 5% duplication. Every byte must arrive, in
# order, once (SHA-256), and the counters of what repaired it move.
. /lib.sh

check "insmod succeeds" insmod $K
veth_up
NETEM="delay 20ms reorder 25% loss 10% duplicate 5%"
$TC qdisc add dev v0 root netem $NETEM
$PEER $TC qdisc add dev v1 root netem $NETEM
for c in RetransSegs FastRetrans OFOQueue DupData Timeouts; do
	eval "b_$c=$(counter $c)"
done
N=$((64 * MiB))
LIMIT=1500 transfer "netem $NETEM, 64 MiB each way" "$PEER" 10.7.0.2 9600 \
	"$N 5" "$N 6 -b"
check "netem: both sides moved 67108864 bytes each way" \
	test "$(grep -c '^[a-z]* 67108864 ' /tmp/c.out /tmp/s.out | awk -F: '{ s += $2 } END { print s }')" = 4
for c in RetransSegs FastRetrans OFOQueue DupData Timeouts; do
	eval "b=\$b_$c"
	check "netem: $c moved ($b -> $(counter $c))" test "$(counter $c)" -gt "$b"
done
$TC qdisc del dev v0 root
$PEER $TC qdisc del dev v1 root
$IP netns del peer
sleep 1
no_sockets_left
check "rmmod succeeds" rmmod edutcp
