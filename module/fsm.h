/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the connection state machine of RFC 9293 §3.3.2 (Figure 5) and
 * §3.10, as a table: for every state and every event, the next state,
 * the actions to carry out and, where a user call fails or a connection
 * ends in error, the errno.
 *
 * The table decides and does nothing: no locks, no packets, no timers.
 * Whoever feeds it an event carries out the actions (conn.c). Segment
 * events are not raw segments: input.c first runs the checks of §3.10.7
 * in the RFC's order (sequence number, RST, SYN, ACK, data, FIN) and
 * feeds the table one event per part of the segment, e.g. a FIN+ACK that
 * acknowledges our FIN in FIN_WAIT_1 is RCV_ACK_OF_FIN, then RCV_FIN.
 */
#ifndef _EDUTCP_FSM_H
#define _EDUTCP_FSM_H

#include <linux/types.h>

/*
 * The eleven states of RFC 9293 §3.3.2, in the RFC's order: the one list
 * that the enum, the table's names (fsm.c) and the tracepoints' names
 * (trace.h) are made from; sockopt.c checks the uapi's numbers
 * (EDUTCP_STATE_*) against it at build time.
 */
#define EDUTCP_STATES(X)	\
	X(CLOSED)		\
	X(LISTEN)		\
	X(SYN_SENT)		\
	X(SYN_RCVD)		\
	X(ESTABLISHED)		\
	X(FIN_WAIT_1)		\
	X(FIN_WAIT_2)		\
	X(CLOSE_WAIT)		\
	X(CLOSING)		\
	X(LAST_ACK)		\
	X(TIME_WAIT)

#define EDUTCP_STATE_ENUM(name)	EDUTCP_##name,
enum edutcp_state {
	EDUTCP_STATES(EDUTCP_STATE_ENUM)
	EDUTCP_NR_STATES,
	/*
	 * Not a state: the next state of a SYN_RCVD connection that is
	 * reset. RFC 9293 MUST-11: back to LISTEN if it came from a
	 * passive open, to CLOSED (connection refused) if from an active
	 * one (simultaneous open).
	 */
	EDUTCP_BACK_TO_ORIGIN = EDUTCP_NR_STATES,
};

enum edutcp_event {
	/* user calls (RFC 9293 §3.10.1 - §3.10.6) */
	EDUTCP_EV_OPEN_ACTIVE,	/* connect() */
	EDUTCP_EV_OPEN_PASSIVE,	/* listen() */
	EDUTCP_EV_SEND,		/* send(), write() */
	EDUTCP_EV_RECEIVE,	/* recv(), read() */
	EDUTCP_EV_CLOSE,	/* close(), shutdown(SHUT_WR) */
	EDUTCP_EV_ABORT,	/* close() with SO_LINGER 0 */
	/* segment parts, classified by input.c (RFC 9293 §3.10.7) */
	EDUTCP_EV_RCV_BAD_SEQ,	/* fails the sequence number test */
	EDUTCP_EV_RCV_RST,	/* RST that resets (RFC 5961: SEG.SEQ == RCV.NXT) */
	EDUTCP_EV_RCV_RST_IN_WINDOW, /* RST in the window, not exact */
	EDUTCP_EV_RCV_RST_IGNORED,	/* RST to drop without answer */
	EDUTCP_EV_RCV_SYN,	/* SYN without ACK */
	EDUTCP_EV_RCV_SYN_ACK,	/* SYN+ACK whose ACK is acceptable */
	EDUTCP_EV_RCV_SYN_IN_WINDOW, /* SYN in the window, RFC 793's rule */
	EDUTCP_EV_RCV_BAD_ACK,	/* ACK field not acceptable */
	EDUTCP_EV_RCV_NO_ACK,	/* no ACK bit where one is required */
	EDUTCP_EV_RCV_ACK,	/* acceptable ACK (not of our FIN) */
	EDUTCP_EV_RCV_ACK_OF_FIN, /* acceptable ACK that covers our FIN */
	EDUTCP_EV_RCV_DATA,	/* segment text in the window */
	EDUTCP_EV_RCV_FIN,	/* FIN bit, in sequence */
	EDUTCP_EV_RCV_ICMP_UNREACH, /* ICMP error quoting a segment in flight */
	/* timers */
	EDUTCP_EV_TMO_RETRANSMIT, /* retransmission timeout, retries left */
	EDUTCP_EV_TMO_GIVE_UP,	/* retransmission timeout, retries exhausted */
	EDUTCP_EV_TMO_2MSL,	/* TIME_WAIT's 2*MSL has passed */
	EDUTCP_EV_TMO_FIN_WAIT_2, /* an orphan waited fin_timeout in FIN_WAIT_2 */
	EDUTCP_NR_EVENTS,
};

/* What the table asks its caller to do; several may be set. */
enum edutcp_action {
	EDUTCP_A_SEND_SYN	= BIT(0),  /* SYN, seq=ISS, with MSS */
	EDUTCP_A_SEND_SYN_ACK	= BIT(1),  /* SYN+ACK, seq=ISS ack=RCV.NXT */
	EDUTCP_A_SEND_ACK	= BIT(2),  /* ACK, seq=SND.NXT ack=RCV.NXT */
	EDUTCP_A_SEND_FIN	= BIT(3),  /* FIN+ACK, seq=SND.NXT */
	EDUTCP_A_SEND_RST	= BIT(4),  /* RST answering the segment */
	EDUTCP_A_CHALLENGE_ACK	= BIT(5),  /* rate-limited ACK (RFC 5961) */
	EDUTCP_A_NEW_REQUEST	= BIT(6),  /* listener: SYN queue entry + SYN+ACK */
	EDUTCP_A_CONNECTED	= BIT(7),  /* wake connect(), or queue for accept() */
	EDUTCP_A_DELIVER	= BIT(8),  /* queue the text for the reader */
	EDUTCP_A_PEER_CLOSED	= BIT(9),  /* the peer's FIN: readers see EOF */
	EDUTCP_A_RETRANSMIT	= BIT(10), /* resend the oldest unacknowledged */
	EDUTCP_A_START_2MSL	= BIT(11), /* (re)start TIME_WAIT's 2*MSL timer */
	EDUTCP_A_ERROR		= BIT(12), /* the connection fails with .err */
	EDUTCP_A_REJECT		= BIT(13), /* the user call fails with .err */
	EDUTCP_A_WAIT		= BIT(14), /* the user call waits for the handshake */
	EDUTCP_A_RESET_QUEUED	= BIT(15), /* listener: reset the queued connections */
	EDUTCP_A_ACK_DATA	= BIT(16), /* SND.UNA = SEG.ACK, free what it covers */
	EDUTCP_A_TAKE_ISN	= BIT(17), /* IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1 */
	EDUTCP_A_OOW_ACK	= BIT(18), /* ACK an unacceptable segment, rate-limited */
	EDUTCP_A_DELAYED_ACK	= BIT(19), /* ACK the text: at once or delayed */
};

/**
 * struct edutcp_fsm_cell - one cell of the table
 * @next: the state after the event (EDUTCP_BACK_TO_ORIGIN: see above)
 * @actions: enum edutcp_action bits
 * @err: the negative errno of EDUTCP_A_ERROR or EDUTCP_A_REJECT, else 0;
 *	0 with EDUTCP_A_ERROR: the error the event brings (an ICMP's)
 * @defined: set in every cell written in the table; a KUnit test
 *	checks that no cell was left out
 */
struct edutcp_fsm_cell {
	u8 next;
	u8 defined;
	s16 err;
	u32 actions;
};

int edutcp_fsm_init(void);
const struct edutcp_fsm_cell *edutcp_fsm(enum edutcp_state state,
					 enum edutcp_event event);
const char *edutcp_state_name(unsigned int state);
const char *edutcp_event_name(unsigned int event);

/* States in which both sides' ISNs are known (RFC 9293 §3.5). */
static inline bool edutcp_synchronized(enum edutcp_state s)
{
	return s >= EDUTCP_ESTABLISHED || s == EDUTCP_SYN_RCVD;
}

#endif /* _EDUTCP_FSM_H */
