#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Host side of observe.sh (scripts/vm-test runs it after the boot): the
# capture the guest exported is decoded by tshark as TCP (the wire format
# is TCP's header over IP protocol 253), and every segment tshark sees has
# the flags, seq, ack and length the module's trace says it sent, and a
# checksum tshark finds good.
#
#   observe.host.sh GUEST_LOG DIR     (the exported files go to DIR)
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$(dirname "$0")/ktap.sh"

log=$1
dir=$2
rm -rf "$dir"
vm_files "$log" "$dir"
ktap_begin 9
flags_hex() { # FIN|ACK -> 0x0011
	local f=0 n
	for n in ${1//|/ }; do
		case $n in
		FIN) f=$((f | 1)) ;; SYN) f=$((f | 2)) ;; RST) f=$((f | 4)) ;;
		PSH) f=$((f | 8)) ;; ACK) f=$((f | 16)) ;; URG) f=$((f | 32)) ;;
		esac
	done
	printf '0x%04x' "$f"
}

pcap=$dir/capture.pcap
check "tshark: the capture came out of the VM" test -s "$pcap"
tshark -r "$pcap" -d ip.proto==253,tcp -o tcp.check_checksum:TRUE \
	-T fields -E separator=' ' -e frame.protocols -e tcp.srcport \
	-e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.len \
	-e tcp.checksum -e tcp.checksum_calculated \
	>"$dir/tshark.txt" 2>"$dir/tshark.err"
# the segments the trace says went across the link, in tshark's columns
sed -n 's/.*edutcp_segment_send: sock=[0-9]* 10\.7\.0\.[0-9]*:\([0-9]*\) -> 10\.7\.0\.[0-9]*:\([0-9]*\) \[\([A-Z|]*\)\] seq=\([0-9]*\) ack=\([0-9]*\) win=[0-9]* len=\([0-9]*\) .*/\1 \2 \3 \4 \5 \6/p' \
	"$dir/capture.trace" | while read -r sp dp fl seq ack len; do
	echo "$sp $dp $(flags_hex "$fl") $seq $ack $len"
done | sort >"$dir/trace.txt"
cut -d' ' -f2-7 "$dir/tshark.txt" | sort >"$dir/tshark.seen"
echo "# tshark decoded $(wc -l <"$dir/tshark.txt") segments; the trace sent $(wc -l <"$dir/trace.txt")"
sed 's/^/# tshark: /' "$dir/tshark.txt"
check "tshark -d ip.proto==253,tcp: every captured segment decodes as TCP" \
	awk '$1 !~ /^eth:ethertype:ip:tcp/ { print; bad = 1 } END { exit bad || NR == 0 }' \
	"$dir/tshark.txt"
check "tshark: the SYN, SYN+ACK, data, FINs and RST of the trace, with their flags, seq, ack and length" \
	diff -u "$dir/trace.txt" "$dir/tshark.seen"

# RFC 7323 §2: the window scale option, as tshark decodes it. Each SYN
# offers a shift; once tshark has seen both SYNs of the connection it
# scales every later window by its sender's shift, and a window past
# 65535 shows that the 16 bits of the header said it scaled.
tshark -r "$pcap" -d ip.proto==253,tcp -T fields -E separator=, \
	-e tcp.srcport -e tcp.dstport -e tcp.flags.syn \
	-e tcp.window_size_value -e tcp.window_size \
	-e tcp.window_size_scalefactor -e tcp.options.wscale.shift \
	-e tcp.options.sack_perm \
	>"$dir/tshark-ws.txt" 2>>"$dir/tshark.err"
sed 's/^/# tshark window: /' "$dir/tshark-ws.txt"
check "tshark: every SYN and SYN+ACK carries the window scale option (RFC 7323 §2.2)" \
	awk -F, '$3 ~ /^(1|True)$/ { n++; if ($7 == "") bad = 1 } END { exit bad || !n }' \
	"$dir/tshark-ws.txt"
# RFC 2018 §2: SACK permitted in every SYN, in no other segment
check "tshark: every SYN and SYN+ACK carries SACK permitted, no other segment does (RFC 2018 §2)" \
	awk -F, '$3 ~ /^(1|True)$/ { n++; if ($8 == "") bad = 1; next }
		$8 != "" { bad = 1 } END { exit bad || !n }' "$dir/tshark-ws.txt"
check "tshark: after both SYNs, each window is SEG.WND << its sender's shift, and one is past 65535" \
	awk -F, '$3 ~ /^(1|True)$/ { shift[$1] = $7; next }
		($1 in shift) && ($2 in shift) {
			f = 2 ^ shift[$1]
			if ($6 != f || $5 != $4 * f) { print "bad: " $0; bad = 1 }
			if ($5 > 65535) big = 1
		}
		END { exit bad || !big }' "$dir/tshark-ws.txt"

# RFC 7323 §3.2: the timestamps option, as tshark decodes it. Both SYNs
# offer it, so every segment after carries it too (an RST may not);
# a first SYN echoes nothing (TSecr 0), every other segment echoes a
# TSval its peer sent before it.
tshark -r "$pcap" -d ip.proto==253,tcp -T fields -E separator=, \
	-e tcp.srcport -e tcp.dstport -e tcp.flags.syn -e tcp.flags.ack \
	-e tcp.flags.reset -e tcp.options.timestamp.tsval \
	-e tcp.options.timestamp.tsecr \
	>"$dir/tshark-ts.txt" 2>>"$dir/tshark.err"
sed 's/^/# tshark timestamps: /' "$dir/tshark-ts.txt"
check "tshark: every segment but an RST carries TSval, and TSecr echoes a TSval of its peer's (RFC 7323 §3.2, §4.3)" \
	awk -F, 'function on(x) { return x ~ /^(1|True)$/ }
		on($5) { next }
		$6 == "" { print "no timestamps: " $0; bad = 1; next }
		{ sent[$1 "," $6] = 1; n++ }
		on($3) && !on($4) { if ($7 != 0) { print "SYN echoes: " $0; bad = 1 }; next }
		!(($2 "," $7) in sent) { print "echo of nothing sent: " $0; bad = 1 }
		END { exit bad || !n }' "$dir/tshark-ts.txt"

# RFC 2018 §4 in sack.pcap: the third of 20 segments was lost (a lesson
# rule). The first ACK with SACK acknowledges up to the hole and has a
# block beyond it; the hole is sent again; a later ACK covers the block.
tshark -r "$dir/sack.pcap" -d ip.proto==253,tcp -T fields -E separator=, \
	-E aggregator=/ -e tcp.srcport -e tcp.dstport -e tcp.seq -e tcp.ack \
	-e tcp.len -e tcp.options.sack_le -e tcp.options.sack_re \
	>"$dir/tshark-sack.txt" 2>>"$dir/tshark.err"
sed 's/^/# tshark sack: /' "$dir/tshark-sack.txt"
check "tshark: an ACK with SACK stops at the lost segment with a block beyond it; the hole is sent again; a later ACK covers the block (RFC 2018 §4)" \
	awk -F, '!a && $1 == 9701 && $6 != "" {
			a = $4; split($6, le, "/"); split($7, re, "/")
			if (le[1] <= a) { print "block not beyond the hole: " $0; bad = 1 }
			next }
		a && $2 == 9701 && $3 == a && $5 > 0 { resent = 1 }
		resent && $1 == 9701 && $4 >= re[1] { covered = 1 }
		END { exit bad || !a || !resent || !covered }' "$dir/tshark-sack.txt"

# Wireshark's TCP dissector sums its pseudo-header with protocol 6 (TCP's
# number); edutcp's, as RFC 9293 §3.1 says, with the protocol the IP
# header carries, 253. So tshark's calculated value C6 = ~(S + 6), and
# the right checksum is ~(S + 253) = ~(~C6 + 247), in 16-bit ones'
# complement arithmetic.
good_checksums() {
	local proto sp dp fl seq ack len sum calc s bad=0
	while read -r proto sp dp fl seq ack len sum calc; do
		s=$(((~calc & 0xffff) + 253 - 6))
		s=$(((s & 0xffff) + (s >> 16)))
		if [ $((~s & 0xffff)) -ne $((sum)) ]; then
			echo "$sp -> $dp seq $seq: checksum $sum, want $(printf '0x%04x' $((~s & 0xffff)))"
			bad=1
		fi
	done <"$dir/tshark.txt"
	[ -s "$dir/tshark.txt" ] && [ $bad = 0 ]
}
check "tshark: every checksum is right for the pseudo-header with protocol 253 (RFC 9293 §3.1)" \
	good_checksums
ktap_end
