// Console smoke: reads what arrives on the UART (interrupt-driven input completing a
// pending CONSOLE_READ) until a newline, and echoes it back. The test harness feeds
// manifests/console.input to the machine's serial port.
#include "ulib.h"

int main(int argc, char **argv) {
    char line[128];
    u64 n = 0;
    while (n < sizeof(line) - 1) {
        i64 r = console_read(line + n, sizeof(line) - 1 - n);
        check(r > 0, "console read returns bytes");
        if (r <= 0)
            break;
        n += (u64)r;
        if (line[n - 1] == '\n' || line[n - 1] == '\r')
            break;
    }
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    line[n] = 0;
    printf("echo: got '%s'\n", line);
    check(strcmp(line, argc > 1 ? argv[1] : "") == 0, "the line typed is the line read");
    return test_done("echo");
}
