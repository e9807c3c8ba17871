// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the per network namespace, per CPU counters behind
 * /proc/net/edutcp/snmp.
 */
#include <linux/percpu.h>
#include <net/ip.h>

#include "edutcp.h"

const struct snmp_mib edutcp_snmp_list[] = {
	SNMP_MIB_ITEM("InSegs", EDUTCP_MIB_INSEGS),
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
