// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the per network namespace, per CPU counters behind
 * /proc/net/edutcp/snmp.
 */
#include <linux/percpu.h>
#include <net/ip.h>

#include "edutcp.h"

const struct snmp_mib edutcp_snmp_list[] = {
	SNMP_MIB_ITEM("ActiveOpens", EDUTCP_MIB_ACTIVEOPENS),
	SNMP_MIB_ITEM("PassiveOpens", EDUTCP_MIB_PASSIVEOPENS),
	SNMP_MIB_ITEM("AttemptFails", EDUTCP_MIB_ATTEMPTFAILS),
	SNMP_MIB_ITEM("EstabResets", EDUTCP_MIB_ESTABRESETS),
	SNMP_MIB_ITEM("CurrEstab", EDUTCP_MIB_CURRESTAB),
	SNMP_MIB_ITEM("InSegs", EDUTCP_MIB_INSEGS),
	SNMP_MIB_ITEM("OutSegs", EDUTCP_MIB_OUTSEGS),
	SNMP_MIB_ITEM("RetransSegs", EDUTCP_MIB_RETRANSSEGS),
	SNMP_MIB_ITEM("InErrs", EDUTCP_MIB_INERRS),
	SNMP_MIB_ITEM("OutRsts", EDUTCP_MIB_OUTRSTS),
	SNMP_MIB_ITEM("InCsumErrors", EDUTCP_MIB_INCSUMERRORS),
	SNMP_MIB_ITEM("EmbryonicRsts", EDUTCP_MIB_EMBRYONICRSTS),
	SNMP_MIB_ITEM("ListenOverflows", EDUTCP_MIB_LISTENOVERFLOWS),
	SNMP_MIB_ITEM("ListenDrops", EDUTCP_MIB_LISTENDROPS),
	SNMP_MIB_ITEM("TW", EDUTCP_MIB_TW),
	SNMP_MIB_ITEM("TWKilled", EDUTCP_MIB_TWKILLED),
	SNMP_MIB_ITEM("TWRecycled", EDUTCP_MIB_TWRECYCLED),
	SNMP_MIB_ITEM("TimeWaitOverflow", EDUTCP_MIB_TIMEWAITOVERFLOW),
	SNMP_MIB_ITEM("ChallengeACK", EDUTCP_MIB_CHALLENGEACK),
	SNMP_MIB_ITEM("Timeouts", EDUTCP_MIB_TIMEOUTS),
	SNMP_MIB_ITEM("FastRetrans", EDUTCP_MIB_FASTRETRANS),
	SNMP_MIB_ITEM("OFOQueue", EDUTCP_MIB_OFOQUEUE),
	SNMP_MIB_ITEM("DupData", EDUTCP_MIB_DUPDATA),
	SNMP_MIB_ITEM("RcvQDrop", EDUTCP_MIB_RCVDROP),
	SNMP_MIB_ITEM("DelayedACKs", EDUTCP_MIB_DELAYEDACKS),
	SNMP_MIB_ITEM("WinProbe", EDUTCP_MIB_WINPROBE),
	SNMP_MIB_ITEM("KeepAlive", EDUTCP_MIB_KEEPALIVE),
	SNMP_MIB_ITEM("AbortOnData", EDUTCP_MIB_ABORTONDATA),
	SNMP_MIB_ITEM("AbortOnTimeout", EDUTCP_MIB_ABORTONTIMEOUT),
	SNMP_MIB_ITEM("SynRetrans", EDUTCP_MIB_SYNRETRANS),
	SNMP_MIB_ITEM("SYNChallenge", EDUTCP_MIB_SYNCHALLENGE),
	SNMP_MIB_ITEM("AbortOnClose", EDUTCP_MIB_ABORTONCLOSE),
	SNMP_MIB_ITEM("AbortOnLinger", EDUTCP_MIB_ABORTONLINGER),
	SNMP_MIB_ITEM("AbortOnMemory", EDUTCP_MIB_ABORTONMEMORY),
	SNMP_MIB_ITEM("ACKSkippedSeq", EDUTCP_MIB_ACKSKIPPEDSEQ),
	SNMP_MIB_ITEM("ACKSkippedSynRecv", EDUTCP_MIB_ACKSKIPPEDSYNRECV),
	SNMP_MIB_ITEM("ACKSkippedTimeWait", EDUTCP_MIB_ACKSKIPPEDTIMEWAIT),
	SNMP_MIB_ITEM("ACKSkippedChallenge", EDUTCP_MIB_ACKSKIPPEDCHALLENGE),
	SNMP_MIB_ITEM("SyncookiesSent", EDUTCP_MIB_SYNCOOKIESSENT),
	SNMP_MIB_ITEM("SyncookiesRecv", EDUTCP_MIB_SYNCOOKIESRECV),
	SNMP_MIB_ITEM("SyncookiesFailed", EDUTCP_MIB_SYNCOOKIESFAILED),
	SNMP_MIB_ITEM("OfoPruned", EDUTCP_MIB_OFOPRUNED),
	SNMP_MIB_ITEM("MemoryPressures", EDUTCP_MIB_MEMORYPRESSURES),
	SNMP_MIB_ITEM("PAWSEstab", EDUTCP_MIB_PAWSESTAB),
	SNMP_MIB_ITEM("BacklogDrop", EDUTCP_MIB_BACKLOGDROP),
	SNMP_MIB_ITEM("SackRecovery", EDUTCP_MIB_SACKRECOVERY),
	SNMP_MIB_ITEM("SACKDiscard", EDUTCP_MIB_SACKDISCARD),
	SNMP_MIB_ITEM("DSACKSent", EDUTCP_MIB_DSACKSENT),
	SNMP_MIB_ITEM("DSACKRecv", EDUTCP_MIB_DSACKRECV),
	SNMP_MIB_ITEM("DSACKUndo", EDUTCP_MIB_DSACKUNDO),
	SNMP_MIB_ITEM("LessonDrops", EDUTCP_MIB_LESSONDROPS),
	SNMP_MIB_ITEM("LessonHolds", EDUTCP_MIB_LESSONHOLDS),
	SNMP_MIB_ITEM("LessonDups", EDUTCP_MIB_LESSONDUPS),
	SNMP_MIB_SENTINEL
};

/**
 * edutcp_inc_stats() - count one event in a namespace's counters
 * @net: the namespace the event happened in
 * @field: which counter
 *
 * Safe from any context: the increment is a per-CPU operation.
 */
void edutcp_inc_stats(struct net *net, enum edutcp_mib_field field)
{
	SNMP_INC_STATS(edutcp_pernet(net)->mib, field);
}

/**
 * edutcp_add_stats() - count @n events at once (a super-segment's pieces)
 * @net: the namespace
 * @field: which counter
 * @n: how many
 */
void edutcp_add_stats(struct net *net, enum edutcp_mib_field field,
		      unsigned long n)
{
	SNMP_ADD_STATS(edutcp_pernet(net)->mib, field, n);
}

/**
 * edutcp_dec_stats() - take one off a gauge (CurrEstab)
 * @net: the namespace
 * @field: which counter
 *
 * The per-CPU parts may wrap; their sum is right.
 */
void edutcp_dec_stats(struct net *net, enum edutcp_mib_field field)
{
	this_cpu_dec(edutcp_pernet(net)->mib->mibs[field]);
}

/**
 * edutcp_read_stat() - the sum of one counter over all CPUs
 * @net: the namespace
 * @field: which counter
 *
 * Return: the counter's value.
 */
unsigned long edutcp_read_stat(struct net *net, enum edutcp_mib_field field)
{
	return snmp_fold_field(edutcp_pernet(net)->mib, field);
}

int edutcp_stats_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	en->mib = alloc_percpu(struct edutcp_mib);
	return en->mib ? 0 : -ENOMEM;
}

void edutcp_stats_exit_net(struct net *net)
{
	free_percpu(edutcp_pernet(net)->mib);
}
