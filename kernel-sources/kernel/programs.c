// Lookup in the tables of programs and manifests built into the image.
#include "types.h"
#include "programs.h"
#include "defs.h"

const struct blob *find_blob(const struct blob *table, const char *name, u64 namelen) {
    for (const struct blob *b = table; b->name; b++)
        if (strlen(b->name) == namelen && strncmp(b->name, name, namelen) == 0)
            return b;
    return 0;
}
