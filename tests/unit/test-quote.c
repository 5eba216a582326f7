/* Unit tests for quote.c: which marks pair into quotations, in many
 * languages, and which are apostrophes or inch marks.  Each case is one
 * or more paragraphs (split at '\n'); it asserts every quotation's text
 * and the highlighted span(s) of each paragraph. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "util.h"

#include "../tap.h"

struct qcase {
	const char	*name;
	const char	*text;		/* paragraphs separated by \n */
	const char	*quotes;	/* each quotation, joined by " | " */
	const char	*spans;		/* each paragraph's spans, "[..]" */
};

static const struct qcase cases[] = {
	{ "english curly pair",
	  "He said “hello there” and left.",
	  "hello there", "[“hello there”]" },
	{ "two quotations in one paragraph",
	  "“Yes,” she said, “we will.”",
	  "Yes, | we will.", "[“Yes,”][“we will.”]" },
	{ "german „…“",
	  "„Guten Tag“, sagte er.",
	  "Guten Tag", "[„Guten Tag“]" },
	{ "polish „…”",
	  "Powiedział: „Dzień dobry” i wyszedł.",
	  "Dzień dobry", "[„Dzień dobry”]" },
	{ "french « … » with no-break spaces",
	  "Il a dit : « Bonjour à tous » ce matin.",
	  "Bonjour à tous", "[« Bonjour à tous »]" },
	{ "ukrainian «…»",
	  "«Ми готові до переговорів», — сказав він.",
	  "Ми готові до переговорів", "[«Ми готові до переговорів»]" },
	{ "german »…«",
	  "Er nannte es »einen Durchbruch« gestern.",
	  "einen Durchbruch", "[»einen Durchbruch«]" },
	{ "swiss ‹…›",
	  "Sie sagte ‹Grüezi› und ging.",
	  "Grüezi", "[‹Grüezi›]" },
	{ "japanese 「…」 and 『…』",
	  "彼は「こんにちは」と言い、『本』を読んだ。",
	  "こんにちは | 本", "[「こんにちは」][『本』]" },
	{ "swedish ”…”",
	  "Han sa ”hej på dig” och gick.",
	  "hej på dig", "[”hej på dig”]" },
	{ "straight double quotes paired",
	  "The report called it \"a turning point\" for the region.",
	  "a turning point", "[\"a turning point\"]" },
	{ "british single quotes",
	  "The minister called it ‘a great day’ for Britain.",
	  "a great day", "[‘a great day’]" },
	{ "straight single quotes",
	  "They called it 'the plan' all along.",
	  "the plan", "['the plan']" },
	/* Apostrophes are not quotation marks. */
	{ "apostrophe: Ukraine’s",
	  "Ukraine’s army held the line.", "", "" },
	{ "apostrophe: ’90s",
	  "It was built in the ’90s and rebuilt in the '80s style.", "", "" },
	{ "apostrophe: rock ’n’ roll",
	  "They played rock ’n’ roll all night.", "", "" },
	{ "apostrophe: don't and o'clock",
	  "Don't come before five o'clock.", "", "" },
	{ "apostrophe: students’ union",
	  "The students’ union met the rector.", "", "" },
	{ "apostrophes inside a quotation",
	  "“Ukraine’s army won’t stop,” he said.",
	  "Ukraine’s army won’t stop,", "[“Ukraine’s army won’t stop,”]" },
	{ "possessive plural inside single quotes",
	  "She said ‘the students’ union is closed’ today.",
	  "the students’ union is closed",
	  "[‘the students’ union is closed’]" },
	{ "rock ’n’ roll inside single quotes",
	  "He sang ‘rock ’n’ roll is here’ loudly.",
	  "rock ’n’ roll is here", "[‘rock ’n’ roll is here’]" },
	/* Inch marks are not quotation marks. */
	{ "inch marks",
	  "A 12\" screen and a 15\" one cost the same.", "", "" },
	{ "inch mark inside a quotation",
	  "\"We need a 12\" pipe,\" he said.",
	  "We need a 12\" pipe,", "[\"We need a 12\" pipe,\"]" },
	/* Nesting: the inner quotation is part of the outer one. */
	{ "nested single inside double",
	  "“He told me ‘no way’ yesterday,” she said.",
	  "He told me ‘no way’ yesterday,",
	  "[“He told me ‘no way’ yesterday,”]" },
	{ "nested german ‚…‘ inside „…“",
	  "„Er sagte: ‚Nein‘“, berichtete sie.",
	  "Er sagte: ‚Nein‘", "[„Er sagte: ‚Nein‘“]" },
	{ "nested guillemets",
	  "« Il a dit « non » hier » selon elle.",
	  "Il a dit « non » hier", "[« Il a dit « non » hier »]" },
	/* Unbalanced marks end at the paragraph's end at most. */
	{ "unbalanced curly ends at paragraph end",
	  "He said “this never ends. Next sentence.\nA plain paragraph.",
	  "this never ends. Next sentence.",
	  "[“this never ends. Next sentence.]" },
	{ "unbalanced straight mark in the middle is not a quotation",
	  "The \"thing is odd.\nAnother \"quoted\" one.",
	  "quoted", "|[\"quoted\"]" },
	{ "unbalanced single mark is not a quotation",
	  "The ‘thing went on.", "", "" },
	{ "stray closing mark",
	  "Nothing” here. Then “something” else.",
	  "something", "[“something”]" },
	{ "arrow guillemets are not quotations",
	  "Weiter » Nächste Seite » Ende", "", "" },
	/* Multi-paragraph quotations: one quotation. */
	{ "multi-paragraph quotation",
	  "“First part of the speech.\n“Second part ends here,” he said.",
	  "First part of the speech. Second part ends here,",
	  "[“First part of the speech.]|[“Second part ends here,”]" },
	{ "three-paragraph quotation",
	  "“One.\n“Two.\n“Three.” Done.",
	  "One. Two. Three.", "[“One.]|[“Two.]|[“Three.”]" },
	{ "unclosed then a fresh paragraph is two things",
	  "“Unclosed here.\nNo mark at all, and “a new one” later.",
	  "Unclosed here. | a new one",
	  "[“Unclosed here.]|[“a new one”]" },
	{ "whitespace normalised in the list",
	  "He said “lots   of\n",
	  "lots of", "[“lots   of]" },
	{ "empty marks are nothing",
	  "An empty “” pair.", "", "" },
};

/* The spans of every paragraph as "[text]" runs, paragraphs by "|". */
static void
spans_string(struct quote_para *p, size_t n, struct buf *b)
{
	size_t i, k;

	buf_init(b, 0);
	buf_add(b, "", 0);
	for (i = 0; i < n; i++) {
		for (k = 0; k < p[i].nspans; k++)
			buf_printf(b, "[%.*s]", (int)(p[i].spans[k].end -
			    p[i].spans[k].start), p[i].text +
			    p[i].spans[k].start);
		if (i + 1 < n)
			buf_addc(b, '|');
	}
	while (b->len > 0 && b->data[b->len - 1] == '|')
		b->data[--b->len] = '\0';
}

static void
run_case(const struct qcase *c)
{
	struct quote_para p[8];
	char **quotes;
	size_t n = 0, nq, i;
	const char *s = c->text, *e;
	struct buf qb, sb;

	memset(p, 0, sizeof p);
	while (*s != '\0' && n < ARRAYSIZE(p)) {
		e = strchr(s, '\n');
		p[n].text = s;
		p[n].len = e != NULL ? (size_t)(e - s) : strlen(s);
		n++;
		s = e != NULL ? e + 1 : s + strlen(s);
	}
	quote_scan(p, n, &quotes, &nq);
	buf_init(&qb, 0);
	buf_add(&qb, "", 0);
	for (i = 0; i < nq; i++)
		buf_printf(&qb, "%s%s", i > 0 ? " | " : "", quotes[i]);
	is_str(qb.data, c->quotes, "quotes: %s", c->name);
	spans_string(p, n, &sb);
	is_str(sb.data, c->spans, "spans: %s", c->name);
	for (i = 0; i < nq; i++)
		free(quotes[i]);
	free(quotes);
	for (i = 0; i < n; i++)
		quote_para_clear(&p[i]);
	buf_free(&qb);
	buf_free(&sb);
}

/* <q> ranges are quotations whatever marks they hold, and nest. */
static void
test_forced(void)
{
	const char *t = "He said “a ‘b’ c” now";
	struct quote_range r[2];
	struct quote_span *s;
	size_t n;

	/* “a ‘b’ c”: bytes 8..26, inner 11..23; ‘b’ at 13..20. */
	r[0].start = 8; r[0].inner_start = 11;
	r[0].inner_end = 23; r[0].end = 26;
	r[1].start = 13; r[1].inner_start = 16;
	r[1].inner_end = 17; r[1].end = 20;
	quote_find(t, strlen(t), r, 2, &s, &n);
	is_int(n, 1, "forced: one outer quotation");
	if (n == 1) {
		is_int(s[0].start, 8, "forced: starts at its mark");
		is_int(s[0].end, 26, "forced: ends after its mark");
		is_int(s[0].open, 0, "forced: no mark of its own");
	}
	free(s);

	/* A <q> holding a stray mark still closes at its end. */
	t = "x “a ” b” y";
	r[0].start = 2; r[0].inner_start = 5;
	r[0].inner_end = 11; r[0].end = 14;
	quote_find(t, strlen(t), r, 1, &s, &n);
	is_int(n, 1, "forced: a stray mark inside does not end it");
	if (n == 1)
		is_int(s[0].end, 14, "forced: ends at its own end");
	free(s);
}

/* Paragraphs of a blockquote are one quotation, outer marks dropped. */
static void
test_groups(void)
{
	struct quote_para p[4];
	char **q;
	size_t nq, i;

	memset(p, 0, sizeof p);
	p[0].text = "“We stand";
	p[1].text = "together.”";
	p[2].text = "Then “another” one.";
	p[3].text = "A second block.";
	for (i = 0; i < 4; i++)
		p[i].len = strlen(p[i].text);
	p[0].group = p[1].group = 1;
	p[3].group = 2;
	quote_scan(p, 4, &q, &nq);
	is_int(nq, 3, "groups: three quotations");
	if (nq == 3) {
		is_str(q[0], "We stand together.", "groups: joined, marks off");
		is_str(q[1], "another", "groups: a plain one between");
		is_str(q[2], "A second block.", "groups: the next group");
	}
	is_int(p[0].nspans, 1, "groups: a span over the paragraph");
	is_int(p[0].spans[0].end, p[0].len, "groups: all of it");
	for (i = 0; i < nq; i++)
		free(q[i]);
	free(q);
	for (i = 0; i < 4; i++)
		quote_para_clear(&p[i]);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++)
		run_case(&cases[i]);
	test_forced();
	test_groups();
	ok(quote_is_mark(0x201C) && quote_is_mark(0xAB) && !quote_is_mark('a'),
	    "quote_is_mark");
	return done_testing();
}
