// printf and the few string routines user programs need.
#include "ulib.h"

void *memset(void *d, int c, size_t n) {
    u8 *p = d;
    while (n--)
        *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    u8 *p = d;
    const u8 *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return (u8)*a - (u8)*b;
    return 0;
}

long atol(const char *s) {
    long v = 0;
    int neg = *s == '-';
    if (neg) s++;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

struct out { char *buf; size_t n, len; };

static void put(struct out *o, char c) {
    if (o->len + 1 < o->n)
        o->buf[o->len] = c;
    o->len++;
}

static void num(struct out *o, u64 x, int base, int width, char pad) {
    char t[24];
    int n = 0;
    do {
        t[n++] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x);
    while (n < width && n < 24)
        t[n++] = pad;
    while (n)
        put(o, t[--n]);
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap) {
    struct out o = { buf, n, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { lng++; fmt++; }
        switch (*fmt) {
        case 'd': {
            i64 v = lng ? va_arg(ap, i64) : va_arg(ap, int);
            if (v < 0) { put(&o, '-'); v = -v; }
            num(&o, (u64)v, 10, width, pad);
            break;
        }
        case 'u': num(&o, lng ? va_arg(ap, u64) : va_arg(ap, u32), 10, width, pad); break;
        case 'x': num(&o, lng ? va_arg(ap, u64) : va_arg(ap, u32), 16, width, pad); break;
        case 'p': put(&o, '0'); put(&o, 'x'); num(&o, va_arg(ap, u64), 16, 1, '0'); break;
        case 'c': put(&o, (char)va_arg(ap, int)); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            while (*s) put(&o, *s++);
            break;
        }
        case '%': put(&o, '%'); break;
        default: put(&o, '%'); if (*fmt) put(&o, *fmt); else fmt--; break;
        }
    }
    if (n)
        buf[o.len < n ? o.len : n - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int printf(const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    console_write(buf, r < (int)sizeof(buf) ? (u64)r : sizeof(buf) - 1);
    return r;
}
