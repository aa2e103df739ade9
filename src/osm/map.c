/*
 * map.c - the sr_map_t object: options, freeing, feature labels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "osm/internal.h"

void osm_opts_init(osm_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	net_profile_init(&o->profile);
	o->fold = 1;
	o->max_depth = OSM_MAX_DEPTH_DEFAULT;
	o->max_attrs = OSM_MAX_ATTRS_DEFAULT;
	o->max_tags = OSM_MAX_TAGS_DEFAULT;
	o->max_way_nodes = OSM_MAX_WAY_NODES_DEFAULT;
	o->max_map_mb = OSM_MAX_MAP_MB_DEFAULT;
	o->keep_elements = 0;
}

void osm_features_free(osm_feature_t *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].name_ru);
		free(f[i].name_en);
		for (int k = 0; k < 3; k++)
			free(f[i].alt_names[k]);
	}
	free(f);
}

void osm_map_free(sr_map_t *m)
{
	if (!m)
		return;
	net_free(m->net);
	osm_features_free(m->places, m->n_places);
	osm_features_free(m->dests, m->n_dests);
	osm_features_free(m->others, m->n_others);
	osm_features_free(m->stops, m->n_stops);
	osm_features_free(m->named, m->n_named);
	osm_elements_clear(m->elems);
	free(m->elems);
	free(m->addrs);
	osm_addr_index_free(m->addr_index);
	free(m->path);
	free(m);
}

const char *osm_feature_label(const osm_feature_t *f, char *buf, size_t size)
{
	if (f->name)
		return f->name;
	if (f->name_ru)
		return f->name_ru;
	if (f->name_en)
		return f->name_en;
	snprintf(buf, size, "%c%lld", f->type, (long long)f->id);
	return buf;
}
