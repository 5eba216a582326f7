/* Unit tests for settings: the option table, the config file with its
 * file:line errors, bind lines, and the XDG paths. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "settings.h"
#include "util.h"

#include "../tap.h"

static void
test_defaults(void)
{
	static const struct {
		const char	*key;
		const char	*want;
	} defaults[] = {
		{ "max-connections", "16" },
		{ "max-connections-per-host", "4" },
		{ "max-bytes", "33554432" },
		{ "timeout", "60" },
		{ "connect-timeout", "15" },
		{ "max-items-per-feed", "0" },
		{ "keep-days", "0" },
		{ "refresh-on-start", "no" },
		{ "theme", "default" },
		{ "browser", "" },
		{ "ca-file", "" },
		{ "feed-sort", "urls" },
		{ "show-read", "yes" },
	};
	const struct settings_option *opts;
	struct settings *s = settings_new();
	size_t i, n;
	char *v;
	int helped = 1;

	for (i = 0; i < ARRAYSIZE(defaults); i++) {
		v = settings_get(s, defaults[i].key);
		is_str(v, defaults[i].want, "default %s", defaults[i].key);
		free(v);
	}
	is_int(s->max_bytes, 32 * 1024 * 1024, "default max-bytes field");
	is_int(s->feed_sort, SETTINGS_SORT_URLS, "default feed-sort field");
	ok(s->browser == NULL, "default browser is unset");
	opts = settings_options(&n);
	is_int(n, ARRAYSIZE(defaults), "every option is in the table");
	for (i = 0; i < n; i++)
		helped &= opts[i].help != NULL && strlen(opts[i].help) > 10;
	ok(helped, "every option has help");
	ok(settings_get(s, "no-such-thing") == NULL, "get: unknown key");
	settings_free(s);
}

static void
test_file(void)
{
	static const char text[] =
	    "# herald config\n"
	    "max-connections = 8\n"
	    "max-bytes = 1M   # a comment\n"
	    "browser = \"firefox --new-tab # not a comment\"\n"
	    "feed-sort = unread\n"
	    "show-read=no\n"
	    "colour = blue\n"
	    "timeout = soon\n"
	    "max-connections-per-host = 0\n"
	    "refresh-on-start = maybe\n"
	    "  \n"
	    "bind j next-article\n"
	    "bind ^R refresh # reload all\n"
	    "bind q\n"
	    "just some words\n"
	    "theme = \"unclosed\n"
	    "= 3\n"
	    "feed-sort = random\n"
	    "max-bytes = 99999999999999999999G\n"
	    "keep-days = 30\n";
	static const char *const errors[] = {
	    "cfg:7: unknown setting 'colour'",
	    "cfg:8: timeout: 'soon' is not a whole number from 1 to 3600",
	    "cfg:9: max-connections-per-host: '0' is not a whole number from "
	    "1 to 64",
	    "cfg:10: refresh-on-start: 'maybe' is not yes or no",
	    "cfg:14: bind takes a key and an action: bind KEY ACTION",
	    "cfg:15: expected key = value",
	    "cfg:16: a quote is not closed",
	    "cfg:17: a value with no key",
	    "cfg:18: feed-sort: 'random' is not one of urls|title|unread",
	    "cfg:19: max-bytes: '99999999999999999999G' is not a size (bytes, "
	    "or with K, M, G) from 1024 to 1073741824",
	};
	struct settings *s = settings_new();
	size_t i;

	is_int(settings_parse(s, text, sizeof text - 1, "cfg"),
	    ARRAYSIZE(errors), "file: the bad lines are counted");
	for (i = 0; i < ARRAYSIZE(errors) && i < s->nerrors; i++)
		is_str(s->errors[i], errors[i], "file: error %zu", i + 1);
	is_int(s->max_connections, 8, "file: an int");
	is_int(s->max_bytes, 1024 * 1024, "file: a size with M");
	is_str(s->browser, "firefox --new-tab # not a comment",
	    "file: a quoted value keeps its #");
	is_int(s->feed_sort, SETTINGS_SORT_UNREAD, "file: a choice");
	is_int(s->show_read, 0, "file: a bool without blanks round =");
	is_int(s->timeout, 60, "file: a bad value keeps the default");
	is_int(s->max_connections_per_host, 4, "file: out of range keeps it");
	is_int(s->keep_days, 30, "file: lines after errors still load");
	is_str(s->theme, "default", "file: an unclosed quote keeps it");
	is_int(s->nbinds, 2, "binds: two collected");
	if (s->nbinds == 2) {
		is_str(s->binds[0].key, "j", "binds: key");
		is_str(s->binds[0].action, "next-article", "binds: action");
		is_str(s->binds[0].file, "cfg", "binds: file");
		is_int(s->binds[0].line, 12, "binds: line");
		is_str(s->binds[1].key, "^R", "binds: a control key as written");
		is_str(s->binds[1].action, "refresh", "binds: comment dropped");
	}
	settings_free(s);

	s = settings_new();
	is_int(settings_parse(s, "timeout = 5\0evil = 1\n", 21, "nul"), 1,
	    "file: a NUL byte is reported");
	is_str(s->nerrors ? s->errors[0] : NULL, "nul:1: a NUL byte in the line",
	    "file: with its line");
	is_int(s->timeout, 60, "file: and the line is not used");
	settings_free(s);
}

static void
test_set(void)
{
	static const struct {
		const char	*key, *value, *want;
		int		 ok;
	} cases[] = {
		{ "max-bytes", "64K", "65536", 1 },
		{ "max-bytes", "2g", "33554432", 0 },
		{ "max-bytes", "1g", "1073741824", 1 },
		{ "max-bytes", "1.5M", "33554432", 0 },
		{ "max-bytes", "-1", "33554432", 0 },
		{ "show-read", "OFF", "no", 1 },
		{ "show-read", "1", "yes", 1 },
		{ "feed-sort", "title", "title", 1 },
		{ "feed-sort", "Title", "urls", 0 },
		{ "theme", "solarized", "solarized", 1 },
		{ "max-connections", "256", "256", 1 },
		{ "max-connections", "257", "16", 0 },
		{ "max-connections", "12abc", "16", 0 },
		{ "max-connections", "", "16", 0 },
	};
	struct settings *s;
	char *v, *cause;
	size_t i;

	for (i = 0; i < ARRAYSIZE(cases); i++) {
		s = settings_new();
		cause = NULL;
		is_int(settings_set(s, cases[i].key, cases[i].value, &cause),
		    cases[i].ok ? 0 : -1, "set %s = '%s'", cases[i].key,
		    cases[i].value);
		v = settings_get(s, cases[i].key);
		is_str(v, cases[i].want, "set %s = '%s': value", cases[i].key,
		    cases[i].value);
		free(v);
		free(cause);
		settings_free(s);
	}
}

static void
test_paths(void)
{
	char dir[] = "/tmp/herald-test-settings.XXXXXX", *x, *cause = NULL;
	struct herald_opts o;
	struct settings *s;
	struct stat sb;

	if (mkdtemp(dir) == NULL)
		return;
	memset(&o, 0, sizeof o);
	xasprintf(&x, "%s/conf", dir);
	setenv("XDG_CONFIG_HOME", x, 1);
	free(x);
	xasprintf(&x, "%s/data", dir);
	setenv("XDG_DATA_HOME", x, 1);
	free(x);
	s = settings_new();
	ok(settings_paths(s, &o, 0, &cause) == 0, "paths: from XDG");
	xasprintf(&x, "%s/conf/herald/urls", dir);
	is_str(s->urls_path, x, "paths: urls");
	free(x);
	xasprintf(&x, "%s/conf/herald/config", dir);
	is_str(s->config_path, x, "paths: config");
	free(x);
	xasprintf(&x, "%s/data/herald/cache.db", dir);
	is_str(s->cache_path, x, "paths: cache");
	ok(stat(dir, &sb) == 0 && access(s->cache_path, F_OK) == -1,
	    "paths: nothing made without create");
	free(x);
	settings_free(s);

	/* Relative XDG values are ignored, as the spec says. */
	setenv("XDG_CONFIG_HOME", "relative/conf", 1);
	setenv("HOME", dir, 1);
	s = settings_new();
	settings_paths(s, &o, 0, &cause);
	xasprintf(&x, "%s/.config/herald/urls", dir);
	is_str(s->urls_path, x, "paths: relative XDG falls back to HOME");
	free(x);
	settings_free(s);

	/* Options override; first use makes the folders. */
	o.urls = "/nonexistent-herald/urls";
	xasprintf(&x, "%s/mine/cache.db", dir);
	o.cache = x;
	o.theme = "mono";
	ok(settings_init(&o, &s, &cause) == 0, "init: with overrides");
	is_str(s->urls_path, "/nonexistent-herald/urls", "init: --urls");
	is_str(s->cache_path, x, "init: --cache");
	is_str(s->theme, "mono", "init: --theme");
	ok(stat(s->cache_path, &sb) == -1 && stat(dir, &sb) == 0, "init: "
	    "the cache itself is not made");
	free(x);
	xasprintf(&x, "%s/mine", dir);
	ok(stat(x, &sb) == 0 && S_ISDIR(sb.st_mode), "init: its folder is");
	free(x);
	settings_free(s);
	free(cause);
	cause = NULL;

	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	memset(&o, 0, sizeof o);
	s = settings_new();
	ok(settings_paths(s, &o, 0, &cause) == -1, "paths: no HOME fails");
	ok(cause != NULL && strstr(cause, "--config") != NULL,
	    "paths: and says which options help");
	settings_free(s);
	free(cause);
	xasprintf(&x, "rm -rf '%s'", dir);
	if (system(x) != 0)
		diag("cannot remove %s", dir);
	free(x);
}

int
main(void)
{
	test_defaults();
	test_file();
	test_set();
	test_paths();
	return done_testing();
}
