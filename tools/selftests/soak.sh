#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make soak: netem.sh's transfer with 64 MiB each way (about 13 minutes
# under qemu TCG: a Reno-style TCP moves ~0.1 MB/s through 10% loss).
. /lib.sh
ktap_begin 17
netem_transfer $((64 * MiB)) 1500
ktap_end
