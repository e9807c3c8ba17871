/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the counters of /proc/net/edutcp/snmp.
 *
 * Counters are per network namespace and per CPU (the kernel's SNMP
 * machinery), so counting an event never takes a lock. Each counter has
 * an enum value here and a name in edutcp_snmp_list (stats.c); a KUnit
 * test checks that the two agree.
 */
#ifndef _EDUTCP_STATS_H
#define _EDUTCP_STATS_H

#include <net/snmp.h>

enum edutcp_mib_field {
	EDUTCP_MIB_INSEGS,		/* segments received, errors included */
	EDUTCP_MIB_MAX
};

struct edutcp_mib {
	unsigned long mibs[EDUTCP_MIB_MAX];
};

/* Name and enum value of every counter, in /proc order; NULL-terminated. */
extern const struct snmp_mib edutcp_snmp_list[];

struct net;
void edutcp_inc_stats(struct net *net, enum edutcp_mib_field field);
unsigned long edutcp_read_stat(struct net *net, enum edutcp_mib_field field);

#endif /* _EDUTCP_STATS_H */
