/*
 * scc.c - strongly connected components of the road graph.
 *
 * Tarjan's algorithm (R. E. Tarjan, "Depth-first search and linear graph
 * algorithms", SIAM J. Comput. 1972), written iteratively with an explicit
 * frame stack (node, next out-edge) so that long road chains cannot overflow
 * the C stack. Component ids are given in the order Tarjan completes them,
 * so they depend only on the graph.
 */
#include <stdlib.h>
#include "schoolrun/network.h"

#define UNSEEN UINT32_MAX

void net_compute_scc(sr_network_t *net)
{
	uint32_t n = net->n_nodes;
	free(net->comp);
	net->comp = xcalloc((size_t)n + 1, sizeof(uint32_t));
	net->n_comps = 0;
	net->largest_comp = 0;
	net->largest_comp_size = 0;
	if (n == 0)
		return;

	uint32_t *index = xmalloc((size_t)n * sizeof(uint32_t));
	uint32_t *low = xmalloc((size_t)n * sizeof(uint32_t));
	uint8_t *on_stack = xcalloc(n, 1);
	uint32_t *stack = xmalloc((size_t)n * sizeof(uint32_t));
	uint32_t *frame_v = xmalloc((size_t)n * sizeof(uint32_t));
	uint32_t *frame_e = xmalloc((size_t)n * sizeof(uint32_t));
	uint32_t sp = 0, fp = 0, next_index = 0;

	for (uint32_t v = 0; v < n; v++)
		index[v] = UNSEEN;

	for (uint32_t root = 0; root < n; root++) {
		if (index[root] != UNSEEN)
			continue;
		index[root] = low[root] = next_index++;
		stack[sp++] = root;
		on_stack[root] = 1;
		frame_v[fp] = root;
		frame_e[fp] = net->first_out[root];
		fp++;
		while (fp > 0) {
			uint32_t v = frame_v[fp - 1];
			uint32_t e = frame_e[fp - 1];
			if (e < net->first_out[v + 1]) {
				frame_e[fp - 1] = e + 1;
				uint32_t w = net->head[e];
				if (index[w] == UNSEEN) {
					index[w] = low[w] = next_index++;
					stack[sp++] = w;
					on_stack[w] = 1;
					frame_v[fp] = w;
					frame_e[fp] = net->first_out[w];
					fp++;
				} else if (on_stack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			/* v is finished */
			if (low[v] == index[v]) {
				uint32_t c = net->n_comps++, size = 0, w;
				do {
					w = stack[--sp];
					on_stack[w] = 0;
					net->comp[w] = c;
					size++;
				} while (w != v);
				if (size > net->largest_comp_size) {
					net->largest_comp_size = size;
					net->largest_comp = c;
				}
			}
			fp--;
			if (fp > 0) {
				uint32_t u = frame_v[fp - 1];
				if (low[v] < low[u])
					low[u] = low[v];
			}
		}
	}
	free(index);
	free(low);
	free(on_stack);
	free(stack);
	free(frame_v);
	free(frame_e);
}
