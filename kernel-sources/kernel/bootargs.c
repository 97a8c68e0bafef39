// Boot arguments: /chosen/bootargs, words of the form key=value separated by spaces.
#include "types.h"
#include "fdt.h"
#include "defs.h"

// Copy the value of key into out (not terminated) and its length into *len.
bool bootarg_value(const char *key, u64 keylen, char *out, u64 outlen, u64 *len) {
    const char *s = board.bootargs;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        if ((u64)(s - w) > keylen && strncmp(w, key, keylen) == 0 && w[keylen] == '=') {
            const char *v = w + keylen + 1;
            u64 n = s - v;
            if (n > outlen)
                return false;
            memcpy(out, v, n);
            *len = n;
            return true;
        }
    }
    return false;
}
