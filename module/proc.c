// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the files under /proc/net/edutcp, one directory per network
 * namespace.
 *
 * snmp: the counters in the two-line format of /proc/net/snmp, a line of
 * names and a line of values, both starting with "EduTcp:".
 *
 * sockets: like /proc/net/tcp, a header, then one line per listener,
 * SYN queue entry, connection and TIME_WAIT record: slot, local and
 * remote address:port in hex, the state (number and name), send and
 * receive queue bytes, the timer (1 retransmit, 2 listener's SYN queue,
 * 3 TIME_WAIT, 4 zero window probe, 5 an orphan's FIN_WAIT_2 timeout)
 * and the milliseconds until it fires (hex, as every number there),
 * retransmissions, uid, inode, socket id. The table lock is held while
 * one chunk of output (one read()) is made, never across the whole walk,
 * and the next read() starts where the last one stopped, in its chain
 * (as Linux's tcp_seek_last_pos): reading 100000 lines walks them once,
 * not once per 4 KiB.
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

/* a socket's timer as the "tr" column shows it */
static const u8 edutcp_proc_tr[] = {
	[EDUTCP_TIMER_NONE] = EDUTCP_TR_NONE,
	[EDUTCP_TIMER_RETRANSMIT] = EDUTCP_TR_RETRANSMIT,
	[EDUTCP_TIMER_SYNQ] = EDUTCP_TR_SYNQ,
	[EDUTCP_TIMER_PERSIST] = EDUTCP_TR_PROBE,
	[EDUTCP_TIMER_FIN_WAIT_2] = EDUTCP_TR_FIN_WAIT_2,
};

/* A listener's or a connection's line. */
static void edutcp_sock_row(const struct hlist_node *node,
			    struct edutcp_proc_row *r)
{
	const struct edutcp_sock *es =
		hlist_entry(node, struct edutcp_sock, hnode);
	struct sock *sk = (struct sock *)&es->inet.sk;
	bool listen = es->state == EDUTCP_LISTEN;

	*r = (struct edutcp_proc_row){
		.laddr = es->inet.inet_rcv_saddr ?: es->inet.inet_saddr,
		.raddr = es->inet.inet_daddr,
		.lport = es->inet.inet_sport, .rport = es->inet.inet_dport,
		.state = es->state,
		.tx = listen ? es->synq_len : es->wq_bytes,
		.rx = listen ? READ_ONCE(sk->sk_ack_backlog) :
			       atomic_read(&sk->sk_rmem_alloc),
		.retrans = es->retries, .uid = sk->sk_uid,
		.ino = sock_i_ino(sk), .id = es->id,
	};
	if (timer_pending(&es->timer)) {
		r->timer = edutcp_proc_tr[es->timer_kind];
		r->expires = es->timer.expires;
	}
}

/* the tables, in the order the file shows them: their lines */
static void (*const edutcp_proc_rows[])(const struct hlist_node *node,
					struct edutcp_proc_row *r) = {
	edutcp_sock_row, edutcp_req_row, edutcp_sock_row, edutcp_tw_row,
};

/* ... and their chains */
static struct hlist_head *edutcp_proc_chains(struct edutcp_net *en,
					     unsigned int table,
					     unsigned int *n)
{
	switch (table) {
	case 0:
		*n = HASH_SIZE(en->listeners);
		return en->listeners;
	case 1:
		*n = HASH_SIZE(en->reqs);
		return en->reqs;
	case 2:
		*n = HASH_SIZE(en->conns);
		return en->conns;
	default:
		*n = 1U << EDUTCP_TW_HASH_BITS;
		return en->tws;
	}
}

/*
 * Where a read has got to: the line at position @pos is the @offset-th
 * entry of chain @bucket of table @table. Between two reads only these
 * numbers are kept, never @node (it may be freed once the lock is gone).
 */
struct edutcp_proc_pos {
	struct seq_net_private net;	/* first: proc_create_net's own */
	unsigned int table;
	unsigned int bucket;
	unsigned int offset;
	loff_t pos;
	struct hlist_node *node;
};

/* Move to the entry after p->node (the first one if p->node is NULL). */
static bool edutcp_proc_step(struct edutcp_net *en, struct edutcp_proc_pos *p)
{
	struct hlist_node *n = p->node ? p->node->next : NULL;
	bool next_bucket = p->node;
	struct hlist_head *heads;
	unsigned int size;

	p->offset++;
	while (!n) {
		if (next_bucket)
			p->bucket++;
		next_bucket = true;
		p->offset = 0;
		heads = edutcp_proc_chains(en, p->table, &size);
		if (p->bucket >= size) {
			p->bucket = 0;
			if (++p->table >= ARRAY_SIZE(edutcp_proc_rows))
				return false;
			heads = edutcp_proc_chains(en, p->table, &size);
		}
		n = heads[p->bucket].first;
	}
	p->node = n;
	return true;
}

static void edutcp_proc_reset(struct edutcp_proc_pos *p)
{
	p->table = 0;
	p->bucket = 0;
	p->offset = 0;
	p->pos = 0;
	p->node = NULL;
}

/*
 * The read before stopped at @pos: find its entry again by its chain and
 * offset. False if the chain has grown shorter since (the caller walks
 * from the start).
 */
static bool edutcp_proc_resume(struct edutcp_net *en, struct edutcp_proc_pos *p,
			       loff_t pos)
{
	struct hlist_node *n;
	unsigned int size, i;

	if (!p->pos || pos != p->pos || p->table >= ARRAY_SIZE(edutcp_proc_rows))
		return false;
	n = edutcp_proc_chains(en, p->table, &size)[p->bucket].first;
	for (i = 0; n && i < p->offset; i++)
		n = n->next;
	p->node = n;
	return n;
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
	if (edutcp_proc_resume(en, p, *pos))
		return p;
	edutcp_proc_reset(p);
	for (i = 0; i < *pos; i++)
		if (!edutcp_proc_step(en, p))
			return NULL;
	p->pos = *pos;
	return p;
}

static void *edutcp_sockets_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct edutcp_net *en = edutcp_pernet(seq_file_net(seq));
	struct edutcp_proc_pos *p = seq->private;

	if (v == SEQ_START_TOKEN)
		edutcp_proc_reset(p);
	++*pos;
	if (!edutcp_proc_step(en, p)) {
		p->pos = 0;
		return NULL;
	}
	p->pos = *pos;
	return p;
}

static void edutcp_sockets_stop(struct seq_file *seq, void *v)
	__releases(edutcp_net_lock)
{
	spin_unlock_bh(&edutcp_pernet(seq_file_net(seq))->lock);
}

static int edutcp_sockets_show(struct seq_file *seq, void *v)
{
	struct edutcp_proc_pos *p = seq->private;
	struct edutcp_proc_row r;
	long left;

	if (v == SEQ_START_TOKEN) {
		seq_puts(seq, "  sl  local_address rem_address   st state       tx_queue rx_queue tr tm->when retrnsmt   uid  inode     sock\n");
		return 0;
	}
	edutcp_proc_rows[p->table](p->node, &r);
	left = r.timer ? (long)(r.expires - jiffies) : 0;
	seq_printf(seq, "%4lld: %08X:%04X %08X:%04X %02X %-11s %08X:%08X %02X:%08X %08X %5u %8lu %llu\n",
		   seq->index - 1, ntohl(r.laddr), ntohs(r.lport),
		   ntohl(r.raddr), ntohs(r.rport), r.state,
		   edutcp_state_name(r.state), r.tx, r.rx, r.timer,
		   left > 0 ? jiffies_to_msecs(left) : 0, r.retrans,
		   from_kuid_munged(seq_user_ns(seq), r.uid), r.ino, r.id);
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
