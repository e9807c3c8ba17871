/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the byte stream's pure parts, each a small calculator that
 * decides and does nothing: the RFC 6298 retransmission timer estimator
 * (rtt.c), RFC 5681/6582 congestion control (cc.c), the out-of-order
 * queue (ofo.c), the window rules of RFC 9293 §3.8.6 (window.c) and
 * the delayed-ACK engine (ato.c), and SACK's two halves (sack.c: the
 * receiver's blocks, the sender's scoreboard and RFC 6675's rules).
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
 * @sack: recovery by RFC 6675 (SACK agreed), not by NewReno's rules
 * @algo: EDUTCP_CC_RENO or EDUTCP_CC_CUBIC: the window a loss leaves
 *	and growth in congestion avoidance
 * @w_max: CUBIC's W_max, the window at the last loss (RFC 9438 §4.1)
 * @prior_w_max: W_max before that loss, for an undo (§4.9)
 * @w_est: CUBIC's W_est, Reno's window since the epoch began (§4.3)
 * @k_ms: CUBIC's K, ms
 * @origin: where W_cubic levels off: W_max, or cwnd if above it
 * @epoch_ms: when the epoch (congestion avoidance since a loss) began,
 *	a millisecond clock; 0: not begun
 */
struct edutcp_cc {
	u32 cwnd;
	u32 ssthresh;
	u32 acked_ca;
	u32 recover;
	u16 mss;
	u8 dupacks;
	u8 in_recovery:1, sack:1;
	u8 algo;
	u32 w_max, prior_w_max, w_est, k_ms, origin, epoch_ms;
};

/* The congestion controls, by their EDUTCP_CONGESTION names */
enum edutcp_cc_algo {
	EDUTCP_CC_RENO,		/* "reno": RFC 5681 and 6582 (NewReno) */
	EDUTCP_CC_CUBIC,	/* "cubic": RFC 9438 */
	EDUTCP_CC_NR,
};

u32 edutcp_cbrt(u64 x);
u32 edutcp_cubic_k(u32 w_max, u32 cwnd, u32 mss);
u32 edutcp_cubic_window(u32 origin, u32 k_ms, u32 t_ms, u32 mss);
u32 edutcp_cubic_loss(struct edutcp_cc *cc);
void edutcp_cubic_ack(struct edutcp_cc *cc, u32 acked, u32 now_ms,
		      u32 rtt_ms);
const char *edutcp_cc_name(unsigned int algo);
int edutcp_cc_find(const char *name);

/* What the congestion control asks the sender to do after an ACK. */
enum edutcp_cc_verdict {
	EDUTCP_CC_NONE,
	EDUTCP_CC_FAST_RETRANSMIT,	/* third duplicate ACK: resend SND.UNA */
	EDUTCP_CC_PARTIAL_ACK,		/* NewReno: resend SND.UNA, restart RTO */
};

u32 edutcp_cc_initial_window(u32 mss);
void edutcp_cc_init(struct edutcp_cc *cc, u32 mss, u32 iss, bool sack);
void edutcp_cc_enter_recovery(struct edutcp_cc *cc, u32 flight, u32 snd_nxt);
enum edutcp_cc_verdict edutcp_cc_new_ack(struct edutcp_cc *cc, u32 ack,
					 u32 acked, u32 flight, u32 now_ms,
					 u32 rtt_ms);
enum edutcp_cc_verdict edutcp_cc_dup_ack(struct edutcp_cc *cc, u32 ack,
					 u32 flight, u32 snd_nxt);
u32 edutcp_cc_send_window(const struct edutcp_cc *cc);
void edutcp_cc_timeout(struct edutcp_cc *cc, u32 flight, u32 snd_nxt,
		       bool again);

/**
 * struct edutcp_sack_block - a block of a SACK option (RFC 2018 §3)
 * @start: left edge, the first sequence number of the block
 * @end: right edge, the sequence number after its last
 */
struct edutcp_sack_block {
	u32 start, end;
};

/* blocks in one option: 4 in its 40 bytes, 3 beside timestamps */
#define EDUTCP_SACK_MAX		4
/* SACKed ranges a sender remembers beyond SND.UNA */
#define EDUTCP_SB_MAX		32
/* RFC 6675 §2: DupThresh */
#define EDUTCP_DUPTHRESH	3

/**
 * struct edutcp_sack_rcv - what a receiver reports (RFC 2018 §4)
 * @blk: the blocks of text held out of order, the one holding the text
 *	that came last first, then the others as they were last reported
 * @nr: blocks in @blk
 * @dsack: a duplicate to report once in the next ACK (RFC 2883 §4)
 * @has_dsack: @dsack is set
 */
struct edutcp_sack_rcv {
	struct edutcp_sack_block blk[EDUTCP_SACK_MAX];
	u8 nr;
	u8 has_dsack;
	struct edutcp_sack_block dsack;
};

void edutcp_sack_rcv_add(struct edutcp_sack_rcv *r, u32 start, u32 end);
void edutcp_sack_rcv_dup(struct edutcp_sack_rcv *r, u32 start, u32 end);
void edutcp_sack_rcv_advance(struct edutcp_sack_rcv *r, u32 rcv_nxt);
void edutcp_sack_rcv_clamp(struct edutcp_sack_rcv *r, u32 end);
unsigned int edutcp_sack_rcv_fill(struct edutcp_sack_rcv *r,
				  struct edutcp_sack_block *out,
				  unsigned int room);

/**
 * struct edutcp_sb - a sender's SACK scoreboard (RFC 6675 §3)
 * @r: the ranges SACKed above SND.UNA, ascending, disjoint, not touching
 * @nr: ranges in @r
 * @high_rxt: HighRxt, the highest sequence number sent again in recovery
 * @rescue_rxt: RescueRxt (§4 NextSeg (4)): the RecoveryPoint of the
 *	episode whose rescue has gone
 */
struct edutcp_sb {
	struct edutcp_sack_block r[EDUTCP_SB_MAX];
	u8 nr;
	u32 high_rxt;
	u32 rescue_rxt;
};

/* What an ACK's SACK blocks told the sender (edutcp_sb_update()). */
struct edutcp_sb_news {
	u32 newly;	/* bytes SACKed for the first time */
	u32 dsack;	/* bytes reported by a D-SACK block */
	u32 bad;	/* blocks ignored: inverted, or outside what was sent */
	struct edutcp_sack_block dsack_blk;	/* the D-SACK, if @dsack */
};

void edutcp_sb_reset(struct edutcp_sb *sb, u32 snd_una);
void edutcp_sb_update(struct edutcp_sb *sb, u32 snd_una, u32 snd_nxt,
		      const struct edutcp_sack_block *blk, unsigned int n,
		      struct edutcp_sb_news *news);
bool edutcp_sb_sacked(const struct edutcp_sb *sb, u32 seq, u32 *end);
bool edutcp_sb_is_lost(const struct edutcp_sb *sb, u32 seq, u32 mss);
u32 edutcp_sb_pipe(const struct edutcp_sb *sb, u32 snd_una, u32 snd_nxt,
		   u32 mss);
u32 edutcp_sb_sacked_bytes(const struct edutcp_sb *sb);

/* What RFC 6675's NextSeg() chose (edutcp_sb_next_seg()). */
enum edutcp_sb_next {
	EDUTCP_SB_NONE,		/* nothing may go */
	EDUTCP_SB_LOST,		/* rule 1: a lost hole, sent again */
	EDUTCP_SB_NEW,		/* rule 2: new data */
	EDUTCP_SB_HOLE,		/* rule 3: a hole not yet lost, sent again */
	EDUTCP_SB_RESCUE,	/* rule 4: the one rescue of an episode */
};

enum edutcp_sb_next edutcp_sb_next_seg(const struct edutcp_sb *sb,
				       u32 snd_una, u32 snd_nxt, u32 mss,
				       bool new_ok, u32 *seq, u32 *len);

/* resends of one recovery that an undo can account for */
#define EDUTCP_UNDO_MAX		16

/**
 * struct edutcp_undo - can the last fast recovery be undone (RFC 2883 §5)
 * @rtx: the ranges it sent again, each not yet reported twice by a D-SACK
 * @nr: ranges in @rtx
 * @armed: the recovery may still be undone: every resend is in @rtx
 * @prior_cwnd: cwnd before the recovery, restored by an undo
 * @prior_ssthresh: ssthresh before it, the same
 */
struct edutcp_undo {
	struct edutcp_sack_block rtx[EDUTCP_UNDO_MAX];
	u8 nr;
	u8 armed;
	u32 prior_cwnd, prior_ssthresh;
};

void edutcp_undo_start(struct edutcp_undo *u, u32 cwnd, u32 ssthresh);
void edutcp_undo_sent(struct edutcp_undo *u, u32 seq, u32 end);
bool edutcp_undo_dsack(struct edutcp_undo *u, u32 start, u32 end);

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
