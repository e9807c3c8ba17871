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
 *   a SYN above RCV.NXT    the end of the record, a new connection (MAY-2;
 *                          with timestamps, a SYN with a later TSval,
 *                          RFC 6191)
 *   an old TSval           PAWS: ACK, counted in PAWSEstab (RFC 7323 §5)
 *   anything else          ACK
 *
 * At most max_tw_buckets records; past that a connection closes without
 * TIME_WAIT and TimeWaitOverflow counts it. One delayed work per
 * namespace removes expired records (TW counts them), so a record has no
 * timer of its own to race with; it runs at most four times a second (a
 * record may outlive its 2*MSL by up to 250 ms) and takes the lock for 64
 * chains at a time, so that 100000 records never hold softirq off for
 * long.
 *
 * The work per segment and per candidate port is bounded whatever the
 * number of records: the table has 16384 chains, and a count per local
 * port (struct edutcp_tw_port) answers "does a record hold this port"
 * in one hash step, where a walk of every record once made a connect()
 * beside 100000 records take 17 times as long.
 *
 * Locking: the table lock (edutcp_net.lock) covers the records and the
 * port counts.
 */
#include <linux/mm.h>
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
 * @max_wnd: MAX.SND.WND, the largest window the peer offered (RFC 5961 §5)
 * @oow_stamp: when its last reply to an unacceptable segment went
 *	(edutcp_oow_allowed())
 * @expires: end of 2*MSL, in jiffies
 * @ts_ok: the connection had timestamps: its ACKs carry them, PAWS
 *	tests what arrives (RFC 7323 §5), a new SYN is judged by its TSval
 *	(RFC 6191)
 * @ts_off: then, our TSval's offset
 * @ts_recent: TS.Recent
 * @ts_recent_stamp: when it was set (seconds), for the 24-day rule
 */
struct edutcp_tw {
	struct hlist_node node;
	u64 id;
	__be32 laddr, raddr;
	__be16 lport, rport;
	u32 snd_nxt, rcv_nxt;
	u32 max_wnd;
	u32 oow_stamp;
	u32 ts_off;
	unsigned long expires;
	u32 ts_recent;
	u8 ts_ok;
	time64_t ts_recent_stamp;
};

/**
 * struct edutcp_tw_port - the records that hold one local port
 * @node: in edutcp_net.tw_ports
 * @port: the port, host order
 * @count: records with it as their local port (the entry goes at 0)
 */
struct edutcp_tw_port {
	struct hlist_node node;
	u16 port;
	u32 count;
};

#define EDUTCP_TW_BUCKETS	BIT(EDUTCP_TW_HASH_BITS)
#define EDUTCP_TW_REAP_CHAINS	64		/* per hold of the lock */
#define EDUTCP_TW_REAP_GAP	(HZ / 4)	/* between two runs */

static struct hlist_head *edutcp_tw_chain(struct edutcp_net *en, __be32 laddr,
					  __be16 lport, __be32 raddr,
					  __be16 rport)
{
	return &en->tws[hash_32(edutcp_tuple_hash(laddr, lport, raddr, rport),
				EDUTCP_TW_HASH_BITS)];
}

static struct edutcp_tw_port *edutcp_tw_port_locked(struct edutcp_net *en,
						    u16 port)
{
	struct edutcp_tw_port *tp;

	hash_for_each_possible(en->tw_ports, tp, node, port)
		if (tp->port == port)
			return tp;
	return NULL;
}

/* What has to be decided about a segment that finds a TIME_WAIT record. */
enum edutcp_tw_verdict {
	EDUTCP_TW_REUSE = -1,	/* a new connection may take the 4-tuple */
};

/**
 * edutcp_tw_event() - classify a segment that found a TIME_WAIT record
 * @v: the record's numbers: RCV.WND 0, SND.UNA = SND.NXT
 * @seg: the segment
 * @rfc1337: the sysctl: ignore RSTs
 *
 * What only TIME_WAIT has comes first: RFC 1337, a SYN that may start a
 * new connection (MAY-2), the peer's FIN again (it ends just before
 * RCV.NXT); the rest is the window test and RFC 5961 as for any
 * connection (edutcp_classify()), with a window of 0: only an empty
 * segment at RCV.NXT is acceptable. Pure: KUnit checks each case.
 *
 * Return: the event for the TIME_WAIT row of the state table, or
 * EDUTCP_TW_REUSE for a SYN above RCV.NXT (RFC 9293 MAY-2), or, when the
 * record has timestamps and the SYN too, for one whose TSval is later
 * than TS.Recent (RFC 6191 §2; an earlier one is an old duplicate, an
 * equal one falls back to the sequence number).
 */
int edutcp_tw_event(const struct edutcp_view *v, const struct edutcp_seg *seg,
		    bool rfc1337)
{
	u8 f = seg->flags;

	if ((f & EDUTCP_RST) && rfc1337)
		return EDUTCP_EV_RCV_RST_IGNORED;
	if ((f & EDUTCP_SYN) && !(f & EDUTCP_ACK)) {	/* never with RST */
		s32 newer = (s32)(seg->opt.tsval - v->ts_recent);

		/* RFC 6191 §2: with timestamps, a later TSval says it */
		if (v->paws && (seg->opt.has & EDUTCP_OPT_TS) && newer)
			return newer > 0 ? EDUTCP_TW_REUSE : EDUTCP_EV_RCV_SYN;
		return seqno_gt(seg->seq, v->rcv_nxt) ? EDUTCP_TW_REUSE :
							EDUTCP_EV_RCV_SYN;
	}
	if (edutcp_paws_reject(v, seg))	/* even the FIN again (§5.3) */
		return EDUTCP_EV_RCV_BAD_SEQ;
	if ((f & EDUTCP_FIN) && !(f & EDUTCP_RST) &&
	    edutcp_seg_end(seg) == v->rcv_nxt)
		return EDUTCP_EV_RCV_FIN;
	return edutcp_classify(v, seg);
}

/* A record's numbers, for the classifiers. */
static struct edutcp_view edutcp_tw_view(const struct edutcp_tw *tw)
{
	return (struct edutcp_view){
		.rcv_nxt = tw->rcv_nxt, .snd_una = tw->snd_nxt,
		.snd_nxt = tw->snd_nxt, .max_snd_wnd = tw->max_wnd,
		.paws = edutcp_ts_paws_valid(tw->ts_ok, tw->ts_recent_stamp,
					     ktime_get_seconds()),
		.ts_recent = tw->ts_recent,
	};
}

static unsigned long edutcp_2msl(struct net *net)
{
	return 2UL * READ_ONCE(edutcp_pernet(net)->sysctl.msl) * HZ;
}

static void edutcp_tw_arm(struct edutcp_net *en, unsigned long when)
{
	unsigned long delay;

	if (time_before(when, en->tw_reaped + EDUTCP_TW_REAP_GAP))
		when = en->tw_reaped + EDUTCP_TW_REAP_GAP;
	delay = time_after(when, jiffies) ? when - jiffies : 0;

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
	struct edutcp_tw_port *tp = NULL;
	struct edutcp_tw *tw;

	/*
	 * A lesson's counterfactual: the rule that TIME_WAIT exists switched
	 * off (docs/lessons.md). The socket is CLOSED at once, as the trace
	 * shows, and its 4-tuple is free for the next SYN.
	 */
	if (READ_ONCE(en->sysctl.lesson_no_time_wait)) {
		edutcp_done(sk);
		return;
	}
	tw = kzalloc(sizeof(*tw), GFP_ATOMIC);
	spin_lock_bh(&en->lock);
	if (tw && en->tw_count < READ_ONCE(en->sysctl.max_tw_buckets)) {
		tp = edutcp_tw_port_locked(en, inet->inet_num);
		if (!tp) {
			tp = kzalloc(sizeof(*tp), GFP_ATOMIC);
			if (tp) {
				tp->port = inet->inet_num;
				hash_add(en->tw_ports, &tp->node, tp->port);
			}
		}
	}
	if (!tp) {
		spin_unlock_bh(&en->lock);
		kfree(tw);
		edutcp_inc_stats(net, EDUTCP_MIB_TIMEWAITOVERFLOW);
		edutcp_done(sk);
		return;
	}
	tp->count++;
	tw->id = es->id;
	tw->laddr = inet->inet_saddr;
	tw->raddr = inet->inet_daddr;
	tw->lport = inet->inet_sport;
	tw->rport = inet->inet_dport;
	tw->snd_nxt = es->snd_nxt;
	tw->rcv_nxt = es->rcv_nxt;
	tw->max_wnd = es->max_window;
	tw->expires = jiffies + edutcp_2msl(net);
	tw->ts_ok = es->ts_ok && es->synced;
	tw->ts_off = es->ts_off;
	tw->ts_recent = es->ts_recent;
	tw->ts_recent_stamp = es->ts_recent_stamp;
	hlist_add_head(&tw->node, edutcp_tw_chain(en, tw->laddr, tw->lport,
						  tw->raddr, tw->rport));
	en->tw_count++;
	edutcp_tw_arm(en, tw->expires);
	spin_unlock_bh(&en->lock);
	trace_edutcp_timewait_enter(sk, edutcp_2msl(net));
	edutcp_done_into_tw(sk);
}

/* A record's ACK: SND.NXT, RCV.NXT, a window of 0; timestamps if it had */
static void edutcp_tw_ack(struct net *net, const struct edutcp_tw *tw)
{
	struct edutcp_opts opts = { };

	if (tw->ts_ok) {	/* RFC 7323 §3.2: every segment */
		opts.has = EDUTCP_OPT_TS;
		opts.tsval = edutcp_ts_val(tw->ts_off);
		opts.tsecr = tw->ts_recent;
	}
	edutcp_send(net, NULL, tw->laddr, tw->raddr, tw->lport, tw->rport,
		    tw->snd_nxt, tw->rcv_nxt, EDUTCP_ACK, 0, &opts, NULL, NULL);
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

	hlist_for_each_entry(tw, edutcp_tw_chain(en, seg->daddr, seg->dport,
						 seg->saddr, seg->sport), node)
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
	return edutcp_tw_port_locked(en, port);
}

static void edutcp_tw_kill_locked(struct edutcp_net *en, struct edutcp_tw *tw)
{
	struct edutcp_tw_port *tp = edutcp_tw_port_locked(en, ntohs(tw->lport));

	if (!WARN_ON_ONCE(!tp) && !--tp->count) {
		hash_del(&tp->node);
		kfree(tp);
	}
	hlist_del(&tw->node);
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
	struct edutcp_view v;
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
	v = edutcp_tw_view(tw);
	ev = edutcp_tw_event(&v, seg, READ_ONCE(en->sysctl.rfc1337));
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
	if (ev == EDUTCP_EV_RCV_BAD_SEQ && edutcp_paws_reject(&v, seg))
		edutcp_inc_stats(net, EDUTCP_MIB_PAWSESTAB);
	/* RFC 7323 §4.3: the FIN sent again at RCV.NXT - 1 is the latest */
	if (ev == EDUTCP_EV_RCV_FIN && tw->ts_ok &&
	    (seg->opt.has & EDUTCP_OPT_TS) &&
	    (s32)(seg->opt.tsval - tw->ts_recent) >= 0) {
		tw->ts_recent = seg->opt.tsval;
		tw->ts_recent_stamp = ktime_get_seconds();
	}
	cell = edutcp_fsm(EDUTCP_TIME_WAIT, ev);
	if (cell->actions & EDUTCP_A_START_2MSL) {
		tw->expires = jiffies + edutcp_2msl(net);
		edutcp_tw_arm(en, tw->expires);
	}
	/* the rate limits read and write the record: decided under the lock */
	ack = edutcp_reply_ack(net, cell->actions, &tw->oow_stamp, seg,
			       EDUTCP_MIB_ACKSKIPPEDTIMEWAIT);
	tmp = *tw;
	if (cell->next == EDUTCP_CLOSED) {
		trace_edutcp_timewait_expire(tw->id, tw->laddr, tw->raddr,
					     tw->lport, tw->rport, "reset");
		edutcp_tw_kill_locked(en, tw);
		edutcp_inc_stats(net, EDUTCP_MIB_TWKILLED);
	}
	spin_unlock(&en->lock);
	if (ack)
		edutcp_tw_ack(net, &tmp);
	return true;
}

/**
 * edutcp_tw_reap() - remove the records whose 2*MSL is over at @now
 * @net: the namespace
 * @now: the time, in jiffies (KUnit passes a later one)
 *
 * The lock is taken for EDUTCP_TW_REAP_CHAINS chains at a time, and
 * given up in between: a segment or a connect() waits for at most that
 * many chains, not for the whole table.
 *
 * Return: how many were removed.
 */
int edutcp_tw_reap(struct net *net, unsigned long now)
{
	struct edutcp_net *en = edutcp_pernet(net);
	unsigned long next = 0;
	struct hlist_node *tmp;
	struct edutcp_tw *tw;
	unsigned int b, i;
	int n = 0;

	for (b = 0; b < EDUTCP_TW_BUCKETS; b += EDUTCP_TW_REAP_CHAINS) {
		spin_lock_bh(&en->lock);
		for (i = b; i < b + EDUTCP_TW_REAP_CHAINS; i++) {
			hlist_for_each_entry_safe(tw, tmp, &en->tws[i], node) {
				if (time_before(now, tw->expires)) {
					if (!next || time_before(tw->expires, next))
						next = tw->expires;
					continue;
				}
				trace_edutcp_timewait_expire(tw->id, tw->laddr,
							     tw->raddr, tw->lport,
							     tw->rport, "2msl");
				edutcp_tw_kill_locked(en, tw);
				edutcp_inc_stats(net, EDUTCP_MIB_TW);
				n++;
			}
		}
		spin_unlock_bh(&en->lock);
		cond_resched();
	}
	spin_lock_bh(&en->lock);
	en->tw_reaped = jiffies;
	if (next)
		edutcp_tw_arm(en, next);
	spin_unlock_bh(&en->lock);
	return n;
}

static void edutcp_tw_reaper(struct work_struct *work)
{
	struct edutcp_net *en = container_of(to_delayed_work(work),
					     struct edutcp_net, tw_reaper);

	edutcp_tw_reap(en->net, jiffies);
}

/* edutcp_tw_init_net() - a namespace's empty table (128 KiB of chains). */
int edutcp_tw_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	/* what a record costs: the size of a 64-byte slab object, no more */
	BUILD_BUG_ON(sizeof(struct edutcp_tw) > 80);
	en->net = net;
	INIT_DELAYED_WORK(&en->tw_reaper, edutcp_tw_reaper);
	hash_init(en->tw_ports);
	en->tw_reaped = jiffies;
	en->tws = kvcalloc(EDUTCP_TW_BUCKETS, sizeof(*en->tws), GFP_KERNEL);
	return en->tws ? 0 : -ENOMEM;
}

/* edutcp_tw_purge_net() - a namespace (or the module) goes: free them all */
void edutcp_tw_purge_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct hlist_node *tmp;
	struct edutcp_tw *tw;
	unsigned int b;

	cancel_delayed_work_sync(&en->tw_reaper);
	if (!en->tws)
		return;
	for (b = 0; b < EDUTCP_TW_BUCKETS; b++) {
		spin_lock_bh(&en->lock);
		hlist_for_each_entry_safe(tw, tmp, &en->tws[b], node)
			edutcp_tw_kill_locked(en, tw);
		spin_unlock_bh(&en->lock);
	}
	kvfree(en->tws);
	en->tws = NULL;
}
