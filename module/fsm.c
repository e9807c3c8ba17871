// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the state table (see fsm.h). Read a row as RFC 9293 §3.10 for
 * one state: what each user call, each part of an arriving segment and
 * each timer does there. Where the RFC leaves the errno of a user call
 * open, the table gives what Linux's TCP gives.
 *
 * No cell is left to chance: every (state, event) pair has a row of its
 * own, "drop" (no action) included; the module refuses to load if one is
 * missing or doubled, and a KUnit suite compares every cell with an
 * expected table of its own.
 */
#include <linux/cache.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "fsm.h"

/* one row: in state st, event ev leads to state ns with these actions */
#define T(st, ev, ns, acts) \
	{ EDUTCP_##st, EDUTCP_EV_##ev, { EDUTCP_##ns, 1, 0, (acts) } }
/* the same, for a row whose actions carry an errno (A_ERROR, A_REJECT) */
#define TE(st, ev, ns, acts, e) \
	{ EDUTCP_##st, EDUTCP_EV_##ev, { EDUTCP_##ns, 1, -(e), (acts) } }

#define SYN		EDUTCP_A_SEND_SYN
#define SYN_ACK		EDUTCP_A_SEND_SYN_ACK
#define ACK		EDUTCP_A_SEND_ACK
#define FIN		EDUTCP_A_SEND_FIN
#define RST		EDUTCP_A_SEND_RST
#define CHALLENGE	EDUTCP_A_CHALLENGE_ACK
#define NEW_REQUEST	EDUTCP_A_NEW_REQUEST
#define CONNECTED	EDUTCP_A_CONNECTED
#define DELIVER		EDUTCP_A_DELIVER
#define PEER_CLOSED	EDUTCP_A_PEER_CLOSED
#define RETRANSMIT	EDUTCP_A_RETRANSMIT
#define START_2MSL	EDUTCP_A_START_2MSL
#define A_ERROR		EDUTCP_A_ERROR
#define A_REJECT	EDUTCP_A_REJECT
#define WAIT		EDUTCP_A_WAIT
#define RESET_QUEUED	EDUTCP_A_RESET_QUEUED
#define ACK_DATA	EDUTCP_A_ACK_DATA
#define TAKE_ISN	EDUTCP_A_TAKE_ISN
#define OOW_ACK		EDUTCP_A_OOW_ACK
#define DELAYED_ACK	EDUTCP_A_DELAYED_ACK
#define NOTHING		0

struct edutcp_fsm_row {
	u8 state;
	u8 event;
	struct edutcp_fsm_cell cell;
};

static const struct edutcp_fsm_row edutcp_rows[] = {
	/*
	 * CLOSED: no connection. A segment that finds no socket is
	 * answered with RST, unless it is itself an RST (§3.10.7.1).
	 */
	T(CLOSED,       OPEN_ACTIVE,       SYN_SENT,       SYN),
	T(CLOSED,       OPEN_PASSIVE,      LISTEN,         NOTHING),
	TE(CLOSED,      SEND,              CLOSED,         A_REJECT, EPIPE),
	TE(CLOSED,      RECEIVE,           CLOSED,         A_REJECT, ENOTCONN),
	T(CLOSED,       CLOSE,             CLOSED,         NOTHING),
	T(CLOSED,       ABORT,             CLOSED,         NOTHING),
	T(CLOSED,       RCV_BAD_SEQ,       CLOSED,         RST),
	T(CLOSED,       RCV_RST,           CLOSED,         NOTHING),
	T(CLOSED,       RCV_RST_IN_WINDOW, CLOSED,         NOTHING),
	T(CLOSED,       RCV_RST_IGNORED,   CLOSED,         NOTHING),
	T(CLOSED,       RCV_SYN,           CLOSED,         RST),
	T(CLOSED,       RCV_SYN_ACK,       CLOSED,         RST),
	T(CLOSED,       RCV_SYN_IN_WINDOW, CLOSED,         RST),
	T(CLOSED,       RCV_BAD_ACK,       CLOSED,         RST),
	T(CLOSED,       RCV_NO_ACK,        CLOSED,         RST),
	T(CLOSED,       RCV_ACK,           CLOSED,         RST),
	T(CLOSED,       RCV_ACK_OF_FIN,    CLOSED,         RST),
	T(CLOSED,       RCV_DATA,          CLOSED,         RST),
	T(CLOSED,       RCV_FIN,           CLOSED,         RST),
	T(CLOSED,       RCV_ICMP_UNREACH,  CLOSED,         NOTHING),
	T(CLOSED,       TMO_RETRANSMIT,    CLOSED,         NOTHING),
	T(CLOSED,       TMO_GIVE_UP,       CLOSED,         NOTHING),
	T(CLOSED,       TMO_2MSL,          CLOSED,         NOTHING),
	T(CLOSED,       TMO_FIN_WAIT_2,    CLOSED,         NOTHING),

	/*
	 * LISTEN (§3.10.7.2): an RST is ignored, anything with ACK gets an
	 * RST, a SYN makes a SYN queue entry answered with SYN+ACK, the
	 * rest is dropped.
	 */
	TE(LISTEN,      OPEN_ACTIVE,       LISTEN,         A_REJECT, EISCONN),
	T(LISTEN,       OPEN_PASSIVE,      LISTEN,         NOTHING),
	TE(LISTEN,      SEND,              LISTEN,         A_REJECT, EPIPE),
	TE(LISTEN,      RECEIVE,           LISTEN,         A_REJECT, ENOTCONN),
	T(LISTEN,       CLOSE,             CLOSED,         RESET_QUEUED),
	T(LISTEN,       ABORT,             CLOSED,         RESET_QUEUED),
	T(LISTEN,       RCV_BAD_SEQ,       LISTEN,         NOTHING),
	T(LISTEN,       RCV_RST,           LISTEN,         NOTHING),
	T(LISTEN,       RCV_RST_IN_WINDOW, LISTEN,         NOTHING),
	T(LISTEN,       RCV_RST_IGNORED,   LISTEN,         NOTHING),
	T(LISTEN,       RCV_SYN,           LISTEN,         NEW_REQUEST),
	T(LISTEN,       RCV_SYN_ACK,       LISTEN,         RST),
	T(LISTEN,       RCV_SYN_IN_WINDOW, LISTEN,         NOTHING),
	T(LISTEN,       RCV_BAD_ACK,       LISTEN,         RST),
	T(LISTEN,       RCV_NO_ACK,        LISTEN,         NOTHING),
	T(LISTEN,       RCV_ACK,           LISTEN,         RST),
	T(LISTEN,       RCV_ACK_OF_FIN,    LISTEN,         RST),
	T(LISTEN,       RCV_DATA,          LISTEN,         NOTHING),
	T(LISTEN,       RCV_FIN,           LISTEN,         NOTHING),
	T(LISTEN,       RCV_ICMP_UNREACH,  LISTEN,         NOTHING),
	T(LISTEN,       TMO_RETRANSMIT,    LISTEN,         NOTHING),
	T(LISTEN,       TMO_GIVE_UP,       LISTEN,         NOTHING),
	T(LISTEN,       TMO_2MSL,          LISTEN,         NOTHING),
	T(LISTEN,       TMO_FIN_WAIT_2,    LISTEN,         NOTHING),

	/*
	 * SYN_SENT (§3.10.7.3): our SYN is out. An acceptable SYN+ACK
	 * completes the handshake; a bare SYN is a simultaneous open
	 * (MUST-10); an ACK of something we never sent is an old duplicate
	 * and gets an RST; an RST with an acceptable ACK refuses.
	 */
	TE(SYN_SENT,    OPEN_ACTIVE,       SYN_SENT,       A_REJECT, EALREADY),
	TE(SYN_SENT,    OPEN_PASSIVE,      SYN_SENT,       A_REJECT, EINVAL),
	T(SYN_SENT,     SEND,              SYN_SENT,       WAIT),
	T(SYN_SENT,     RECEIVE,           SYN_SENT,       WAIT),
	T(SYN_SENT,     CLOSE,             CLOSED,         NOTHING),
	T(SYN_SENT,     ABORT,             CLOSED,         NOTHING),
	T(SYN_SENT,     RCV_BAD_SEQ,       SYN_SENT,       NOTHING),
	TE(SYN_SENT,    RCV_RST,           CLOSED,         A_ERROR, ECONNREFUSED),
	T(SYN_SENT,     RCV_RST_IN_WINDOW, SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_RST_IGNORED,   SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_SYN,           SYN_RCVD,       TAKE_ISN | SYN_ACK),
	T(SYN_SENT,     RCV_SYN_ACK,       ESTABLISHED,
	  TAKE_ISN | ACK_DATA | ACK | CONNECTED),
	T(SYN_SENT,     RCV_SYN_IN_WINDOW, SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_BAD_ACK,       SYN_SENT,       RST),
	T(SYN_SENT,     RCV_NO_ACK,        SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_ACK,           SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_ACK_OF_FIN,    SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_DATA,          SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_FIN,           SYN_SENT,       NOTHING),
	T(SYN_SENT,     RCV_ICMP_UNREACH,  CLOSED,         A_ERROR),
	T(SYN_SENT,     TMO_RETRANSMIT,    SYN_SENT,       RETRANSMIT),
	TE(SYN_SENT,    TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(SYN_SENT,     TMO_2MSL,          SYN_SENT,       NOTHING),
	T(SYN_SENT,     TMO_FIN_WAIT_2,    SYN_SENT,       NOTHING),

	/*
	 * SYN_RCVD: our SYN+ACK is out. The ACK of it establishes; an
	 * unacceptable ACK gets an RST (§3.10.7.4 fifth). A reset goes back
	 * where the connection came from (MUST-11). A SYN again means our
	 * SYN+ACK may have been lost: send it again.
	 */
	TE(SYN_RCVD,    OPEN_ACTIVE,       SYN_RCVD,       A_REJECT, EALREADY),
	TE(SYN_RCVD,    OPEN_PASSIVE,      SYN_RCVD,       A_REJECT, EINVAL),
	T(SYN_RCVD,     SEND,              SYN_RCVD,       WAIT),
	T(SYN_RCVD,     RECEIVE,           SYN_RCVD,       WAIT),
	T(SYN_RCVD,     CLOSE,             FIN_WAIT_1,     FIN),
	T(SYN_RCVD,     ABORT,             CLOSED,         RST),
	T(SYN_RCVD,     RCV_BAD_SEQ,       SYN_RCVD,       OOW_ACK),
	TE(SYN_RCVD,    RCV_RST,           BACK_TO_ORIGIN, A_ERROR, ECONNREFUSED),
	T(SYN_RCVD,     RCV_RST_IN_WINDOW, SYN_RCVD,       CHALLENGE),
	T(SYN_RCVD,     RCV_RST_IGNORED,   SYN_RCVD,       NOTHING),
	T(SYN_RCVD,     RCV_SYN,           SYN_RCVD,       SYN_ACK),
	T(SYN_RCVD,     RCV_SYN_ACK,       SYN_RCVD,       SYN_ACK),
	TE(SYN_RCVD,    RCV_SYN_IN_WINDOW, BACK_TO_ORIGIN, RST | A_ERROR, ECONNREFUSED),
	T(SYN_RCVD,     RCV_BAD_ACK,       SYN_RCVD,       RST),
	T(SYN_RCVD,     RCV_NO_ACK,        SYN_RCVD,       NOTHING),
	T(SYN_RCVD,     RCV_ACK,           ESTABLISHED,    CONNECTED | ACK_DATA),
	T(SYN_RCVD,     RCV_ACK_OF_FIN,    ESTABLISHED,    CONNECTED | ACK_DATA),
	T(SYN_RCVD,     RCV_DATA,          SYN_RCVD,       NOTHING),
	T(SYN_RCVD,     RCV_FIN,           CLOSE_WAIT,     ACK | PEER_CLOSED),
	T(SYN_RCVD,     RCV_ICMP_UNREACH,  BACK_TO_ORIGIN, A_ERROR),
	T(SYN_RCVD,     TMO_RETRANSMIT,    SYN_RCVD,       RETRANSMIT),
	TE(SYN_RCVD,    TMO_GIVE_UP,       BACK_TO_ORIGIN, A_ERROR, ETIMEDOUT),
	T(SYN_RCVD,     TMO_2MSL,          SYN_RCVD,       NOTHING),
	T(SYN_RCVD,     TMO_FIN_WAIT_2,    SYN_RCVD,       NOTHING),

	/*
	 * ESTABLISHED and every synchronized state below (§3.10.7.4): a
	 * segment out of the window gets an ACK; an RST resets only if
	 * SEG.SEQ == RCV.NXT, in the window it gets a challenge ACK (RFC
	 * 5961 §3.2); any SYN gets a challenge ACK (RFC 5961 §4); an ACK of
	 * data not yet sent gets an ACK. RCV_SYN_IN_WINDOW is RFC 793's rule
	 * that RFC 5961 replaced, a SYN in the window resets: classify.c
	 * gives it only with the lesson switch net.edutcp.lesson_no_rfc5961.
	 */
	TE(ESTABLISHED, OPEN_ACTIVE,       ESTABLISHED,    A_REJECT, EISCONN),
	TE(ESTABLISHED, OPEN_PASSIVE,      ESTABLISHED,    A_REJECT, EINVAL),
	T(ESTABLISHED,  SEND,              ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  RECEIVE,           ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  CLOSE,             FIN_WAIT_1,     FIN),
	T(ESTABLISHED,  ABORT,             CLOSED,         RST),
	T(ESTABLISHED,  RCV_BAD_SEQ,       ESTABLISHED,    OOW_ACK),
	TE(ESTABLISHED, RCV_RST,           CLOSED,         A_ERROR, ECONNRESET),
	T(ESTABLISHED,  RCV_RST_IN_WINDOW, ESTABLISHED,    CHALLENGE),
	T(ESTABLISHED,  RCV_RST_IGNORED,   ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  RCV_SYN,           ESTABLISHED,    CHALLENGE),
	T(ESTABLISHED,  RCV_SYN_ACK,       ESTABLISHED,    CHALLENGE),
	TE(ESTABLISHED, RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, ECONNRESET),
	T(ESTABLISHED,  RCV_BAD_ACK,       ESTABLISHED,    OOW_ACK),
	T(ESTABLISHED,  RCV_NO_ACK,        ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  RCV_ACK,           ESTABLISHED,    ACK_DATA),
	T(ESTABLISHED,  RCV_ACK_OF_FIN,    ESTABLISHED,    ACK_DATA),
	T(ESTABLISHED,  RCV_DATA,          ESTABLISHED,    DELIVER | DELAYED_ACK),
	T(ESTABLISHED,  RCV_FIN,           CLOSE_WAIT,     ACK | PEER_CLOSED),
	T(ESTABLISHED,  RCV_ICMP_UNREACH,  ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  TMO_RETRANSMIT,    ESTABLISHED,    RETRANSMIT),
	TE(ESTABLISHED, TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(ESTABLISHED,  TMO_2MSL,          ESTABLISHED,    NOTHING),
	T(ESTABLISHED,  TMO_FIN_WAIT_2,    ESTABLISHED,    NOTHING),

	/* FIN_WAIT_1: our FIN is out, not yet acknowledged. Both FINs
	 * crossing is a simultaneous close (to CLOSING).
	 */
	TE(FIN_WAIT_1,  OPEN_ACTIVE,       FIN_WAIT_1,     A_REJECT, EISCONN),
	TE(FIN_WAIT_1,  OPEN_PASSIVE,      FIN_WAIT_1,     A_REJECT, EINVAL),
	TE(FIN_WAIT_1,  SEND,              FIN_WAIT_1,     A_REJECT, EPIPE),
	T(FIN_WAIT_1,   RECEIVE,           FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   CLOSE,             FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   ABORT,             CLOSED,         RST),
	T(FIN_WAIT_1,   RCV_BAD_SEQ,       FIN_WAIT_1,     OOW_ACK),
	TE(FIN_WAIT_1,  RCV_RST,           CLOSED,         A_ERROR, ECONNRESET),
	T(FIN_WAIT_1,   RCV_RST_IN_WINDOW, FIN_WAIT_1,     CHALLENGE),
	T(FIN_WAIT_1,   RCV_RST_IGNORED,   FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   RCV_SYN,           FIN_WAIT_1,     CHALLENGE),
	T(FIN_WAIT_1,   RCV_SYN_ACK,       FIN_WAIT_1,     CHALLENGE),
	TE(FIN_WAIT_1,  RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, ECONNRESET),
	T(FIN_WAIT_1,   RCV_BAD_ACK,       FIN_WAIT_1,     OOW_ACK),
	T(FIN_WAIT_1,   RCV_NO_ACK,        FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   RCV_ACK,           FIN_WAIT_1,     ACK_DATA),
	T(FIN_WAIT_1,   RCV_ACK_OF_FIN,    FIN_WAIT_2,     ACK_DATA),
	T(FIN_WAIT_1,   RCV_DATA,          FIN_WAIT_1,     DELIVER | DELAYED_ACK),
	T(FIN_WAIT_1,   RCV_FIN,           CLOSING,        ACK | PEER_CLOSED),
	T(FIN_WAIT_1,   RCV_ICMP_UNREACH,  FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   TMO_RETRANSMIT,    FIN_WAIT_1,     RETRANSMIT),
	TE(FIN_WAIT_1,  TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(FIN_WAIT_1,   TMO_2MSL,          FIN_WAIT_1,     NOTHING),
	T(FIN_WAIT_1,   TMO_FIN_WAIT_2,    FIN_WAIT_1,     NOTHING),

	/*
	 * FIN_WAIT_2: our FIN is acknowledged; the peer may still send. An
	 * orphan (closed by its user) gives up after fin_timeout.
	 */
	TE(FIN_WAIT_2,  OPEN_ACTIVE,       FIN_WAIT_2,     A_REJECT, EISCONN),
	TE(FIN_WAIT_2,  OPEN_PASSIVE,      FIN_WAIT_2,     A_REJECT, EINVAL),
	TE(FIN_WAIT_2,  SEND,              FIN_WAIT_2,     A_REJECT, EPIPE),
	T(FIN_WAIT_2,   RECEIVE,           FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   CLOSE,             FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   ABORT,             CLOSED,         RST),
	T(FIN_WAIT_2,   RCV_BAD_SEQ,       FIN_WAIT_2,     OOW_ACK),
	TE(FIN_WAIT_2,  RCV_RST,           CLOSED,         A_ERROR, ECONNRESET),
	T(FIN_WAIT_2,   RCV_RST_IN_WINDOW, FIN_WAIT_2,     CHALLENGE),
	T(FIN_WAIT_2,   RCV_RST_IGNORED,   FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   RCV_SYN,           FIN_WAIT_2,     CHALLENGE),
	T(FIN_WAIT_2,   RCV_SYN_ACK,       FIN_WAIT_2,     CHALLENGE),
	TE(FIN_WAIT_2,  RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, ECONNRESET),
	T(FIN_WAIT_2,   RCV_BAD_ACK,       FIN_WAIT_2,     OOW_ACK),
	T(FIN_WAIT_2,   RCV_NO_ACK,        FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   RCV_ACK,           FIN_WAIT_2,     ACK_DATA),
	T(FIN_WAIT_2,   RCV_ACK_OF_FIN,    FIN_WAIT_2,     ACK_DATA),
	T(FIN_WAIT_2,   RCV_DATA,          FIN_WAIT_2,     DELIVER | DELAYED_ACK),
	T(FIN_WAIT_2,   RCV_FIN,           TIME_WAIT,      ACK | PEER_CLOSED | START_2MSL),
	T(FIN_WAIT_2,   RCV_ICMP_UNREACH,  FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   TMO_RETRANSMIT,    FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   TMO_GIVE_UP,       FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   TMO_2MSL,          FIN_WAIT_2,     NOTHING),
	T(FIN_WAIT_2,   TMO_FIN_WAIT_2,    CLOSED,         NOTHING),

	/*
	 * CLOSE_WAIT: the peer's FIN is in; we may still send (half-close).
	 * Linux reports a reset here as EPIPE; text after the FIN is
	 * ignored.
	 */
	TE(CLOSE_WAIT,  OPEN_ACTIVE,       CLOSE_WAIT,     A_REJECT, EISCONN),
	TE(CLOSE_WAIT,  OPEN_PASSIVE,      CLOSE_WAIT,     A_REJECT, EINVAL),
	T(CLOSE_WAIT,   SEND,              CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   RECEIVE,           CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   CLOSE,             LAST_ACK,       FIN),
	T(CLOSE_WAIT,   ABORT,             CLOSED,         RST),
	T(CLOSE_WAIT,   RCV_BAD_SEQ,       CLOSE_WAIT,     OOW_ACK),
	TE(CLOSE_WAIT,  RCV_RST,           CLOSED,         A_ERROR, EPIPE),
	T(CLOSE_WAIT,   RCV_RST_IN_WINDOW, CLOSE_WAIT,     CHALLENGE),
	T(CLOSE_WAIT,   RCV_RST_IGNORED,   CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   RCV_SYN,           CLOSE_WAIT,     CHALLENGE),
	T(CLOSE_WAIT,   RCV_SYN_ACK,       CLOSE_WAIT,     CHALLENGE),
	TE(CLOSE_WAIT,  RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, EPIPE),
	T(CLOSE_WAIT,   RCV_BAD_ACK,       CLOSE_WAIT,     OOW_ACK),
	T(CLOSE_WAIT,   RCV_NO_ACK,        CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   RCV_ACK,           CLOSE_WAIT,     ACK_DATA),
	T(CLOSE_WAIT,   RCV_ACK_OF_FIN,    CLOSE_WAIT,     ACK_DATA),
	T(CLOSE_WAIT,   RCV_DATA,          CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   RCV_FIN,           CLOSE_WAIT,     ACK),
	T(CLOSE_WAIT,   RCV_ICMP_UNREACH,  CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   TMO_RETRANSMIT,    CLOSE_WAIT,     RETRANSMIT),
	TE(CLOSE_WAIT,  TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(CLOSE_WAIT,   TMO_2MSL,          CLOSE_WAIT,     NOTHING),
	T(CLOSE_WAIT,   TMO_FIN_WAIT_2,    CLOSE_WAIT,     NOTHING),

	/*
	 * CLOSING: both FINs sent, ours not yet acknowledged. ABORT here
	 * deletes the TCB without an RST (§3.10.5).
	 */
	TE(CLOSING,     OPEN_ACTIVE,       CLOSING,        A_REJECT, EISCONN),
	TE(CLOSING,     OPEN_PASSIVE,      CLOSING,        A_REJECT, EINVAL),
	TE(CLOSING,     SEND,              CLOSING,        A_REJECT, EPIPE),
	T(CLOSING,      RECEIVE,           CLOSING,        NOTHING),
	T(CLOSING,      CLOSE,             CLOSING,        NOTHING),
	T(CLOSING,      ABORT,             CLOSED,         NOTHING),
	T(CLOSING,      RCV_BAD_SEQ,       CLOSING,        OOW_ACK),
	TE(CLOSING,     RCV_RST,           CLOSED,         A_ERROR, ECONNRESET),
	T(CLOSING,      RCV_RST_IN_WINDOW, CLOSING,        CHALLENGE),
	T(CLOSING,      RCV_RST_IGNORED,   CLOSING,        NOTHING),
	T(CLOSING,      RCV_SYN,           CLOSING,        CHALLENGE),
	T(CLOSING,      RCV_SYN_ACK,       CLOSING,        CHALLENGE),
	TE(CLOSING,     RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, ECONNRESET),
	T(CLOSING,      RCV_BAD_ACK,       CLOSING,        OOW_ACK),
	T(CLOSING,      RCV_NO_ACK,        CLOSING,        NOTHING),
	T(CLOSING,      RCV_ACK,           CLOSING,        ACK_DATA),
	T(CLOSING,      RCV_ACK_OF_FIN,    TIME_WAIT,      ACK_DATA | START_2MSL),
	T(CLOSING,      RCV_DATA,          CLOSING,        NOTHING),
	T(CLOSING,      RCV_FIN,           CLOSING,        ACK),
	T(CLOSING,      RCV_ICMP_UNREACH,  CLOSING,        NOTHING),
	T(CLOSING,      TMO_RETRANSMIT,    CLOSING,        RETRANSMIT),
	TE(CLOSING,     TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(CLOSING,      TMO_2MSL,          CLOSING,        NOTHING),
	T(CLOSING,      TMO_FIN_WAIT_2,    CLOSING,        NOTHING),

	/* LAST_ACK: the peer closed first; our FIN awaits its ACK. */
	TE(LAST_ACK,    OPEN_ACTIVE,       LAST_ACK,       A_REJECT, EISCONN),
	TE(LAST_ACK,    OPEN_PASSIVE,      LAST_ACK,       A_REJECT, EINVAL),
	TE(LAST_ACK,    SEND,              LAST_ACK,       A_REJECT, EPIPE),
	T(LAST_ACK,     RECEIVE,           LAST_ACK,       NOTHING),
	T(LAST_ACK,     CLOSE,             LAST_ACK,       NOTHING),
	T(LAST_ACK,     ABORT,             CLOSED,         NOTHING),
	T(LAST_ACK,     RCV_BAD_SEQ,       LAST_ACK,       OOW_ACK),
	TE(LAST_ACK,    RCV_RST,           CLOSED,         A_ERROR, ECONNRESET),
	T(LAST_ACK,     RCV_RST_IN_WINDOW, LAST_ACK,       CHALLENGE),
	T(LAST_ACK,     RCV_RST_IGNORED,   LAST_ACK,       NOTHING),
	T(LAST_ACK,     RCV_SYN,           LAST_ACK,       CHALLENGE),
	T(LAST_ACK,     RCV_SYN_ACK,       LAST_ACK,       CHALLENGE),
	TE(LAST_ACK,    RCV_SYN_IN_WINDOW, CLOSED,         RST | A_ERROR, ECONNRESET),
	T(LAST_ACK,     RCV_BAD_ACK,       LAST_ACK,       OOW_ACK),
	T(LAST_ACK,     RCV_NO_ACK,        LAST_ACK,       NOTHING),
	T(LAST_ACK,     RCV_ACK,           LAST_ACK,       ACK_DATA),
	T(LAST_ACK,     RCV_ACK_OF_FIN,    CLOSED,         ACK_DATA),
	T(LAST_ACK,     RCV_DATA,          LAST_ACK,       NOTHING),
	T(LAST_ACK,     RCV_FIN,           LAST_ACK,       ACK),
	T(LAST_ACK,     RCV_ICMP_UNREACH,  LAST_ACK,       NOTHING),
	T(LAST_ACK,     TMO_RETRANSMIT,    LAST_ACK,       RETRANSMIT),
	TE(LAST_ACK,    TMO_GIVE_UP,       CLOSED,         A_ERROR, ETIMEDOUT),
	T(LAST_ACK,     TMO_2MSL,          LAST_ACK,       NOTHING),
	T(LAST_ACK,     TMO_FIN_WAIT_2,    LAST_ACK,       NOTHING),

	/*
	 * TIME_WAIT: both FINs acknowledged; wait 2*MSL so that our last
	 * ACK can be sent again if the peer's FIN comes again, and so that
	 * old duplicates die before the 4-tuple is used again. input.c
	 * classifies the retransmitted FIN as RCV_FIN, turns an RST into
	 * RCV_RST_IGNORED under RFC 1337, and lets a SYN above RCV.NXT open
	 * a new connection (MAY-2) before this row is read.
	 */
	TE(TIME_WAIT,   OPEN_ACTIVE,       TIME_WAIT,      A_REJECT, EISCONN),
	TE(TIME_WAIT,   OPEN_PASSIVE,      TIME_WAIT,      A_REJECT, EINVAL),
	TE(TIME_WAIT,   SEND,              TIME_WAIT,      A_REJECT, EPIPE),
	T(TIME_WAIT,    RECEIVE,           TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    CLOSE,             TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    ABORT,             CLOSED,         NOTHING),
	T(TIME_WAIT,    RCV_BAD_SEQ,       TIME_WAIT,      OOW_ACK),
	T(TIME_WAIT,    RCV_RST,           CLOSED,         NOTHING),
	T(TIME_WAIT,    RCV_RST_IN_WINDOW, TIME_WAIT,      CHALLENGE),
	T(TIME_WAIT,    RCV_RST_IGNORED,   TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    RCV_SYN,           TIME_WAIT,      OOW_ACK),
	T(TIME_WAIT,    RCV_SYN_ACK,       TIME_WAIT,      OOW_ACK),
	T(TIME_WAIT,    RCV_SYN_IN_WINDOW, CLOSED,         RST),
	T(TIME_WAIT,    RCV_BAD_ACK,       TIME_WAIT,      OOW_ACK),
	T(TIME_WAIT,    RCV_NO_ACK,        TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    RCV_ACK,           TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    RCV_ACK_OF_FIN,    TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    RCV_DATA,          TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    RCV_FIN,           TIME_WAIT,      ACK | START_2MSL),
	T(TIME_WAIT,    RCV_ICMP_UNREACH,  TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    TMO_RETRANSMIT,    TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    TMO_GIVE_UP,       TIME_WAIT,      NOTHING),
	T(TIME_WAIT,    TMO_2MSL,          CLOSED,         NOTHING),
	T(TIME_WAIT,    TMO_FIN_WAIT_2,    TIME_WAIT,      NOTHING),
};

/* edutcp_rows indexed by state and event, filled by edutcp_fsm_init() */
static const struct edutcp_fsm_cell *
edutcp_table[EDUTCP_NR_STATES][EDUTCP_NR_EVENTS] __ro_after_init;

static const struct edutcp_fsm_cell edutcp_fsm_undefined = {
	.next = EDUTCP_CLOSED, .defined = 0,
};

/**
 * edutcp_fsm_init() - index the rows of the table
 *
 * Return: 0, or -EINVAL when a (state, event) pair has no row or two
 * rows: then the table is wrong and the module must not load.
 */
int edutcp_fsm_init(void)
{
	const struct edutcp_fsm_row *r;
	int s, e;

	memset(edutcp_table, 0, sizeof(edutcp_table));
	for (r = edutcp_rows; r < edutcp_rows + ARRAY_SIZE(edutcp_rows); r++) {
		if (edutcp_table[r->state][r->event]) {
			pr_err("edutcp: state table: two rows for %s/%s\n",
			       edutcp_state_name(r->state),
			       edutcp_event_name(r->event));
			return -EINVAL;
		}
		edutcp_table[r->state][r->event] = &r->cell;
	}
	for (s = 0; s < EDUTCP_NR_STATES; s++)
		for (e = 0; e < EDUTCP_NR_EVENTS; e++)
			if (!edutcp_table[s][e]) {
				pr_err("edutcp: state table: no row for %s/%s\n",
				       edutcp_state_name(s), edutcp_event_name(e));
				return -EINVAL;
			}
	return 0;
}

/**
 * edutcp_fsm() - look up what an event does in a state
 * @state: the current state
 * @event: the event
 *
 * Return: the cell of the table. An out-of-range state or event (a bug in
 * the caller) yields a cell with @defined clear, which callers treat as
 * "drop".
 */
const struct edutcp_fsm_cell *edutcp_fsm(enum edutcp_state state,
					 enum edutcp_event event)
{
	if ((unsigned int)state >= EDUTCP_NR_STATES ||
	    (unsigned int)event >= EDUTCP_NR_EVENTS ||
	    !edutcp_table[state][event])
		return &edutcp_fsm_undefined;
	return edutcp_table[state][event];
}

#define EDUTCP_STATE_NAME(name)	#name,
static const char *const edutcp_state_names[EDUTCP_NR_STATES] = {
	EDUTCP_STATES(EDUTCP_STATE_NAME)
};

static const char *const edutcp_event_names[EDUTCP_NR_EVENTS] = {
	"OPEN_ACTIVE", "OPEN_PASSIVE", "SEND", "RECEIVE", "CLOSE", "ABORT",
	"RCV_BAD_SEQ", "RCV_RST", "RCV_RST_IN_WINDOW", "RCV_RST_IGNORED",
	"RCV_SYN", "RCV_SYN_ACK", "RCV_SYN_IN_WINDOW", "RCV_BAD_ACK",
	"RCV_NO_ACK", "RCV_ACK", "RCV_ACK_OF_FIN", "RCV_DATA", "RCV_FIN", "RCV_ICMP_UNREACH",
	"TMO_RETRANSMIT",
	"TMO_GIVE_UP", "TMO_2MSL", "TMO_FIN_WAIT_2",
};

/* edutcp_state_name() - the RFC name of a state, "?" if out of range. */
const char *edutcp_state_name(unsigned int state)
{
	return state < EDUTCP_NR_STATES ? edutcp_state_names[state] : "?";
}

/* edutcp_event_name() - the name of an event, "?" if out of range. */
const char *edutcp_event_name(unsigned int event)
{
	return event < EDUTCP_NR_EVENTS ? edutcp_event_names[event] : "?";
}
