/* feed-date.c: the dates feeds write, to Unix seconds UTC.
 *
 * Two readers: one for ISO 8601 / RFC 3339 / W3CDTF (a fixed shape, read
 * strictly), one for RFC 822 / 2822 and its many sloppy cousins (read as
 * a bag of tokens: a month name, numbers, a time, a zone, in any order).
 * Anything either reader cannot account for makes the date unreadable:
 * FEED_NO_DATE is better than a wrong date. */
#include "config.h"

#include "feed.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util.h"

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

/* Zone names feeds use, in minutes east of UTC. */
static const struct {
	const char	*name;
	int		 minutes;
} zones[] = {
	{ "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 }, { "wet", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "bst", 60 }, { "ist", 330 }, { "cet", 60 }, { "cest", 120 },
	{ "met", 60 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "msk", 180 }, { "jst", 540 }, { "kst", 540 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* The instant, or FEED_NO_DATE when a field is out of range. */
static int64_t
make_time(int y, int mo, int d, int h, int mi, int s, int zone_minutes)
{
	if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 24 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60 || (h == 24 && (mi != 0 || s != 0)))
		return FEED_NO_DATE;
	if (s == 60)
		s = 59;		/* a leap second: close enough */
	if (zone_minutes < -18 * 60 || zone_minutes > 18 * 60)
		return FEED_NO_DATE;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    (int64_t)zone_minutes * 60;
}

/* Read exactly n digits at *p. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* A numeric zone at p: "+hh:mm", "+hhmm", "+hh", "Z".  Sets *minutes and
 * returns the rest of the string, or NULL. */
static const char *
numeric_zone(const char *p, int *minutes)
{
	int sign, h, m = 0;

	if (*p == 'Z' || *p == 'z') {
		*minutes = 0;
		return p + 1;
	}
	if (*p != '+' && *p != '-')
		return NULL;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) == -1)
		return NULL;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p) && digits(&p, 2, &m) == -1)
		return NULL;
	if (h > 18 || m > 59)
		return NULL;
	*minutes = sign * (h * 60 + m);
	return p;
}

/* ISO 8601 / RFC 3339 / W3CDTF: YYYY[-MM[-DD[Thh:mm[:ss[.f]][zone]]]],
 * also the basic form YYYYMMDDThhmmss. */
static int64_t
parse_iso(const char *p)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, s = 0, zone = 0, basic;

	if (digits(&p, 4, &y) == -1)
		return FEED_NO_DATE;
	basic = isdigit((unsigned char)*p);
	if (*p == '-' || basic) {
		p += !basic;
		if (digits(&p, 2, &mo) == -1)
			return FEED_NO_DATE;
		if (*p == '-' || (basic && isdigit((unsigned char)*p))) {
			p += !basic;
			if (digits(&p, 2, &d) == -1)
				return FEED_NO_DATE;
		}
	}
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (digits(&p, 2, &h) == -1)
			return FEED_NO_DATE;
		if (*p == ':' || basic)
			p += !basic;
		if (digits(&p, 2, &mi) == -1)
			return FEED_NO_DATE;
		if (*p == ':' || (basic && isdigit((unsigned char)*p))) {
			p += !basic;
			if (digits(&p, 2, &s) == -1)
				return FEED_NO_DATE;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return FEED_NO_DATE;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		while (*p == ' ')
			p++;
		if (*p != '\0' && (p = numeric_zone(p, &zone)) == NULL)
			return FEED_NO_DATE;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		return FEED_NO_DATE;
	return make_time(y, mo, d, h, mi, s, zone);
}

/* What the RFC 822 reader has found so far. */
struct rfc822 {
	int	 year, month, day, hour, min, sec;
	int	 zone, have_zone, have_time;
};

/* Index of a name in a table, written in full, as its first three
 * letters, or as a four-letter form ("Sept", "Tues"); -1 if none. */
static int
name_index(const char *w, size_t n, const char *const *names, size_t count)
{
	size_t i;

	if (n < 3)
		return -1;
	for (i = 0; i < count; i++) {
		/* Names are lowercase: the first letter rules most out. */
		if ((w[0] | 0x20) != names[i][0])
			continue;
		if (strncasecmp(w, names[i], n > 4 ? strlen(names[i]) : n) ==
		    0 && (n <= 4 || n == strlen(names[i])) &&
		    n <= strlen(names[i]))
			return (int)i;
	}
	return -1;
}

/* A word: a month, a weekday (ignored) or a zone name; -1 for anything
 * else. */
static int
rfc822_word(struct rfc822 *r, const char *w, size_t n)
{
	size_t i;
	int m;

	if ((m = name_index(w, n, months, 12)) != -1) {
		if (r->month != 0)
			return -1;
		r->month = m + 1;
		return 0;
	}
	if (name_index(w, n, weekdays, 7) != -1)
		return 0;
	for (i = 0; i < ARRAYSIZE(zones); i++) {
		if ((w[0] | 0x20) != zones[i].name[0] ||
		    strlen(zones[i].name) != n ||
		    strncasecmp(w, zones[i].name, n) != 0)
			continue;
		if (r->have_zone)
			return -1;
		r->have_zone = zones[i].minutes == 0 ? 2 : 1;
		r->zone = zones[i].minutes;
		return 0;
	}
	return -1;
}

/* A time hh:mm[:ss] at *p. */
static int
rfc822_time(struct rfc822 *r, const char **p)
{
	const char *s = *p;
	int n = 0;

	if (r->have_time)
		return -1;
	r->have_time = 1;
	for (r->hour = 0; isdigit((unsigned char)*s) && n < 3; s++, n++)
		r->hour = r->hour * 10 + (*s - '0');
	if (n == 0 || n > 2 || *s++ != ':' || digits(&s, 2, &r->min) == -1)
		return -1;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &r->sec) == -1)
			return -1;
	}
	if (*s == '.' && isdigit((unsigned char)s[1]))
		for (s++; isdigit((unsigned char)*s); s++)
			;
	*p = s;
	return 0;
}

/* A numeric zone "+hhmm", "-hh:mm", "+h" at *p (after "GMT" too). */
static int
rfc822_offset(struct rfc822 *r, const char **p)
{
	const char *s = *p;
	int sign = *s++ == '-' ? -1 : 1, v = 0, n = 0, h, m;

	if (r->have_zone == 1)
		return -1;
	for (; isdigit((unsigned char)*s) && n < 5; s++, n++)
		v = v * 10 + (*s - '0');
	if (*s == ':' && n <= 2) {
		s++;
		if (digits(&s, 2, &m) == -1)
			return -1;
		h = v;
	} else if (n <= 2) {
		h = v;
		m = 0;
	} else if (n <= 4) {
		h = v / 100;
		m = v % 100;
	} else
		return -1;
	if (h > 18 || m > 59)
		return -1;
	r->zone = sign * (h * 60 + m);
	r->have_zone = 1;
	*p = s;
	return 0;
}

/* A number: the day, then the year (or the year first when it has four
 * digits). */
static int
rfc822_number(struct rfc822 *r, const char **p)
{
	const char *s = *p;
	int v = 0, n = 0;

	for (; isdigit((unsigned char)*s) && n < 5; s++, n++)
		v = v * 10 + (*s - '0');
	*p = s;
	if (n == 4 || n == 3) {
		if (r->year != 0)
			return -1;
		r->year = n == 3 ? v + 1900 : v;
	} else if (n <= 2 && r->day == 0 && (r->year == 0 || r->month != 0))
		r->day = v;
	else if (n <= 2 && r->year == 0)
		r->year = v < 50 ? 2000 + v : 1900 + v;
	else
		return -1;
	return r->year == 0 && r->day == 0 ? -1 : 0;
}

/* One token at *p; -1 when it is not part of a date. */
static int
rfc822_token(struct rfc822 *r, const char **p)
{
	const char *s = *p, *w;

	if (*s == '(') {			/* "(UTC)" comments */
		if ((w = strchr(s, ')')) == NULL)
			return -1;
		*p = w + 1;
		return 0;
	}
	if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) &&
	    r->have_time)
		return rfc822_offset(r, p);
	if (*s == ' ' || *s == ',' || *s == '-' || *s == '.' || *s == '\t' ||
	    *s == '\n' || *s == '\r') {
		*p = s + 1;
		return 0;
	}
	if (isdigit((unsigned char)*s)) {
		for (w = s; isdigit((unsigned char)*w); w++)
			;
		if (*w == ':')
			return rfc822_time(r, p);
		return rfc822_number(r, p);
	}
	if (isalpha((unsigned char)*s)) {
		for (w = s; isalpha((unsigned char)*w); w++)
			;
		*p = w;
		return rfc822_word(r, s, (size_t)(w - s));
	}
	return -1;
}

static int64_t
parse_rfc822(const char *p)
{
	struct rfc822 r;

	memset(&r, 0, sizeof r);
	while (*p != '\0') {
		if (rfc822_token(&r, &p) == -1)
			return FEED_NO_DATE;
	}
	if (r.year == 0 || r.month == 0 || r.day == 0)
		return FEED_NO_DATE;
	return make_time(r.year, r.month, r.day, r.hour, r.min, r.sec, r.zone);
}

int64_t
feed_parse_date(const char *s)
{
	size_t n;

	if (s == NULL)
		return FEED_NO_DATE;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	if (n == 0 || n > 80)
		return FEED_NO_DATE;
	if (n >= 4 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    isdigit((unsigned char)s[3]) && (s[4] == '-' || s[4] == '\0' ||
	    isdigit((unsigned char)s[4])))
		return parse_iso(s);
	return parse_rfc822(s);
}

/* Days since 1970-01-01 to a date in the proleptic Gregorian calendar,
 * counted in 400-year eras of 146097 days that start on March 1 (so the
 * leap day ends a year).  For days >= 0. */
static void
civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;	/* days since 0000-03-01 */
	int64_t era = z / 146097, doe, yoe, doy, mp;

	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;	/* 0 = March */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* t as "YYYY-MM-DDTHH:MM:SSZ" into s (21 bytes) without gmtime and
 * strftime, which cost more than the rest of an item's JSON; 0 when t is
 * out of the range done here (before 1970 or after 9999). */
static int
format_fast(int64_t t, char *s)
{
	int64_t days, secs;
	int v[6], i;

	if (t < 0 || t >= 253402300800LL)
		return 0;
	days = t / 86400;
	secs = t % 86400;
	civil_from_days(days, &v[0], &v[1], &v[2]);
	v[3] = (int)(secs / 3600);
	v[4] = (int)(secs / 60 % 60);
	v[5] = (int)(secs % 60);
	for (i = 3; i >= 0; i--, v[0] /= 10)
		s[i] = (char)('0' + v[0] % 10);
	for (i = 1; i < 6; i++) {
		s[1 + i * 3] = "--T::"[i - 1];
		s[2 + i * 3] = (char)('0' + v[i] / 10);
		s[3 + i * 3] = (char)('0' + v[i] % 10);
	}
	s[19] = 'Z';
	s[20] = '\0';
	return 1;
}

int
feed_format_date(int64_t t, char *s, size_t size)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == FEED_NO_DATE || size < 21)
		return -1;
	if (format_fast(t, s))
		return 0;
	if ((int64_t)tt != t || gmtime_r(&tt, &tm) == NULL ||
	    strftime(s, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return -1;
	return 0;
}
