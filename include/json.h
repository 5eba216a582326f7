/* json.h: a small streaming JSON writer.  Output is always valid JSON and
 * valid UTF-8: strings are repaired (invalid bytes become U+FFFD) and every
 * control character is escaped.  Commas are placed by the writer. */
#ifndef HERALD_JSON_H
#define HERALD_JSON_H

#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE	*f;
	int	 depth;
	int	 count[JSON_MAX_DEPTH];	/* values written at each level */
	int	 after_key;
	int	 pretty;
	int	 held;		/* see json_hold */
	size_t	 nout;
	char	 out[8192];	/* output not yet written to f */
};

void json_init(struct json *, FILE *, int pretty);
void json_begin_object(struct json *);
void json_end_object(struct json *);
void json_begin_array(struct json *);
void json_end_array(struct json *);
void json_key(struct json *, const char *);
/* A NULL string is written as null. */
void json_string(struct json *, const char *);
void json_string_len(struct json *, const char *, size_t);
void json_int(struct json *, int64_t);
void json_bool(struct json *, int);
void json_null(struct json *);
/* Convenience: key then value. */
void json_kv_string(struct json *, const char *, const char *);
void json_kv_int(struct json *, const char *, int64_t);
/* With on, output waits in the writer's buffer until it is full or
 * json_flush or json_finish, for a caller that writes nothing else to the
 * FILE meanwhile (one fwrite for many values).  Off by default: each
 * call's output is in the FILE when it returns. */
void json_hold(struct json *, int on);
void json_flush(struct json *);
/* Finish the document with a newline. */
void json_finish(struct json *);

#endif
