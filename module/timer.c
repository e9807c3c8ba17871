// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the timers of a socket.
 *
 * The main timer does one job at a time; timer_kind says which:
 *
 *   SYNQ          a listener's SYN queue: resend SYN+ACKs, drop entries
 *   RETRANSMIT    something is unacknowledged: send the oldest again
 *                 (TMO_RETRANSMIT), or give up after syn_retries in
 *                 SYN_SENT, retries otherwise (TMO_GIVE_UP)
 *   PERSIST       text waits for the peer's window: probe it
 *   FIN_WAIT_2    an orphan waited fin_timeout for the FIN (TMO_FIN_WAIT_2)
 *
 * The delayed ACK timer and the keepalive timer run beside it.
 *
 * A pending timer holds a reference on its socket (sk_reset_timer). The
 * functions run in softirq; if a user holds the socket, they try again a
 * little later.
 */
#include <net/sock.h>

#include "edutcp.h"
#include "compat.h"

/* Give up on the connection: ETIMEDOUT, counted as AbortOnTimeout. */
static void edutcp_give_up(struct sock *sk)
{
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_ABORTONTIMEOUT);
	edutcp_event(sk, EDUTCP_EV_TMO_GIVE_UP, NULL, NULL);
}

/*
 * RFC 5482 (TCP_USER_TIMEOUT, as Linux keeps it): with a user timeout set,
 * it alone decides when the peer's silence ends the connection, counted
 * from when it began: the first sending of the oldest unacknowledged
 * text (instead of the count of retries; an orphan's limit still holds),
 * the first probe of a shut window, the last segment received (for
 * keepalive). The timers that wait on the peer are cut to end on time.
 */
static unsigned long edutcp_user_deadline(const struct edutcp_sock *es,
					  unsigned long stamp)
{
	return stamp + msecs_to_jiffies(es->user_timeout);
}

/**
 * edutcp_user_timed_out() - has the user timeout passed since @stamp?
 * @es: the socket
 * @stamp: jiffies when the peer's silence began
 *
 * Return: false when no user timeout is set.
 */
bool edutcp_user_timed_out(const struct edutcp_sock *es, unsigned long stamp)
{
	return es->user_timeout &&
		time_after_eq(jiffies, edutcp_user_deadline(es, stamp));
}

/**
 * edutcp_until_user_timeout() - a timer's delay, cut to end at the user
 *	timeout, so that the connection ends on time
 * @es: the socket
 * @stamp: jiffies when the peer's silence began
 * @delay: the delay without a user timeout, jiffies, at least one
 *
 * Return: @delay, or less; at least one.
 */
unsigned long edutcp_until_user_timeout(const struct edutcp_sock *es,
					unsigned long stamp, unsigned long delay)
{
	unsigned long end = edutcp_user_deadline(es, stamp);

	if (!es->user_timeout)
		return delay;
	if (time_after_eq(jiffies, end))
		return 1;
	return clamp_t(unsigned long, end - jiffies, 1, delay);
}

/* The main timer's job, by timer_kind. */
static void edutcp_timer_expired(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_sysctl *sc = edutcp_sysctls(sk);
	bool expired;
	int limit;

	if (es->state == EDUTCP_CLOSED || es->state == EDUTCP_TIME_WAIT)
		return;
	if (es->orphan && (es->timer_kind == EDUTCP_TIMER_RETRANSMIT ||
			   es->timer_kind == EDUTCP_TIMER_PERSIST) &&
	    edutcp_out_of_memory(sk)) {
		/* Linux's tcp_out_of_resources: reset it, free its queue */
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_ABORTONMEMORY);
		edutcp_event(sk, EDUTCP_EV_ABORT, NULL, NULL);
		return;
	}
	switch (es->timer_kind) {
	case EDUTCP_TIMER_SYNQ:
		edutcp_synq_timer(sk);
		break;
	case EDUTCP_TIMER_FIN_WAIT_2:
		edutcp_event(sk, EDUTCP_EV_TMO_FIN_WAIT_2, NULL, NULL);
		break;
	case EDUTCP_TIMER_PERSIST:
		if (edutcp_persist_timeout(sk))
			edutcp_give_up(sk);
		break;
	case EDUTCP_TIMER_RETRANSMIT:
		if (es->snd_una == es->snd_nxt)
			break;
		if (!es->retries)	/* the oldest went out one RTO ago */
			es->retrans_stamp = jiffies - es->rto;
		limit = es->state == EDUTCP_SYN_SENT ?
			READ_ONCE(sc->syn_retries) : READ_ONCE(sc->retries);
		if (es->orphan)
			limit = min(limit, edutcp_orphan_retries(sk));
		/* a user timeout replaces the count, not an orphan's */
		expired = es->user_timeout ?
			  edutcp_user_timed_out(es, es->retrans_stamp) :
			  es->retries >= limit;
		if (expired || (es->orphan && es->retries >= limit))
			edutcp_give_up(sk);
		else
			edutcp_event(sk, EDUTCP_EV_TMO_RETRANSMIT, NULL, NULL);
		break;
	}
}

/* From a timer: run @fn on the socket, or again soon if a user holds it. */
static void edutcp_timer_run(struct sock *sk, struct timer_list *t,
			     void (*fn)(struct sock *sk), unsigned long retry)
{
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk))
		sk_reset_timer(sk, t, jiffies + retry);
	else
		fn(sk);
	bh_unlock_sock(sk);
	sock_put(sk);
}

static void edutcp_timer_fn(struct timer_list *t)
{
	struct edutcp_sock *es = timer_container_of(es, t, timer);

	edutcp_timer_run(&es->inet.sk, t, edutcp_timer_expired, HZ / 20);
}

static void edutcp_delack_fn(struct timer_list *t)
{
	struct edutcp_sock *es = timer_container_of(es, t, delack_timer);

	edutcp_timer_run(&es->inet.sk, t, edutcp_delack_timeout, HZ / 50);
}

static void edutcp_ka_fn(struct timer_list *t)
{
	struct edutcp_sock *es = timer_container_of(es, t, ka_timer);

	edutcp_timer_run(&es->inet.sk, t, edutcp_keepalive_timeout, HZ / 20);
}

void edutcp_timer_init(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	timer_setup(&es->timer, edutcp_timer_fn, 0);
	timer_setup(&es->delack_timer, edutcp_delack_fn, 0);
	timer_setup(&es->ka_timer, edutcp_ka_fn, 0);
}

/**
 * edutcp_timer_arm() - (re)start the main timer for one job
 * @sk: the socket
 * @kind: the job (enum edutcp_timer_kind)
 * @delay: jiffies from now
 */
void edutcp_timer_arm(struct sock *sk, enum edutcp_timer_kind kind,
		      unsigned long delay)
{
	edutcp_sk(sk)->timer_kind = kind;
	sk_reset_timer(sk, &edutcp_sk(sk)->timer, jiffies + delay);
}

/* edutcp_timer_stop() - stop the main timer if it is pending. */
void edutcp_timer_stop(struct sock *sk)
{
	sk_stop_timer(sk, &edutcp_sk(sk)->timer);
	edutcp_sk(sk)->timer_kind = EDUTCP_TIMER_NONE;
}

/* edutcp_delack_arm() - send the pending ACK after @delay jiffies. */
void edutcp_delack_arm(struct sock *sk, unsigned long delay)
{
	sk_reset_timer(sk, &edutcp_sk(sk)->delack_timer, jiffies + delay);
}

/* edutcp_ka_arm() - run the keepalive check after @delay jiffies. */
void edutcp_ka_arm(struct sock *sk, unsigned long delay)
{
	sk_reset_timer(sk, &edutcp_sk(sk)->ka_timer, jiffies + delay);
}

/* edutcp_timers_stop_all() - the connection is over: no timer runs. */
void edutcp_timers_stop_all(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	edutcp_timer_stop(sk);
	sk_stop_timer(sk, &es->delack_timer);
	sk_stop_timer(sk, &es->ka_timer);
}

/* The keepalive settings in force: the socket's own, else the sysctls. */
static unsigned long edutcp_ka_idle(const struct sock *sk)
{
	const struct edutcp_sock *es = edutcp_sk(sk);

	return (es->ka_idle ?: READ_ONCE(edutcp_sysctls(sk)->keepalive_time)) *
		(unsigned long)HZ;
}

/**
 * edutcp_keepalive() - proto.keepalive: SO_KEEPALIVE was set or cleared
 * @sk: the socket, held by the caller
 * @on: the new value
 *
 * Also called when a connection is established with SO_KEEPALIVE on.
 */
void edutcp_keepalive(struct sock *sk, int on)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (!on)
		sk_stop_timer(sk, &es->ka_timer);
	else if (es->state != EDUTCP_CLOSED && es->state != EDUTCP_LISTEN)
		edutcp_ka_arm(sk, edutcp_ka_idle(sk));
}

/**
 * edutcp_keepalive_timeout() - the keepalive timer fired
 * @sk: the socket
 *
 * RFC 9293 §3.8.4 (RFC 1122 §4.2.3.6): after keepalive_time with nothing
 * received, send a probe (an ACK the peer must answer, SEQ = SND.UNA - 1)
 * every keepalive_intvl; after keepalive_probes unanswered (or, with
 * EDUTCP_USER_TIMEOUT, once that long has passed since anything came
 * and a probe is out), the connection fails with ETIMEDOUT. While text
 * is outstanding the retransmission and persist timers watch the peer
 * instead.
 */
void edutcp_keepalive_timeout(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_sysctl *sc = edutcp_sysctls(sk);
	unsigned long idle_for = edutcp_ka_idle(sk), idle;
	int cnt = es->ka_cnt ?: READ_ONCE(sc->keepalive_probes);

	if (!sock_flag(sk, SOCK_KEEPOPEN) || !es->synced ||
	    es->state == EDUTCP_CLOSED || es->state == EDUTCP_TIME_WAIT)
		return;
	if (!skb_queue_empty(&sk->sk_write_queue)) {
		edutcp_ka_arm(sk, idle_for);
		return;
	}
	idle = jiffies - es->rcv_tstamp;
	if (idle < idle_for && !es->probes) {
		edutcp_ka_arm(sk, idle_for - idle);
		return;
	}
	/* RFC 5482 as Linux's: a user timeout replaces the count of probes */
	if (es->user_timeout ? es->probes &&
	    edutcp_user_timed_out(es, es->rcv_tstamp) : es->probes >= cnt) {
		edutcp_give_up(sk);
		return;
	}
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_KEEPALIVE);
	edutcp_send_probe(sk);
	es->probes++;
	edutcp_ka_arm(sk, (es->ka_intvl ?: READ_ONCE(sc->keepalive_intvl)) *
		      (unsigned long)HZ);
}
