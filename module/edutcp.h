/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: what the module's files share: the socket and its TCB, the
 * parsed segment, the per network namespace state (tables, tunables,
 * counters), the module parameters, and each file's entry points.
 *
 * Locking, from the outside in (a lock may be taken while holding the
 * ones above it, never the other way):
 *
 *   1. A listener's socket lock: lock_sock() from a user call,
 *      bh_lock_sock_nested() when a segment arrives (input.c takes every
 *      socket at SINGLE_DEPTH_NESTING). It covers the listener's SYN
 *      queue (synq, synq_len and every field of its struct
 *      edutcp_request: retries, expires, oow_stamp) and its accept queue.
 *   2. A connection's socket lock: every field of struct edutcp_sock,
 *      its write, receive and out-of-order queues and its timer's state.
 *      A segment that finds the socket owned by a user waits in the
 *      backlog, which release_sock() runs: softirq changes the TCB only
 *      with the lock held and the socket not owned. A child is taken
 *      while its listener is held: at subclass 0 in softirq (synq.c),
 *      lock_sock_nested() when a closing listener resets its queue.
 *   3. edutcp_net.lock (spin_lock_bh in process context, spin_lock in
 *      softirq): the five tables of the namespace, tw_count, the count
 *      of records per local port (tw_ports), and every field of a
 *      TIME_WAIT record (timewait.c decides and updates a record under
 *      it, and sends after unlocking, from a copy). Nothing walks a whole
 *      table under it in one go: the reaper and the procfs reader take
 *      it a chunk at a time.
 *   4. edutcp_net.challenge_lock: the namespace's challenge ACK budget.
 *
 * Outside the locks: the counters (per CPU), the tunables (READ_ONCE,
 * WRITE_ONCE), the orphan count (atomic), the protocol's memory (mem.c:
 * the kernel's per-CPU and atomic counters; a socket's forward
 * allocation is under its socket lock, 2), a socket's pmtu_mss (written
 * by softirq with WRITE_ONCE, taken into mss under lock 2). /proc/net/edutcp/sockets reads
 * each socket's numbers under lock 3 only, as /proc/net/tcp does: a line
 * is a snapshot that may be a segment old.
 */
#ifndef _EDUTCP_H
#define _EDUTCP_H

#include <linux/types.h>
#include <linux/hashtable.h>
#include <linux/skbuff.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sockptr.h>
#include <linux/timekeeping.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/inet_sock.h>
#include <net/netns/generic.h>
#include <linux/edutcp.h>

#include "fsm.h"
#include "stats.h"
#include "stream.h"
#include "seq.h"

/* Module parameters (main.c): the family and IP protocol in force. */
extern int edutcp_family;
extern int edutcp_ipproto;

/* The header flags, as in TCP (RFC 9293 §3.1). */
#define EDUTCP_FIN	0x01
#define EDUTCP_SYN	0x02
#define EDUTCP_RST	0x04
#define EDUTCP_PSH	0x08
#define EDUTCP_ACK	0x10
#define EDUTCP_URG	0x20

/* urg_data: the urgent byte (urg.c), with what is known of it */
#define EDUTCP_URG_VALID	0x100	/* arrived: the low 8 bits are it */
#define EDUTCP_URG_NOTYET	0x200	/* signalled, not arrived */
#define EDUTCP_URG_READ		0x400	/* read by recv(MSG_OOB) */

#define EDUTCP_HDR_LEN		20	/* header without options */
#define EDUTCP_MAX_OPTIONS	40	/* the data offset's 15 words, less 20 */
#define EDUTCP_DEFAULT_MSS	536	/* RFC 9293 SHLD-5: no MSS option */
#define EDUTCP_MAX_WINDOW	65535	/* the largest unscaled window */
#define EDUTCP_MAX_WSCALE	14	/* RFC 7323 §2.3: windows up to 2^30 */
#define EDUTCP_RTO_INIT		HZ	/* RFC 6298 (2.1): 1 second */
#define EDUTCP_RTO_FALLBACK	(3 * HZ)	/* (5.7): after a SYN resent */
#define EDUTCP_RTO_MAX		(120 * HZ)
#define EDUTCP_DELACK_MAX	(HZ / 5)	/* Linux's TCP_DELACK_MAX, 200 ms */
#define EDUTCP_MIN_PMTU		552	/* as Linux's net.ipv4.route.min_pmtu */

/**
 * struct edutcp_hdr - the header on the wire, byte for byte TCP's
 * @source: source port
 * @dest: destination port
 * @seq: sequence number
 * @ack_seq: acknowledgment number
 * @doff_res: data offset (header length in 32-bit words) in the top 4 bits
 * @flags: CWR ECE URG ACK PSH RST SYN FIN, most significant first
 * @window: the receive window
 * @check: checksum over the IPv4 pseudo-header, header and text
 * @urg_ptr: urgent pointer (edutcp sends 0)
 */
struct edutcp_hdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
	u8 doff_res;
	u8 flags;
	__be16 window;
	__sum16 check;
	__be16 urg_ptr;
};

/**
 * struct edutcp_opts - the options of a segment (options.c): what a
 *	peer's SYN offered, or what ours offers
 * @has: EDUTCP_OPT_*: which of the options below are present
 * @wscale: the window scale shift count (RFC 7323 §2), at most 14
 * @mss: the maximum segment size (RFC 9293 §3.7.1)
 * @tsval: TSval, the sender's timestamp clock (RFC 7323 §3.2)
 * @tsecr: TSecr, the TSval it echoes
 * @nr_sack: SACK blocks in @sack (RFC 2018 §3), at most EDUTCP_SACK_MAX
 * @sack: the blocks, in the order of the option: a D-SACK first (RFC 2883)
 */
struct edutcp_opts {
	u8 has;
	u8 wscale;
	u16 mss;
	u32 tsval, tsecr;
	u8 nr_sack;
	struct edutcp_sack_block sack[EDUTCP_SACK_MAX];
};

#define EDUTCP_OPT_MSS		0x01
#define EDUTCP_OPT_WSCALE	0x02
#define EDUTCP_OPT_TS		0x04
#define EDUTCP_OPT_SACK_PERM	0x08	/* RFC 2018 §2, SYN only */
#define EDUTCP_OPT_SACK		0x10	/* RFC 2018 §3, @nr_sack blocks */

/* The timestamps option's length, and what it takes with its two NOPs. */
#define EDUTCP_TS_LEN		10
#define EDUTCP_TS_ALIGNED	12

void edutcp_parse_options(const u8 *p, int len, bool syn,
			  struct edutcp_opts *o);
unsigned int edutcp_options_len(const struct edutcp_opts *o);
void edutcp_write_options(u8 *p, const struct edutcp_opts *o);
unsigned int edutcp_sack_room(const struct edutcp_opts *o);
u8 edutcp_wscale_for(u32 max_window);

/**
 * struct edutcp_seg - an arriving segment, parsed and checked
 * @saddr: source address, as on the wire
 * @daddr: destination address
 * @sport: source port
 * @dport: destination port
 * @seq: SEG.SEQ
 * @ack: SEG.ACK (meaningful when @flags has EDUTCP_ACK)
 * @wnd: SEG.WND
 * @flags: the EDUTCP_* flags
 * @opt: its options (options.c); a SYN's MSS and window scale
 * @len: bytes of text (SEG.LEN without SYN and FIN)
 * @doff: header length in bytes; the text starts there
 * @reuses_tw: a SYN that took the 4-tuple of a TIME_WAIT record
 * @reuse_iss: then, the ISS its connection must use: above anything the
 *	old one sent (RFC 9293 MAY-2 (1))
 */
struct edutcp_seg {
	__be32 saddr, daddr;
	__be16 sport, dport;
	u32 seq, ack;
	u16 wnd, up;
	struct edutcp_opts opt;
	u8 flags;
	u8 reuses_tw;
	u32 len;
	u32 doff;
	u32 reuse_iss;
};

/*
 * The window a segment offers, in bytes: SEG.WND << the sender's shift,
 * but never on a SYN (RFC 7323 §2.2: a SYN's window is not scaled).
 */
static inline u32 edutcp_seg_wnd(const struct edutcp_seg *seg, u8 shift)
{
	return seg->flags & EDUTCP_SYN ? seg->wnd : (u32)seg->wnd << shift;
}

/* SEG.SEQ + SEG.LEN, SYN and FIN each counting one (RFC 9293 §3.4). */
static inline u32 edutcp_seg_end(const struct edutcp_seg *seg)
{
	return seg->seq + seg->len + !!(seg->flags & EDUTCP_SYN) +
		!!(seg->flags & EDUTCP_FIN);
}

/**
 * struct edutcp_view - a connection's numbers, as the classifiers of
 *	classify.c read them: a socket's, a SYN queue entry's or a TIME_WAIT
 *	record's
 * @rcv_nxt: RCV.NXT
 * @rcv_wnd: RCV.WND, the window last offered (0 for a TIME_WAIT record)
 * @snd_una: SND.UNA
 * @snd_nxt: SND.NXT
 * @max_snd_wnd: MAX.SND.WND, the largest window the peer has offered
 *	(RFC 5961 §5)
 * @syn_rcvd: the connection is in SYN_RCVD: its ACK must be of our SYN
 * @no_rfc5961: the lesson switch net.edutcp.lesson_no_rfc5961 is on: RFC
 *	793's rules for an RST and a SYN in the window (docs/lessons.md)
 * @paws: the connection has timestamps and TS.Recent is valid (RFC 7323
 *	§5.5): PAWS tests each segment against it
 * @ts_recent: TS.Recent
 */
struct edutcp_view {
	u32 rcv_nxt, rcv_wnd;
	u32 snd_una, snd_nxt, max_snd_wnd;
	bool syn_rcvd;
	bool no_rfc5961;
	bool paws;
	u32 ts_recent;
};

bool edutcp_seq_acceptable(u32 rcv_nxt, u32 rcv_wnd,
			   const struct edutcp_seg *seg);
bool edutcp_ack_acceptable(const struct edutcp_view *v, u32 ack);
bool edutcp_paws_reject(const struct edutcp_view *v,
			const struct edutcp_seg *seg);
enum edutcp_event edutcp_classify(const struct edutcp_view *v,
				  const struct edutcp_seg *seg);
bool edutcp_icmp_acceptable(const struct edutcp_view *v, u32 seq);
struct edutcp_sock;
struct edutcp_view edutcp_sock_view(const struct edutcp_sock *es);

/*
 * What each skb of the send queue, the receive queue and the
 * out-of-order queue carries in its control buffer.
 */
struct edutcp_skb_cb {
	u32 seq;	/* sequence number of its first byte (or of SYN) */
	u32 end_seq;	/* seq + data + SYN + FIN */
	u8 flags;	/* EDUTCP_SYN, EDUTCP_FIN on control entries */
};

#define EDUTCP_SKB_CB(skb) ((struct edutcp_skb_cb *)&(skb)->cb[0])

/* The entry of a send or receive queue that holds sequence number @seq. */
static inline struct sk_buff *edutcp_skb_holding(struct sk_buff_head *q,
						 u32 seq)
{
	struct sk_buff *skb;

	skb_queue_walk(q, skb)
		if (seqno_lt(seq, EDUTCP_SKB_CB(skb)->end_seq))
			return skb;
	return NULL;
}

/**
 * struct edutcp_sock - an edutcp socket and its TCB (RFC 9293 §3.3.1)
 * @inet: the generic IPv4 socket: addresses and ports, first member
 * @id: a number no other edutcp socket since the load has had
 * @state: enum edutcp_state
 * @passive: the connection came from a listener (for MUST-11)
 * @fin_queued: our FIN is in the send queue (sent or to be sent)
 * @synced: the peer's ISN is known (RCV.NXT is meaningful)
 * @fin_pending: the peer's FIN, kept out of order, is next in sequence
 * @ack_now: the text just received is to be acknowledged at once
 * @orphan: closed by its user, alive to finish its close, counted in
 *	edutcp_net.orphans
 * @iss: ISS, our initial sequence number
 * @irs: IRS, the peer's initial sequence number
 * @write_seq: sequence number the next byte written will take
 * @snd_una: SND.UNA, oldest unacknowledged sequence number
 * @snd_nxt: SND.NXT, next sequence number to send
 * @snd_wnd: SND.WND, the window the peer offers
 * @snd_wl1: SND.WL1, SEG.SEQ of the segment of the last window update
 * @snd_wl2: SND.WL2, SEG.ACK of the segment of the last window update
 * @rcv_nxt: RCV.NXT, next sequence number expected
 * @mss: the effective MSS: min(ours, the peer's) (RFC 9293 §3.7.1)
 * @user_mss: the bound EDUTCP_MAXSEG set (before connect or listen), 0: none
 * @user_timeout: EDUTCP_USER_TIMEOUT, in ms (RFC 5482), 0: none
 * @retrans_stamp: when what the retransmission timer resends was first
 *	sent, in jiffies (set at the first timeout of a run)
 * @retries: timeouts in a row of what is outstanding
 * @rto: the retransmission timeout, in jiffies
 * @wq_bytes: bytes in the send queue (data, not yet acknowledged)
 * @max_window: the largest SND.WND the peer has offered
 * @rtx_next: after a timeout, the next old byte to send again ...
 * @rtx_high: ... up to this one (SND.NXT when the timer expired)
 * @rtt_seq: the timed segment is acknowledged when SND.UNA reaches this
 * @rtt_start_us: when the timed segment was sent
 * @rtt_timing: a segment is being timed
 * @copied_seq: the sequence number of the next byte the user will read
 * @rcv_mss: the largest segment text received (delayed ACKs count these)
 * @rcv_edge: RCV.NXT + RCV.WND of the last segment sent
 * @rcv_rtt_us: the receiver's round-trip estimate: how long a window of
 *	text takes to arrive (tune.c); 0 before the first
 * @rcv_rtt_seq: the measurement ends when RCV.NXT reaches this ...
 * @rcv_rtt_start_us: ... begun then (0: not begun)
 * @rcvq_space: the most bytes read in one round trip so far
 * @rcvq_seq: copied_seq when this round trip's count began ...
 * @rcvq_start_us: ... and the time
 * @ack_sent: RCV.NXT of the last ACK sent (delayed ACKs)
 * @ato: when to acknowledge: quick-ACK mode, ping-pong, the delay (ato.c)
 * @rtt: the RFC 6298 estimate
 * @cc: the congestion window
 * @timer_kind: what @timer is armed for (enum edutcp_timer_kind)
 * @probes: window or keepalive probes sent and not answered
 * @nodelay: Nagle's algorithm is off (EDUTCP_NODELAY)
 * @cork: a partial segment waits for more text (EDUTCP_CORK)
 * @wscale_ok: window scaling: offered in our SYN (before the peer's SYN
 *	arrives), then agreed by both (RFC 7323 §2.2)
 * @snd_wscale: the peer's shift: SND.WND = SEG.WND << @snd_wscale on
 *	every segment without SYN
 * @rcv_wscale: our shift: each window we offer is RCV.WND >> @rcv_wscale
 * @ts_ok: timestamps: offered in our SYN, then agreed by both (RFC 7323
 *	§3.2): every segment but an RST carries the option
 * @ts_off: our TSval is the millisecond clock plus this, a keyed hash of
 *	the two addresses (edutcp_ts_offset(): no clock shared with others,
 *	RFC 7323 §5.4; growing across connections to one peer, RFC 6191)
 * @ts_recent: TS.Recent, the TSval to echo (RFC 7323 §4.3)
 * @ts_recent_stamp: when it was set (seconds, ktime_get_seconds()), for
 *	PAWS's 24-day rule (§5.5)
 * @urg_mode: urgent text not yet acknowledged: segments carry URG
 * @snd_up: SND.UP, the sequence number after the urgent byte sent
 * @urg_seq: the sequence number of the urgent byte received
 * @urg_data: 0, or EDUTCP_URG_* with the urgent byte received
 * @ka_idle: keepalive: seconds idle before probing, 0 for the sysctl
 * @ka_intvl: keepalive: seconds between probes, 0 for the sysctl
 * @ka_cnt: keepalive: probes before giving up, 0 for the sysctl
 * @rcv_tstamp: jiffies when the last segment arrived
 * @total_retrans: segments sent again over the connection's life
 * @orphan_probes: zero-window probes sent since its user closed it
 * @probe_stamp: jiffies of the first zero-window probe since the window
 *	was last open (EDUTCP_USER_TIMEOUT counts from it); 0: none
 * @ca_algo: the congestion control (enum edutcp_cc_algo): the
 *	namespace's congestion_control when made, or EDUTCP_CONGESTION's
 * @sack_ok: SACK: offered in our SYN, then agreed by both (RFC 2018 §2)
 * @sack_rcv: the blocks our ACKs report (sack.c)
 * @sb: the scoreboard of what the peer's SACKs reported (sack.c)
 * @undo: what the last fast recovery sent again, for D-SACK to undo it
 * @gso_room: text one skb may carry over the route's device (gso.c), 0
 *	when each segment goes on its own; set when the route is looked up
 * @gso_segs: and in how many pieces at most
 * @pmtu_mss: the MSS the path MTU allows (RFC 1191), from the last ICMP
 *	"fragmentation needed"; 0 for none. Written by softirq with or
 *	without the socket owned; edutcp_push() takes it into @mss
 * @oow_stamp: when (jiffies; 0: never) the last reply to an unacceptable
 *	segment, or challenge ACK, went (edutcp_oow_allowed())
 * @bytes_acked: bytes of text the peer has acknowledged
 * @bytes_received: bytes of text received in order
 * @ofo: segments that arrived ahead of RCV.NXT
 * @timer: retransmission, persist, or the FIN_WAIT_2 timeout of an orphan
 * @delack_timer: sends a delayed ACK
 * @ka_timer: the keepalive timer
 * @hnode: in the connection table (4-tuple) or the listener table
 * @bnode: in the bind table (local port)
 * @hashed: @hnode is in a table
 * @bound: @bnode is in the bind table
 * @synq: listener: SYN queue entries (struct edutcp_request)
 * @synq_len: entries in @synq
 * @cookie_stamp: listener: jiffies when it last sent a SYN cookie because
 *	its SYN queue was full (ACKs are checked for cookies for 2 minutes)
 * @acceptq: listener: established connections not yet accepted
 * @accept_node: child: in its listener's @acceptq
 */
struct edutcp_sock {
	struct inet_sock inet;
	u64 id;
	u8 state;
	u8 passive:1, fin_queued:1, synced:1, fin_pending:1, ack_now:1;
	u8 orphan:1;
	u32 iss, irs;
	u32 write_seq, snd_una, snd_nxt, snd_wnd, snd_wl1, snd_wl2;
	u32 rcv_nxt;
	u16 mss, user_mss;
	u32 user_timeout;
	unsigned long retrans_stamp;
	u8 retries;
	u32 rto;
	u32 wq_bytes;
	u32 max_window;
	u32 rtx_next, rtx_high;
	u32 rtt_seq;
	u64 rtt_start_us;
	u8 rtt_timing:1;
	u32 copied_seq, rcv_mss;
	u32 rcv_edge, ack_sent;
	u32 rcv_rtt_us, rcv_rtt_seq;
	u64 rcv_rtt_start_us;
	u32 rcvq_space, rcvq_seq;
	u64 rcvq_start_us;
	struct edutcp_ato ato;
	struct edutcp_rtt rtt;
	struct edutcp_cc cc;
	u8 timer_kind;
	u8 probes;
	u8 nodelay:1, cork:1, urg_mode:1, wscale_ok:1, ts_ok:1, sack_ok:1;
	u8 ca_algo;
	struct edutcp_sack_rcv sack_rcv;
	struct edutcp_sb sb;
	struct edutcp_undo undo;
	u8 snd_wscale, rcv_wscale;
	u32 ts_off, ts_recent;
	time64_t ts_recent_stamp;
	u32 snd_up, urg_seq;
	u16 urg_data;
	u16 ka_idle, ka_intvl;
	u8 ka_cnt;
	unsigned long rcv_tstamp;
	u32 total_retrans;
	u32 oow_stamp;
	u8 orphan_probes;
	unsigned long probe_stamp;
	u16 pmtu_mss;
	u32 gso_room;
	u16 gso_segs;
	u64 bytes_acked, bytes_received;
	struct sk_buff_head ofo;
	struct timer_list timer, delack_timer, ka_timer;
	struct hlist_node hnode, bnode;
	bool hashed, bound;
	struct list_head synq;
	unsigned int synq_len;
	unsigned long cookie_stamp;
	struct list_head acceptq;
	struct list_head accept_node;
};

static inline struct edutcp_sock *edutcp_sk(const struct sock *sk)
{
	return (struct edutcp_sock *)sk;
}

/* What the timer of a socket is armed for (procfs shows it). */
enum edutcp_timer_kind {
	EDUTCP_TIMER_NONE,
	EDUTCP_TIMER_RETRANSMIT,	/* something is unacknowledged */
	EDUTCP_TIMER_PERSIST,		/* data waits for the window to open */
	EDUTCP_TIMER_SYNQ,		/* listener: its SYN queue */
	EDUTCP_TIMER_FIN_WAIT_2,	/* an orphan waits for the peer's FIN */
};

/* The clock of RTT measurements, in microseconds. */
static inline u64 edutcp_now_us(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_USEC);
}

/* isn_mode values */
#define EDUTCP_ISN_RFC		0	/* RFC 9293 §3.4.1: clock + keyed hash */
#define EDUTCP_ISN_TEACHING	1	/* fixed: 1000 active, 5000 passive */

/* The tunables, net.edutcp.*, per namespace (sysctl.c). */
struct edutcp_sysctl {
	int syn_retries;
	int synack_retries;
	int retries;
	int fin_timeout;	/* seconds */
	int msl;		/* seconds; TIME_WAIT lasts 2 * msl */
	int max_syn_backlog;
	int max_tw_buckets;
	int max_orphans;	/* sockets closed by their users, still closing */
	int rfc1337;
	int isn_mode;
	int challenge_ack_limit; /* challenge ACKs per second */
	int rto_min_ms;		/* the smallest RTO */
	int delack_ms;		/* how long an ACK may be delayed; 0: never */
	int keepalive_time;	/* seconds idle before the first probe */
	int keepalive_intvl;	/* seconds between probes */
	int keepalive_probes;	/* probes unanswered before ETIMEDOUT */
	int min_snd_mss;	/* the smallest MSS a peer may ask us to use */
	int invalid_ratelimit;	/* ms between replies to unacceptable segments */
	int orphan_retries;	/* an orphan's resends or probes; 0: 8 */
	int syncookies;		/* 0 never, 1 when the SYN queue is full, 2 always */
	int lesson_no_time_wait; /* a lesson: the active closer skips TIME_WAIT */
	int lesson_two_way_handshake; /* a lesson: SYN+ACK sent, ESTABLISHED */
	int lesson_no_rfc5961;	/* a lesson: RFC 793's RST and SYN rules */
	int window_scaling;	/* RFC 7323 §2: offer and accept the option */
	int timestamps;		/* RFC 7323 §3: offer and accept the option */
	int sack;		/* RFC 2018: offer and accept SACK */
	int congestion_control;	/* enum edutcp_cc_algo of new sockets */
	int rmem[3];		/* receive buffer: min, initial, autotuning max */
	int wmem[3];		/* send buffer: min, initial, growth max */
	u32 port_range;		/* low << 16 | high: read and written whole */
};

#define EDUTCP_HASH_BITS 8
/* TIME_WAIT records: 16384 chains, 6 records each at 100000 */
#define EDUTCP_TW_HASH_BITS 14
#define EDUTCP_TW_PORT_BITS 10

/**
 * struct edutcp_net - edutcp's state in one network namespace
 * @net: the namespace
 * @mib: the counters of /proc/net/edutcp/snmp, per CPU
 * @proc_dir: /proc/net/edutcp
 * @sysctl: the tunables
 * @sysctl_hdr: their registration
 * @lock: protects the five tables and @tw_count
 * @conns: connections by 4-tuple (every state but LISTEN and CLOSED)
 * @listeners: listening sockets by local port
 * @binds: bound sockets by local port
 * @tws: TIME_WAIT records by 4-tuple, 1 << EDUTCP_TW_HASH_BITS chains
 * @tw_ports: how many records hold each local port (struct edutcp_tw_port)
 * @reqs: SYN queue entries by 4-tuple (their listeners own them)
 * @tw_count: records in @tws
 * @orphans: sockets their users closed that are still closing
 * @tw_reaper: removes TIME_WAIT records whose 2*MSL has passed
 * @tw_reaped: jiffies when it last ran (it runs at most 4 times a second)
 * @lesson_lock: protects the lesson rules and the segments they hold
 * @lesson_rules: the lesson rules, in the order written (lesson.c)
 * @lesson_held: segments held by a rule until their time
 * @lesson_nr: rules in @lesson_rules (read without the lock: 0 is the
 *	fast path)
 * @lesson_dead: the namespace is going: nothing more is held
 * @lesson_next_id: the number the next rule gets
 * @lesson_timer: delivers what @lesson_held holds when it is due
 * @challenge_lock: protects the challenge ACK budget
 * @challenge_stamp: the second (jiffies / HZ) of the current budget
 * @challenge_count: challenge ACKs still allowed in that second
 */
struct edutcp_net {
	struct net *net;
	struct edutcp_mib __percpu *mib;
	struct proc_dir_entry *proc_dir;
	struct edutcp_sysctl sysctl;
	struct ctl_table_header *sysctl_hdr;
	spinlock_t lock;		/* the tables, tw_count */
	DECLARE_HASHTABLE(conns, EDUTCP_HASH_BITS);
	DECLARE_HASHTABLE(listeners, EDUTCP_HASH_BITS);
	DECLARE_HASHTABLE(binds, EDUTCP_HASH_BITS);
	struct hlist_head *tws;
	DECLARE_HASHTABLE(tw_ports, EDUTCP_TW_PORT_BITS);
	DECLARE_HASHTABLE(reqs, EDUTCP_HASH_BITS);
	unsigned int tw_count;
	atomic_t orphans;
	struct delayed_work tw_reaper;
	unsigned long tw_reaped;
	spinlock_t lesson_lock;		/* lesson_rules, _held, _nr */
	struct list_head lesson_rules;
	struct list_head lesson_held;
	unsigned int lesson_nr;
	bool lesson_dead;
	u32 lesson_next_id;
	struct timer_list lesson_timer;
	spinlock_t challenge_lock;	/* challenge_stamp, _count */
	unsigned long challenge_stamp;
	unsigned int challenge_count;
};

extern unsigned int edutcp_net_id;

static inline struct edutcp_net *edutcp_pernet(const struct net *net)
{
	return net_generic(net, edutcp_net_id);
}

static inline struct edutcp_sysctl *edutcp_sysctls(const struct sock *sk)
{
	return &edutcp_pernet(sock_net(sk))->sysctl;
}

/* af.c: the socket layer */
extern struct proto edutcp_prot;
extern struct net_proto_family edutcp_family_ops;
void edutcp_af_set_family(int family);
int edutcp_wait_ok(long timeo);
bool edutcp_connecting(const struct sock *sk);
int edutcp_start_connect(struct sock *sk, const struct sockaddr_edutcp *a);
struct sock *edutcp_sk_alloc(struct net *net, struct socket *sock, gfp_t gfp,
			     int kern, enum edutcp_state state);

/* conn.c: carries out what the state table decides, for full sockets */
int edutcp_event(struct sock *sk, enum edutcp_event ev, struct sk_buff **skbp,
		 const struct edutcp_seg *seg);
void edutcp_set_state(struct sock *sk, enum edutcp_state state);
void edutcp_done_into_tw(struct sock *sk);
void edutcp_done(struct sock *sk);
bool edutcp_orphan_admit(struct sock *sk);
int edutcp_orphan_retries(struct sock *sk);
void edutcp_rcv_established(struct sock *sk, struct sk_buff *skb,
			    const struct edutcp_seg *seg);
int edutcp_backlog_rcv(struct sock *sk, struct sk_buff *skb);
void edutcp_arm_fin_timeout(struct sock *sk);

/* send.c: the sending half */
u32 edutcp_in_flight(const struct edutcp_sock *es);
void edutcp_stream_start(struct sock *sk);
void edutcp_handshake_rtt(struct sock *sk, bool resent, u32 tsecr);

/* How edutcp_push_as() treats a partial segment at the tail, this once. */
enum edutcp_push_how {
	EDUTCP_PUSH_NORMAL,	/* as the socket's options say */
	EDUTCP_PUSH_MORE,	/* hold it: more text follows (MSG_MORE) */
	EDUTCP_PUSH_FLUSH,	/* send it, corked or not (EDUTCP_NODELAY set) */
};

void edutcp_push_as(struct sock *sk, enum edutcp_push_how how);

/* edutcp_push() - send what the send queue holds and the windows allow */
static inline void edutcp_push(struct sock *sk)
{
	edutcp_push_as(sk, EDUTCP_PUSH_NORMAL);
}

void edutcp_ack_rcv(struct sock *sk, const struct edutcp_seg *seg);
void edutcp_wq_free(struct sock *sk, struct sk_buff *skb);
void edutcp_wq_purge(struct sock *sk);
void edutcp_mtu_reduced(struct sock *sk);
void edutcp_retransmit_timeout(struct sock *sk);
bool edutcp_persist_timeout(struct sock *sk);
void edutcp_send_probe(struct sock *sk);

/* recv.c: the receiving half */
u16 edutcp_select_window(struct sock *sk, bool syn);
u32 edutcp_rcv_max(const struct sock *sk);
void edutcp_wscale_offer(struct sock *sk);
void edutcp_data_rcv(struct sock *sk, struct sk_buff **skbp,
		     const struct edutcp_seg *seg);
void edutcp_ack_data(struct sock *sk);
void edutcp_ack_sent(struct sock *sk);
void edutcp_delack_timeout(struct sock *sk);
void edutcp_ato_bounds(const struct sock *sk, struct edutcp_ato_limits *lim);
u32 edutcp_rcv_wnd_offered(const struct edutcp_sock *es);
void edutcp_ack_owed_now(struct sock *sk);
void edutcp_window_update(struct sock *sk);

/* stream.c: sendmsg and recvmsg */
int edutcp_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
ssize_t edutcp_sendpage(struct socket *sock, struct page *page, int offset,
			size_t size, int flags);

/**
 * struct edutcp_src - where a write's text is (sendq.c)
 * @msg: sendmsg's message: its iterator, copied or (MSG_SPLICE_PAGES)
 *	referenced; unused when @page is set
 * @page: sendpage's page, referenced
 * @offset: where in @page the text not yet taken starts
 */
struct edutcp_src {
	struct msghdr *msg;
	struct page *page;
	int offset;
};

int edutcp_sendq_add(struct sock *sk, struct edutcp_src *src, size_t want);

/* urg.c: urgent data, Linux's out-of-band byte */
void edutcp_urg_mark(struct sock *sk);
bool edutcp_urg_ptr(const struct edutcp_sock *es, u32 seq, u16 *ptr);
void edutcp_urg_acked(struct edutcp_sock *es);
void edutcp_urg_rcv(struct sock *sk, const struct edutcp_seg *seg);
void edutcp_urg_arrived(struct sock *sk);
bool edutcp_urg_at_mark(const struct edutcp_sock *es);
bool edutcp_urg_only(const struct sock *sk);
int edutcp_urg_recv(struct sock *sk, struct msghdr *msg, int len, int flags);
int edutcp_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
		   int flags);
bool edutcp_writable(const struct sock *sk);
void edutcp_write_space(struct sock *sk);

/* sockopt.c: socket options, EDUTCP_INFO, keepalive */
int edutcp_setsockopt(struct socket *sock, int level, int optname,
		      sockptr_t optval, unsigned int optlen);
int edutcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);
bool edutcp_user_timed_out(const struct edutcp_sock *es, unsigned long stamp);
unsigned long edutcp_until_user_timeout(const struct edutcp_sock *es,
					unsigned long stamp, unsigned long delay);
int edutcp_getsockopt(struct socket *sock, int level, int optname,
		      char __user *optval, int __user *optlen);
void edutcp_keepalive(struct sock *sk, int on);
void edutcp_keepalive_timeout(struct sock *sk);

/* hash.c: the tables */
void edutcp_hash_init_net(struct net *net);
int edutcp_hash_connect(struct sock *sk);
void edutcp_hash_listen(struct sock *sk);
void edutcp_unhash(struct sock *sk);
int edutcp_bind_port(struct sock *sk, __be32 addr, u16 port, bool user);
void edutcp_unbind(struct sock *sk);
struct sock *edutcp_lookup_conn(struct net *net, const struct edutcp_seg *seg);
struct sock *edutcp_lookup_listener(struct net *net,
				    const struct edutcp_seg *seg);
struct edutcp_net;
bool edutcp_has_listener_locked(struct edutcp_net *en,
				const struct edutcp_seg *seg);
bool edutcp_port_has_listener(struct sock *sk);
u32 edutcp_tuple_hash(__be32 laddr, __be16 lport, __be32 raddr, __be16 rport);

/* isn.c: initial sequence numbers */
u32 edutcp_isn(struct net *net, __be32 laddr, __be16 lport, __be32 raddr,
	       __be16 rport, bool active);
u32 edutcp_isn_at(u64 clock_ns, const siphash_key_t *key, __be32 laddr,
		  __be16 lport, __be32 raddr, __be16 rport);
void edutcp_isn_init(void);
u32 edutcp_ts_offset(__be32 laddr, __be32 raddr);

/* lesson.c: segments dropped, held or doubled on demand (lessons) */
#define EDUTCP_LESSON_MAX	16	/* rules per namespace */
#define EDUTCP_LESSON_TIMES_MAX	1000
#define EDUTCP_LESSON_LINE_MAX	128

enum { EDUTCP_LESSON_DROP, EDUTCP_LESSON_HOLD, EDUTCP_LESSON_DUP };
enum { EDUTCP_LESSON_OUT, EDUTCP_LESSON_IN };
enum {
	EDUTCP_LW_SYN, EDUTCP_LW_SYNACK, EDUTCP_LW_ACK, EDUTCP_LW_FIN,
	EDUTCP_LW_RST, EDUTCP_LW_DATA, EDUTCP_LW_ANY,
};

/**
 * struct edutcp_lesson_rule - one lesson rule (lesson.c)
 * @node: in edutcp_net.lesson_rules
 * @id: its number in the namespace, for the trace and the file
 * @action: EDUTCP_LESSON_DROP, _HOLD or _DUP
 * @dir: EDUTCP_LESSON_OUT or _IN
 * @what: EDUTCP_LW_*: which kind of segment
 * @port: 0, or a port the segment must have on either side
 * @nth: the first match it acts on (1 for the first)
 * @times: how many times it acts before it retires
 * @ms: hold: how long; dup: when the copy comes
 * @seen: matches so far
 * @fired: times it has acted
 */
struct edutcp_lesson_rule {
	struct list_head node;
	u32 id;
	u8 action, dir, what;
	u32 port, nth, times, ms;
	u32 seen, fired;
};

int edutcp_lesson_parse(char *line, struct edutcp_lesson_rule *r,
			const char **bad);
bool edutcp_lesson_match(const struct edutcp_lesson_rule *r, int dir,
			 const struct edutcp_seg *seg);
bool edutcp_lesson_take(struct net *net, int dir, struct sk_buff *skb,
			const struct edutcp_seg *seg);
int edutcp_lesson_init_net(struct net *net);
void edutcp_lesson_exit_net(struct net *net);
void edutcp_v4_replay(struct net *net, struct sk_buff *skb);

/* mem.c: the protocol-wide memory limit, net.edutcp.mem */
extern long edutcp_sysctl_mem[3];
int edutcp_mem_init(struct proto *prot);
void edutcp_mem_exit(void);
void edutcp_mem_floor(struct proto *prot, int *rmem, int *wmem);

/* tune.c: the receive and send buffers grow with the path */
u32 edutcp_rcvbuf_want(u32 copied, u32 mss);
void edutcp_rcv_rtt_measure(struct sock *sk);
void edutcp_rcvbuf_adjust(struct sock *sk);
bool edutcp_sndbuf_expand(struct sock *sk);

/* gso.c: super-segments to lo and veth */
void edutcp_gso_route(struct sock *sk, const struct net_device *dev);
u32 edutcp_gso_len(const struct sock *sk);
void edutcp_gso_mark(struct sk_buff *skb, u32 mss, unsigned int hlen);
int edutcp_gso_init(void);
void edutcp_gso_exit(void);

/* Why the window changed, for the edutcp_cwnd tracepoint */
enum edutcp_cwnd_why {
	EDUTCP_CWND_ACK,	/* an ACK grew it, or recovery ended */
	EDUTCP_CWND_RECOVERY,	/* fast recovery began: a loss */
	EDUTCP_CWND_TIMEOUT,	/* the retransmission timer expired */
	EDUTCP_CWND_UNDO,	/* D-SACKs showed the recovery needless */
};

/* sack_sk.c: SACK on a connection (RFC 2018, 2883, 6675) */
void edutcp_sack_offer(struct sock *sk);
void edutcp_sack_synced(struct edutcp_sock *es, const struct edutcp_seg *seg);
void edutcp_sack_fill(struct sock *sk, struct edutcp_opts *o, u32 text);
void edutcp_sack_dup_seg(struct edutcp_sock *es, const struct edutcp_seg *seg);
u32 edutcp_sack_ack(struct sock *sk, const struct edutcp_seg *seg, u32 una);
void edutcp_sack_recovery(struct sock *sk, u32 prior_cwnd, u32 prior_ssthresh);
enum edutcp_sb_next edutcp_sack_next(struct sock *sk, u32 *seq, u32 *lim);
void edutcp_sack_sent(struct sock *sk, enum edutcp_sb_next next, u32 seq,
		      u32 end);

/* tstamp.c: the timestamps option (RFC 7323 §3-5) */
#define EDUTCP_PAWS_IDLE_SECS	(24 * 24 * 60 * 60)	/* §5.5: 24 days */
u32 edutcp_ts_val(u32 off);
void edutcp_ts_offer(struct sock *sk, __be32 laddr, __be32 raddr);
void edutcp_ts_fill(const struct edutcp_sock *es, struct edutcp_opts *o);
void edutcp_ts_synced(struct edutcp_sock *es, const struct edutcp_seg *seg);
void edutcp_ts_agreed(struct edutcp_sock *es, u32 tsval);
bool edutcp_ts_paws_valid(bool ts_ok, time64_t stamp, time64_t now);
void edutcp_ts_update(struct edutcp_sock *es, const struct edutcp_seg *seg);
u32 edutcp_ts_rtt_us(u32 now, u32 tsecr);
void edutcp_mem_sock_init(struct sock *sk);
void edutcp_mem_sock_destroy(struct sock *sk);
bool edutcp_out_of_memory(const struct sock *sk);

/* syncookie.c: SYN cookies (RFC 4987 §3.6) */
#define EDUTCP_COOKIE_NR_MSS	8
extern const u16 edutcp_cookie_mss[EDUTCP_COOKIE_NR_MSS];
void edutcp_cookie_init(void);
u32 edutcp_cookie_time(void);
unsigned int edutcp_cookie_mss_index(u16 mss);
u32 edutcp_cookie_make(const siphash_key_t *key, const struct edutcp_seg *syn,
		       u32 t, unsigned int mss_idx);
int edutcp_cookie_check(const siphash_key_t *key, const struct edutcp_seg *ack,
			u32 now);
u32 edutcp_cookie_isn(const struct edutcp_seg *syn, u16 *mss);
u16 edutcp_cookie_ack_mss(const struct edutcp_seg *ack);

/**
 * struct edutcp_isns - what a segment's seq and ack count from, for the
 *	segment tracepoints (rseq, rack)
 * @id: the id of the socket sending it, 0 for none
 * @seq_isn: the ISN of the sender (SEG.SEQ - @seq_isn = rseq)
 * @ack_isn: the ISN of the receiver (SEG.ACK - @ack_isn = rack)
 * @known: EDUTCP_TRACE_SEQ_ISN, EDUTCP_TRACE_ACK_ISN: which are known
 */
struct edutcp_isns {
	u64 id;
	u32 seq_isn, ack_isn;
	u8 known;
};

#define EDUTCP_TRACE_SEQ_ISN	1
#define EDUTCP_TRACE_ACK_ISN	2

/* output.c: segments on the wire */
int edutcp_send(struct net *net, struct sock *sk, __be32 saddr, __be32 daddr,
		__be16 sport, __be16 dport, u32 seq, u32 ack, u8 flags,
		u16 wnd, const struct edutcp_opts *opts, struct sk_buff *text,
		const struct edutcp_isns *isns);
struct sk_buff *edutcp_alloc_text(void);
void edutcp_send_ctl(struct sock *sk, u8 flags);
void edutcp_send_reset(struct net *net, const struct edutcp_seg *seg);
bool edutcp_oow_allowed(struct net *net, u32 *stamp,
			const struct edutcp_seg *seg, int mib);
bool edutcp_challenge_allowed(struct net *net, u32 *stamp);
bool edutcp_reply_ack(struct net *net, u32 actions, u32 *stamp,
		      const struct edutcp_seg *seg, int oow_mib);
u16 edutcp_route_mss(struct net *net, __be32 saddr, __be32 daddr);
u16 edutcp_mtu_mss(u32 mtu);
u16 edutcp_user_mss(const struct sock *sk, u16 mss);
u16 edutcp_peer_mss(struct net *net, u16 opt);
u16 edutcp_pmtu_mss(struct net *net, u32 mtu);
int edutcp_transmit_skb(struct sock *sk, struct sk_buff *skb);
int edutcp_transmit_text(struct sock *sk, struct sk_buff *skb, u32 seq,
			 u32 *len);
void edutcp_send_seq(struct sock *sk, u32 seq, u8 flags);

/* synq.c: the SYN queue and the accept queue of a listener */
void edutcp_listen_rcv(struct sock *sk, struct sk_buff *skb,
		       const struct edutcp_seg *seg);
void edutcp_listen_stop(struct sock *sk);
void edutcp_synq_timer(struct sock *sk);
void edutcp_synq_tick(struct sock *sk, unsigned long now);
int edutcp_synq_verdict(unsigned int synq_len, unsigned int acceptq_len,
			unsigned int backlog, unsigned int max_syn_backlog);
bool edutcp_cookie_wanted(int syncookies, int verdict);
struct sock *edutcp_accept_dequeue(struct sock *sk);

/* timewait.c: TIME_WAIT records */
void edutcp_time_wait(struct sock *sk);
struct edutcp_tw;
bool edutcp_tw_rcv(struct net *net, struct edutcp_seg *seg);
int edutcp_tw_init_net(struct net *net);
int edutcp_tw_event(const struct edutcp_view *v, const struct edutcp_seg *seg,
		    bool rfc1337);
int edutcp_tw_reap(struct net *net, unsigned long now);
void edutcp_tw_purge_net(struct net *net);
/* with edutcp_net.lock held: */
struct edutcp_tw *edutcp_tw_find_locked(struct edutcp_net *en,
					const struct edutcp_seg *seg);
bool edutcp_tw_port_used_locked(struct edutcp_net *en, u16 port);

/*
 * The "tr" column of /proc/net/edutcp/sockets: /proc/net/tcp's numbers
 * where they exist (1 and 3), edutcp's own for the others.
 */
enum edutcp_proc_timer {
	EDUTCP_TR_NONE,
	EDUTCP_TR_RETRANSMIT,	/* a SYN, SYN+ACK, text or FIN again */
	EDUTCP_TR_SYNQ,		/* a listener: its next SYN+ACK due */
	EDUTCP_TR_TIME_WAIT,	/* 2MSL */
	EDUTCP_TR_PROBE,	/* zero-window probe */
	EDUTCP_TR_FIN_WAIT_2,	/* an orphan's fin_timeout */
};

/**
 * struct edutcp_proc_row - one line of /proc/net/edutcp/sockets
 * @laddr: local address
 * @raddr: remote address
 * @lport: local port
 * @rport: remote port
 * @state: the RFC 9293 state
 * @tx: send queue bytes (a listener: its SYN queue's length)
 * @rx: receive queue bytes (a listener: its accept queue's length)
 * @timer: the "tr" column, enum edutcp_proc_timer
 * @expires: when that timer fires (jiffies)
 * @retrans: retransmissions (of the SYN+ACK for a SYN queue entry)
 * @uid: the owner (a SYN queue entry: its listener's)
 * @ino: the socket's inode (0 for records)
 * @id: the socket id of the trace (0 for a SYN queue entry)
 */
struct edutcp_proc_row {
	__be32 laddr, raddr;
	__be16 lport, rport;
	u8 state, timer;
	u32 tx, rx, retrans;
	unsigned long expires;
	kuid_t uid;
	unsigned long ino;
	u64 id;
};

/* for proc.c, with edutcp_net.lock held: the line of a table's entry */
void edutcp_tw_row(const struct hlist_node *node, struct edutcp_proc_row *r);
void edutcp_req_row(const struct hlist_node *node, struct edutcp_proc_row *r);

/* timer.c: the timers of a socket */
void edutcp_timer_init(struct sock *sk);
void edutcp_timer_arm(struct sock *sk, enum edutcp_timer_kind kind,
		      unsigned long delay);
void edutcp_timer_stop(struct sock *sk);
void edutcp_timers_stop_all(struct sock *sk);
void edutcp_delack_arm(struct sock *sk, unsigned long delay);
void edutcp_ka_arm(struct sock *sk, unsigned long delay);

/* input.c: the receive path */
extern const struct net_protocol edutcp_net_protocol;
int edutcp_parse(struct sk_buff *skb, struct edutcp_seg *seg);

/* stats.c, proc.c, sysctl.c: per namespace set-up */
int edutcp_stats_init_net(struct net *net);
void edutcp_stats_exit_net(struct net *net);
int edutcp_proc_init_net(struct net *net);
void edutcp_proc_exit_net(struct net *net);
int edutcp_sysctl_init_net(struct net *net);
void edutcp_sysctl_exit_net(struct net *net);

#endif /* _EDUTCP_H */
