# Program entry. The kernel starts the first thread here with a0 = struct start_info
# (on the stack it set up) and sp just below it.
        .section .text.start
        .globl _start
_start:
        mv      s0, zero
        call    ulib_start          # does not return
1:      j       1b

# Entry of threads made by thread_create(): a0 = argument block, a1 = ring, tp = TLS.
        .section .text
        .globl ulib_thread_entry
ulib_thread_entry:
        mv      s0, zero
        call    ulib_thread_start   # does not return
1:      j       1b
