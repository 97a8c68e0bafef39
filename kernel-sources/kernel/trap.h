// Trap handling (trap.c, trapvec.S).
#ifndef TRAP_H
#define TRAP_H

#include "types.h"

struct thread;
struct trapframe;

void trapvec(void);
void trap_inithart(void);
void user_return(struct thread *t) __attribute__((noreturn));
void userret(struct trapframe *tf) __attribute__((noreturn));

#endif
