/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the byte stream's pure parts, each a small calculator that
 * decides and does nothing: the RFC 6298 retransmission timer estimator
 * (rtt.c), RFC 5681/6582 congestion control (cc.c), the out-of-order
 * queue (ofo.c), the window rules of RFC 9293 §3.8.6 (window.c) and
 * the delayed-ACK engine (ato.c).
 * send.c and recv.c carry out what they decide; KUnit drives them alone.
 */
#ifndef _EDUTCP_STREAM_H
#define _EDUTCP_STREAM_H

#include <linux/types.h>

struct sk_buff;
struct sk_buff_head;
struct sock;

/**
 * struct edutcp_rtt - the round-trip time estimate (RFC 6298 §2)
 * @srtt_us: SRTT, the smoothed round-trip time; 0 before the first sample
 * @rttvar_us: RTTVAR, the round-trip time variation
 */
struct edutcp_rtt {
	u32 srtt_us;
	u32 rttvar_us;
};

void edutcp_rtt_sample(struct edutcp_rtt *r, u32 rtt_us);
unsigned long edutcp_rto_backoff(unsigned long rto, unsigned int n);
u32 edutcp_rtt_rto_us(const struct edutcp_rtt *r, u32 g_us, u32 min_us,
		      u32 max_us);

/**
 * struct edutcp_cc - the congestion state of a sender (RFC 5681, 6582)
 * @cwnd: the congestion window, in bytes
 * @ssthresh: the slow start threshold, in bytes
 * @acked_ca: bytes acknowledged in congestion avoidance since cwnd grew
 * @recover: RFC 6582's "recover": SND.NXT when fast recovery began
 * @mss: SMSS, the sender's maximum segment size
 * @dupacks: duplicate ACKs in a row
 * @in_recovery: in fast recovery
 */
struct edutcp_cc {
	u32 cwnd;
	u32 ssthresh;
	u32 acked_ca;
	u32 recover;
	u16 mss;
	u8 dupacks;
	u8 in_recovery;
};

/* What the congestion control asks the sender to do after an ACK. */
enum edutcp_cc_verdict {
	EDUTCP_CC_NONE,
	EDUTCP_CC_FAST_RETRANSMIT,	/* third duplicate ACK: resend SND.UNA */
	EDUTCP_CC_PARTIAL_ACK,		/* NewReno: resend SND.UNA, restart RTO */
};

u32 edutcp_cc_initial_window(u32 mss);
void edutcp_cc_init(struct edutcp_cc *cc, u32 mss, u32 iss);
enum edutcp_cc_verdict edutcp_cc_new_ack(struct edutcp_cc *cc, u32 ack,
					 u32 acked, u32 flight);
enum edutcp_cc_verdict edutcp_cc_dup_ack(struct edutcp_cc *cc, u32 ack,
					 u32 flight, u32 snd_nxt);
u32 edutcp_cc_send_window(const struct edutcp_cc *cc);
void edutcp_cc_timeout(struct edutcp_cc *cc, u32 flight, u32 snd_nxt,
		       bool again);

/* The out-of-order queue: skbs of text, EDUTCP_SKB_CB seq and end_seq. */
int edutcp_ofo_insert(struct sk_buff_head *q, struct sk_buff *skb);
struct sk_buff *edutcp_ofo_pull(struct sk_buff_head *q, u32 rcv_nxt);
unsigned int edutcp_ofo_prune(struct sock *sk, struct sk_buff_head *q, u32 seq,
			      unsigned int truesize);

u32 edutcp_rcv_window(u32 rcv_nxt, u32 edge, u32 space, u32 mss, u32 buf);
/* What a partial segment at the tail of the send queue waits for. */
enum edutcp_nagle {
	EDUTCP_NAGLE_ON,	/* for nothing to be unacknowledged (§3.7.4) */
	EDUTCP_NAGLE_OFF,	/* nothing: it goes (EDUTCP_NODELAY, a FIN) */
	EDUTCP_NAGLE_CORK,	/* for more text (EDUTCP_CORK, MSG_MORE) */
};

u32 edutcp_send_len(u32 queued, bool last, u32 usable, u32 max_wnd, u32 mss,
		    bool idle, enum edutcp_nagle nagle);

/**
 * struct edutcp_ato - when to acknowledge (ato.c), Linux's delayed ACKs
 * @ato: the delay, jiffies, adapted to the gaps between arrivals; 0
 *	until text first arrives
 * @lrcv: jiffies when text last arrived
 * @quick: ACKs still to send at once (quick-ACK mode)
 * @pingpong: interactive: ACKs wait to go with the answers
 * @pushed: small segments (a write's end) acknowledged by none yet, up to 2
 */
struct edutcp_ato {
	u32 ato;
	unsigned long lrcv;
	u8 quick;
	u8 pingpong:1, pushed:2;
};

/**
 * struct edutcp_ato_limits - the bounds of the delay, jiffies
 * @min: the shortest (net.edutcp.delack_ms)
 * @max: the longest (200 ms, Linux's TCP_DELACK_MAX, or @min if longer)
 */
struct edutcp_ato_limits {
	u32 min, max;
};

void edutcp_ato_rcv(struct edutcp_ato *a, unsigned long now, bool small,
		    u32 rcv_wnd, u32 rcv_mss, u32 rto,
		    const struct edutcp_ato_limits *lim);
void edutcp_ato_enter_quick(struct edutcp_ato *a, u32 rcv_wnd, u32 rcv_mss,
			    const struct edutcp_ato_limits *lim);
void edutcp_ato_data_sent(struct edutcp_ato *a, unsigned long now);
bool edutcp_ato_now(const struct edutcp_ato *a);
void edutcp_ato_acked(struct edutcp_ato *a, const struct edutcp_ato_limits *lim);
u32 edutcp_ato_delay(const struct edutcp_ato *a, u32 srtt,
		     const struct edutcp_ato_limits *lim);
void edutcp_ato_missed(struct edutcp_ato *a, u32 rto,
		       const struct edutcp_ato_limits *lim);
bool edutcp_ato_on_read(const struct edutcp_ato *a);

#endif /* _EDUTCP_STREAM_H */
