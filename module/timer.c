// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the timer of a socket. One timer does three jobs, by state:
 *
 *   listener      the SYN queue: resend SYN+ACKs, drop entries (synq.c)
 *   FIN_WAIT_2    an orphan has waited fin_timeout: close (TMO_FIN_WAIT_2)
 *   otherwise     retransmission: the oldest unacknowledged entry of the
 *                 send queue again (TMO_RETRANSMIT), or give up after
 *                 syn_retries (SYN_SENT) or retries (TMO_GIVE_UP)
 *
 * A pending timer holds a reference on its socket (sk_reset_timer). The
 * function runs in softirq; if a user holds the socket, it tries again a
 * little later.
 */
#include <net/sock.h>

#include "edutcp.h"
#include "compat.h"

static void edutcp_timer_fn(struct timer_list *t)
{
	struct edutcp_sock *es = timer_container_of(es, t, timer);
	struct sock *sk = &es->inet.sk;
	struct edutcp_sysctl *sc = edutcp_sysctls(sk);
	int limit;

	bh_lock_sock(sk);
	if (sock_owned_by_user(sk)) {
		sk_reset_timer(sk, &es->timer, jiffies + HZ / 20);
		goto out;
	}
	switch (es->state) {
	case EDUTCP_LISTEN:
		edutcp_synq_timer(sk);
		break;
	case EDUTCP_FIN_WAIT_2:
		edutcp_event(sk, EDUTCP_EV_TMO_FIN_WAIT_2, NULL, NULL);
		break;
	case EDUTCP_CLOSED:
	case EDUTCP_TIME_WAIT:
		break;
	default:
		if (skb_queue_empty(&sk->sk_write_queue))
			break;
		limit = es->state == EDUTCP_SYN_SENT ?
			READ_ONCE(sc->syn_retries) : READ_ONCE(sc->retries);
		edutcp_event(sk, es->retries >= limit ? EDUTCP_EV_TMO_GIVE_UP :
			     EDUTCP_EV_TMO_RETRANSMIT, NULL, NULL);
	}
out:
	bh_unlock_sock(sk);
	sock_put(sk);
}

void edutcp_timer_init(struct sock *sk)
{
	timer_setup(&edutcp_sk(sk)->timer, edutcp_timer_fn, 0);
}

/* edutcp_timer_arm() - (re)start the timer to fire after @delay jiffies. */
void edutcp_timer_arm(struct sock *sk, unsigned long delay)
{
	sk_reset_timer(sk, &edutcp_sk(sk)->timer, jiffies + delay);
}

/* edutcp_timer_stop() - stop the timer if it is pending. */
void edutcp_timer_stop(struct sock *sk)
{
	sk_stop_timer(sk, &edutcp_sk(sk)->timer);
}
