/* Fuzz target: UTF-8 repair and the JSON writer.  Whatever the bytes, the
 * cleaned text must be valid UTF-8 without a control character, and JSON
 * output must carry no raw control byte. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_clean(const char *s)
{
	size_t i, n, len = strlen(s);
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (utf8_is_control(cp))
			abort();
		if (cp == UTF8_REPLACEMENT && n == 1)
			abort();	/* an invalid byte survived */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json j;
	char *s, *out = NULL;
	size_t len = 0, i;
	FILE *f;

	s = utf8_clean((const char *)data, size, 0);
	check_clean(s);
	free(s);

	f = open_memstream(&out, &len);
	json_init(&j, f, 0);
	json_string_len(&j, (const char *)data, size);
	fclose(f);
	for (i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20)
			abort();
	free(out);
	return 0;
}
