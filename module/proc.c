// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the files under /proc/net/edutcp, one directory per network
 * namespace.
 *
 * snmp: the counters in the two-line format of /proc/net/snmp, a line of
 * names and a line of values, both starting with "EduTcp:".
 *
 * sockets: like /proc/net/tcp, a header, then one line per listener,
 * connection and TIME_WAIT record: slot, local and remote address:port
 * in hex, the state (number and name), send and receive queue bytes,
 * the timer (1 retransmit, 2 listener's SYN queue, 3 TIME_WAIT, 4 zero
 * window probe, 5 an orphan's FIN_WAIT_2 timeout) and jiffies to it,
 * retransmissions, uid, inode, socket id. The table lock is held while
 * one chunk of output (one read()) is made, never across the whole walk.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/sock.h>

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

/* the tables in the order the file shows them */
enum { EDUTCP_PROC_LISTENERS, EDUTCP_PROC_CONNS, EDUTCP_PROC_TWS };

struct edutcp_proc_pos {
	struct seq_net_private net;	/* first: proc_create_net's own */
	int table;
	int bucket;
	void *entry;	/* struct edutcp_sock or struct edutcp_tw */
};

static void edutcp_proc_reset(struct edutcp_proc_pos *p)
{
	p->table = 0;
	p->bucket = 0;
	p->entry = NULL;
}

/* Move to the entry after p->entry (the first one if p->entry is NULL). */
static bool edutcp_proc_step(struct edutcp_net *en, struct edutcp_proc_pos *p)
{
	struct hlist_head *heads[] = { en->listeners, en->conns, en->tws };
	struct hlist_node *n = NULL;
	bool next_bucket = false;

	if (p->entry) {
		n = p->table == EDUTCP_PROC_TWS ? edutcp_tw_node(p->entry)->next :
			((struct edutcp_sock *)p->entry)->hnode.next;
		next_bucket = true;
	}
	while (!n) {
		if (next_bucket)
			p->bucket++;
		next_bucket = true;
		if (p->bucket >= (1 << EDUTCP_HASH_BITS)) {
			p->bucket = 0;
			if (++p->table > EDUTCP_PROC_TWS)
				return false;
		}
		n = heads[p->table][p->bucket].first;
	}
	p->entry = p->table == EDUTCP_PROC_TWS ? (void *)edutcp_tw_of(n) :
		(void *)hlist_entry(n, struct edutcp_sock, hnode);
	return true;
}

static void *edutcp_sockets_start(struct seq_file *seq, loff_t *pos)
	__acquires(edutcp_net_lock)
{
	struct edutcp_net *en = edutcp_pernet(seq_file_net(seq));
	struct edutcp_proc_pos *p = seq->private;
	loff_t i;

	spin_lock_bh(&en->lock);
	if (!*pos)
		return SEQ_START_TOKEN;
	edutcp_proc_reset(p);
	for (i = 0; i < *pos; i++)
		if (!edutcp_proc_step(en, p))
			return NULL;
	return p;
}

static void *edutcp_sockets_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct edutcp_net *en = edutcp_pernet(seq_file_net(seq));
	struct edutcp_proc_pos *p = seq->private;

	if (v == SEQ_START_TOKEN)
		edutcp_proc_reset(p);
	++*pos;
	return edutcp_proc_step(en, p) ? p : NULL;
}

static void edutcp_sockets_stop(struct seq_file *seq, void *v)
	__releases(edutcp_net_lock)
{
	spin_unlock_bh(&edutcp_pernet(seq_file_net(seq))->lock);
}

/* the "tr" column: /proc/net/tcp's numbers where they exist (4: probe) */
static const u8 edutcp_proc_timer[] = {
	[EDUTCP_TIMER_NONE] = 0,
	[EDUTCP_TIMER_RETRANSMIT] = 1,
	[EDUTCP_TIMER_SYNQ] = 2,
	[EDUTCP_TIMER_PERSIST] = 4,
	[EDUTCP_TIMER_FIN_WAIT_2] = 5,
};

static int edutcp_sockets_show(struct seq_file *seq, void *v)
{
	struct edutcp_proc_pos *p = seq->private;
	const struct edutcp_sock *es;
	const struct sock *sk;
	long when;

	if (v == SEQ_START_TOKEN) {
		seq_puts(seq, "  sl  local_address rem_address   st state       tx_queue rx_queue tr tm->when retrnsmt   uid  inode     sock\n");
		return 0;
	}
	if (p->table == EDUTCP_PROC_TWS) {
		edutcp_tw_show(seq, seq->index - 1, p->entry);
		return 0;
	}
	es = p->entry;
	sk = &es->inet.sk;
	when = timer_pending(&es->timer) ? (long)(es->timer.expires - jiffies) : 0;
	seq_printf(seq, "%4lld: %08X:%04X %08X:%04X %02X %-11s %08X:%08X %02X:%08lX %08X %5u %8lu %llu\n",
		   seq->index - 1, ntohl(es->inet.inet_rcv_saddr ?: es->inet.inet_saddr),
		   ntohs(es->inet.inet_sport), ntohl(es->inet.inet_daddr),
		   ntohs(es->inet.inet_dport), es->state,
		   edutcp_state_name(es->state),
		   es->state == EDUTCP_LISTEN ? es->synq_len : es->wq_bytes,
		   es->state == EDUTCP_LISTEN ? READ_ONCE(sk->sk_ack_backlog) :
		   atomic_read(&sk->sk_rmem_alloc),
		   timer_pending(&es->timer) ? edutcp_proc_timer[es->timer_kind] : 0,
		   when > 0 ? when : 0, es->retries,
		   from_kuid_munged(seq_user_ns(seq), sock_i_uid((struct sock *)sk)),
		   sock_i_ino((struct sock *)sk), es->id);
	return 0;
}

static const struct seq_operations edutcp_sockets_ops = {
	.start	= edutcp_sockets_start,
	.next	= edutcp_sockets_next,
	.stop	= edutcp_sockets_stop,
	.show	= edutcp_sockets_show,
};

int edutcp_proc_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	en->proc_dir = proc_net_mkdir(net, "edutcp", net->proc_net);
	if (!en->proc_dir)
		return -ENOMEM;
	if (!proc_create_net_single("snmp", 0444, en->proc_dir,
				    edutcp_snmp_show, NULL) ||
	    !proc_create_net("sockets", 0444, en->proc_dir, &edutcp_sockets_ops,
			     sizeof(struct edutcp_proc_pos))) {
		remove_proc_subtree("edutcp", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void edutcp_proc_exit_net(struct net *net)
{
	remove_proc_subtree("edutcp", net->proc_net);
}
