// Manifest smoke: each instance checks that the manifest line that started it delivered
// exactly the arguments and capabilities it names. Usage in a manifest line:
//   run mfcheck caps=A,B,... EXPECTED-CAP-TYPES WORD...
// where EXPECTED-CAP-TYPES lists the CAP_* numbers after cap[0], e.g. "1,5".
#include "ulib.h"

int main(int argc, char **argv) {
    check(argc >= 2, "arguments arrived");
    check(start_info->cap_type[0] == CAP_PROCESS, "cap[0] is the process itself");
    check(call(self_cap, PROC_INFO, 0, 0, 0, 0, 0, 0, 0) == start_info->pid, "cap[0] names this process");
    const char *want = argc >= 2 ? argv[1] : "";
    u32 i = 1;
    for (const char *p = want; *p; i++) {
        u32 type = (u32)atol(p);
        check(i < start_info->ncaps && start_info->cap_type[i] == type, "capability types in manifest order");
        while (*p && *p != ',')
            p++;
        if (*p == ',')
            p++;
    }
    check(i == start_info->ncaps, "no extra capabilities");
    char line[200];
    int n = snprintf(line, sizeof(line), "mfcheck: pid %u, %u caps, args:", start_info->pid, start_info->ncaps);
    for (int a = 1; a < argc; a++)
        n += snprintf(line + n, sizeof(line) - n, " %s", argv[a]);
    printf("%s\n", line);
    return test_done("mfcheck");
}
