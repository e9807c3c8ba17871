#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of make demo-programs: programs nobody here wrote, over
# edutcp through edutcp-run: lighttpd serves a page, curl fetches it, and
# the connection is drawn as a ladder from the trace. scripts/demo keeps
# the SVG drawing (handed over with export_file).
# vm-run: with programs
. /lib.sh
PATH=$PATH:/usr/bin:/usr/sbin
S=/proc/sys/net/edutcp
title() { printf '\n=== %s\n' "$*"; }

title "load the module; teaching settings isn_mode=1 (ISNs 1000 and 5000), msl=1"
insmod /lib/edutcp.ko
echo 1 >$S/isn_mode
echo 1 >$S/msl
edutcp-stat -c /tmp/stat.last >/dev/null

title "lighttpd, as Debian ships it, over edutcp: edutcp-run lighttpd -D -f lighttpd.conf"
lighttpd_conf 8080
echo "hello from lighttpd, over edutcp" >/tmp/www/index.html
edutcp-run lighttpd -D -f /tmp/lighttpd.conf &
srv=$!
until_listening 8080
edutcp-stat

title "curl over edutcp: edutcp-run curl -v http://127.0.0.1:8080/index.html"
fetch() {
	edutcp-run curl -s -v --local-port 40080 http://127.0.0.1:8080/index.html 2>&1
	sleep 3	# the client's TIME_WAIT ends (2MSL = 2 s)
}
trace_run /tmp/curl.trace fetch
kill $srv
wait $srv

title "edutcp's counters that moved: edutcp-stat -c (like nstat)"
edutcp-stat -c /tmp/stat.last

title "the connection as a ladder: edutcp-ladder -t -p 40080 (x, y: the ISNs)"
edutcp-ladder -t -p 40080 -s /tmp/curl.svg /tmp/curl.trace
export_file /tmp/curl.svg
export_file /tmp/curl.trace

title "unload: rmmod edutcp"
rmmod edutcp && echo "edutcp unloaded"
