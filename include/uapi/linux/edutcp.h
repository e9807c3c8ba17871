/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * edutcp: the userspace ABI of the teaching TCP socket family.
 *
 * This file owns what a program needs to open an edutcp socket: the
 * address family number, the socket address, the socket options and
 * the TCB that EDUTCP_INFO reports. The address has the
 * layout and the member names of struct sockaddr_in, so code written for
 * AF_INET changes only its type name and its family.
 */
#ifndef _UAPI_LINUX_EDUTCP_H
#define _UAPI_LINUX_EDUTCP_H

#include <linux/types.h>
#include <linux/socket.h>
#ifdef __KERNEL__
#include <linux/in.h>
#else
#include <netinet/in.h>
#endif

/*
 * The family number the module registers by default: the slot of the
 * retired AF_IRDA. A module loaded with family=N uses N instead; the
 * number in force is in /sys/module/edutcp/parameters/family.
 */
#ifndef AF_EDUTCP
#define AF_EDUTCP	23
#endif
#ifndef PF_EDUTCP
#define PF_EDUTCP	AF_EDUTCP
#endif

/* The IP protocol number edutcp segments travel under by default. */
#define EDUTCP_IPPROTO	253

/**
 * struct sockaddr_edutcp - an edutcp endpoint: IPv4 address and port
 * @sin_family: AF_EDUTCP (or the family the module was loaded with)
 * @sin_port: port, in network byte order
 * @sin_addr: IPv4 address, in network byte order
 * @sin_zero: padding to the size of struct sockaddr; must be zero
 */
struct sockaddr_edutcp {
	__kernel_sa_family_t	sin_family;
	__be16			sin_port;
	struct in_addr		sin_addr;
	unsigned char		sin_zero[8];
};

/*
 * Socket options: setsockopt(fd, SOL_EDUTCP, ...). The names and numbers
 * are TCP's, and level IPPROTO_TCP is taken too, so TCP code ports as is:
 * there, 11 is TCP_INFO and gives a struct tcp_info (TCP's state numbers),
 * while at SOL_EDUTCP it gives struct edutcp_info.
 */
#define SOL_EDUTCP		EDUTCP_IPPROTO
#define EDUTCP_NODELAY		1	/* int: 1 turns Nagle's algorithm off */
#define EDUTCP_MAXSEG		2	/* int: the MSS; set: a bound, before connect */
#define EDUTCP_CORK		3	/* int: 1 holds partial segments (TCP_CORK) */
#define EDUTCP_KEEPIDLE		4	/* int: seconds idle before keepalives */
#define EDUTCP_KEEPINTVL	5	/* int: seconds between keepalives */
#define EDUTCP_KEEPCNT		6	/* int: keepalives before ETIMEDOUT */
#define EDUTCP_INFO		11	/* struct edutcp_info, read only */
#define EDUTCP_QUICKACK		12	/* int: 1 ACKs at once, 0 delays (TCP_QUICKACK) */
#define EDUTCP_CONGESTION	13	/* string: the congestion control, "reno" */
#define EDUTCP_USER_TIMEOUT	18	/* int: ms unacknowledged before ETIMEDOUT */

/* The states of RFC 9293 §3.3.2, as struct edutcp_info reports them. */
enum {
	EDUTCP_STATE_CLOSED,
	EDUTCP_STATE_LISTEN,
	EDUTCP_STATE_SYN_SENT,
	EDUTCP_STATE_SYN_RECEIVED,
	EDUTCP_STATE_ESTABLISHED,
	EDUTCP_STATE_FIN_WAIT_1,
	EDUTCP_STATE_FIN_WAIT_2,
	EDUTCP_STATE_CLOSE_WAIT,
	EDUTCP_STATE_CLOSING,
	EDUTCP_STATE_LAST_ACK,
	EDUTCP_STATE_TIME_WAIT,
};

/**
 * struct edutcp_info - a connection's TCB, for getsockopt(EDUTCP_INFO)
 * @state: EDUTCP_STATE_*
 * @pad: zero
 * @iss: ISS, our initial sequence number
 * @irs: IRS, the peer's initial sequence number
 * @snd_una: SND.UNA, the oldest unacknowledged sequence number
 * @snd_nxt: SND.NXT, the next sequence number to send
 * @rcv_nxt: RCV.NXT, the next sequence number expected
 * @snd_wnd: SND.WND, the window the peer offers
 * @rcv_wnd: RCV.WND, the window we last offered
 * @snd_mss: the effective send MSS
 * @rcv_mss: the largest segment text received
 * @srtt_us: SRTT (RFC 6298), 0 before the first measurement
 * @rttvar_us: RTTVAR (RFC 6298)
 * @rto_us: the retransmission timeout, backoff included
 * @cwnd: the congestion window, in bytes (RFC 5681)
 * @ssthresh: the slow start threshold, in bytes
 * @retransmits: timeouts in a row of what is outstanding
 * @total_retrans: segments sent again over the connection's life
 * @unacked: bytes in flight
 * @probes: window or keepalive probes not answered
 * @bytes_acked: bytes of text the peer acknowledged
 * @bytes_received: bytes of text received in sequence
 * @options: EDUTCP_INFO_OPT_*: what the two SYNs agreed
 * @snd_wscale: the peer's window shift (RFC 7323 §2), 0 without scaling
 * @rcv_wscale: our window shift
 * @pad2: zero
 */
struct edutcp_info {
	__u8	state;
	__u8	pad[3];
	__u32	iss;
	__u32	irs;
	__u32	snd_una;
	__u32	snd_nxt;
	__u32	rcv_nxt;
	__u32	snd_wnd;
	__u32	rcv_wnd;
	__u32	snd_mss;
	__u32	rcv_mss;
	__u32	srtt_us;
	__u32	rttvar_us;
	__u32	rto_us;
	__u32	cwnd;
	__u32	ssthresh;
	__u32	retransmits;
	__u32	total_retrans;
	__u32	unacked;
	__u32	probes;
	__u64	bytes_acked;
	__u64	bytes_received;
	__u8	options;
	__u8	snd_wscale;
	__u8	rcv_wscale;
	__u8	pad2[5];
};

/* struct edutcp_info's options: negotiated in the handshake */
#define EDUTCP_INFO_OPT_WSCALE	0x01	/* window scaling, RFC 7323 §2 */
#define EDUTCP_INFO_OPT_TIMESTAMPS 0x02	/* timestamps, RFC 7323 §3 */
#define EDUTCP_INFO_OPT_SACK	0x04	/* SACK, RFC 2018 */

#endif /* _UAPI_LINUX_EDUTCP_H */
