#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The segment fuzzer (tools/fuzz/edutcp-fuzz.c) against the module, in a
# boot of its own: it plays 10.7.0.2 on the far end of a veth link whose
# end has no address (as the fake peer of suite.sh does), while 32 MiB
# go each way over loopback beside it. After it: the transfer's bytes
# exact, every connection finished, rmmod, and (scripts/vm-test) a clean
# kernel log. The kernel command line may set fuzz_segments and fuzz_seed
# (make fuzz does); make check runs 20000 segments of seed 1.
. /lib.sh
ktap_begin 12

check "insmod succeeds" insmod $K
S=/proc/sys/net/edutcp
# what the fuzzing leaves behind dies soon: SYN queue entries after two
# SYN+ACK resends, active opens after one SYN resend, FIN_WAIT_2 in 1 s,
# TIME_WAIT in 2 s, data after 3 timeouts
echo 2 >$S/synack_retries
echo 1 >$S/syn_retries
echo 1 >$S/fin_timeout
echo 1 >$S/msl
echo 3 >$S/retries
veth_up
$PEER $IP addr del 10.7.0.2/24 dev v1
LIMIT=900 transfer_start "loopback beside the fuzzer" "" 127.0.0.1 9800 \
	"$((32 * MiB)) 11" "$((32 * MiB)) 12"
LIMIT=3600 run edutcp-fuzz v1 "$(cat /sys/class/net/v0/address)" \
	"${fuzz_segments:-20000}" "${fuzz_seed:-1}"
transfer_end "loopback beside the fuzzer"
no_sockets_left

# --- teardown: the fuzzing again, with the module's side in a namespace
# of its own, whose connections are left as they are when the fuzzer
# exits: its exit closes a listener with SYN queue entries and
# connections waiting for accept(), and established ones (the fuzzer
# checks they are there), which become orphans closing beside the
# TIME_WAIT records and text in out-of-order queues; then the namespace
# is deleted with them inside, and rmmod and the kernel log (KASAN,
# kmemleak where the kernel has them) say whether everything was freed
EDU="$IP netns exec edu"
$IP netns add edu
$IP link set v0 netns edu
$EDU $IP addr add 10.7.0.1/24 dev v0
$EDU $IP link set v0 up
$EDU $IP neigh replace 10.7.0.2 lladdr "$($PEER cat /sys/class/net/v1/address)" \
	dev v0 nud permanent
for kv in synack_retries=2 syn_retries=1 fin_timeout=1 retries=3; do
	$EDU sh -c "echo ${kv#*=} >$S/${kv%=*}"
done
LIMIT=3600 run $EDU edutcp-fuzz -k v1 "$($EDU cat /sys/class/net/v0/address)" \
	"${fuzz_segments:-20000}" "$((${fuzz_seed:-1} + 1))"
$EDU cat /proc/net/edutcp/sockets >/tmp/left
awk 'NR > 1 { print $5 }' /tmp/left | sort | uniq -c | sed 's/^/# left in the namespace: /'
check "teardown: the fuzzer left connections in the namespace" \
	test "$(wc -l </tmp/left)" -gt 3
$IP netns del edu
$IP netns del peer
no_sockets_left
check "rmmod succeeds after the fuzzing" rmmod edutcp
ktap_end
