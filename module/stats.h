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

/* The meaning of each is in docs/counters.md; Linux's where it has one. */
enum edutcp_mib_field {
	EDUTCP_MIB_ACTIVEOPENS,
	EDUTCP_MIB_PASSIVEOPENS,
	EDUTCP_MIB_ATTEMPTFAILS,
	EDUTCP_MIB_ESTABRESETS,
	EDUTCP_MIB_CURRESTAB,
	EDUTCP_MIB_INSEGS,
	EDUTCP_MIB_OUTSEGS,
	EDUTCP_MIB_RETRANSSEGS,
	EDUTCP_MIB_INERRS,
	EDUTCP_MIB_OUTRSTS,
	EDUTCP_MIB_INCSUMERRORS,
	EDUTCP_MIB_EMBRYONICRSTS,
	EDUTCP_MIB_LISTENOVERFLOWS,
	EDUTCP_MIB_LISTENDROPS,
	EDUTCP_MIB_TW,
	EDUTCP_MIB_TWKILLED,
	EDUTCP_MIB_TWRECYCLED,
	EDUTCP_MIB_TIMEWAITOVERFLOW,
	EDUTCP_MIB_CHALLENGEACK,
	EDUTCP_MIB_TIMEOUTS,
	EDUTCP_MIB_FASTRETRANS,
	EDUTCP_MIB_OFOQUEUE,
	EDUTCP_MIB_DUPDATA,
	EDUTCP_MIB_RCVDROP,
	EDUTCP_MIB_DELAYEDACKS,
	EDUTCP_MIB_WINPROBE,
	EDUTCP_MIB_KEEPALIVE,
	EDUTCP_MIB_ABORTONDATA,
	EDUTCP_MIB_ABORTONTIMEOUT,
	EDUTCP_MIB_SYNRETRANS,
	EDUTCP_MIB_SYNCHALLENGE,
	EDUTCP_MIB_ABORTONCLOSE,
	EDUTCP_MIB_ABORTONLINGER,
	EDUTCP_MIB_ABORTONMEMORY,
	EDUTCP_MIB_ACKSKIPPEDSEQ,
	EDUTCP_MIB_ACKSKIPPEDSYNRECV,
	EDUTCP_MIB_ACKSKIPPEDTIMEWAIT,
	EDUTCP_MIB_ACKSKIPPEDCHALLENGE,
	EDUTCP_MIB_SYNCOOKIESSENT,
	EDUTCP_MIB_SYNCOOKIESRECV,
	EDUTCP_MIB_SYNCOOKIESFAILED,
	EDUTCP_MIB_OFOPRUNED,
	EDUTCP_MIB_MEMORYPRESSURES,
	EDUTCP_MIB_PAWSESTAB,
	EDUTCP_MIB_BACKLOGDROP,
	EDUTCP_MIB_SACKRECOVERY,
	EDUTCP_MIB_SACKDISCARD,
	EDUTCP_MIB_DSACKSENT,
	EDUTCP_MIB_DSACKRECV,
	EDUTCP_MIB_DSACKUNDO,
	EDUTCP_MIB_LESSONDROPS,
	EDUTCP_MIB_LESSONHOLDS,
	EDUTCP_MIB_LESSONDUPS,
	EDUTCP_MIB_MAX
};

struct edutcp_mib {
	unsigned long mibs[EDUTCP_MIB_MAX];
};

/* Name and enum value of every counter, in /proc order; NULL-terminated. */
extern const struct snmp_mib edutcp_snmp_list[];

struct net;
void edutcp_inc_stats(struct net *net, enum edutcp_mib_field field);
void edutcp_add_stats(struct net *net, enum edutcp_mib_field field,
		      unsigned long n);
void edutcp_dec_stats(struct net *net, enum edutcp_mib_field field);
unsigned long edutcp_read_stat(struct net *net, enum edutcp_mib_field field);

#endif /* _EDUTCP_STATS_H */
