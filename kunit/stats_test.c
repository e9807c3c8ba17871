// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_stats": the counters of /proc/net/edutcp/snmp.
 */
#include <kunit/test.h>
#include <net/net_namespace.h>

#include "../module/edutcp.h"

/* Every counter has exactly one name, and the names are distinct. */
static void stats_every_counter_named_once(struct kunit *test)
{
	int seen[EDUTCP_MIB_MAX] = { 0 };
	int i, j;

	for (i = 0; edutcp_snmp_list[i].name; i++) {
		KUNIT_ASSERT_GE(test, edutcp_snmp_list[i].entry, 0);
		KUNIT_ASSERT_LT(test, edutcp_snmp_list[i].entry, EDUTCP_MIB_MAX);
		seen[edutcp_snmp_list[i].entry]++;
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, edutcp_snmp_list[i].name,
					    edutcp_snmp_list[j].name);
	}
	for (i = 0; i < EDUTCP_MIB_MAX; i++)
		KUNIT_EXPECT_EQ_MSG(test, seen[i], 1, "counter %d", i);
}

/* Counting an event moves that counter by one and no other. */
static void stats_inc_moves_one_counter(struct kunit *test)
{
	unsigned long before[EDUTCP_MIB_MAX];
	int i;

	for (i = 0; i < EDUTCP_MIB_MAX; i++)
		before[i] = edutcp_read_stat(&init_net, i);
	edutcp_inc_stats(&init_net, EDUTCP_MIB_INSEGS);
	for (i = 0; i < EDUTCP_MIB_MAX; i++)
		KUNIT_EXPECT_EQ(test, edutcp_read_stat(&init_net, i),
				before[i] + (i == EDUTCP_MIB_INSEGS));
}

static struct kunit_case edutcp_stats_cases[] = {
	KUNIT_CASE(stats_every_counter_named_once),
	KUNIT_CASE(stats_inc_moves_one_counter),
	{}
};

static struct kunit_suite edutcp_stats_suite = {
	.name = "edutcp_stats",
	.test_cases = edutcp_stats_cases,
};

kunit_test_suite(edutcp_stats_suite);
