/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the tracepoints of trace system "edutcp", readable from
 * /sys/kernel/tracing/events/edutcp, trace-cmd and perf. Sockets are
 * named by their id (sock=N); states and flags print by name.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM edutcp

#if !defined(_EDUTCP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _EDUTCP_TRACE_H

#include <linux/tracepoint.h>
#include <net/sock.h>

#include "edutcp.h"

/*
 * States and events are enums: an event's format file would show their
 * names, which trace-cmd and perf cannot evaluate. These put the numbers
 * there, so the tools print the names as the kernel does.
 */
#undef EDUTCP_STATE_TRACE_ENUM
#define EDUTCP_STATE_TRACE_ENUM(name) TRACE_DEFINE_ENUM(EDUTCP_##name);
EDUTCP_STATES(EDUTCP_STATE_TRACE_ENUM)
TRACE_DEFINE_ENUM(EDUTCP_BACK_TO_ORIGIN);

TRACE_DEFINE_ENUM(EDUTCP_EV_OPEN_ACTIVE);
TRACE_DEFINE_ENUM(EDUTCP_EV_OPEN_PASSIVE);
TRACE_DEFINE_ENUM(EDUTCP_EV_SEND);
TRACE_DEFINE_ENUM(EDUTCP_EV_RECEIVE);
TRACE_DEFINE_ENUM(EDUTCP_EV_CLOSE);
TRACE_DEFINE_ENUM(EDUTCP_EV_ABORT);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_BAD_SEQ);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_RST);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_RST_IN_WINDOW);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_RST_IGNORED);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_SYN);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_SYN_ACK);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_BAD_ACK);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_NO_ACK);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_ACK);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_ACK_OF_FIN);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_DATA);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_FIN);
TRACE_DEFINE_ENUM(EDUTCP_EV_RCV_ICMP_UNREACH);
TRACE_DEFINE_ENUM(EDUTCP_EV_TMO_RETRANSMIT);
TRACE_DEFINE_ENUM(EDUTCP_EV_TMO_GIVE_UP);
TRACE_DEFINE_ENUM(EDUTCP_EV_TMO_2MSL);
TRACE_DEFINE_ENUM(EDUTCP_EV_TMO_FIN_WAIT_2);

#undef EDUTCP_STATE_SYMBOL
#define EDUTCP_STATE_SYMBOL(name)	{ EDUTCP_##name, #name },
#define edutcp_show_state(s)						\
	__print_symbolic(s, EDUTCP_STATES(EDUTCP_STATE_SYMBOL)		\
			 { EDUTCP_BACK_TO_ORIGIN, "BACK_TO_ORIGIN" })

#define edutcp_show_event(e)	\
	__print_symbolic(e,	\
			 { EDUTCP_EV_OPEN_ACTIVE, "OPEN_ACTIVE" },	\
			 { EDUTCP_EV_OPEN_PASSIVE, "OPEN_PASSIVE" },	\
			 { EDUTCP_EV_SEND, "SEND" },	\
			 { EDUTCP_EV_RECEIVE, "RECEIVE" },	\
			 { EDUTCP_EV_CLOSE, "CLOSE" },	\
			 { EDUTCP_EV_ABORT, "ABORT" },	\
			 { EDUTCP_EV_RCV_BAD_SEQ, "RCV_BAD_SEQ" },	\
			 { EDUTCP_EV_RCV_RST, "RCV_RST" },	\
			 { EDUTCP_EV_RCV_RST_IN_WINDOW, "RCV_RST_IN_WINDOW" },	\
			 { EDUTCP_EV_RCV_RST_IGNORED, "RCV_RST_IGNORED" },	\
			 { EDUTCP_EV_RCV_SYN, "RCV_SYN" },	\
			 { EDUTCP_EV_RCV_SYN_ACK, "RCV_SYN_ACK" },	\
			 { EDUTCP_EV_RCV_BAD_ACK, "RCV_BAD_ACK" },	\
			 { EDUTCP_EV_RCV_NO_ACK, "RCV_NO_ACK" },	\
			 { EDUTCP_EV_RCV_ACK, "RCV_ACK" },	\
			 { EDUTCP_EV_RCV_ACK_OF_FIN, "RCV_ACK_OF_FIN" },	\
			 { EDUTCP_EV_RCV_DATA, "RCV_DATA" },	\
			 { EDUTCP_EV_RCV_FIN, "RCV_FIN" },	\
			 { EDUTCP_EV_RCV_ICMP_UNREACH, "RCV_ICMP_UNREACH" },	\
			 { EDUTCP_EV_TMO_RETRANSMIT, "TMO_RETRANSMIT" },	\
			 { EDUTCP_EV_TMO_GIVE_UP, "TMO_GIVE_UP" },	\
			 { EDUTCP_EV_TMO_2MSL, "TMO_2MSL" },	\
			 { EDUTCP_EV_TMO_FIN_WAIT_2, "TMO_FIN_WAIT_2" })

#define edutcp_show_flags(f)						\
	__print_flags(f, "|",						\
		      { EDUTCP_FIN, "FIN" },				\
		      { EDUTCP_SYN, "SYN" },				\
		      { EDUTCP_RST, "RST" },				\
		      { EDUTCP_PSH, "PSH" },				\
		      { EDUTCP_ACK, "ACK" },				\
		      { EDUTCP_URG, "URG" })

#ifndef _EDUTCP_TRACE_TUPLE
#define _EDUTCP_TRACE_TUPLE
/* copy a socket's id and 4-tuple into an event's fields */
static inline void edutcp_trace_tuple(const struct sock *sk, u64 *id,
				      u8 *saddr, u8 *daddr, u16 *sport,
				      u16 *dport)
{
	const struct inet_sock *inet = inet_sk(sk);

	*id = edutcp_sk(sk)->id;
	memcpy(saddr, &inet->inet_saddr, 4);
	memcpy(daddr, &inet->inet_daddr, 4);
	*sport = ntohs(inet->inet_sport);
	*dport = ntohs(inet->inet_dport);
}
#endif

DECLARE_EVENT_CLASS(edutcp_sock_class,
		    TP_PROTO(struct sock *sk),
		    TP_ARGS(sk),
		    TP_STRUCT__entry(__field(u64, id)
				     __field(u16, family)
				     __field(u8, kern)),
		    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
				   __entry->family = sk->sk_family;
				   __entry->kern = sk->sk_kern_sock;),
		    TP_printk("sock=%llu family=%u kern=%u",
			      __entry->id, __entry->family, __entry->kern)
);

/* A socket of the family was created (socket(2) or sock_create_kern). */
DEFINE_EVENT(edutcp_sock_class, edutcp_sock_create,
	     TP_PROTO(struct sock *sk),
	     TP_ARGS(sk)
);

/* The user's socket was released (the last close(2) of it). */
DEFINE_EVENT(edutcp_sock_class, edutcp_sock_release,
	     TP_PROTO(struct sock *sk),
	     TP_ARGS(sk)
);

/* A connection changed state. */
TRACE_EVENT(edutcp_set_state,
	    TP_PROTO(struct sock *sk, int oldstate, int newstate),
	    TP_ARGS(sk, oldstate, newstate),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __field(int, oldstate)
			     __field(int, newstate)),
	    TP_fast_assign(edutcp_trace_tuple(sk, &__entry->id, __entry->saddr,
					      __entry->daddr, &__entry->sport,
					      &__entry->dport);
			   __entry->oldstate = oldstate;
			   __entry->newstate = newstate;),
	    TP_printk("sock=%llu %pI4:%u -> %pI4:%u %s -> %s", __entry->id,
		      __entry->saddr, __entry->sport, __entry->daddr,
		      __entry->dport,
		      edutcp_show_state(__entry->oldstate),
		      edutcp_show_state(__entry->newstate))
);

/* The state table was read: (state, event) -> next state, actions. */
TRACE_EVENT(edutcp_fsm_event,
	    TP_PROTO(struct sock *sk, int state, int event, int next,
		     u32 actions),
	    TP_ARGS(sk, state, event, next, actions),
	    TP_STRUCT__entry(__field(u64, id)
			     __field(int, state)
			     __field(int, event)
			     __field(int, next)
			     __field(u32, actions)),
	    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
			   __entry->state = state;
			   __entry->event = event;
			   __entry->next = next;
			   __entry->actions = actions;),
	    TP_printk("sock=%llu %s + %s -> %s actions=%#x", __entry->id,
		      edutcp_show_state(__entry->state),
		      edutcp_show_event(__entry->event),
		      edutcp_show_state(__entry->next), __entry->actions)
);

/* The oldest unacknowledged segment is sent again. */
TRACE_EVENT(edutcp_retransmit,
	    TP_PROTO(struct sock *sk, int retries),
	    TP_ARGS(sk, retries),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __field(int, state)
			     __field(int, retries)),
	    TP_fast_assign(edutcp_trace_tuple(sk, &__entry->id, __entry->saddr,
					      __entry->daddr, &__entry->sport,
					      &__entry->dport);
			   __entry->state = edutcp_sk(sk)->state;
			   __entry->retries = retries;),
	    TP_printk("sock=%llu %pI4:%u -> %pI4:%u %s retries=%d", __entry->id,
		      __entry->saddr, __entry->sport, __entry->daddr,
		      __entry->dport,
		      edutcp_show_state(__entry->state), __entry->retries)
);

TRACE_DEFINE_ENUM(EDUTCP_CWND_ACK);
TRACE_DEFINE_ENUM(EDUTCP_CWND_RECOVERY);
TRACE_DEFINE_ENUM(EDUTCP_CWND_TIMEOUT);
TRACE_DEFINE_ENUM(EDUTCP_CWND_UNDO);

/*
 * The congestion window or ssthresh changed: an ACK grew it, a loss
 * began fast recovery, the RTO expired, D-SACKs undid a recovery. With
 * SND.UNA and SND.NXT relative to the ISS, for a plot (edutcp-cwnd).
 */
TRACE_EVENT(edutcp_cwnd,
	    TP_PROTO(struct sock *sk, int why),
	    TP_ARGS(sk, why),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __field(u32, cwnd)
			     __field(u32, ssthresh)
			     __field(u32, una)
			     __field(u32, nxt)
			     __field(u8, algo)
			     __field(int, why)),
	    TP_fast_assign(const struct edutcp_sock *es = edutcp_sk(sk);

			   edutcp_trace_tuple(sk, &__entry->id, __entry->saddr,
					      __entry->daddr, &__entry->sport,
					      &__entry->dport);
			   __entry->cwnd = es->cc.cwnd;
			   __entry->ssthresh = es->cc.ssthresh;
			   __entry->una = es->snd_una - es->iss;
			   __entry->nxt = es->snd_nxt - es->iss;
			   __entry->algo = es->cc.algo;
			   __entry->why = why;),
	    TP_printk("sock=%llu %pI4:%u -> %pI4:%u cc=%s cwnd=%u ssthresh=%u una=%u nxt=%u why=%s",
		      __entry->id, __entry->saddr, __entry->sport,
		      __entry->daddr, __entry->dport,
		      __entry->algo == EDUTCP_CC_CUBIC ? "cubic" : "reno",
		      __entry->cwnd, __entry->ssthresh, __entry->una,
		      __entry->nxt,
		      __print_symbolic(__entry->why,
				       { EDUTCP_CWND_ACK, "ack" },
				       { EDUTCP_CWND_RECOVERY, "recovery" },
				       { EDUTCP_CWND_TIMEOUT, "timeout" },
				       { EDUTCP_CWND_UNDO, "undo" }))
);

/* A SYN made a SYN queue entry (a passive open, now SYN_RCVD). */
TRACE_EVENT(edutcp_synq_add,
	    TP_PROTO(struct sock *sk, __be32 raddr, __be16 rport, u32 iss,
		     u32 irs),
	    TP_ARGS(sk, raddr, rport, iss, irs),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, raddr, 4)
			     __field(u16, rport)
			     __field(u32, iss)
			     __field(u32, irs)),
	    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
			   memcpy(__entry->raddr, &raddr, 4);
			   __entry->rport = ntohs(rport);
			   __entry->iss = iss;
			   __entry->irs = irs;),
	    TP_printk("listener=%llu from %pI4:%u LISTEN -> SYN_RCVD iss=%u irs=%u",
		      __entry->id, __entry->raddr, __entry->rport,
		      __entry->iss, __entry->irs)
);

/* A SYN was refused, or a SYN queue entry went away without a socket. */
TRACE_EVENT(edutcp_synq_drop,
	    TP_PROTO(struct sock *sk, __be32 raddr, __be16 rport,
		     const char *reason),
	    TP_ARGS(sk, raddr, rport, reason),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, raddr, 4)
			     __field(u16, rport)
			     __array(char, reason, 24)),
	    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
			   memcpy(__entry->raddr, &raddr, 4);
			   __entry->rport = ntohs(rport);
			   strscpy(__entry->reason, reason,
				   sizeof(__entry->reason));),
	    TP_printk("listener=%llu from %pI4:%u reason=%s", __entry->id,
		      __entry->raddr, __entry->rport, __entry->reason)
);

/*
 * A SYN cookie (syncookie.c) went in a SYN+ACK ("sent"), or came back
 * in an ACK and opened a connection ("accepted") or did not check out
 * ("failed"); mss is the one it carries.
 */
TRACE_EVENT(edutcp_syncookie,
	    TP_PROTO(struct sock *sk, __be32 raddr, __be16 rport, u32 cookie,
		     u16 mss, const char *what),
	    TP_ARGS(sk, raddr, rport, cookie, mss, what),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, raddr, 4)
			     __field(u16, rport)
			     __field(u32, cookie)
			     __field(u16, mss)
			     __array(char, what, 12)),
	    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
			   memcpy(__entry->raddr, &raddr, 4);
			   __entry->rport = ntohs(rport);
			   __entry->cookie = cookie;
			   __entry->mss = mss;
			   strscpy(__entry->what, what, sizeof(__entry->what));),
	    TP_printk("listener=%llu from %pI4:%u cookie=%u mss=%u %s",
		      __entry->id, __entry->raddr, __entry->rport,
		      __entry->cookie, __entry->mss, __entry->what)
);

/*
 * A lesson rule (lesson.c) acted on a segment: dropped it, held it, or
 * doubled it; dir is the segment's way (out: sent, in: arriving).
 */
TRACE_EVENT(edutcp_lesson,
	    TP_PROTO(u32 rule, const char *action, int dir,
		     const struct edutcp_seg *seg),
	    TP_ARGS(rule, action, dir, seg),
	    TP_STRUCT__entry(__field(u32, rule)
			     __array(char, action, 8)
			     __field(u8, in)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __field(u8, flags)
			     __field(u32, seq)
			     __field(u32, ack)
			     __field(u32, len)),
	    TP_fast_assign(__entry->rule = rule;
			   strscpy(__entry->action, action,
				   sizeof(__entry->action));
			   __entry->in = dir == EDUTCP_LESSON_IN;
			   memcpy(__entry->saddr, &seg->saddr, 4);
			   memcpy(__entry->daddr, &seg->daddr, 4);
			   __entry->sport = ntohs(seg->sport);
			   __entry->dport = ntohs(seg->dport);
			   __entry->flags = seg->flags;
			   __entry->seq = seg->seq;
			   __entry->ack = seg->ack;
			   __entry->len = seg->len;),
	    TP_printk("rule=%u %s %s %pI4:%u -> %pI4:%u [%s] seq=%u ack=%u len=%u",
		      __entry->rule, __entry->action,
		      __entry->in ? "in" : "out", __entry->saddr,
		      __entry->sport, __entry->daddr, __entry->dport,
		      edutcp_show_flags(__entry->flags), __entry->seq,
		      __entry->ack, __entry->len)
);

/* A socket entered TIME_WAIT; a record replaces it for 2*MSL. */
TRACE_EVENT(edutcp_timewait_enter,
	    TP_PROTO(struct sock *sk, unsigned long duration),
	    TP_ARGS(sk, duration),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __field(unsigned int, msecs)),
	    TP_fast_assign(edutcp_trace_tuple(sk, &__entry->id, __entry->saddr,
					      __entry->daddr, &__entry->sport,
					      &__entry->dport);
			   __entry->msecs = jiffies_to_msecs(duration);),
	    TP_printk("sock=%llu %pI4:%u -> %pI4:%u 2MSL=%ums", __entry->id,
		      __entry->saddr, __entry->sport, __entry->daddr,
		      __entry->dport, __entry->msecs)
);

/* A TIME_WAIT record ended: 2MSL over, reused by a SYN, or reset. */
TRACE_EVENT(edutcp_timewait_expire,
	    TP_PROTO(u64 id, __be32 laddr, __be32 raddr, __be16 lport,
		     __be16 rport, const char *reason),
	    TP_ARGS(id, laddr, raddr, lport, rport, reason),
	    TP_STRUCT__entry(__field(u64, id)
			     __array(u8, saddr, 4)
			     __array(u8, daddr, 4)
			     __field(u16, sport)
			     __field(u16, dport)
			     __array(char, reason, 24)),
	    TP_fast_assign(__entry->id = id;
			   memcpy(__entry->saddr, &laddr, 4);
			   memcpy(__entry->daddr, &raddr, 4);
			   __entry->sport = ntohs(lport);
			   __entry->dport = ntohs(rport);
			   strscpy(__entry->reason, reason,
				   sizeof(__entry->reason));),
	    TP_printk("sock=%llu %pI4:%u -> %pI4:%u TIME_WAIT -> CLOSED reason=%s",
		      __entry->id, __entry->saddr, __entry->sport,
		      __entry->daddr, __entry->dport, __entry->reason)
);

/*
 * A segment, as it goes out or comes in: its 4-tuple (source first),
 * flags, seq, ack, window, text length, and seq and ack relative to the
 * ISNs of their senders where the socket knows them (-1 where not):
 * rseq=0 on a SYN, rseq=1 on the first byte, as the seeds count.
 */
DECLARE_EVENT_CLASS(edutcp_segment_class,
		    TP_PROTO(const struct edutcp_seg *seg,
			     const struct edutcp_isns *isns),
		    TP_ARGS(seg, isns),
		    TP_STRUCT__entry(__field(u64, id)
				     __array(u8, saddr, 4)
				     __array(u8, daddr, 4)
				     __field(u16, sport)
				     __field(u16, dport)
				     __field(u32, seq)
				     __field(u32, ack)
				     __field(u8, flags)
				     __field(u16, wnd)
				     __field(u32, len)
				     __field(s64, rseq)
				     __field(s64, rack)),
		    TP_fast_assign(__entry->id = isns ? isns->id : 0;
				   memcpy(__entry->saddr, &seg->saddr, 4);
				   memcpy(__entry->daddr, &seg->daddr, 4);
				   __entry->sport = ntohs(seg->sport);
				   __entry->dport = ntohs(seg->dport);
				   __entry->seq = seg->seq;
				   __entry->ack = seg->ack;
				   __entry->flags = seg->flags;
				   __entry->wnd = seg->wnd;
				   __entry->len = seg->len;
				   __entry->rseq = isns &&
					(isns->known & EDUTCP_TRACE_SEQ_ISN) ?
					(s64)(u32)(seg->seq - isns->seq_isn) : -1;
				   __entry->rack = isns &&
					(isns->known & EDUTCP_TRACE_ACK_ISN) &&
					(seg->flags & EDUTCP_ACK) ?
					(s64)(u32)(seg->ack - isns->ack_isn) : -1;),
		    TP_printk("sock=%llu %pI4:%u -> %pI4:%u [%s] seq=%u ack=%u win=%u len=%u rseq=%lld rack=%lld",
			      __entry->id, __entry->saddr, __entry->sport,
			      __entry->daddr, __entry->dport,
			      edutcp_show_flags(__entry->flags), __entry->seq,
			      __entry->ack, __entry->wnd, __entry->len,
			      __entry->rseq, __entry->rack)
);

/* A segment goes out (sock=0: no socket, e.g. an RST to a closed port). */
DEFINE_EVENT(edutcp_segment_class, edutcp_segment_send,
	     TP_PROTO(const struct edutcp_seg *seg,
		      const struct edutcp_isns *isns),
	     TP_ARGS(seg, isns)
);

/* A segment came in, checked (sock=0: no connection of its 4-tuple). */
DEFINE_EVENT(edutcp_segment_class, edutcp_segment_recv,
	     TP_PROTO(const struct edutcp_seg *seg,
		      const struct edutcp_isns *isns),
	     TP_ARGS(seg, isns)
);

/*
 * An RST goes out, or one came in: the 4-tuple (source first), seq and
 * ack, and the state of the connection it belongs to (CLOSED: none).
 */
DECLARE_EVENT_CLASS(edutcp_reset_class,
		    TP_PROTO(u64 id, const struct edutcp_seg *seg, int state),
		    TP_ARGS(id, seg, state),
		    TP_STRUCT__entry(__field(u64, id)
				     __array(u8, saddr, 4)
				     __array(u8, daddr, 4)
				     __field(u16, sport)
				     __field(u16, dport)
				     __field(u32, seq)
				     __field(u32, ack)
				     __field(u8, flags)
				     __field(int, state)),
		    TP_fast_assign(__entry->id = id;
				   memcpy(__entry->saddr, &seg->saddr, 4);
				   memcpy(__entry->daddr, &seg->daddr, 4);
				   __entry->sport = ntohs(seg->sport);
				   __entry->dport = ntohs(seg->dport);
				   __entry->seq = seg->seq;
				   __entry->ack = seg->ack;
				   __entry->flags = seg->flags;
				   __entry->state = state;),
		    TP_printk("sock=%llu %pI4:%u -> %pI4:%u [%s] seq=%u ack=%u state=%s",
			      __entry->id, __entry->saddr, __entry->sport,
			      __entry->daddr, __entry->dport,
			      edutcp_show_flags(__entry->flags), __entry->seq,
			      __entry->ack, edutcp_show_state(__entry->state))
);

DEFINE_EVENT(edutcp_reset_class, edutcp_send_reset,
	     TP_PROTO(u64 id, const struct edutcp_seg *seg, int state),
	     TP_ARGS(id, seg, state)
);

DEFINE_EVENT(edutcp_reset_class, edutcp_receive_reset,
	     TP_PROTO(u64 id, const struct edutcp_seg *seg, int state),
	     TP_ARGS(id, seg, state)
);

#endif /* _EDUTCP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
