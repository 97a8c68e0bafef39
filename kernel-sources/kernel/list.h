// Intrusive doubly linked lists with a sentinel head. Callers hold whatever lock the
// containing structure names.
#ifndef LIST_H
#define LIST_H

#include <stddef.h>
#include <stdbool.h>

struct list {
    struct list *next, *prev;
};

#define LIST_INIT(l) { &(l), &(l) }
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))

static inline void list_init(struct list *l) { l->next = l->prev = l; }
static inline bool list_empty(const struct list *l) { return l->next == l; }

static inline void list_insert_before(struct list *pos, struct list *n) {
    n->prev = pos->prev;
    n->next = pos;
    pos->prev->next = n;
    pos->prev = n;
}

static inline void list_push_back(struct list *l, struct list *n) { list_insert_before(l, n); }
static inline void list_push_front(struct list *l, struct list *n) { list_insert_before(l->next, n); }

static inline void list_remove(struct list *n) {
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}

static inline struct list *list_pop_front(struct list *l) {
    if (list_empty(l))
        return 0;
    struct list *n = l->next;
    list_remove(n);
    return n;
}

#endif
