/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Intrusive doubly linked lists: ready queues, wait queues, the timeout
 * list and a task's held mutexes.
 */
#ifndef _RTOS_LIST_H
#define _RTOS_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include "rtos.h"

#define list_entry(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))

static inline void list_init(struct rtos_list *l)
{
	l->next = l;
	l->prev = l;
}

static inline bool list_empty(const struct rtos_list *l)
{
	return l->next == l;
}

/* A node that is in no list points at itself (list_del leaves it so). */
static inline bool list_linked(const struct rtos_list *n)
{
	return n->next != n;
}

static inline void list_insert_before(struct rtos_list *n,
				      struct rtos_list *pos)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_add_tail(struct rtos_list *n, struct rtos_list *head)
{
	list_insert_before(n, head);
}

static inline void list_del(struct rtos_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* pos may be removed from the list in the body. */
#define list_for_each_safe(pos, tmp, head)                               \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif
