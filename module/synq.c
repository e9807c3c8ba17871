// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the two queues of a listener.
 *
 * The SYN queue holds half-open connections: a SYN came, our SYN+ACK
 * went, the ACK has not come. Each is a small record (struct
 * edutcp_request), not a socket: a SYN flood costs little. It reads the
 * SYN_RCVD row of the state table with a passive origin (MUST-11). The
 * listener's timer resends SYN+ACKs with exponential backoff and drops
 * an entry after synack_retries.
 *
 * The final ACK makes a full socket, ESTABLISHED, on the accept queue,
 * where accept() takes it. Both queues are bounded as Linux bounds
 * them (sk_acceptq_is_full, inet_csk_reqsk_queue_is_full): each is full
 * when it holds more than listen()'s backlog, so that backlog N lets
 * N + 1 wait and listen(fd, 0) still admits one; the SYN queue also holds
 * at most max_syn_backlog. A SYN that finds either full is dropped
 * without an answer and counted (ListenOverflows for a full accept
 * queue, ListenDrops for both).
 *
 * Locking: everything here runs with the listener held (bh_lock_sock in
 * softirq, lock_sock from a user call); the records belong to it. Each
 * record is also in the namespace's table of requests (edutcp_net.reqs,
 * under edutcp_net.lock, taken after the listener's lock), where a
 * segment finds it in one hash step and /proc/net/edutcp/sockets shows
 * it; only its listener, held, adds or removes it there.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"
#include "trace.h"

/**
 * struct edutcp_request - a SYN queue entry (a passive open in SYN_RCVD)
 * @node: in the listener's synq
 * @hnode: in the namespace's table of requests
 * @listener: the listening socket that owns it
 * @uid: the listener's owner, for procfs
 * @laddr: local address
 * @raddr: remote address
 * @lport: local port
 * @rport: remote port
 * @iss: our ISN, sent in the SYN+ACK
 * @irs: the peer's ISN, from its SYN
 * @mss: the effective MSS
 * @wnd: the window the peer's SYN offered
 * @rcv_wnd: the window our SYN+ACK offers (from the listener's SO_RCVBUF)
 * @wscale_ok: both SYNs carry the window scale option (RFC 7323 §2.2)
 * @snd_wscale: then, the peer's shift
 * @rcv_wscale: then, ours
 * @ts_ok: both SYNs carry timestamps (RFC 7323 §3.2)
 * @ts_off: then, our TSval's offset (tstamp.c)
 * @ts_recent: and TS.Recent, the peer's TSval to echo
 * @sack_ok: both SYNs carry SACK permitted (RFC 2018 §2)
 * @retries: SYN+ACKs resent so far
 * @oow_stamp: when its last reply to an unacceptable segment went
 *	(edutcp_oow_allowed())
 * @expires: when the SYN+ACK is due again (jiffies)
 */
struct edutcp_request {
	struct list_head node;
	struct hlist_node hnode;
	struct sock *listener;
	kuid_t uid;
	__be32 laddr, raddr;
	__be16 lport, rport;
	u32 iss, irs;
	u16 mss, wnd, rcv_wnd;
	u8 wscale_ok, snd_wscale, rcv_wscale;
	u8 retries;
	u8 ts_ok;
	u8 sack_ok;
	u32 oow_stamp;
	u32 ts_off, ts_recent;
	unsigned long expires;
};

/**
 * edutcp_synq_verdict() - may a new SYN enter the SYN queue?
 * @synq_len: entries in the SYN queue
 * @acceptq_len: connections waiting for accept()
 * @backlog: listen()'s backlog
 * @max_syn_backlog: the sysctl
 *
 * A queue is full when it holds more than @backlog (the kernel's
 * sk_acceptq_is_full and inet_csk_reqsk_queue_is_full), the SYN queue
 * also at @max_syn_backlog.
 *
 * Return: 0 to admit it, EDUTCP_MIB_LISTENOVERFLOWS when the accept queue
 * is full, EDUTCP_MIB_LISTENDROPS when the SYN queue is.
 */
int edutcp_synq_verdict(unsigned int synq_len, unsigned int acceptq_len,
			unsigned int backlog, unsigned int max_syn_backlog)
{
	if (acceptq_len > backlog)
		return EDUTCP_MIB_LISTENOVERFLOWS;
	if (synq_len > backlog || synq_len >= max_syn_backlog)
		return EDUTCP_MIB_LISTENDROPS;
	return 0;
}

static void edutcp_req_send(struct net *net, const struct edutcp_request *req,
			    u32 seq, u8 flags)
{
	struct edutcp_isns isns = {
		.seq_isn = req->iss, .ack_isn = req->irs,
		.known = EDUTCP_TRACE_SEQ_ISN | EDUTCP_TRACE_ACK_ISN,
	};
	struct edutcp_opts opts = {
		.has = EDUTCP_OPT_MSS |
		       (req->wscale_ok ? EDUTCP_OPT_WSCALE : 0) |
		       (req->sack_ok ? EDUTCP_OPT_SACK_PERM : 0),
		.mss = req->mss, .wscale = req->rcv_wscale,
	};

	if (!(flags & EDUTCP_SYN))
		opts.has = 0;
	if (req->ts_ok) {	/* RFC 7323 §3.2: every segment, SYN+ACK on */
		opts.has |= EDUTCP_OPT_TS;
		opts.tsval = edutcp_ts_val(req->ts_off);
		opts.tsecr = req->ts_recent;
	}
	edutcp_send(net, NULL, req->laddr, req->raddr, req->lport, req->rport,
		    seq, req->irs + 1, flags, req->rcv_wnd, &opts, NULL, &isns);
}

/* A new entry joins its listener's SYN queue and the namespace's table. */
static void edutcp_req_link(struct sock *sk, struct edutcp_request *req)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));

	list_add_tail(&req->node, &edutcp_sk(sk)->synq);
	edutcp_sk(sk)->synq_len++;
	spin_lock_bh(&en->lock);
	hash_add(en->reqs, &req->hnode, edutcp_tuple_hash(req->laddr, req->lport,
							  req->raddr, req->rport));
	spin_unlock_bh(&en->lock);
}

/*
 * The entry leaves both, and is freed. A SYN cookie's entry, made on the
 * stack from its ACK (edutcp_cookie_rcv()), is in neither: its caller's.
 */
static void edutcp_req_unlink(struct sock *sk, struct edutcp_request *req)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));

	if (hlist_unhashed(&req->hnode))
		return;
	spin_lock_bh(&en->lock);
	hash_del(&req->hnode);
	spin_unlock_bh(&en->lock);
	list_del(&req->node);
	edutcp_sk(sk)->synq_len--;
	kfree(req);
}

static void edutcp_req_free(struct sock *sk, struct edutcp_request *req,
			    const char *why)
{
	trace_edutcp_synq_drop(sk, req->raddr, req->rport, why);
	edutcp_req_unlink(sk, req);
}

/* The entry of @sk for a segment's 4-tuple, or NULL. */
static struct edutcp_request *edutcp_req_find(struct sock *sk,
					      const struct edutcp_seg *seg)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	struct edutcp_request *req, *found = NULL;

	spin_lock_bh(&en->lock);
	hash_for_each_possible(en->reqs, req, hnode,
			       edutcp_tuple_hash(seg->daddr, seg->dport,
						 seg->saddr, seg->sport)) {
		if (req->listener == sk && req->raddr == seg->saddr &&
		    req->rport == seg->sport && req->laddr == seg->daddr &&
		    req->lport == seg->dport) {
			found = req;
			break;
		}
	}
	spin_unlock_bh(&en->lock);
	return found;	/* stays valid: only @sk, held, frees it */
}

/**
 * edutcp_req_row() - a SYN queue entry's line in /proc/net/edutcp/sockets
 * @node: the entry's node in edutcp_net.reqs, the lock held
 * @r: filled in
 *
 * The listener changes @retries and @expires under its own lock, not
 * this one: the line may show the values of just before a resend.
 */
void edutcp_req_row(const struct hlist_node *node, struct edutcp_proc_row *r)
{
	const struct edutcp_request *req =
		hlist_entry(node, struct edutcp_request, hnode);

	*r = (struct edutcp_proc_row){
		.laddr = req->laddr, .raddr = req->raddr,
		.lport = req->lport, .rport = req->rport,
		.state = EDUTCP_SYN_RCVD, .timer = EDUTCP_TR_RETRANSMIT,
		.expires = READ_ONCE(req->expires),
		.retrans = READ_ONCE(req->retries), .uid = req->uid,
	};
}

/* The listener's timer should fire no later than @when. */
static void edutcp_synq_arm(struct sock *sk, unsigned long when)
{
	struct timer_list *t = &edutcp_sk(sk)->timer;

	edutcp_sk(sk)->timer_kind = EDUTCP_TIMER_SYNQ;
	if (!timer_pending(t) || time_after(t->expires, when))
		sk_reset_timer(sk, t, when);
}

/*
 * The MSS a connection from @syn may use: the route's, the peer's, and
 * the listener's EDUTCP_MAXSEG if its user set one.
 */
static u16 edutcp_syn_mss(struct sock *sk, const struct edutcp_seg *syn)
{
	struct net *net = sock_net(sk);

	return edutcp_user_mss(sk, min_t(u16, edutcp_route_mss(net, syn->daddr,
								syn->saddr),
					 edutcp_peer_mss(net, syn->opt.mss)));
}

/*
 * What a SYN gives an entry, queued or a cookie's (everything but @iss),
 * with the MSS @mss.
 */
static void edutcp_req_fill(struct sock *sk, struct edutcp_request *req,
			    const struct edutcp_seg *seg, u16 mss)
{
	req->listener = sk;
	req->uid = sock_i_uid(sk);
	req->laddr = seg->daddr;
	req->raddr = seg->saddr;
	req->lport = seg->dport;
	req->rport = seg->sport;
	req->irs = seg->seq;
	req->wnd = seg->wnd;
	req->mss = mss;
	/* as edutcp_select_window() counts: half the buffer is for text */
	req->rcv_wnd = min_t(u32, READ_ONCE(sk->sk_rcvbuf) / 2,
			     EDUTCP_MAX_WINDOW);
	/* RFC 7323 §2.2: a SYN+ACK has the option only if the SYN had it */
	req->wscale_ok = (seg->opt.has & EDUTCP_OPT_WSCALE) &&
			 READ_ONCE(edutcp_sysctls(sk)->window_scaling);
	req->snd_wscale = req->wscale_ok ? seg->opt.wscale : 0;
	req->rcv_wscale = req->wscale_ok ?
			  edutcp_wscale_for(edutcp_rcv_max(sk)) : 0;
	/* RFC 7323 §3.2: the same for timestamps */
	req->ts_ok = (seg->opt.has & EDUTCP_OPT_TS) &&
		     READ_ONCE(edutcp_sysctls(sk)->timestamps);
	req->ts_recent = req->ts_ok ? seg->opt.tsval : 0;
	req->ts_off = req->ts_ok ? edutcp_ts_offset(req->laddr, req->raddr) : 0;
	/* RFC 2018 §2: and for SACK */
	req->sack_ok = (seg->opt.has & EDUTCP_OPT_SACK_PERM) &&
		       READ_ONCE(edutcp_sysctls(sk)->sack);
}

/*
 * RFC 4987 §3.6: the SYN+ACK of a SYN that no entry remembers; its ISS,
 * the cookie, does (syncookie.c).
 */
static void edutcp_send_cookie(struct sock *sk, const struct edutcp_seg *seg)
{
	struct edutcp_request req = { };

	edutcp_req_fill(sk, &req, seg, edutcp_syn_mss(sk, seg));
	/* the cookie keeps the MSS, not a shift: no window scaling */
	req.wscale_ok = 0;
	req.rcv_wscale = 0;
	req.ts_ok = 0;		/* nor timestamps */
	req.sack_ok = 0;	/* nor SACK */
	req.iss = edutcp_cookie_isn(seg, &req.mss);
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNCOOKIESSENT);
	trace_edutcp_syncookie(sk, req.raddr, req.rport, req.iss, req.mss,
			       "sent");
	edutcp_req_send(sock_net(sk), &req, req.iss, EDUTCP_SYN | EDUTCP_ACK);
}

/**
 * edutcp_cookie_wanted() - does a SYN get a cookie instead of an entry?
 * @syncookies: the sysctl: 0 never, 1 when the SYN queue is full, 2 always
 * @verdict: edutcp_synq_verdict()'s
 *
 * As Linux's tcp_conn_request: a full accept queue drops the SYN even
 * so (a cookie's connection would find no room either).
 *
 * Return: true for a cookie.
 */
bool edutcp_cookie_wanted(int syncookies, int verdict)
{
	if (verdict == EDUTCP_MIB_LISTENOVERFLOWS)
		return false;
	return syncookies == 2 ||
	       (syncookies == 1 && verdict == EDUTCP_MIB_LISTENDROPS);
}

/*
 * What the listener's user set, which a child takes, as Linux's children
 * take it (sk_clone_lock copies the listener): the socket layer's options
 * (SO_REUSEADDR, SO_LINGER, SO_KEEPALIVE, SO_OOBINLINE, timeouts, low
 * water mark, priority, mark, the buffer sizes and whether the user fixed
 * them), the IPv4 layer's (IP_TOS, IP_TTL, IP_MTU_DISCOVER),
 * EDUTCP_MAXSEG, EDUTCP_USER_TIMEOUT and EDUTCP_CONGESTION.
 */
static void edutcp_inherit(struct sock *child, const struct sock *sk)
{
	static const enum sock_flags flags[] = {
		SOCK_KEEPOPEN, SOCK_LINGER, SOCK_URGINLINE, SOCK_DBG,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (sock_flag(sk, flags[i]))
			sock_set_flag(child, flags[i]);
	child->sk_reuse = sk->sk_reuse;
	child->sk_lingertime = sk->sk_lingertime;
	child->sk_rcvtimeo = sk->sk_rcvtimeo;
	child->sk_sndtimeo = sk->sk_sndtimeo;
	child->sk_rcvlowat = sk->sk_rcvlowat;
	child->sk_priority = sk->sk_priority;
	child->sk_mark = sk->sk_mark;
	child->sk_rcvbuf = sk->sk_rcvbuf;
	child->sk_sndbuf = sk->sk_sndbuf;
	child->sk_userlocks = sk->sk_userlocks;
	child->sk_bound_dev_if = sk->sk_bound_dev_if;
	inet_sk(child)->tos = inet_sk(sk)->tos;
	inet_sk(child)->uc_ttl = inet_sk(sk)->uc_ttl;
	inet_sk(child)->pmtudisc = inet_sk(sk)->pmtudisc;
	edutcp_sk(child)->user_mss = edutcp_sk(sk)->user_mss;
	edutcp_sk(child)->user_timeout = edutcp_sk(sk)->user_timeout;
	edutcp_sk(child)->ca_algo = edutcp_sk(sk)->ca_algo;
}

/* The final ACK of a handshake: a new socket, ESTABLISHED, to accept. */
static struct sock *edutcp_child(struct sock *sk, struct edutcp_request *req,
				 const struct edutcp_seg *seg)
{
	struct sock *child = edutcp_sk_alloc(sock_net(sk), NULL, GFP_ATOMIC, 0,
					     EDUTCP_SYN_RCVD);
	struct edutcp_sock *ces;
	struct inet_sock *inet;

	if (!child)
		return NULL;
	ces = edutcp_sk(child);
	inet = inet_sk(child);
	/* its listener's kind and owner, until accept() grafts it */
	child->sk_type = sk->sk_type;
	child->sk_uid = sk->sk_uid;
	edutcp_inherit(child, sk);
	ces->nodelay = edutcp_sk(sk)->nodelay;
	ces->ka_idle = edutcp_sk(sk)->ka_idle;
	ces->ka_intvl = edutcp_sk(sk)->ka_intvl;
	ces->ka_cnt = edutcp_sk(sk)->ka_cnt;
	edutcp_bind_port(child, req->laddr, ntohs(req->lport), false);
	inet->inet_daddr = req->raddr;
	inet->inet_dport = req->rport;
	ces->passive = 1;
	ces->synced = 1;
	ces->iss = req->iss;
	ces->irs = req->irs;
	ces->snd_una = req->iss + 1;
	ces->snd_nxt = req->iss + 1;
	ces->write_seq = req->iss + 1;
	ces->rcv_nxt = req->irs + 1;
	ces->wscale_ok = req->wscale_ok;
	ces->sack_ok = req->sack_ok;
	ces->snd_wscale = req->snd_wscale;
	ces->rcv_wscale = req->rcv_wscale;
	ces->snd_wnd = edutcp_seg_wnd(seg, ces->snd_wscale);
	ces->snd_wl1 = seg->seq;
	ces->snd_wl2 = seg->ack;
	ces->mss = req->mss;
	if (req->ts_ok) {
		ces->ts_off = req->ts_off;
		/* the final ACK starts at Last.ACK.sent: its TSval counts */
		edutcp_ts_agreed(ces, seg->opt.has & EDUTCP_OPT_TS ?
				 seg->opt.tsval : req->ts_recent);
	}
	ces->rcv_edge = ces->rcv_nxt + req->rcv_wnd;
	edutcp_stream_start(child);
	edutcp_handshake_rtt(child, req->retries > 0,
			     req->ts_ok && (seg->opt.has & EDUTCP_OPT_TS) ?
			     seg->opt.tsecr : 0);
	if (edutcp_hash_connect(child)) {
		edutcp_unbind(child);
		sock_put(child);
		return NULL;
	}
	edutcp_set_state(child, EDUTCP_ESTABLISHED);
	return child;
}

/*
 * An entry is connected: its socket joins the accept queue, the entry
 * goes. If the queue is full the peer thinks it is connected while we do
 * not: the entry stays, and its SYN+ACK timer retries.
 */
static struct sock *edutcp_req_accept(struct sock *sk,
				      struct edutcp_request *req,
				      const struct edutcp_seg *seg)
{
	struct net *net = sock_net(sk);
	struct sock *child;

	if (sk_acceptq_is_full(sk)) {
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENOVERFLOWS);
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENDROPS);
		return NULL;
	}
	child = edutcp_child(sk, req, seg);
	if (!child) {
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENDROPS);
		return NULL;
	}
	edutcp_req_unlink(sk, req);
	edutcp_inc_stats(net, EDUTCP_MIB_PASSIVEOPENS);
	list_add_tail(&edutcp_sk(child)->accept_node, &edutcp_sk(sk)->acceptq);
	sk_acceptq_added(sk);
	return child;
}

/*
 * A lesson's counterfactual, net.edutcp.lesson_two_way_handshake: the
 * passive side is ESTABLISHED as soon as its SYN+ACK has gone, as if the
 * ACK that never came had come; nothing resends the SYN+ACK. An old
 * duplicate SYN then makes a connection nobody asked for, and a lost
 * SYN+ACK leaves the server connected and the client not (the lessons
 * old-duplicate-syn and two-way-lost-reply, docs/lessons.md).
 *
 * Return: true if the entry became a connection (and is gone).
 */
static bool edutcp_two_way(struct sock *sk, struct edutcp_request *req,
			   const struct edutcp_seg *syn)
{
	struct edutcp_seg ack = *syn;
	struct sock *child;

	ack.flags = EDUTCP_ACK;
	ack.seq = req->irs + 1;
	ack.ack = req->iss + 1;
	ack.len = 0;
	child = edutcp_req_accept(sk, req, &ack);
	if (child)
		sk->sk_data_ready(sk);
	return child;
}

static void edutcp_new_request(struct sock *sk, const struct edutcp_seg *seg)
{
	int cookies = READ_ONCE(edutcp_sysctls(sk)->syncookies);
	struct edutcp_sock *es = edutcp_sk(sk);
	struct net *net = sock_net(sk);
	struct edutcp_request *req;
	int verdict;

	verdict = edutcp_synq_verdict(es->synq_len, sk->sk_ack_backlog,
				      sk->sk_max_ack_backlog,
				      READ_ONCE(edutcp_sysctls(sk)->max_syn_backlog));
	if (edutcp_cookie_wanted(cookies, verdict)) {
		if (verdict)
			es->cookie_stamp = jiffies ?: 1;
		edutcp_send_cookie(sk, seg);
		return;
	}
	if (verdict == EDUTCP_MIB_LISTENOVERFLOWS)
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENOVERFLOWS);
	if (verdict) {
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENDROPS);
		trace_edutcp_synq_drop(sk, seg->saddr, seg->sport,
				       verdict == EDUTCP_MIB_LISTENDROPS ?
				       "syn queue full" : "accept queue full");
		return;
	}
	/* what an entry costs: a 96-byte slab object, no more */
	BUILD_BUG_ON(sizeof(*req) > 96);
	req = kzalloc(sizeof(*req), GFP_ATOMIC);
	if (!req) {
		edutcp_inc_stats(net, EDUTCP_MIB_LISTENDROPS);
		return;
	}
	edutcp_req_fill(sk, req, seg, edutcp_syn_mss(sk, seg));
	/* a 4-tuple a TIME_WAIT record gave up: above its old numbers */
	req->iss = seg->reuses_tw ? seg->reuse_iss :
		   edutcp_isn(net, req->laddr, req->lport, req->raddr,
			      req->rport, false);
	req->expires = jiffies + EDUTCP_RTO_INIT;
	edutcp_req_link(sk, req);
	trace_edutcp_synq_add(sk, req->raddr, req->rport, req->iss, req->irs);
	edutcp_req_send(net, req, req->iss, EDUTCP_SYN | EDUTCP_ACK);
	if (READ_ONCE(edutcp_sysctls(sk)->lesson_two_way_handshake) &&
	    edutcp_two_way(sk, req, seg))
		return;
	edutcp_synq_arm(sk, req->expires);
}

/* RFC 9293 §3.10.7.4 for a SYN queue entry: one event, then its actions. */
static void edutcp_req_rcv(struct sock *sk, struct edutcp_request *req,
			   struct sk_buff *skb, const struct edutcp_seg *seg)
{
	struct net *net = sock_net(sk);
	const struct edutcp_view v = {
		.rcv_nxt = req->irs + 1, .rcv_wnd = req->rcv_wnd,
		.snd_una = req->iss, .snd_nxt = req->iss + 1, .syn_rcvd = true,
		.no_rfc5961 = READ_ONCE(edutcp_sysctls(sk)->lesson_no_rfc5961),
		.paws = req->ts_ok, .ts_recent = req->ts_recent,
	};
	const struct edutcp_fsm_cell *cell;
	enum edutcp_event ev;
	struct sock *child;

	if ((seg->flags & EDUTCP_SYN) && seg->seq == req->irs) {
		ev = EDUTCP_EV_RCV_SYN;		/* its SYN again */
		if (req->ts_ok && (seg->opt.has & EDUTCP_OPT_TS))
			req->ts_recent = seg->opt.tsval;
	} else {
		ev = edutcp_classify(&v, seg);
		if (edutcp_paws_reject(&v, seg))
			edutcp_inc_stats(net, EDUTCP_MIB_PAWSESTAB);
	}

	cell = edutcp_fsm(EDUTCP_SYN_RCVD, ev);
	if (cell->actions & EDUTCP_A_SEND_SYN_ACK)
		edutcp_req_send(net, req, req->iss, EDUTCP_SYN | EDUTCP_ACK);
	if (edutcp_reply_ack(net, cell->actions, &req->oow_stamp, seg,
			     EDUTCP_MIB_ACKSKIPPEDSYNRECV))
		edutcp_req_send(net, req, req->iss + 1, EDUTCP_ACK);
	if (cell->actions & EDUTCP_A_SEND_RST)
		edutcp_send_reset(net, seg);
	if (cell->next == EDUTCP_BACK_TO_ORIGIN) {
		/* MUST-11: the listener stays as it was */
		edutcp_inc_stats(net, EDUTCP_MIB_EMBRYONICRSTS);
		edutcp_req_free(sk, req, "reset");
		goto drop;
	}
	if (!(cell->actions & EDUTCP_A_CONNECTED))
		goto drop;
	child = edutcp_req_accept(sk, req, seg);
	if (!child)
		goto drop;
	/*
	 * text or FIN riding on the final ACK: the child takes it. The
	 * listener's lock is held at subclass SINGLE_DEPTH_NESTING (input.c),
	 * so the child's is taken at subclass 0, as TCP's child is: the same
	 * subclass twice is a recursion to lockdep. This also runs from the
	 * listener's backlog (a user held it: release_sock(), softirqs on),
	 * where a segment for the child could come in softirq and spin on
	 * its lock: softirqs are off while it is held.
	 */
	local_bh_disable();
	bh_lock_sock(child);
	edutcp_rcv_established(child, skb, seg);
	bh_unlock_sock(child);
	local_bh_enable();
	sk->sk_data_ready(sk);
	return;
drop:
	kfree_skb(skb);
}

/*
 * An ACK for a listener that no entry expects may bring back a SYN
 * cookie: checked while cookies are on always, or were sent in the last
 * two minutes (Linux's tcp_synq_no_recent_overflow), so that a stray ACK
 * meets the table's RST at once otherwise. A good cookie makes the entry
 * its SYN would have made, which then takes the ACK as any entry does;
 * a bad one is counted, and the ACK goes on to the LISTEN row (RST).
 *
 * Return: true if the cookie was good (@skb is taken).
 */
static bool edutcp_cookie_rcv(struct sock *sk, struct sk_buff *skb,
			      const struct edutcp_seg *seg)
{
	int cookies = READ_ONCE(edutcp_sysctls(sk)->syncookies);
	unsigned long stamp = edutcp_sk(sk)->cookie_stamp;
	struct edutcp_request req = { };
	struct edutcp_seg syn;
	u16 mss;

	if ((seg->flags & (EDUTCP_SYN | EDUTCP_RST | EDUTCP_ACK)) != EDUTCP_ACK)
		return false;
	if (!cookies || (cookies == 1 &&
			 (!stamp || time_after(jiffies, stamp + 120 * HZ))))
		return false;
	mss = edutcp_cookie_ack_mss(seg);
	if (!mss) {
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNCOOKIESFAILED);
		trace_edutcp_syncookie(sk, seg->saddr, seg->sport, seg->ack - 1,
				       0, "failed");
		return false;
	}
	/* the SYN it answered, as far as the entry needs it */
	syn = *seg;
	syn.seq = seg->seq - 1;
	edutcp_req_fill(sk, &req, &syn, mss);
	req.ts_ok = 0;		/* its SYN+ACK had no options but the MSS */
	req.iss = seg->ack - 1;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNCOOKIESRECV);
	trace_edutcp_syncookie(sk, seg->saddr, seg->sport, req.iss, req.mss,
			       "accepted");
	edutcp_req_rcv(sk, &req, skb, seg);
	return true;
}

/**
 * edutcp_listen_rcv() - a segment for a listener (RFC 9293 §3.10.7.2)
 * @sk: the listener, held
 * @skb: the segment; freed or passed on here
 * @seg: the segment, parsed
 */
void edutcp_listen_rcv(struct sock *sk, struct sk_buff *skb,
		       const struct edutcp_seg *seg)
{
	struct edutcp_request *req = edutcp_req_find(sk, seg);
	const struct edutcp_fsm_cell *cell;
	enum edutcp_event ev;

	if (req) {
		edutcp_req_rcv(sk, req, skb, seg);
		return;
	}
	if (edutcp_cookie_rcv(sk, skb, seg))
		return;
	if (seg->flags & EDUTCP_RST)
		ev = EDUTCP_EV_RCV_RST_IGNORED;
	else if (seg->flags & EDUTCP_ACK)
		ev = EDUTCP_EV_RCV_ACK;
	else if (seg->flags & EDUTCP_SYN)
		ev = EDUTCP_EV_RCV_SYN;
	else
		ev = EDUTCP_EV_RCV_NO_ACK;
	cell = edutcp_fsm(EDUTCP_LISTEN, ev);
	if (cell->actions & EDUTCP_A_SEND_RST)
		edutcp_send_reset(sock_net(sk), seg);
	if (cell->actions & EDUTCP_A_NEW_REQUEST)
		edutcp_new_request(sk, seg);
	kfree_skb(skb);
}

/**
 * edutcp_synq_tick() - resend due SYN+ACKs, drop entries out of retries
 * @sk: the listener, held
 * @now: the time, in jiffies (KUnit passes a later one)
 */
void edutcp_synq_tick(struct sock *sk, unsigned long now)
{
	int limit = READ_ONCE(edutcp_sysctls(sk)->synack_retries);
	struct edutcp_request *req, *tmp;
	unsigned long next = 0;

	list_for_each_entry_safe(req, tmp, &edutcp_sk(sk)->synq, node) {
		if (time_before(now, req->expires)) {
			;
		} else if (req->retries >= limit) {
			edutcp_req_free(sk, req, "synack retries");
			continue;
		} else {
			WRITE_ONCE(req->retries, req->retries + 1);
			WRITE_ONCE(req->expires,
				   now + edutcp_rto_backoff(EDUTCP_RTO_INIT,
							    req->retries));
			edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_RETRANSSEGS);
			edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNRETRANS);
			edutcp_req_send(sock_net(sk), req, req->iss,
					EDUTCP_SYN | EDUTCP_ACK);
		}
		if (!next || time_before(req->expires, next))
			next = req->expires;
	}
	if (next)
		edutcp_synq_arm(sk, jiffies + (next - now));
}

/* The listener's timer: the SYN queue's turn. */
void edutcp_synq_timer(struct sock *sk)
{
	edutcp_synq_tick(sk, jiffies);
}

/**
 * edutcp_listen_stop() - the listener closes: reset its queued and
 *	half-open connections
 * @sk: the listener, held by its user (lock_sock)
 */
void edutcp_listen_stop(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_request *req, *tmp;
	struct sock *child;

	list_for_each_entry_safe(req, tmp, &es->synq, node) {
		edutcp_req_send(sock_net(sk), req, req->iss + 1,
				EDUTCP_RST | EDUTCP_ACK);
		edutcp_req_free(sk, req, "listener closed");
	}
	while ((child = edutcp_accept_dequeue(sk))) {
		lock_sock_nested(child, SINGLE_DEPTH_NESTING);
		sock_set_flag(child, SOCK_DEAD);
		edutcp_event(child, EDUTCP_EV_ABORT, NULL, NULL);
		edutcp_unbind(child);
		release_sock(child);
		sock_put(child);
	}
}

/**
 * edutcp_accept_dequeue() - the oldest connection waiting for accept()
 * @sk: the listener, held
 *
 * Return: the socket, with the reference the queue held, or NULL.
 */
struct sock *edutcp_accept_dequeue(struct sock *sk)
{
	struct edutcp_sock *ces;

	ces = list_first_entry_or_null(&edutcp_sk(sk)->acceptq,
				       struct edutcp_sock, accept_node);
	if (!ces)
		return NULL;
	list_del_init(&ces->accept_node);
	sk_acceptq_removed(sk);
	return &ces->inet.sk;
}
