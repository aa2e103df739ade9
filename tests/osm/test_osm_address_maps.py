#!/usr/bin/env python3
"""test_osm_address_maps.py LOOKUP MAP... - street addresses on the real
shared maps, picked and placed independently of schoolrun: this script reads
the OSM XML itself (ElementTree), places a node at itself and a way at its
area centroid (shoelace on a local equirectangular projection) or, when not
a closed ring with area, at its nodes' mean, and keeps the addresses whose
street and number occur once in the file. For a sample of them, written as
a coordinator would ("улица Маросейка 10/1 с1" as "ул. Маросейка, д. 10/1
стр. 1"; "Landstrasse 12, Schaan"), the lookup must give the same element
within 1 m. A street and number found in two places of different addr:city
more than 1 km apart must be an error naming both. Skips (77) when no map
is present."""
import gzip, math, os, re, subprocess, sys
import xml.etree.ElementTree as ET

def read(path):
    fh = gzip.open(path) if path.endswith(".gz") else open(path, "rb")
    nodes, addrs = {}, []
    for _, el in ET.iterparse(fh):
        if el.tag not in ("node", "way", "relation"):
            continue
        t = {x.get("k"): x.get("v") for x in el.findall("tag")}
        if el.tag == "node":
            nodes[el.get("id")] = (float(el.get("lat")), float(el.get("lon")))
            pt = nodes[el.get("id")]
        elif el.tag == "way":
            pts = [nodes[r.get("ref")] for r in el.findall("nd") if r.get("ref") in nodes]
            pt = centroid(pts)
        else:
            pt = None
        if "addr:housenumber" in t and "addr:street" in t:
            addrs.append((el.tag[0], el.get("id"), pt, t))
        el.clear()
    return addrs

def centroid(pts):
    if not pts:
        return None
    ring = pts[:-1] if len(pts) > 3 and pts[0] == pts[-1] else None
    mean = (sum(p[0] for p in pts[:-1] if ring) / len(ring) if ring else sum(p[0] for p in pts) / len(pts),
            sum(p[1] for p in pts[:-1] if ring) / len(ring) if ring else sum(p[1] for p in pts) / len(pts))
    if not ring:
        return mean
    la0, lo0 = ring[0]
    k = math.cos(math.radians(la0))
    xy = [((lo - lo0) * k, la - la0) for la, lo in ring]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(xy, xy[1:] + xy[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-14:
        return mean
    return (la0 + cy / (3 * a), lo0 + cx / (3 * a) / k)

def dist_m(p, q):
    dy = (p[0] - q[0]) * 111195.0
    dx = (p[1] - q[1]) * 111195.0 * math.cos(math.radians(p[0]))
    return math.hypot(dx, dy)

def written(street, hn, city):
    """The address as an office writes it."""
    m = re.match(r"^улица (.+)$", street) or re.match(r"^(.+) улица$", street)
    if m:
        h = re.sub(r" с(\d)", r" стр. \1", hn)
        h = re.sub(r" к(\d)", r" корп. \1", h)
        return f"ул. {m.group(1)}, д. {h}"
    return f"{street} {hn}, {city}" if city else f"{street} {hn}"

def main():
    lookup, maps = sys.argv[1], [m for m in sys.argv[2:] if os.path.exists(m)]
    if not maps:
        print("skip: none of the shared maps is present")
        return 77
    fails = checked = 0
    for path in maps:
        addrs = read(path)
        by = {}
        for a in addrs:
            by.setdefault((a[3]["addr:street"], a[3]["addr:housenumber"]), []).append(a)
        unique = [v[0] for k, v in sorted(by.items()) if len(v) == 1 and v[0][2] and v[0][0] != "r"
                  and re.fullmatch(r"\d+[^;,]*", k[1])]
        step = max(1, len(unique) // 40)
        sample = unique[::step][:40]
        twice = [v for k, v in sorted(by.items()) if len(v) == 2 and all(a[2] for a in v)
                 and v[0][3].get("addr:city") and v[1][3].get("addr:city")
                 and v[0][3]["addr:city"] != v[1][3]["addr:city"] and dist_m(v[0][2], v[1][2]) > 1000][:3]
        queries = [written(a[3]["addr:street"], a[3]["addr:housenumber"], a[3].get("addr:city")) for a in sample]
        queries += [f'{v[0][3]["addr:street"]} {v[0][3]["addr:housenumber"]}' for v in twice]
        out = subprocess.run([lookup, path], input="\n".join(queries) + "\n", capture_output=True,
                             text=True, check=True).stdout.splitlines()
        for q, a, got in zip(queries, sample, out):
            f = got.split(" ")
            ok = f[0] == "OK" and f[1] == a[0] + a[1] and dist_m((float(f[2]), float(f[3])), a[2]) < 1.0
            checked += 1
            if not ok:
                fails += 1
                print(f"FAIL {os.path.basename(path)}: '{q}' -> {got}; want {a[0]}{a[1]} at {a[2]}")
        for v, got in zip(twice, out[len(sample):]):
            checked += 1
            if not (got.startswith("ERR") and "ambiguous" in got and v[0][3]["addr:city"] in got
                    and v[1][3]["addr:city"] in got):
                fails += 1
                print(f"FAIL {os.path.basename(path)}: two places {v[0][1]}, {v[1][1]} -> {got}")
        print(f"{os.path.basename(path)}: {len(addrs)} addresses, {len(sample)} looked up, "
              f"{len(twice)} ambiguous pairs")
    print(f"{checked} checked, {fails} failed")
    return 1 if fails or checked == 0 else 0

sys.exit(main())
