/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the byte stream's pure parts, each a small calculator that
 * decides and does nothing: the RFC 6298 retransmission timer estimator
 * (rtt.c), RFC 5681/6582 congestion control (cc.c), the out-of-order
 * queue (ofo.c) and the window rules of RFC 9293 §3.8.6 (window.c).
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
u32 edutcp_send_len(u32 queued, bool last, u32 usable, u32 max_wnd, u32 mss,
		    bool idle, bool nodelay);

#endif /* _EDUTCP_STREAM_H */
