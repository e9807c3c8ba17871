// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: TIME_WAIT.
 *
 * The side that closes first ends in TIME_WAIT for 2*MSL (RFC 9293
 * §3.3.2): long enough for its last ACK to be sent again if the peer's FIN
 * comes again, and for old duplicates of the connection to die before
 * the same 4-tuple is used again. Entering it frees the socket and leaves
 * a small record in the namespace's table: the 4-tuple and the two
 * sequence numbers that answer what may still arrive:
 *
 *   the peer's FIN again   ACK it again, restart 2*MSL
 *   an RST                 ignored (RFC 1337, sysctl rfc1337), or the end
 *   a SYN above RCV.NXT    the end of the record, a new connection (MAY-2)
 *   anything else          ACK
 *
 * At most max_tw_buckets records; past that a connection closes without
 * TIME_WAIT and TimeWaitOverflow counts it. One delayed work per
 * namespace removes expired records (TW counts them), so a record has no
 * timer of its own to race with.
 *
 * Locking: the table lock (edutcp_net.lock) covers the records.
 */
#include <linux/slab.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"
#include "trace.h"

/**
 * struct edutcp_tw - a TIME_WAIT record
 * @node: in the namespace's tws table
 * @id: the id of the socket it replaced
 * @laddr: local address
 * @raddr: remote address
 * @lport: local port
 * @rport: remote port
 * @snd_nxt: SND.NXT (sequence number of our ACKs)
 * @rcv_nxt: RCV.NXT (what our ACKs acknowledge)
 * @oow_stamp: when its last reply to an unacceptable segment went
 *	(edutcp_oow_allowed())
 * @expires: end of 2*MSL, in jiffies
 */
struct edutcp_tw {
	struct hlist_node node;
	u64 id;
	__be32 laddr, raddr;
	__be16 lport, rport;
	u32 snd_nxt, rcv_nxt;
	u32 oow_stamp;
	unsigned long expires;
};

/* What has to be decided about a segment that finds a TIME_WAIT record. */
enum edutcp_tw_verdict {
	EDUTCP_TW_REUSE = -1,	/* a new connection may take the 4-tuple */
};

/**
 * edutcp_tw_event() - classify a segment that found a TIME_WAIT record
 * @snd_nxt: the record's SND.NXT
 * @rcv_nxt: the record's RCV.NXT
 * @seg: the segment
 * @rfc1337: the sysctl: ignore RSTs
 *
 * Pure: KUnit checks each case.
 *
 * Return: the event for the TIME_WAIT row of the state table, or
 * EDUTCP_TW_REUSE for a SYN above RCV.NXT (RFC 9293 MAY-2).
 */
int edutcp_tw_event(u32 snd_nxt, u32 rcv_nxt, const struct edutcp_seg *seg,
		    bool rfc1337)
{
	u8 f = seg->flags;

	if (f & EDUTCP_RST) {
		if (rfc1337)
			return EDUTCP_EV_RCV_RST_IGNORED;
		return seg->seq == rcv_nxt ? EDUTCP_EV_RCV_RST :
					     EDUTCP_EV_RCV_RST_IGNORED;
	}
	if ((f & EDUTCP_SYN) && !(f & EDUTCP_ACK))
		return seqno_gt(seg->seq, rcv_nxt) ? EDUTCP_TW_REUSE :
						     EDUTCP_EV_RCV_SYN;
	if (f & EDUTCP_SYN)
		return EDUTCP_EV_RCV_SYN_ACK;
	/* the peer's FIN again: it ends just before RCV.NXT */
	if ((f & EDUTCP_FIN) && edutcp_seg_end(seg) == rcv_nxt)
		return EDUTCP_EV_RCV_FIN;
	if (!(f & EDUTCP_ACK))
		return EDUTCP_EV_RCV_NO_ACK;
	if (!seg->len && seg->seq == rcv_nxt)
		return EDUTCP_EV_RCV_ACK;
	return EDUTCP_EV_RCV_BAD_SEQ;
}

static unsigned long edutcp_2msl(struct net *net)
{
	return 2UL * READ_ONCE(edutcp_pernet(net)->sysctl.msl) * HZ;
}

static void edutcp_tw_arm(struct edutcp_net *en, unsigned long when)
{
	unsigned long delay = time_after(when, jiffies) ? when - jiffies : 0;

	/* the reaper runs at the earliest expiry */
	if (!delayed_work_pending(&en->tw_reaper) ||
	    time_after(en->tw_reaper.timer.expires, jiffies + delay))
		mod_delayed_work(system_wq, &en->tw_reaper, delay);
}

/**
 * edutcp_time_wait() - a socket enters TIME_WAIT: replace it by a record
 * @sk: the socket, held; it ends CLOSED and out of the tables
 */
void edutcp_time_wait(struct sock *sk)
{
	struct net *net = sock_net(sk);
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_sock *es = edutcp_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);
	struct edutcp_tw *tw;

	tw = kzalloc(sizeof(*tw), GFP_ATOMIC);
	spin_lock_bh(&en->lock);
	if (!tw || en->tw_count >= READ_ONCE(en->sysctl.max_tw_buckets)) {
		spin_unlock_bh(&en->lock);
		kfree(tw);
		edutcp_inc_stats(net, EDUTCP_MIB_TIMEWAITOVERFLOW);
		edutcp_done(sk);
		return;
	}
	tw->id = es->id;
	tw->laddr = inet->inet_saddr;
	tw->raddr = inet->inet_daddr;
	tw->lport = inet->inet_sport;
	tw->rport = inet->inet_dport;
	tw->snd_nxt = es->snd_nxt;
	tw->rcv_nxt = es->rcv_nxt;
	tw->expires = jiffies + edutcp_2msl(net);
	hash_add(en->tws, &tw->node,
		 edutcp_tuple_hash(tw->laddr, tw->lport, tw->raddr, tw->rport));
	en->tw_count++;
	edutcp_tw_arm(en, tw->expires);
	spin_unlock_bh(&en->lock);
	trace_edutcp_timewait_enter(sk, edutcp_2msl(net));
	/* the record carries on; the socket leaves without a second trace */
	es->state = EDUTCP_CLOSED;
	edutcp_done(sk);
}

/**
 * edutcp_tw_find_locked() - the record for a segment's 4-tuple
 * @en: the namespace, its lock held
 * @seg: the segment (source = remote)
 *
 * Return: the record or NULL.
 */
struct edutcp_tw *edutcp_tw_find_locked(struct edutcp_net *en,
					const struct edutcp_seg *seg)
{
	struct edutcp_tw *tw;
	u32 h = edutcp_tuple_hash(seg->daddr, seg->dport, seg->saddr,
				  seg->sport);

	hash_for_each_possible(en->tws, tw, node, h)
		if (tw->laddr == seg->daddr && tw->raddr == seg->saddr &&
		    tw->lport == seg->dport && tw->rport == seg->sport)
			return tw;
	return NULL;
}

/**
 * edutcp_tw_row() - a record's line in /proc/net/edutcp/sockets
 * @node: the record's node in edutcp_net.tws, the lock held
 * @r: filled in
 */
void edutcp_tw_row(const struct hlist_node *node, struct edutcp_proc_row *r)
{
	const struct edutcp_tw *tw = hlist_entry(node, struct edutcp_tw, node);

	*r = (struct edutcp_proc_row){
		.laddr = tw->laddr, .raddr = tw->raddr,
		.lport = tw->lport, .rport = tw->rport,
		.state = EDUTCP_TIME_WAIT, .timer = EDUTCP_TR_TIME_WAIT,
		.expires = tw->expires,
		.uid = GLOBAL_ROOT_UID, .id = tw->id,
	};
}

/* edutcp_tw_port_used_locked() - does a record hold this local port? */
bool edutcp_tw_port_used_locked(struct edutcp_net *en, u16 port)
{
	struct edutcp_tw *tw;
	int bkt;

	hash_for_each(en->tws, bkt, tw, node)
		if (ntohs(tw->lport) == port)
			return true;
	return false;
}

static void edutcp_tw_kill_locked(struct edutcp_net *en, struct edutcp_tw *tw)
{
	hash_del(&tw->node);
	en->tw_count--;
	kfree(tw);
}

/**
 * edutcp_tw_rcv() - a segment that may be for a TIME_WAIT record
 * @net: the namespace it arrived in
 * @seg: the segment; a SYN that ends the record to open a new
 *	connection leaves with @seg->reuses_tw set and the ISS that
 *	connection must use in @seg->reuse_iss
 *
 * A SYN above RCV.NXT may reuse the 4-tuple only when a listener is there
 * to take it (RFC 9293 MAY-2, as Linux's tcp_v4_rcv does); the new
 * connection's ISS is then the old SND.NXT plus the largest window and
 * two, above every sequence number the old one used (MAY-2 condition 1).
 * With no listener, the record answers the SYN as any unacceptable
 * segment (its ACK) and stays.
 *
 * Return: true if a record took the segment (the caller drops it).
 */
bool edutcp_tw_rcv(struct net *net, struct edutcp_seg *seg)
{
	struct edutcp_net *en = edutcp_pernet(net);
	const struct edutcp_fsm_cell *cell;
	struct edutcp_tw tmp;
	struct edutcp_tw *tw;
	bool ack;
	int ev;

	spin_lock(&en->lock);
	tw = edutcp_tw_find_locked(en, seg);
	if (!tw) {
		spin_unlock(&en->lock);
		return false;
	}
	ev = edutcp_tw_event(tw->snd_nxt, tw->rcv_nxt, seg,
			     READ_ONCE(en->sysctl.rfc1337));
	if (ev == EDUTCP_TW_REUSE && !edutcp_has_listener_locked(en, seg))
		ev = EDUTCP_EV_RCV_SYN;
	if (ev == EDUTCP_TW_REUSE) {
		seg->reuses_tw = 1;
		seg->reuse_iss = tw->snd_nxt + EDUTCP_MAX_WINDOW + 2;
		trace_edutcp_timewait_expire(tw->id, tw->laddr, tw->raddr,
					     tw->lport, tw->rport, "reused");
		edutcp_tw_kill_locked(en, tw);
		spin_unlock(&en->lock);
		edutcp_inc_stats(net, EDUTCP_MIB_TWRECYCLED);
		return false;
	}
	cell = edutcp_fsm(EDUTCP_TIME_WAIT, ev);
	if (cell->actions & EDUTCP_A_START_2MSL) {
		tw->expires = jiffies + edutcp_2msl(net);
		edutcp_tw_arm(en, tw->expires);
	}
	/* the rate limits read and write the record: decided under the lock */
	ack = (cell->actions & EDUTCP_A_SEND_ACK) ||
	      ((cell->actions & EDUTCP_A_OOW_ACK) &&
	       edutcp_oow_allowed(net, &tw->oow_stamp, seg,
				  EDUTCP_MIB_ACKSKIPPEDTIMEWAIT)) ||
	      ((cell->actions & EDUTCP_A_CHALLENGE_ACK) &&
	       edutcp_challenge_allowed(net, &tw->oow_stamp));
	tmp = *tw;
	if (cell->next == EDUTCP_CLOSED) {
		trace_edutcp_timewait_expire(tw->id, tw->laddr, tw->raddr,
					     tw->lport, tw->rport, "reset");
		edutcp_tw_kill_locked(en, tw);
		edutcp_inc_stats(net, EDUTCP_MIB_TWKILLED);
	}
	spin_unlock(&en->lock);
	if (ack)
		edutcp_send(net, NULL, tmp.laddr, tmp.raddr, tmp.lport,
			    tmp.rport, tmp.snd_nxt, tmp.rcv_nxt, EDUTCP_ACK,
			    0, 0, NULL, NULL);
	return true;
}

/**
 * edutcp_tw_reap() - remove the records whose 2*MSL is over at @now
 * @net: the namespace
 * @now: the time, in jiffies (KUnit passes a later one)
 *
 * Return: how many were removed.
 */
int edutcp_tw_reap(struct net *net, unsigned long now)
{
	struct edutcp_net *en = edutcp_pernet(net);
	unsigned long next = 0;
	struct hlist_node *tmp;
	struct edutcp_tw *tw;
	int bkt, i, n = 0;

	spin_lock_bh(&en->lock);
	hash_for_each_safe(en->tws, bkt, tmp, tw, node) {
		if (time_before(now, tw->expires)) {
			if (!next || time_before(tw->expires, next))
				next = tw->expires;
			continue;
		}
		trace_edutcp_timewait_expire(tw->id, tw->laddr, tw->raddr,
					     tw->lport, tw->rport, "2msl");
		edutcp_tw_kill_locked(en, tw);
		n++;
	}
	if (next)
		edutcp_tw_arm(en, next);
	spin_unlock_bh(&en->lock);
	for (i = 0; i < n; i++)
		edutcp_inc_stats(net, EDUTCP_MIB_TW);
	return n;
}

static void edutcp_tw_reaper(struct work_struct *work)
{
	struct edutcp_net *en = container_of(to_delayed_work(work),
					     struct edutcp_net, tw_reaper);

	edutcp_tw_reap(en->net, jiffies);
}

void edutcp_tw_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	en->net = net;
	INIT_DELAYED_WORK(&en->tw_reaper, edutcp_tw_reaper);
}

/* edutcp_tw_purge_net() - a namespace (or the module) goes: free them all */
void edutcp_tw_purge_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct hlist_node *tmp;
	struct edutcp_tw *tw;
	int bkt;

	cancel_delayed_work_sync(&en->tw_reaper);
	spin_lock_bh(&en->lock);
	hash_for_each_safe(en->tws, bkt, tmp, tw, node)
		edutcp_tw_kill_locked(en, tw);
	spin_unlock_bh(&en->lock);
}
