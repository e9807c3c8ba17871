// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the files under /proc/net/edutcp, one directory per network
 * namespace.
 *
 * snmp: the counters in the two-line format of /proc/net/snmp, a line of
 * names and a line of values, both starting with "EduTcp:".
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include "edutcp.h"

static int edutcp_snmp_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_single_net(seq);
	int i;

	seq_puts(seq, "EduTcp:");
	for (i = 0; edutcp_snmp_list[i].name; i++)
		seq_printf(seq, " %s", edutcp_snmp_list[i].name);
	seq_puts(seq, "\nEduTcp:");
	for (i = 0; edutcp_snmp_list[i].name; i++)
		seq_printf(seq, " %lu",
			   edutcp_read_stat(net, edutcp_snmp_list[i].entry));
	seq_putc(seq, '\n');
	return 0;
}

int edutcp_proc_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	en->proc_dir = proc_net_mkdir(net, "edutcp", net->proc_net);
	if (!en->proc_dir)
		return -ENOMEM;
	if (!proc_create_net_single("snmp", 0444, en->proc_dir,
				    edutcp_snmp_show, NULL)) {
		remove_proc_subtree("edutcp", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void edutcp_proc_exit_net(struct net *net)
{
	remove_proc_subtree("edutcp", net->proc_net);
}
