/*
 * multisearch.c: Aho-Corasick over bytes.
 *
 * The patterns make a trie; each node also gets a failure link, the node
 * of the longest proper suffix of its string that is in the trie too, so
 * that the text is read once: on a byte with no edge the search falls
 * back along failure links instead of starting again. Each node keeps the
 * smallest id of the patterns that end at it or at a node its failure
 * links reach, which is what a search returns. Edges live in one hash
 * table keyed by (node, byte); a node's edges are also chained, for the
 * breadth-first walk that sets the links. Building costs the total length
 * of the patterns, a search the length of the text.
 */
#include <string.h>

#include "grow.h"
#include "multisearch.h"
#include "table.h"
#include "profdiff/error.h"

#define NONE UINT32_MAX

typedef struct node {
	uint32_t fail;
	uint32_t min_id;     /* NONE: no pattern ends here or below */
	uint32_t first_edge; /* NONE: a leaf */
} node;

typedef struct edge {
	uint32_t from, to;
	uint32_t next;       /* the next edge of `from`, or NONE */
	unsigned char byte;
} edge;

/* The table of edges: (node, byte) -> the node reached. */
typedef struct edge_slot {
	uint64_t key; /* from << 8 | byte */
	uint32_t to;
} edge_slot;

/* The bytes of a key differ in its low bits, which the table's slot
 * takes: the multiplication carries them up, the shift back down. */
static inline uint64_t edge_hash(uint64_t k)
{
	uint64_t h = k * 0x9E3779B97F4A7C15ull;

	return h ^ h >> 32;
}

static inline bool edge_eq(uint64_t a, uint64_t b)
{
	return a == b;
}

#define EDGE_KEY(e) ((e)->key)
PD_TABLE(edge_table, edge_slot, uint64_t, EDGE_KEY, edge_hash, edge_eq)

struct pd_multisearch {
	pd_arena *arena;
	node *nodes;
	size_t nnodes, nodes_cap;
	edge *edges;         /* each node's, chained: the walk that sets the
			      * failure links */
	size_t nedges, edges_cap;
	edge_table table;
};

static uint64_t edge_key(uint32_t from, unsigned char byte)
{
	return (uint64_t)from << 8 | byte;
}

/* The node reached from `from` by `byte`, or NONE. */
static uint32_t child(const pd_multisearch *m, uint32_t from,
		      unsigned char byte)
{
	const edge_slot *e = edge_table_get(&m->table, edge_key(from, byte));

	return e ? e->to : NONE;
}

static int new_node(pd_multisearch *m, uint32_t *out)
{
	if (m->nnodes >= NONE - 1)
		return PD_ENOMEM;
	if (PD_ARENA_GROW(m->arena, m->nodes, m->nnodes, m->nodes_cap) < 0)
		return PD_ENOMEM;
	m->nodes[m->nnodes].fail = 0;
	m->nodes[m->nnodes].min_id = NONE;
	m->nodes[m->nnodes].first_edge = NONE;
	*out = (uint32_t)m->nnodes++;
	return 0;
}

/* The edge from `from` by `byte`, to a new node (the table has its slot
 * already), chained to `from`'s. */
static int new_edge(pd_multisearch *m, uint32_t from, unsigned char byte,
		    uint32_t to)
{
	edge *e;

	if (PD_ARENA_GROW(m->arena, m->edges, m->nedges, m->edges_cap) < 0)
		return PD_ENOMEM;
	e = &m->edges[m->nedges];
	e->from = from;
	e->to = to;
	e->byte = byte;
	e->next = m->nodes[from].first_edge;
	m->nodes[from].first_edge = (uint32_t)m->nedges;
	m->nedges++;
	return 0;
}

pd_multisearch *pd_multisearch_new(pd_arena *arena)
{
	pd_multisearch *m = pd_arena_alloc(arena, sizeof(*m));
	uint32_t root;

	if (!m)
		return NULL;
	m->arena = arena;
	edge_table_init(&m->table, arena);
	if (new_node(m, &root) < 0)
		return NULL;
	return m;
}

int pd_multisearch_add(pd_multisearch *m, const char *pattern, size_t len,
		       uint32_t id)
{
	uint32_t at = 0, next;
	size_t i;
	int err;

	if (!len)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)pattern[i];
		edge_slot *slot;
		bool fresh;

		/* one probe: the edge's slot, found or made */
		if (!(slot = edge_table_put(&m->table, edge_key(at, b), &fresh)))
			return PD_ENOMEM;
		if (fresh) {
			slot->key = edge_key(at, b);
			if ((err = new_node(m, &next)) < 0) {
				edge_table_remove(&m->table, slot);
				return err;
			}
			slot->to = next;
			if ((err = new_edge(m, at, b, next)) < 0)
				return err;
		}
		at = slot->to;
	}
	if (id < m->nodes[at].min_id)
		m->nodes[at].min_id = id;
	return 0;
}

int pd_multisearch_build(pd_multisearch *m)
{
	uint32_t *queue, head = 0, tail = 0, e;

	queue = pd_arena_calloc(m->arena, m->nnodes, sizeof(*queue));
	if (!queue)
		return PD_ENOMEM;
	/* the root's children fail to the root */
	for (e = m->nodes[0].first_edge; e != NONE; e = m->edges[e].next) {
		m->nodes[m->edges[e].to].fail = 0;
		queue[tail++] = m->edges[e].to;
	}
	while (head < tail) {
		uint32_t at = queue[head++];

		for (e = m->nodes[at].first_edge; e != NONE;
		     e = m->edges[e].next) {
			const edge *ed = &m->edges[e];
			uint32_t f = m->nodes[at].fail, to;

			while ((to = child(m, f, ed->byte)) == NONE && f)
				f = m->nodes[f].fail;
			if (to == NONE || to == ed->to)
				to = 0;
			m->nodes[ed->to].fail = to;
			/* nodes are met shallowest first: `to` is final */
			if (m->nodes[to].min_id < m->nodes[ed->to].min_id)
				m->nodes[ed->to].min_id = m->nodes[to].min_id;
			queue[tail++] = ed->to;
		}
	}
	return 0;
}

int64_t pd_multisearch_min_id(const pd_multisearch *m, const char *s,
			      size_t len)
{
	uint32_t at = 0, best = NONE;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		uint32_t to;

		while ((to = child(m, at, b)) == NONE && at)
			at = m->nodes[at].fail;
		at = to == NONE ? 0 : to;
		if (m->nodes[at].min_id < best)
			best = m->nodes[at].min_id;
	}
	return best == NONE ? -1 : (int64_t)best;
}
