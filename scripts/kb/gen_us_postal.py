#!/usr/bin/env python3
"""United States postal localities for `sitrep kb extend --us-postal`, on stdout.

Reads the ZIP code table the PyPI package `zipcodes` ships (MIT; its coordinates are GeoNames'
postal code points, CC BY 4.0; the list of delivery ZIPs is the USPS's) and writes one row per
(locality, state): `name<TAB>state<TAB>lat<TAB>lon<TAB>county`, the point being the median of
the locality's standard ZIP codes (all of its ZIPs when it has no standard one) and the county
the one most of them lie in. Military, inactive and point-less ZIPs are left out. Sorted, so
the same package version gives the same bytes.

    python3 -m pip install zipcodes==3.0.0
    python3 scripts/kb/gen_us_postal.py > us-postal.tsv
"""
import collections
import re
import sys

import zipcodes


def main() -> None:
    groups = collections.defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("country") != "US" or not z.get("active"):
            continue
        if z.get("zip_code_type") not in ("STANDARD", "PO BOX", "UNIQUE"):
            continue
        if not z.get("lat") or not z.get("long") or not z.get("city") or not z.get("state"):
            continue
        # The table writes "Mcfaddin": the usual "McFaddin".
        city = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), z["city"].strip())
        groups[(city, z["state"].strip())].append(z)
    out = sys.stdout
    for (city, state), zs in sorted(groups.items()):
        std = [z for z in zs if z["zip_code_type"] == "STANDARD"] or zs
        lats = sorted(float(z["lat"]) for z in std)
        lons = sorted(float(z["long"]) for z in std)
        counties = collections.Counter(z.get("county") or "" for z in std)
        county = min(counties.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        mid = len(std) // 2
        out.write(f"{city}\t{state}\t{lats[mid]:.4f}\t{lons[mid]:.4f}\t{county}\n")


if __name__ == "__main__":
    main()
