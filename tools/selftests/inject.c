// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: sends raw IPv4 packets of the edutcp IP protocol to
 * 127.0.0.1 and checks that the module's receive handler saw each one
 * (the InSegs counter of /proc/net/edutcp/snmp moves by exactly the
 * number sent), and that packets of another protocol do not move it.
 *
 *   inject PROTO COUNT
 */
#include "selftest.h"

int main(int argc, char **argv)
{
	int proto = argc > 1 ? atoi(argv[1]) : EDUTCP_IPPROTO;
	int count = argc > 2 ? atoi(argv[2]) : 5;
	int other = proto == 254 ? 253 : 254;
	long before, after;
	char name[128];

	st_plan(4);
	before = st_counter("InSegs");
	st_result(before >= 0, "InSegs readable from /proc/net/edutcp/snmp",
		  "cannot read it");
	st_result(st_send_raw(proto, count) == count, "raw packets sent",
		  "errno %d (%s)", errno, strerror(errno));
	after = st_counter("InSegs");
	snprintf(name, sizeof(name),
		 "InSegs moves by exactly %d after %d packets of protocol %d",
		 count, count, proto);
	st_result(after - before == count, name, "moved by %ld", after - before);

	before = after;
	st_send_raw(other, count);
	after = st_counter("InSegs");
	snprintf(name, sizeof(name), "packets of protocol %d are not ours", other);
	st_result(after == before, name, "InSegs moved by %ld", after - before);
	return st_exit();
}
