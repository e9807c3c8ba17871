// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_fsm": the state table of fsm.c, cell by
 * cell, against an expected table written here from RFC 9293 (Figure 5,
 * §3.10) and RFC 5961, rule by rule. A cell no rule mentions must be
 * "stay, do nothing, no error". Then whole scenarios walk the table: the
 * handshake, both closes, simultaneous open and close.
 */
#include <kunit/test.h>

#include "../module/fsm.h"

#define ST(x)	BIT(EDUTCP_##x)
/* the synchronized states (§3.5), SYN_RCVD included */
#define SYNCED	(ST(SYN_RCVD) | ST(ESTABLISHED) | ST(FIN_WAIT_1) | \
		 ST(FIN_WAIT_2) | ST(CLOSE_WAIT) | ST(CLOSING) | \
		 ST(LAST_ACK) | ST(TIME_WAIT))
/* states after our FIN: no more data may be sent */
#define AFTER_FIN (ST(FIN_WAIT_1) | ST(FIN_WAIT_2) | ST(CLOSING) | \
		   ST(LAST_ACK) | ST(TIME_WAIT))
#define SAME	0xff

struct fsm_expect {
	u8 next;
	u32 actions;
	int err;
};

static struct fsm_expect expected[EDUTCP_NR_STATES][EDUTCP_NR_EVENTS];

/* rule(): in every state of @states, @ev leads to @next (SAME: stays). */
static void rule(u32 states, enum edutcp_event ev, u8 next, u32 actions,
		 int err)
{
	int s;

	for (s = 0; s < EDUTCP_NR_STATES; s++) {
		if (!(states & BIT(s)))
			continue;
		expected[s][ev].next = next == SAME ? s : next;
		expected[s][ev].actions = actions;
		expected[s][ev].err = err;
	}
}

static void build_expected(void)
{
	int s, e;

	for (s = 0; s < EDUTCP_NR_STATES; s++)
		for (e = 0; e < EDUTCP_NR_EVENTS; e++)
			expected[s][e] = (struct fsm_expect){ s, 0, 0 };

	/* §3.10.1 OPEN: active from CLOSED sends SYN; passive listens */
	rule(ST(CLOSED), EDUTCP_EV_OPEN_ACTIVE, EDUTCP_SYN_SENT, EDUTCP_A_SEND_SYN, 0);
	rule(ST(CLOSED), EDUTCP_EV_OPEN_PASSIVE, EDUTCP_LISTEN, 0, 0);
	/* connect() as Linux answers it: EISCONN, or EALREADY mid-handshake */
	rule(ST(LISTEN) | ST(ESTABLISHED) | ST(CLOSE_WAIT) | AFTER_FIN,
	     EDUTCP_EV_OPEN_ACTIVE, SAME, EDUTCP_A_REJECT, -EISCONN);
	rule(ST(SYN_SENT) | ST(SYN_RCVD), EDUTCP_EV_OPEN_ACTIVE, SAME,
	     EDUTCP_A_REJECT, -EALREADY);
	/* listen() on anything but a closed or listening socket: EINVAL */
	rule(SYNCED | ST(SYN_SENT), EDUTCP_EV_OPEN_PASSIVE, SAME,
	     EDUTCP_A_REJECT, -EINVAL);

	/* §3.10.2 SEND: queued until established; EPIPE after our FIN */
	rule(ST(CLOSED) | ST(LISTEN) | AFTER_FIN, EDUTCP_EV_SEND, SAME,
	     EDUTCP_A_REJECT, -EPIPE);
	rule(ST(SYN_SENT) | ST(SYN_RCVD), EDUTCP_EV_SEND, SAME, EDUTCP_A_WAIT, 0);
	/* §3.10.3 RECEIVE */
	rule(ST(CLOSED) | ST(LISTEN), EDUTCP_EV_RECEIVE, SAME, EDUTCP_A_REJECT,
	     -ENOTCONN);
	rule(ST(SYN_SENT) | ST(SYN_RCVD), EDUTCP_EV_RECEIVE, SAME, EDUTCP_A_WAIT, 0);

	/* §3.10.4 CLOSE: FIN from SYN_RCVD, ESTABLISHED, CLOSE_WAIT */
	rule(ST(LISTEN), EDUTCP_EV_CLOSE, EDUTCP_CLOSED, EDUTCP_A_RESET_QUEUED, 0);
	rule(ST(SYN_SENT), EDUTCP_EV_CLOSE, EDUTCP_CLOSED, 0, 0);
	rule(ST(SYN_RCVD) | ST(ESTABLISHED), EDUTCP_EV_CLOSE, EDUTCP_FIN_WAIT_1,
	     EDUTCP_A_SEND_FIN, 0);
	rule(ST(CLOSE_WAIT), EDUTCP_EV_CLOSE, EDUTCP_LAST_ACK, EDUTCP_A_SEND_FIN, 0);
	/* §3.10.5 ABORT: RST only where the peer holds a connection */
	rule(ST(LISTEN), EDUTCP_EV_ABORT, EDUTCP_CLOSED, EDUTCP_A_RESET_QUEUED, 0);
	rule(ST(SYN_SENT) | ST(CLOSING) | ST(LAST_ACK) | ST(TIME_WAIT),
	     EDUTCP_EV_ABORT, EDUTCP_CLOSED, 0, 0);
	rule(ST(SYN_RCVD) | ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(FIN_WAIT_2) |
	     ST(CLOSE_WAIT), EDUTCP_EV_ABORT, EDUTCP_CLOSED, EDUTCP_A_SEND_RST, 0);

	/* §3.10.7.1 CLOSED: everything but an RST is answered with RST */
	for (e = EDUTCP_EV_RCV_BAD_SEQ; e <= EDUTCP_EV_RCV_FIN; e++)
		if (e != EDUTCP_EV_RCV_RST && e != EDUTCP_EV_RCV_RST_IN_WINDOW &&
		    e != EDUTCP_EV_RCV_RST_IGNORED)
			rule(ST(CLOSED), e, SAME, EDUTCP_A_SEND_RST, 0);

	/* §3.10.7.2 LISTEN: ACK -> RST, SYN -> SYN queue, RST ignored */
	rule(ST(LISTEN), EDUTCP_EV_RCV_SYN, SAME, EDUTCP_A_NEW_REQUEST, 0);
	rule(ST(LISTEN), EDUTCP_EV_RCV_SYN_ACK, SAME, EDUTCP_A_SEND_RST, 0);
	rule(ST(LISTEN), EDUTCP_EV_RCV_BAD_ACK, SAME, EDUTCP_A_SEND_RST, 0);
	rule(ST(LISTEN), EDUTCP_EV_RCV_ACK, SAME, EDUTCP_A_SEND_RST, 0);
	rule(ST(LISTEN), EDUTCP_EV_RCV_ACK_OF_FIN, SAME, EDUTCP_A_SEND_RST, 0);

	/* §3.10.7.3 SYN_SENT */
	rule(ST(SYN_SENT), EDUTCP_EV_RCV_BAD_ACK, SAME, EDUTCP_A_SEND_RST, 0);
	rule(ST(SYN_SENT), EDUTCP_EV_RCV_RST, EDUTCP_CLOSED, EDUTCP_A_ERROR,
	     -ECONNREFUSED);
	/* IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1, SND.UNA = SEG.ACK, ACK */
	rule(ST(SYN_SENT), EDUTCP_EV_RCV_SYN_ACK, EDUTCP_ESTABLISHED,
	     EDUTCP_A_TAKE_ISN | EDUTCP_A_ACK_DATA | EDUTCP_A_SEND_ACK |
	     EDUTCP_A_CONNECTED, 0);
	/* MUST-10: simultaneous open */
	rule(ST(SYN_SENT), EDUTCP_EV_RCV_SYN, EDUTCP_SYN_RCVD,
	     EDUTCP_A_TAKE_ISN | EDUTCP_A_SEND_SYN_ACK, 0);

	/*
	 * §3.10.7.4 first: unacceptable segment -> ACK; at most one a
	 * while per connection (RFC 5961 §7, Linux's tcp_oow_rate_limited)
	 */
	rule(SYNCED, EDUTCP_EV_RCV_BAD_SEQ, SAME, EDUTCP_A_OOW_ACK, 0);
	/* second: RST. RFC 5961 §3.2: in the window but not exact */
	rule(SYNCED, EDUTCP_EV_RCV_RST_IN_WINDOW, SAME, EDUTCP_A_CHALLENGE_ACK, 0);
	/* MUST-11: SYN_RCVD goes back to where it came from */
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_RST, EDUTCP_BACK_TO_ORIGIN,
	     EDUTCP_A_ERROR, -ECONNREFUSED);
	rule(ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(FIN_WAIT_2) | ST(CLOSING) |
	     ST(LAST_ACK), EDUTCP_EV_RCV_RST, EDUTCP_CLOSED, EDUTCP_A_ERROR,
	     -ECONNRESET);
	rule(ST(CLOSE_WAIT), EDUTCP_EV_RCV_RST, EDUTCP_CLOSED, EDUTCP_A_ERROR,
	     -EPIPE);
	rule(ST(TIME_WAIT), EDUTCP_EV_RCV_RST, EDUTCP_CLOSED, 0, 0);
	/* RFC 793's rule, for the lesson switch lesson_no_rfc5961: a SYN in
	 * the window is answered with RST and resets as an RST does
	 */
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_SYN_IN_WINDOW, EDUTCP_BACK_TO_ORIGIN,
	     EDUTCP_A_SEND_RST | EDUTCP_A_ERROR, -ECONNREFUSED);
	rule(ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(FIN_WAIT_2) | ST(CLOSING) |
	     ST(LAST_ACK), EDUTCP_EV_RCV_SYN_IN_WINDOW, EDUTCP_CLOSED,
	     EDUTCP_A_SEND_RST | EDUTCP_A_ERROR, -ECONNRESET);
	rule(ST(CLOSE_WAIT), EDUTCP_EV_RCV_SYN_IN_WINDOW, EDUTCP_CLOSED,
	     EDUTCP_A_SEND_RST | EDUTCP_A_ERROR, -EPIPE);
	rule(ST(TIME_WAIT), EDUTCP_EV_RCV_SYN_IN_WINDOW, EDUTCP_CLOSED,
	     EDUTCP_A_SEND_RST, 0);
	/* fourth: SYN. RFC 5961 §4: challenge ACK in synchronized states */
	rule(SYNCED, EDUTCP_EV_RCV_SYN, SAME, EDUTCP_A_CHALLENGE_ACK, 0);
	rule(SYNCED, EDUTCP_EV_RCV_SYN_ACK, SAME, EDUTCP_A_CHALLENGE_ACK, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_SYN, SAME, EDUTCP_A_SEND_SYN_ACK, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_SYN_ACK, SAME, EDUTCP_A_SEND_SYN_ACK, 0);
	/* TIME_WAIT: a SYN that may not reuse the 4-tuple, like any segment
	 * it cannot accept
	 */
	rule(ST(TIME_WAIT), EDUTCP_EV_RCV_SYN, SAME, EDUTCP_A_OOW_ACK, 0);
	rule(ST(TIME_WAIT), EDUTCP_EV_RCV_SYN_ACK, SAME, EDUTCP_A_OOW_ACK, 0);
	/* fifth: ACK; an unacceptable one gets the same rate-limited ACK */
	rule(SYNCED, EDUTCP_EV_RCV_BAD_ACK, SAME, EDUTCP_A_OOW_ACK, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_BAD_ACK, SAME, EDUTCP_A_SEND_RST, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_ACK, EDUTCP_ESTABLISHED,
	     EDUTCP_A_CONNECTED | EDUTCP_A_ACK_DATA, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_ESTABLISHED,
	     EDUTCP_A_CONNECTED | EDUTCP_A_ACK_DATA, 0);
	rule(ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(FIN_WAIT_2) | ST(CLOSE_WAIT) |
	     ST(CLOSING) | ST(LAST_ACK), EDUTCP_EV_RCV_ACK, SAME,
	     EDUTCP_A_ACK_DATA, 0);
	rule(ST(ESTABLISHED) | ST(FIN_WAIT_2) | ST(CLOSE_WAIT),
	     EDUTCP_EV_RCV_ACK_OF_FIN, SAME, EDUTCP_A_ACK_DATA, 0);
	rule(ST(FIN_WAIT_1), EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_FIN_WAIT_2,
	     EDUTCP_A_ACK_DATA, 0);
	rule(ST(CLOSING), EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_TIME_WAIT,
	     EDUTCP_A_ACK_DATA | EDUTCP_A_START_2MSL, 0);
	rule(ST(LAST_ACK), EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_CLOSED,
	     EDUTCP_A_ACK_DATA, 0);
	/* seventh: text, taken only where the peer has not sent FIN */
	rule(ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(FIN_WAIT_2),
	     EDUTCP_EV_RCV_DATA, SAME,
	     EDUTCP_A_DELIVER | EDUTCP_A_DELAYED_ACK, 0);
	/* eighth: FIN, always acknowledged */
	rule(ST(SYN_RCVD) | ST(ESTABLISHED), EDUTCP_EV_RCV_FIN, EDUTCP_CLOSE_WAIT,
	     EDUTCP_A_SEND_ACK | EDUTCP_A_PEER_CLOSED, 0);
	rule(ST(FIN_WAIT_1), EDUTCP_EV_RCV_FIN, EDUTCP_CLOSING,
	     EDUTCP_A_SEND_ACK | EDUTCP_A_PEER_CLOSED, 0);
	rule(ST(FIN_WAIT_2), EDUTCP_EV_RCV_FIN, EDUTCP_TIME_WAIT,
	     EDUTCP_A_SEND_ACK | EDUTCP_A_PEER_CLOSED | EDUTCP_A_START_2MSL, 0);
	rule(ST(CLOSE_WAIT) | ST(CLOSING) | ST(LAST_ACK), EDUTCP_EV_RCV_FIN,
	     SAME, EDUTCP_A_SEND_ACK, 0);
	/* TIME_WAIT: ACK the FIN again and restart 2 MSL */
	rule(ST(TIME_WAIT), EDUTCP_EV_RCV_FIN, SAME,
	     EDUTCP_A_SEND_ACK | EDUTCP_A_START_2MSL, 0);

	/*
	 * ICMP unreachable for a segment in flight (RFC 5927; Linux's TCP):
	 * fatal during the handshake, else kept as a soft error
	 */
	rule(ST(SYN_SENT), EDUTCP_EV_RCV_ICMP_UNREACH, EDUTCP_CLOSED,
	     EDUTCP_A_ERROR, 0);
	rule(ST(SYN_RCVD), EDUTCP_EV_RCV_ICMP_UNREACH, EDUTCP_BACK_TO_ORIGIN,
	     EDUTCP_A_ERROR, 0);

	/* timers (§3.10.8): retransmit what is outstanding, give up */
	rule(ST(SYN_SENT) | ST(SYN_RCVD) | ST(ESTABLISHED) | ST(FIN_WAIT_1) |
	     ST(CLOSE_WAIT) | ST(CLOSING) | ST(LAST_ACK),
	     EDUTCP_EV_TMO_RETRANSMIT, SAME, EDUTCP_A_RETRANSMIT, 0);
	rule(ST(SYN_SENT) | ST(ESTABLISHED) | ST(FIN_WAIT_1) | ST(CLOSE_WAIT) |
	     ST(CLOSING) | ST(LAST_ACK), EDUTCP_EV_TMO_GIVE_UP, EDUTCP_CLOSED,
	     EDUTCP_A_ERROR, -ETIMEDOUT);
	rule(ST(SYN_RCVD), EDUTCP_EV_TMO_GIVE_UP, EDUTCP_BACK_TO_ORIGIN,
	     EDUTCP_A_ERROR, -ETIMEDOUT);
	rule(ST(TIME_WAIT), EDUTCP_EV_TMO_2MSL, EDUTCP_CLOSED, 0, 0);
	rule(ST(FIN_WAIT_2), EDUTCP_EV_TMO_FIN_WAIT_2, EDUTCP_CLOSED, 0, 0);
}

static void fsm_every_cell(struct kunit *test)
{
	const struct edutcp_fsm_cell *c;
	int s, e;

	build_expected();
	for (s = 0; s < EDUTCP_NR_STATES; s++) {
		for (e = 0; e < EDUTCP_NR_EVENTS; e++) {
			c = edutcp_fsm(s, e);
			KUNIT_EXPECT_TRUE_MSG(test, c->defined, "%s/%s",
					      edutcp_state_name(s),
					      edutcp_event_name(e));
			KUNIT_EXPECT_EQ_MSG(test, c->next, expected[s][e].next,
					    "next of %s/%s", edutcp_state_name(s),
					    edutcp_event_name(e));
			KUNIT_EXPECT_EQ_MSG(test, c->actions,
					    expected[s][e].actions,
					    "actions of %s/%s",
					    edutcp_state_name(s),
					    edutcp_event_name(e));
			KUNIT_EXPECT_EQ_MSG(test, (int)c->err, expected[s][e].err,
					    "errno of %s/%s",
					    edutcp_state_name(s),
					    edutcp_event_name(e));
		}
	}
}

/* An out-of-range state or event is a caller's bug: an undefined cell. */
static void fsm_out_of_range(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, edutcp_fsm(EDUTCP_NR_STATES, 0)->defined);
	KUNIT_EXPECT_FALSE(test, edutcp_fsm(0, EDUTCP_NR_EVENTS)->defined);
	KUNIT_EXPECT_FALSE(test, edutcp_fsm(-1, 0)->defined);
	KUNIT_EXPECT_STREQ(test, edutcp_state_name(EDUTCP_NR_STATES), "?");
	KUNIT_EXPECT_STREQ(test, edutcp_state_name(EDUTCP_SYN_RCVD), "SYN_RCVD");
	KUNIT_EXPECT_STREQ(test, edutcp_event_name(EDUTCP_EV_TMO_2MSL), "TMO_2MSL");
}

#define A(x) EDUTCP_A_##x
/* what no step of a clean exchange may do */
#define WALK_FORBIDDEN (A(SEND_RST) | A(ERROR) | A(REJECT) | A(CHALLENGE_ACK))

/*
 * Feed events; check the states visited and, at each step, that the
 * cell carries out at least the actions the RFC names for it (@need,
 * written here from RFC 9293, not read from the table) and none that a
 * clean exchange never does (WALK_FORBIDDEN).
 */
static void walk(struct kunit *test, const char *name, u8 start,
		 const u8 *events, const u8 *states, const u32 *need, int n)
{
	const struct edutcp_fsm_cell *c;
	u8 s = start;
	int i;

	for (i = 0; i < n; i++) {
		c = edutcp_fsm(s, events[i]);
		s = c->next;
		KUNIT_EXPECT_EQ_MSG(test, s, states[i], "%s step %d (%s)", name,
				    i, edutcp_event_name(events[i]));
		KUNIT_EXPECT_EQ_MSG(test, c->actions & need[i], need[i],
				    "%s step %d (%s): actions %#x lack %#x", name,
				    i, edutcp_event_name(events[i]), c->actions,
				    need[i] & ~c->actions);
		KUNIT_EXPECT_EQ_MSG(test, c->actions & WALK_FORBIDDEN, 0U,
				    "%s step %d (%s): actions %#x", name, i,
				    edutcp_event_name(events[i]), c->actions);
	}
}

/*
 * The seeds' sequences: the client goes SYN_SENT, ESTABLISHED,
 * FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED; the server (a SYN queue
 * entry in SYN_RCVD) ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED.
 */
static void fsm_walk_handshake_and_close(struct kunit *test)
{
	static const u8 cev[] = { EDUTCP_EV_OPEN_ACTIVE, EDUTCP_EV_RCV_SYN_ACK,
		EDUTCP_EV_CLOSE, EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_EV_RCV_FIN,
		EDUTCP_EV_TMO_2MSL };
	static const u8 cst[] = { EDUTCP_SYN_SENT, EDUTCP_ESTABLISHED,
		EDUTCP_FIN_WAIT_1, EDUTCP_FIN_WAIT_2, EDUTCP_TIME_WAIT,
		EDUTCP_CLOSED };
	/*
	 * §3.10.1 SYN; §3.10.7.3 IRS, ACK, connected; §3.10.4 FIN; FIN_WAIT_2
	 * takes the FIN: ACK it, EOF, 2MSL; 2MSL over: nothing to send
	 */
	static const u32 cneed[] = { A(SEND_SYN),
		A(TAKE_ISN) | A(SEND_ACK) | A(CONNECTED), A(SEND_FIN), 0,
		A(SEND_ACK) | A(PEER_CLOSED) | A(START_2MSL), 0 };
	static const u8 sev[] = { EDUTCP_EV_RCV_ACK, EDUTCP_EV_RCV_FIN,
		EDUTCP_EV_CLOSE, EDUTCP_EV_RCV_ACK_OF_FIN };
	static const u8 sst[] = { EDUTCP_ESTABLISHED, EDUTCP_CLOSE_WAIT,
		EDUTCP_LAST_ACK, EDUTCP_CLOSED };
	/* the ACK completes it; the FIN: ACK it, EOF; close: FIN */
	static const u32 sneed[] = { A(CONNECTED), A(SEND_ACK) | A(PEER_CLOSED),
		A(SEND_FIN), 0 };

	walk(test, "client", EDUTCP_CLOSED, cev, cst, cneed, ARRAY_SIZE(cev));
	walk(test, "server", EDUTCP_SYN_RCVD, sev, sst, sneed, ARRAY_SIZE(sev));
	KUNIT_EXPECT_EQ(test, edutcp_fsm(EDUTCP_LISTEN, EDUTCP_EV_RCV_SYN)->actions,
			(u32)EDUTCP_A_NEW_REQUEST);
}

/* RFC 9293 Figure 8 (simultaneous open) and Figure 13 (simultaneous close). */
static void fsm_walk_simultaneous(struct kunit *test)
{
	static const u8 oev[] = { EDUTCP_EV_OPEN_ACTIVE, EDUTCP_EV_RCV_SYN,
		EDUTCP_EV_RCV_ACK };
	static const u8 ost[] = { EDUTCP_SYN_SENT, EDUTCP_SYN_RCVD,
		EDUTCP_ESTABLISHED };
	/* §3.10.7.3: a SYN in SYN_SENT: IRS, SYN+ACK (Figure 8 line 3) */
	static const u32 oneed[] = { A(SEND_SYN), A(TAKE_ISN) | A(SEND_SYN_ACK),
		A(CONNECTED) };
	static const u8 cev[] = { EDUTCP_EV_CLOSE, EDUTCP_EV_RCV_FIN,
		EDUTCP_EV_RCV_ACK_OF_FIN, EDUTCP_EV_TMO_2MSL };
	static const u8 cst[] = { EDUTCP_FIN_WAIT_1, EDUTCP_CLOSING,
		EDUTCP_TIME_WAIT, EDUTCP_CLOSED };
	/* Figure 13: FIN; the other FIN: ACK it, EOF; its ACK: 2MSL */
	static const u32 cneed[] = { A(SEND_FIN), A(SEND_ACK) | A(PEER_CLOSED),
		A(START_2MSL), 0 };

	walk(test, "simultaneous open", EDUTCP_CLOSED, oev, ost, oneed,
	     ARRAY_SIZE(oev));
	walk(test, "simultaneous close", EDUTCP_ESTABLISHED, cev, cst, cneed,
	     ARRAY_SIZE(cev));
}

static struct kunit_case edutcp_fsm_cases[] = {
	KUNIT_CASE(fsm_every_cell),
	KUNIT_CASE(fsm_out_of_range),
	KUNIT_CASE(fsm_walk_handshake_and_close),
	KUNIT_CASE(fsm_walk_simultaneous),
	{}
};

static struct kunit_suite edutcp_fsm_suite = {
	.name = "edutcp_fsm",
	.test_cases = edutcp_fsm_cases,
};

kunit_test_suite(edutcp_fsm_suite);
