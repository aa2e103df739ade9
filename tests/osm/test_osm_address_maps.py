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
more than 1 km apart must be an error naming both. A street's first
adjective abbreviated ("Б. Златоустинский пер., д. 5", "ул. М. Лубянка")
must give the element of the full name when one street of the map fits it,
an error naming each street otherwise. Skips (77) when no map is present."""
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

# Adjectives of street names as offices shorten them (with the dot).
ABBR = {"Большой": ("Б.", "Бол."), "Большая": ("Б.", "Бол."), "Малый": ("М.", "Мал."),
        "Малая": ("М.", "Мал."), "Средний": ("Ср.",), "Нижний": ("Ниж.", "Н."),
        "Верхний": ("Верх.", "В."), "Старый": ("Ст.",), "Новый": ("Нов.",)}
KINDS = {"переулок": "пер.", "улица": "ул."}

def abbreviated(street, hn, streets):
    """(query, streets it may be) for each abbreviation of street's first
    adjective: "Большой Златоустинский переулок" 5 as "Б. Златоустинский
    пер., д. 5"; the streets are those of the map (same kind word, same
    other words, a first word the abbreviation begins)."""
    w = street.split()
    kinds = [x for x in w if x in KINDS]
    rest = [x for x in w if x not in KINDS]
    if len(kinds) != 1 or not rest or rest[0] not in ABBR:
        return []
    out = []
    for ab in ABBR[rest[0]]:
        name = " ".join([ab] + rest[1:])
        h = re.sub(r" с(\d)", r" стр. \1", hn)
        q = f"{name} {KINDS[kinds[0]]}, д. {h}" if w[-1] == kinds[0] else f"{KINDS[kinds[0]]} {name}, д. {h}"
        pre = ab.rstrip(".").lower()
        may = sorted(s for s in streets if kinds[0] in s.split() and
                     [x for x in s.split() if x not in KINDS][1:] == rest[1:] and
                     [x for x in s.split() if x not in KINDS][0].lower().startswith(pre))
        out.append((q, may))
    return out

def check_abbreviated(lookup, path, addrs, by):
    """Abbreviated adjectives: the element of the full name when one street
    of the map fits, an error naming each that fits otherwise."""
    streets = {a[3]["addr:street"] for a in addrs}
    cases = []
    for (street, hn), v in sorted(by.items()):
        if len(v) == 1 and v[0][0] != "r" and re.fullmatch(r"\d+[^;,]*", hn):
            cases += [(q, may, v[0]) for q, may in abbreviated(street, hn, streets)]
    cases = cases[::max(1, len(cases) // 30)][:30]
    out = subprocess.run([lookup, path], input="".join(c[0] + "\n" for c in cases),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    fails = 0
    for (q, may, a), got in zip(cases, out):
        f = got.split(" ")
        ok = (f[0] == "OK" and f[1] == a[0] + a[1]) if len(may) == 1 else \
            (got.startswith("ERR") and "ambiguous" in got and all(s in got for s in may))
        if not ok:
            fails += 1
            print(f"FAIL {os.path.basename(path)}: '{q}' -> {got}; want {a[0]}{a[1]} of {may}")
    if cases:
        print(f"{os.path.basename(path)}: {len(cases)} abbreviated ({sum(len(c[1]) > 1 for c in cases)} "
              f"of several streets): {cases[0][0]} ...")
    return len(cases), fails

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
        n, f = check_abbreviated(lookup, path, addrs, by)
        checked += n
        fails += f
        print(f"{os.path.basename(path)}: {len(addrs)} addresses, {len(sample)} looked up, "
              f"{len(twice)} ambiguous pairs")
    print(f"{checked} checked, {fails} failed")
    return 1 if fails or checked == 0 else 0

sys.exit(main())
