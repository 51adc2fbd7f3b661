#!/usr/bin/env python3
"""Builds data/places.tsv, the gazetteer of extract/places, from Debian packages.

Sources (all installed by scripts/setup, nothing is downloaded):
  libgeonames0        the GeoNames "cities15000" table compiled into the
                      library as a GResource (24,361 places with at least
                      15,000 inhabitants: GeoNames id, name, first-level
                      region, country, population, coordinates). GeoNames
                      data, CC BY 4.0 (see /usr/share/doc/libgeonames-common/
                      copyright). Only the data is read; the library is
                      never linked.
  libgeonames-common  gettext catalogues translating those names: keyed by
                      GeoNames id (cities), "CC.admin1" (regions) and
                      "CC" (countries). We read Italian and English.
  iso-codes           ISO 3166-1 alpha-2 -> alpha-3, English common names
                      and their Italian translations.
  libglib2.0-bin      `gresource`, to take the table out of the library.

Output: data/places.tsv, one place a line, tab-separated (the format is
checked by src/extract/places/gazetteer.cpp):

  id  kind  country3  region  population  latitude  longitude  name  names

  id          geonames:<id> (cities), geonames-admin1:<CC>.<code> (regions),
              iso3166:<alpha-3> (countries)
  kind        city | region | country
  country3    ISO 3166-1 alpha-3 ("XKX" for Kosovo, which has no ISO code)
  region      the region id of a city ("geonames-admin1:IT.09"), else ""
  population  inhabitants; for regions and countries the sum over their
              cities in the source (so an underestimate)
  latitude, longitude
              decimal degrees; for regions and countries the population-
              weighted centre of their cities in the source
  name        canonical (English) name
  names       other names, "|"-separated, each "<lang>:<name>" (lang "it",
              "en", or "*" for a name that is the same in every language)

Run: scripts/build_places.py [OUTPUT]  (default data/places.tsv). It takes
about a second; scripts/setup runs it when the output is missing or older
than this script.
"""

import gettext
import glob
import json
import os
import struct
import subprocess
import sys

FORMAT_VERSION = 1
RESOURCE = "/com/lomiri/geonames/cities.compiled"
LOCALE_DIR = "/usr/share/locale"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
# Kosovo has a GeoNames code but no ISO 3166 one; XKX is the usual stand-in.
EXTRA_ALPHA3 = {"XK": "XKX"}
# Suffixes and prefixes of GeoNames region names that news leaves out:
# "Lviv Oblast" is also written "Lviv", "Canton of Geneva" "Geneva".
REGION_SUFFIXES = [" Region", " Governorate", " Province", " Oblast", " Oblast'",
                   " Oblast’", " District", " Prefecture", " Krai", " Voivodeship",
                   " County", " State", " Emirate"]
REGION_PREFIXES = ["Canton of ", "Province of ", "State of ", "Region of "]


def fail(message):
    sys.stderr.write("build_places: error: " + message + "\n")
    sys.exit(1)


# --- GVariant a(sssssssudd) -------------------------------------------------
# The table is a serialised GVariant array of tuples
#   (id, name, admin1 code, admin1 name, country code, country name,
#    time zone, population u32, latitude double, longitude double).
# Serialisation rules (GVariant specification, "Serialisation"): an array of
# variable-size elements stores the elements back to back (each aligned to
# the element alignment, here 8 because of the doubles), then one framing
# offset per element (its end); a tuple stores its members in order with
# their alignment, then the end offsets of its variable-size members except
# the last member, in reverse order. Offsets are 1, 2, 4 or 8 bytes wide,
# the smallest width that can address the container.

def offset_size(size):
    if size == 0:
        return 0
    if size <= 0xFF:
        return 1
    if size <= 0xFFFF:
        return 2
    if size <= 0xFFFFFFFF:
        return 4
    return 8


def read_offset(data, pos, width):
    return int.from_bytes(data[pos:pos + width], "little")


def align(pos, alignment):
    return (pos + alignment - 1) // alignment * alignment


def parse_tuple(data):
    width = offset_size(len(data))
    strings = []
    start = 0
    for index in range(7):
        end = read_offset(data, len(data) - width * (index + 1), width)
        raw = data[start:end]
        if not raw.endswith(b"\0"):
            fail("malformed GVariant string in the cities table")
        strings.append(raw[:-1].decode("utf-8"))
        start = end
    pos = align(start, 4)
    population = struct.unpack_from("<I", data, pos)[0]
    pos = align(pos + 4, 8)
    latitude, longitude = struct.unpack_from("<dd", data, pos)
    return strings + [population, latitude, longitude]


def parse_array(data):
    width = offset_size(len(data))
    table_start = read_offset(data, len(data) - width, width)
    count = (len(data) - table_start) // width
    rows = []
    start = 0
    for index in range(count):
        end = read_offset(data, table_start + index * width, width)
        rows.append(parse_tuple(data[start:end]))
        start = align(end, 8)
    return rows


def load_cities():
    libraries = sorted(glob.glob("/usr/lib/*/libgeonames.so.0")) + sorted(glob.glob("/usr/lib/libgeonames.so.0"))
    if not libraries:
        fail("libgeonames.so.0 not found: install the Debian package libgeonames0")
    try:
        data = subprocess.run(["gresource", "extract", libraries[0], RESOURCE],
                              check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        fail("cannot extract %s from %s (%s): install libglib2.0-bin" % (RESOURCE, libraries[0], error))
    rows = parse_array(data)
    if len(rows) < 10000:
        fail("only %d cities in %s" % (len(rows), libraries[0]))
    return rows


def load_catalogue(lang, domain):
    path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", domain + ".mo")
    try:
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)._catalog
    except OSError as error:
        fail("cannot read %s (%s)" % (path, error))


def clean(name):
    name = " ".join(name.split())
    if "|" in name or "\t" in name:
        fail("name with a reserved character: %r" % name)
    return name


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "places.tsv")
    cities = load_cities()
    geonames_it = load_catalogue("it", "geonames")
    geonames_en = load_catalogue("en", "geonames")
    iso_it = load_catalogue("it", "iso_3166-1")
    with open(ISO_JSON, encoding="utf-8") as handle:
        iso = {entry["alpha_2"]: entry for entry in json.load(handle)["3166-1"]}

    # Aggregate regions and countries from their cities.
    regions = {}    # "CC.code" -> [name, country2, pop, lat*pop, lon*pop]
    countries = {}  # "CC" -> [name, pop, lat*pop, lon*pop]
    for (gid, name, admin1, admin1_name, country2, country_name, _tz,
         population, latitude, longitude) in cities:
        weight = max(population, 1)
        country = countries.setdefault(country2, [country_name, 0, 0.0, 0.0, 0])
        country[1] += population
        country[2] += latitude * weight
        country[3] += longitude * weight
        country[4] += weight
        if admin1 and admin1 != "00" and admin1_name:
            region = regions.setdefault(country2 + "." + admin1,
                                        [admin1_name, country2, 0, 0.0, 0.0, 0])
            region[2] += population
            region[3] += latitude * weight
            region[4] += longitude * weight
            region[5] += weight

    def alpha3(country2):
        if country2 in EXTRA_ALPHA3:
            return EXTRA_ALPHA3[country2]
        if country2 not in iso:
            fail("country code %s is not in iso-codes" % country2)
        return iso[country2]["alpha_3"]

    def names_field(canonical, pairs):
        seen = {canonical}
        out = []
        for lang, name in pairs:
            if not name:
                continue
            name = clean(name)
            if name in seen:
                continue
            seen.add(name)
            out.append(lang + ":" + name)
        return "|".join(out)

    lines = []
    for code, (name, population, lat_sum, lon_sum, weight) in sorted(countries.items()):
        entry = iso.get(code, {})
        pairs = [("en", geonames_en.get(code)), ("it", geonames_it.get(code)),
                 ("en", entry.get("common_name"))]
        for key in ("common_name", "name"):
            english = entry.get(key)
            if english and "," not in english and "(" not in english:
                pairs.append(("en", english))
                pairs.append(("it", iso_it.get(english)))
        pairs = [(lang, value) for lang, value in pairs
                 if value and "," not in value and "(" not in value]
        iso_name = entry.get("name", "")
        if "," in iso_name or "(" in iso_name:
            iso_name = ""
        # The ISO common name if there is one, else the shorter of the ISO and
        # GeoNames names ("Russia", not "Russian Federation").
        shortest = min([n for n in (iso_name, geonames_en.get(code), name) if n], key=len)
        canonical = clean(entry.get("common_name") or shortest)
        lines.append("\t".join([
            "iso3166:" + alpha3(code), "country", alpha3(code), "", str(population),
            "%.5f" % (lat_sum / weight), "%.5f" % (lon_sum / weight), canonical,
            names_field(canonical, [("en", name)] + pairs)]))

    for key, (name, country2, population, lat_sum, lon_sum, weight) in sorted(regions.items()):
        canonical = clean(geonames_en.get(key) or name)
        pairs = [("en", name), ("it", geonames_it.get(key))]
        for variant in (canonical, geonames_it.get(key) or ""):
            for suffix in REGION_SUFFIXES:
                if variant.endswith(suffix) and len(variant) > len(suffix) + 2:
                    pairs.append(("*", variant[:-len(suffix)]))
            for prefix in REGION_PREFIXES:
                if variant.startswith(prefix) and len(variant) > len(prefix) + 2:
                    pairs.append(("*", variant[len(prefix):]))
        lines.append("\t".join([
            "geonames-admin1:" + key, "region", alpha3(country2), "", str(population),
            "%.5f" % (lat_sum / weight), "%.5f" % (lon_sum / weight), canonical,
            names_field(canonical, pairs)]))

    for (gid, name, admin1, _admin1_name, country2, _country_name, _tz,
         population, latitude, longitude) in cities:
        region_key = country2 + "." + admin1
        region = "geonames-admin1:" + region_key if region_key in regions else ""
        canonical = clean(geonames_en.get(gid) or name)
        lines.append("\t".join([
            "geonames:" + gid, "city", alpha3(country2), region, str(population),
            "%.5f" % latitude, "%.5f" % longitude, canonical,
            names_field(canonical, [("en", name), ("it", geonames_it.get(gid))])]))

    temporary = output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write("# cronaca-places %d\n" % FORMAT_VERSION)
        handle.write("# Generated by scripts/build_places.py from the Debian packages libgeonames0,\n"
                     "# libgeonames-common (GeoNames data, CC BY 4.0, https://www.geonames.org)\n"
                     "# and iso-codes. Do not edit: add names in resources/places/ instead.\n"
                     "# id\tkind\tcountry3\tregion\tpopulation\tlatitude\tlongitude\tname\tnames\n")
        handle.write("\n".join(lines))
        handle.write("\n")
    os.replace(temporary, output)
    print("build_places: %d countries, %d regions, %d cities -> %s"
          % (len(countries), len(regions), len(cities), output))


if __name__ == "__main__":
    main()
