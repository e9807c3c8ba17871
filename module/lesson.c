// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: lesson rules, segments lost, held or doubled on demand, so
 * that a class can watch what TCP does when the network does that.
 *
 * A namespace keeps up to EDUTCP_LESSON_MAX rules, written one per line
 * to /proc/net/edutcp/lesson (docs/lessons.md):
 *
 *   ACTION DIR WHAT [port N] [nth N | every] [times N] [ms N]
 *
 *   ACTION  drop (as if the network lost it), hold (deliver it ms later),
 *           dup (deliver it, and a copy ms later)
 *   DIR     out (a segment edutcp sends) or in (one that arrives)
 *   WHAT    syn, synack, ack (no text, no SYN, FIN or RST), fin, rst,
 *           data (text), any
 *   port N  source or destination port N
 *   nth N   act from the Nth match on (default 1); every = nth 1 times 1000
 *   times N act this many times (default 1, at most 1000), then retire
 *   ms N    hold: how long (default 1000); dup: when the copy comes
 *           (default 0); at most 60000
 *
 * "clear" removes every rule. Reading the file lists the rules with what
 * they have done. A rule acts on the first segment it matches that no
 * earlier rule took. Each action is counted (LessonDrops, LessonHolds,
 * LessonDups) and traced (edutcp_lesson). A held segment (or copy) is
 * delivered by a timer, or freed with its namespace; the module cannot
 * go while one waits on a socket's memory.
 *
 * Locking: edutcp_net.lesson_lock covers the rules and the held
 * segments; segments are sent or delivered after it is dropped. With no
 * rule, a segment costs one READ_ONCE.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ip.h>
#include <net/net_namespace.h>

#include "edutcp.h"
#include "trace.h"

static const char *const edutcp_lesson_actions[] = {
	[EDUTCP_LESSON_DROP] = "drop", [EDUTCP_LESSON_HOLD] = "hold",
	[EDUTCP_LESSON_DUP] = "dup",
};

static const char *const edutcp_lesson_whats[] = {
	[EDUTCP_LW_SYN] = "syn", [EDUTCP_LW_SYNACK] = "synack",
	[EDUTCP_LW_ACK] = "ack", [EDUTCP_LW_FIN] = "fin",
	[EDUTCP_LW_RST] = "rst", [EDUTCP_LW_DATA] = "data",
	[EDUTCP_LW_ANY] = "any",
};

/* A segment waiting for its time: held, or the copy of a dup. */
struct edutcp_held {
	struct list_head node;
	struct sk_buff *skb;
	unsigned long when;
	u8 dir;
};

static int edutcp_lesson_word(const char *w, const char *const *words, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(w, words[i]))
			return i;
	return -1;
}

/* a number of a rule: -EINVAL if it is not one, -ERANGE outside lo..hi */
static int edutcp_lesson_num(const char *w, u32 lo, u32 hi, u32 *v)
{
	if (!w || kstrtou32(w, 10, v))
		return -EINVAL;
	return *v < lo || *v > hi ? -ERANGE : 0;
}

/**
 * edutcp_lesson_parse() - read one rule
 * @line: the rule, NUL-terminated; cut into words here
 * @r: filled in
 * @bad: set to the word that was refused, or NULL
 *
 * Pure: KUnit feeds it every kind of bad input.
 *
 * Return: 0; -EINVAL for a word that is not part of a rule, a missing
 * one or a rule too long; -ERANGE for a number out of its range.
 */
int edutcp_lesson_parse(char *line, struct edutcp_lesson_rule *r,
			const char **bad)
{
	char *w[12], *p = line, *word;
	bool ms_set = false;
	int n = 0, i, k, err;

	*bad = NULL;
	*r = (struct edutcp_lesson_rule){ .nth = 1, .times = 1 };
	while ((word = strsep(&p, " \t\n")))
		if (*word) {
			if (n == ARRAY_SIZE(w)) {
				*bad = word;
				return -EINVAL;
			}
			w[n++] = word;
		}
	if (n < 3) {
		*bad = n ? w[n - 1] : "";
		return -EINVAL;
	}
	k = edutcp_lesson_word(w[0], edutcp_lesson_actions,
			       ARRAY_SIZE(edutcp_lesson_actions));
	if (k < 0)
		goto bad0;
	r->action = k;
	if (!strcasecmp(w[1], "in")) {
		r->dir = EDUTCP_LESSON_IN;
	} else if (strcasecmp(w[1], "out")) {
		*bad = w[1];
		return -EINVAL;
	}
	k = edutcp_lesson_word(!strcasecmp(w[2], "syn|ack") ? "synack" : w[2],
			       edutcp_lesson_whats,
			       ARRAY_SIZE(edutcp_lesson_whats));
	if (k < 0) {
		*bad = w[2];
		return -EINVAL;
	}
	r->what = k;
	r->ms = r->action == EDUTCP_LESSON_HOLD ? 1000 : 0;
	for (i = 3; i < n; i++) {
		*bad = w[i];
		if (!strcasecmp(w[i], "every")) {
			r->nth = 1;
			r->times = EDUTCP_LESSON_TIMES_MAX;
			continue;
		}
		if (i + 1 == n)
			return -EINVAL;		/* a name without its number */
		if (!strcasecmp(w[i], "port"))
			err = edutcp_lesson_num(w[i + 1], 1, 65535, &r->port);
		else if (!strcasecmp(w[i], "nth"))
			err = edutcp_lesson_num(w[i + 1], 1, 1000000, &r->nth);
		else if (!strcasecmp(w[i], "times"))
			err = edutcp_lesson_num(w[i + 1], 1,
						EDUTCP_LESSON_TIMES_MAX,
						&r->times);
		else if (!strcasecmp(w[i], "ms"))
			err = edutcp_lesson_num(w[i + 1], 0, 60000, &r->ms);
		else
			return -EINVAL;
		if (err) {
			*bad = w[i + 1];
			return err;
		}
		ms_set |= !strcasecmp(w[i], "ms");
		i++;
	}
	*bad = NULL;
	/* a drop has no time */
	if (ms_set && r->action == EDUTCP_LESSON_DROP) {
		*bad = "ms";
		return -EINVAL;
	}
	return 0;
bad0:
	*bad = w[0];
	return -EINVAL;
}

/**
 * edutcp_lesson_match() - is @seg what rule @r looks for?
 * @r: the rule
 * @dir: EDUTCP_LESSON_IN or _OUT, the segment's way
 * @seg: the segment
 *
 * Return: true if its direction, kind and port fit.
 */
bool edutcp_lesson_match(const struct edutcp_lesson_rule *r, int dir,
			 const struct edutcp_seg *seg)
{
	u8 f = seg->flags;
	bool kind;

	if (r->dir != dir || (r->port && ntohs(seg->sport) != r->port &&
			      ntohs(seg->dport) != r->port))
		return false;
	switch (r->what) {
	case EDUTCP_LW_SYN:
		kind = (f & EDUTCP_SYN) && !(f & EDUTCP_ACK);
		break;
	case EDUTCP_LW_SYNACK:
		kind = (f & EDUTCP_SYN) && (f & EDUTCP_ACK);
		break;
	case EDUTCP_LW_ACK:
		kind = (f & EDUTCP_ACK) && !seg->len &&
		       !(f & (EDUTCP_SYN | EDUTCP_FIN | EDUTCP_RST));
		break;
	case EDUTCP_LW_FIN:
		kind = f & EDUTCP_FIN;
		break;
	case EDUTCP_LW_RST:
		kind = f & EDUTCP_RST;
		break;
	case EDUTCP_LW_DATA:
		kind = seg->len;
		break;
	default:
		kind = true;
	}
	return kind;
}

/*
 * Send or deliver a segment whose time has come. A held segment keeps no
 * route (it would pin a device that may be going): one going out is
 * routed again here.
 */
static void edutcp_lesson_release(struct net *net, struct sk_buff *skb, u8 dir)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct flowi4 fl4;
	struct rtable *rt;

	if (dir == EDUTCP_LESSON_IN) {
		edutcp_v4_replay(net, skb);
		return;
	}
	rt = ip_route_output_ports(net, &fl4, NULL, iph->daddr, iph->saddr, 0,
				   0, iph->protocol, 0, 0);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return;
	}
	skb_dst_set(skb, &rt->dst);
	ip_local_out(net, NULL, skb);
}

static void edutcp_lesson_arm_locked(struct edutcp_net *en)
{
	struct edutcp_held *h;
	unsigned long next = 0;

	list_for_each_entry(h, &en->lesson_held, node)
		if (!next || time_before(h->when, next))
			next = h->when;
	if (next)
		mod_timer(&en->lesson_timer, next);
}

static void edutcp_lesson_timer(struct timer_list *t)
{
	struct edutcp_net *en = from_timer(en, t, lesson_timer);
	struct edutcp_held *h, *tmp;
	LIST_HEAD(due);

	spin_lock_bh(&en->lesson_lock);
	list_for_each_entry_safe(h, tmp, &en->lesson_held, node)
		if (!time_before(jiffies, h->when))
			list_move_tail(&h->node, &due);
	edutcp_lesson_arm_locked(en);
	spin_unlock_bh(&en->lesson_lock);
	list_for_each_entry_safe(h, tmp, &due, node) {
		edutcp_lesson_release(en->net, h->skb, h->dir);
		kfree(h);
	}
}

/* Keep @skb until @ms from now; false (and @skb freed) without memory. */
static bool edutcp_lesson_hold_skb(struct edutcp_net *en, struct sk_buff *skb,
				   u8 dir, u32 ms)
{
	struct edutcp_held *h = kmalloc(sizeof(*h), GFP_ATOMIC);

	if (!h) {
		kfree_skb(skb);
		return false;
	}
	skb_dst_drop(skb);
	/* the device it came in on may go while it waits; lo stays */
	if (dir == EDUTCP_LESSON_IN)
		skb->dev = en->net->loopback_dev;
	h->skb = skb;
	h->dir = dir;
	h->when = jiffies + msecs_to_jiffies(ms);
	spin_lock_bh(&en->lesson_lock);
	if (en->lesson_dead) {		/* the namespace is going */
		spin_unlock_bh(&en->lesson_lock);
		kfree_skb(skb);
		kfree(h);
		return false;
	}
	list_add_tail(&h->node, &en->lesson_held);
	edutcp_lesson_arm_locked(en);
	spin_unlock_bh(&en->lesson_lock);
	return true;
}

/**
 * edutcp_lesson_take() - let the namespace's lesson rules see a segment
 * @net: the namespace
 * @dir: EDUTCP_LESSON_IN (parsed, about to be looked up) or _OUT (built,
 *	about to leave)
 * @skb: the segment
 * @seg: the segment, parsed
 *
 * Return: true if a rule took @skb (dropped or held: the caller must not
 * touch it); false to go on with it (a dup's copy, if any, was kept).
 */
bool edutcp_lesson_take(struct net *net, int dir, struct sk_buff *skb,
			const struct edutcp_seg *seg)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_lesson_rule *r, *fired = NULL;
	struct sk_buff *copy;
	u8 action = 0;
	u32 id = 0, ms = 0;

	if (likely(!READ_ONCE(en->lesson_nr)))
		return false;
	spin_lock_bh(&en->lesson_lock);
	list_for_each_entry(r, &en->lesson_rules, node) {
		if (!edutcp_lesson_match(r, dir, seg) || ++r->seen < r->nth)
			continue;
		fired = r;
		action = r->action;
		id = r->id;
		ms = r->ms;
		if (++r->fired >= r->times) {	/* done: it retires */
			list_del(&r->node);
			WRITE_ONCE(en->lesson_nr, en->lesson_nr - 1);
			kfree(r);
		}
		break;
	}
	spin_unlock_bh(&en->lesson_lock);
	if (!fired)
		return false;
	trace_edutcp_lesson(id, edutcp_lesson_actions[action], dir, seg);
	switch (action) {
	case EDUTCP_LESSON_DROP:
		edutcp_inc_stats(net, EDUTCP_MIB_LESSONDROPS);
		kfree_skb(skb);
		return true;
	case EDUTCP_LESSON_HOLD:
		edutcp_inc_stats(net, EDUTCP_MIB_LESSONHOLDS);
		edutcp_lesson_hold_skb(en, skb, dir, ms);
		return true;
	default:
		edutcp_inc_stats(net, EDUTCP_MIB_LESSONDUPS);
		copy = skb_copy(skb, GFP_ATOMIC);	/* its own header */
		if (copy)
			edutcp_lesson_hold_skb(en, copy, dir, ms);
		return false;
	}
}

/* edutcp_lesson_clear_locked() - remove every rule (held ones still go) */
static void edutcp_lesson_clear_locked(struct edutcp_net *en)
{
	struct edutcp_lesson_rule *r, *tmp;

	list_for_each_entry_safe(r, tmp, &en->lesson_rules, node) {
		list_del(&r->node);
		kfree(r);
	}
	WRITE_ONCE(en->lesson_nr, 0);
}

/* A rule, or "clear", written to /proc/net/edutcp/lesson: 0 or -errno. */
static int edutcp_lesson_write(struct file *file, char *buf, size_t size)
{
	struct net *net = seq_file_single_net(file->private_data);
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_lesson_rule *r, parsed;
	const char *bad;
	int err;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (size > EDUTCP_LESSON_LINE_MAX) {
		pr_info_ratelimited("lesson: a rule is at most %d bytes\n",
				    EDUTCP_LESSON_LINE_MAX);
		return -EINVAL;
	}
	if (!strcmp(strim(buf), "clear")) {
		spin_lock_bh(&en->lesson_lock);
		edutcp_lesson_clear_locked(en);
		spin_unlock_bh(&en->lesson_lock);
		return 0;
	}
	err = edutcp_lesson_parse(buf, &parsed, &bad);
	if (err) {
		pr_info_ratelimited("lesson: %s '%s'\n", err == -ERANGE ?
				    "number out of range:" : "not a rule, at",
				    bad ?: "");
		return err;
	}
	r = kmemdup(&parsed, sizeof(parsed), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	spin_lock_bh(&en->lesson_lock);
	if (en->lesson_nr >= EDUTCP_LESSON_MAX) {
		spin_unlock_bh(&en->lesson_lock);
		kfree(r);
		pr_info_ratelimited("lesson: at most %d rules\n",
				    EDUTCP_LESSON_MAX);
		return -ENOSPC;
	}
	r->id = ++en->lesson_next_id;
	list_add_tail(&r->node, &en->lesson_rules);
	WRITE_ONCE(en->lesson_nr, en->lesson_nr + 1);
	spin_unlock_bh(&en->lesson_lock);
	return 0;
}

static int edutcp_lesson_show(struct seq_file *seq, void *v)
{
	struct edutcp_net *en = edutcp_pernet(seq_file_single_net(seq));
	struct edutcp_lesson_rule *r;

	spin_lock_bh(&en->lesson_lock);
	list_for_each_entry(r, &en->lesson_rules, node) {
		seq_printf(seq, "%u: %s %s %s", r->id,
			   edutcp_lesson_actions[r->action],
			   r->dir == EDUTCP_LESSON_IN ? "in" : "out",
			   edutcp_lesson_whats[r->what]);
		if (r->port)
			seq_printf(seq, " port %u", r->port);
		seq_printf(seq, " nth %u times %u", r->nth, r->times);
		if (r->action != EDUTCP_LESSON_DROP)
			seq_printf(seq, " ms %u", r->ms);
		seq_printf(seq, " (matched %u, acted %u)\n", r->seen, r->fired);
	}
	spin_unlock_bh(&en->lesson_lock);
	return 0;
}

/* edutcp_lesson_init_net() - no rule, nothing held; the file. */
int edutcp_lesson_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	spin_lock_init(&en->lesson_lock);
	INIT_LIST_HEAD(&en->lesson_rules);
	INIT_LIST_HEAD(&en->lesson_held);
	timer_setup(&en->lesson_timer, edutcp_lesson_timer, 0);
	if (!proc_create_net_single_write("lesson", 0644, en->proc_dir,
					  edutcp_lesson_show,
					  edutcp_lesson_write, NULL))
		return -ENOMEM;
	return 0;
}

/**
 * edutcp_lesson_exit_net() - the namespace goes: rules and held freed
 * @net: the namespace
 *
 * From the namespace's pre_exit, before its devices go: nothing held may
 * be delivered through a device that is gone, and nothing is held from
 * now on.
 */
void edutcp_lesson_exit_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_held *h, *tmp;

	spin_lock_bh(&en->lesson_lock);
	en->lesson_dead = true;
	spin_unlock_bh(&en->lesson_lock);
	del_timer_sync(&en->lesson_timer);
	spin_lock_bh(&en->lesson_lock);
	edutcp_lesson_clear_locked(en);
	list_for_each_entry_safe(h, tmp, &en->lesson_held, node) {
		list_del(&h->node);
		kfree_skb(h->skb);
		kfree(h);
	}
	spin_unlock_bh(&en->lesson_lock);
}
