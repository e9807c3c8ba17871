// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_lesson": the lesson rules of module/lesson.c,
 * the parser (each kind of bad input refused, with the word it stopped
 * at) and the matcher (direction, kind of segment, port).
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "../module/edutcp.h"

/* parse a copy of @text (the parser cuts its input into words) */
static int parse(const char *text, struct edutcp_lesson_rule *r,
		 char *bad, size_t n)
{
	char line[EDUTCP_LESSON_LINE_MAX + 1];
	const char *b;
	int err;

	strscpy(line, text, sizeof(line));
	err = edutcp_lesson_parse(line, r, &b);
	strscpy(bad, b ?: "", n);
	return err;
}

static void edutcp_lesson_parse__a_full_rule(struct kunit *test)
{
	struct edutcp_lesson_rule r;
	char bad[32];

	KUNIT_ASSERT_EQ(test, parse("drop out synack port 7 nth 2 times 3", &r,
				    bad, sizeof(bad)), 0);
	KUNIT_EXPECT_EQ(test, r.action, EDUTCP_LESSON_DROP);
	KUNIT_EXPECT_EQ(test, r.dir, EDUTCP_LESSON_OUT);
	KUNIT_EXPECT_EQ(test, r.what, EDUTCP_LW_SYNACK);
	KUNIT_EXPECT_EQ(test, r.port, 7U);
	KUNIT_EXPECT_EQ(test, r.nth, 2U);
	KUNIT_EXPECT_EQ(test, r.times, 3U);
	/* the issue's own example: SYN|ACK, capitals */
	KUNIT_EXPECT_EQ(test, parse("drop out SYN|ACK port 7 nth 1", &r, bad,
				    sizeof(bad)), 0);
	KUNIT_EXPECT_EQ(test, r.what, EDUTCP_LW_SYNACK);
}

static void edutcp_lesson_parse__defaults(struct kunit *test)
{
	struct edutcp_lesson_rule r;
	char bad[32];

	KUNIT_ASSERT_EQ(test, parse("hold in syn", &r, bad, sizeof(bad)), 0);
	KUNIT_EXPECT_EQ(test, r.dir, EDUTCP_LESSON_IN);
	KUNIT_EXPECT_EQ(test, r.port, 0U);
	KUNIT_EXPECT_EQ(test, r.nth, 1U);
	KUNIT_EXPECT_EQ(test, r.times, 1U);
	KUNIT_EXPECT_EQ(test, r.ms, 1000U);	/* a hold waits 1 s */
	KUNIT_ASSERT_EQ(test, parse("dup in data every", &r, bad, sizeof(bad)),
			0);
	KUNIT_EXPECT_EQ(test, r.ms, 0U);	/* the copy right after */
	KUNIT_EXPECT_EQ(test, r.times, (u32)EDUTCP_LESSON_TIMES_MAX);
}

/* every kind of bad input: the errno, and the word it stopped at */
static void edutcp_lesson_parse__bad_input_refused(struct kunit *test)
{
	static const struct {
		const char *line;
		int err;
		const char *bad;
	} cases[] = {
		{ "", -EINVAL, "" },
		{ "drop out", -EINVAL, "out" },
		{ "lose out syn", -EINVAL, "lose" },
		{ "drop up syn", -EINVAL, "up" },
		{ "drop out syns", -EINVAL, "syns" },
		{ "drop out syn port", -EINVAL, "port" },
		{ "drop out syn port x", -EINVAL, "x" },
		{ "drop out syn port 0", -ERANGE, "0" },
		{ "drop out syn port 65536", -ERANGE, "65536" },
		{ "drop out syn port -1", -EINVAL, "-1" },
		{ "drop out syn nth 0", -ERANGE, "0" },
		{ "drop out syn times 1001", -ERANGE, "1001" },
		{ "hold in syn ms 60001", -ERANGE, "60001" },
		{ "drop out syn ms 10", -EINVAL, "ms" },
		{ "drop out syn colour red", -EINVAL, "colour" },
		{ "drop out syn port 1 port 2 port 3 port 4 port 5", -EINVAL,
		  "5" },
	};
	struct edutcp_lesson_rule r;
	char bad[32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test, parse(cases[i].line, &r, bad,
						sizeof(bad)),
				    cases[i].err, "'%s'", cases[i].line);
		KUNIT_EXPECT_STREQ_MSG(test, bad, cases[i].bad, "'%s'",
				       cases[i].line);
	}
}

static struct edutcp_seg seg(u8 flags, u16 sport, u16 dport, u32 len)
{
	return (struct edutcp_seg){ .flags = flags, .sport = htons(sport),
				    .dport = htons(dport), .len = len };
}

static void edutcp_lesson_match__kinds(struct kunit *test)
{
	struct edutcp_lesson_rule r = { .dir = EDUTCP_LESSON_OUT };
	struct edutcp_seg syn = seg(EDUTCP_SYN, 40000, 7, 0);
	struct edutcp_seg synack = seg(EDUTCP_SYN | EDUTCP_ACK, 7, 40000, 0);
	struct edutcp_seg ack = seg(EDUTCP_ACK, 40000, 7, 0);
	struct edutcp_seg data = seg(EDUTCP_ACK | EDUTCP_PSH, 40000, 7, 5);
	struct edutcp_seg fin = seg(EDUTCP_ACK | EDUTCP_FIN, 40000, 7, 0);
	struct edutcp_seg rst = seg(EDUTCP_RST, 7, 40000, 0);

	r.what = EDUTCP_LW_SYN;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &syn));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &synack));
	r.what = EDUTCP_LW_SYNACK;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &synack));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &syn));
	r.what = EDUTCP_LW_ACK;	/* a bare ACK: no text, SYN, FIN or RST */
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &ack));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &data));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &fin));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &synack));
	r.what = EDUTCP_LW_DATA;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &data));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &ack));
	r.what = EDUTCP_LW_FIN;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &fin));
	r.what = EDUTCP_LW_RST;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &rst));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, r.dir, &ack));
	r.what = EDUTCP_LW_ANY;
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, r.dir, &rst));
}

static void edutcp_lesson_match__direction_and_port(struct kunit *test)
{
	struct edutcp_lesson_rule r = {
		.dir = EDUTCP_LESSON_IN, .what = EDUTCP_LW_ANY, .port = 7,
	};
	struct edutcp_seg to7 = seg(EDUTCP_SYN, 40000, 7, 0);
	struct edutcp_seg from7 = seg(EDUTCP_ACK, 7, 40000, 0);
	struct edutcp_seg other = seg(EDUTCP_SYN, 40000, 8, 0);

	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, EDUTCP_LESSON_IN, &to7));
	KUNIT_EXPECT_TRUE(test, edutcp_lesson_match(&r, EDUTCP_LESSON_IN, &from7));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, EDUTCP_LESSON_IN, &other));
	KUNIT_EXPECT_FALSE(test, edutcp_lesson_match(&r, EDUTCP_LESSON_OUT, &to7));
}

static struct kunit_case edutcp_lesson_cases[] = {
	KUNIT_CASE(edutcp_lesson_parse__a_full_rule),
	KUNIT_CASE(edutcp_lesson_parse__defaults),
	KUNIT_CASE(edutcp_lesson_parse__bad_input_refused),
	KUNIT_CASE(edutcp_lesson_match__kinds),
	KUNIT_CASE(edutcp_lesson_match__direction_and_port),
	{}
};

static struct kunit_suite edutcp_lesson_suite = {
	.name = "edutcp_lesson",
	.test_cases = edutcp_lesson_cases,
};

kunit_test_suite(edutcp_lesson_suite);
