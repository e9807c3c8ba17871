#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The byte stream through a bad network (a boot of its own, beside
# suite.sh and stream.sh): 4 MiB each way at once between two
# namespaces over veth, with netem on both ends: 20 ms delay, 25%
# reordering, 10% loss, 5% duplication. Every byte must arrive, in
# order, once (SHA-256), and the counters of what repaired it move.
# make soak runs the same with 64 MiB (soak.sh).
. /lib.sh
ktap_begin 17
netem_transfer $((4 * MiB)) 600
ktap_end
