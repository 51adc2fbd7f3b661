#include "extract/places/gazetteer.h"

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <set>

#include "common/resources.h"
#include "extract/places/fold.h"

namespace cronaca::places {

namespace {

constexpr std::string_view kDataHeader = "# cronaca-places 1";
// Folded names shorter than this are not indexed unless a person listed them.
constexpr uint16_t kMinLetters = 3;
constexpr size_t kDataColumns = 9;

uint64_t HashKey(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits a data line at tabs (empty fields kept).
void SplitTabs(std::string_view line, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields->push_back(line.substr(start));
      return;
    }
    fields->push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

// Splits a resource line into columns separated by a tab or by two or more
// spaces (so columns can be aligned by hand); single spaces stay inside names.
void SplitColumns(std::string_view line, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t pos = 0;
  size_t start = 0;
  while (pos < line.size()) {
    bool tab = line[pos] == '\t';
    bool double_space = line[pos] == ' ' && pos + 1 < line.size() && (line[pos + 1] == ' ' || line[pos + 1] == '\t');
    if (tab || double_space) {
      std::string_view field = TrimSpaces(line.substr(start, pos - start));
      if (!field.empty()) fields->push_back(field);
      while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
      start = pos;
      continue;
    }
    ++pos;
  }
  std::string_view field = TrimSpaces(line.substr(start));
  if (!field.empty()) fields->push_back(field);
}

template <typename T>
bool ParseNumber(std::string_view text, T* value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool ParseKind(std::string_view text, PlaceKind* kind) {
  static constexpr std::pair<std::string_view, PlaceKind> kKinds[] = {
      {"country", PlaceKind::kCountry}, {"region", PlaceKind::kRegion}, {"city", PlaceKind::kCity},
      {"area", PlaceKind::kArea},       {"site", PlaceKind::kSite}};
  for (const auto& [name, value] : kKinds) {
    if (text == name) {
      *kind = value;
      return true;
    }
  }
  return false;
}

bool IsAlpha3(std::string_view text) {
  return text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

const char* PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry: return "country";
    case PlaceKind::kRegion: return "region";
    case PlaceKind::kCity: return "city";
    case PlaceKind::kArea: return "area";
    case PlaceKind::kSite: return "site";
  }
  return "city";
}

const char* NameSourceName(NameSource source) {
  switch (source) {
    case NameSource::kCanonical: return "canonical";
    case NameSource::kEnglish: return "en";
    case NameSource::kItalian: return "it";
    case NameSource::kOther: return "any";
    case NameSource::kResource: return "resource";
    case NameSource::kArticleDropped: return "no-article";
  }
  return "canonical";
}

// Collects places and names, then freezes them into a Gazetteer.
class GazetteerBuilder {
 public:
  GazetteerBuilder() : gazetteer_(new Gazetteer()) {}

  Status ParseData(std::string_view data, const std::string& name) {
    size_t pos = 0;
    size_t line_no = 0;
    bool header_seen = false;
    std::vector<std::string_view> fields;
    std::vector<std::pair<uint32_t, std::string_view>> regions;  // place, region id
    while (pos < data.size()) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string_view::npos) nl = data.size();
      std::string_view line = data.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      auto error = [&](const std::string& why) {
        return Status(StatusCode::kResourceError, name + ":" + std::to_string(line_no) + ": " + why);
      };
      if (line_no == 1) {
        if (line != kDataHeader) {
          return error("expected the header '" + std::string(kDataHeader) +
                       "' (regenerate it with scripts/build_places.py)");
        }
        header_seen = true;
        continue;
      }
      if (line.empty() || line.front() == '#') continue;
      SplitTabs(line, &fields);
      if (fields.size() != kDataColumns) {
        return error("expected " + std::to_string(kDataColumns) + " tab-separated columns, got " +
                     std::to_string(fields.size()));
      }
      Place place;
      Status status = FillPlace(fields[0], fields[1], fields[2], fields[4], fields[5], fields[6], fields[7], &place);
      if (!status.ok()) return error(status.message());
      uint32_t index = 0;
      status = AddPlace(std::move(place), &index);
      if (!status.ok()) return error(status.message());
      if (!fields[3].empty()) regions.emplace_back(index, fields[3]);
      // Other names: "lang:name|lang:name".
      std::string_view names = fields[8];
      while (!names.empty()) {
        size_t bar = names.find('|');
        std::string_view item = names.substr(0, bar);
        names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
        size_t colon = item.find(':');
        if (colon == std::string_view::npos || colon == 0) return error("a name must be 'lang:name', got '" + std::string(item) + "'");
        std::string_view lang = item.substr(0, colon);
        NameSource source = lang == "en" ? NameSource::kEnglish
                            : lang == "it" ? NameSource::kItalian
                                           : NameSource::kOther;
        AddName(index, item.substr(colon + 1), source, 0, false);
      }
    }
    if (!header_seen) {
      return Status(StatusCode::kResourceError, name + ": empty file (regenerate it with scripts/build_places.py)");
    }
    for (const auto& [index, region_id] : regions) {
      uint32_t region = gazetteer_->FindPlace(region_id);
      if (region == kNoPlace) {
        return Status(StatusCode::kResourceError,
                      name + ": " + gazetteer_->places_[index].id + " lies in unknown region " + std::string(region_id));
      }
      gazetteer_->places_[index].region = region;
    }
    return Status::Ok();
  }

  Status ParseResources(std::string_view text, const std::string& name) {
    size_t pos = 0;
    size_t line_no = 0;
    std::vector<std::string_view> fields;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = TrimSpaces(text.substr(pos, nl - pos));
      pos = nl + 1;
      ++line_no;
      if (line.empty() || line.front() == '#') continue;
      auto error = [&](const std::string& why) {
        return Status(StatusCode::kResourceError, name + ":" + std::to_string(line_no) + ": " + why);
      };
      SplitColumns(line, &fields);
      std::string_view directive = fields[0];
      if (directive == "name" || directive == "drop") {
        if (fields.size() != 4) return error(std::string(directive) + " needs 3 columns: spelling, place id, canonical name");
        uint32_t index = gazetteer_->FindPlace(fields[2]);
        if (index == kNoPlace) return error("unknown place id '" + std::string(fields[2]) + "'");
        const Place& place = gazetteer_->places_[index];
        if (place.name != fields[3]) {
          return error("place " + place.id + " is called '" + place.name + "', not '" + std::string(fields[3]) + "'");
        }
        std::string key = Fold(fields[1]);
        if (key.empty()) return error("the spelling '" + std::string(fields[1]) + "' has no letters");
        if (directive == "name") {
          AddName(index, fields[1], NameSource::kResource, static_cast<uint32_t>(line_no), true);
        } else {
          drops_.emplace(std::move(key), index);
        }
      } else if (directive == "place") {
        // place  id  kind  country3|-  region|-  population  lat  lon  canonical
        if (fields.size() != 9) {
          return error("place needs 8 columns: id, kind, country (alpha-3 or -), region id or -, population, latitude, longitude, canonical name");
        }
        const bool country_id = fields[1].rfind("iso3166:", 0) == 0;
        if (fields[1].rfind("cronaca:", 0) != 0 && !(country_id && fields[2] == "country")) {
          return error("ids of added places start with 'cronaca:' (or 'iso3166:' for a country)");
        }
        Place place;
        Status status = FillPlace(fields[1], fields[2], fields[3] == "-" ? std::string_view() : fields[3],
                                  fields[5], fields[6], fields[7], fields[8], &place);
        if (!status.ok()) return error(status.message());
        if (fields[4] != "-") {
          place.region = gazetteer_->FindPlace(fields[4]);
          if (place.region == kNoPlace) return error("unknown region id '" + std::string(fields[4]) + "'");
        }
        uint32_t index = 0;
        status = AddPlace(std::move(place), &index);
        if (!status.ok()) return error(status.message());
        names_.back().entry.source = NameSource::kResource;
        names_.back().entry.line = static_cast<uint32_t>(line_no);
        names_.back().entry.curated = true;
      } else if (directive == "stopname") {
        if (fields.size() != 2) return error("stopname needs one column: the spelling that names no place by itself");
        std::string key = Fold(fields[1]);
        if (key.empty()) return error("the spelling '" + std::string(fields[1]) + "' has no letters");
        stopnames_.insert(std::move(key));
      } else if (directive == "article") {
        if (fields.size() != 2) return error("article needs one column: the article as written (\"L'\", \"Il\", \"The\")");
        std::string key = Fold(fields[1]);
        if (key.empty() || key.find(' ') != std::string::npos) return error("an article is one word");
        articles_.insert(std::move(key));
      } else {
        return error("unknown directive '" + std::string(directive) + "' (expected name, drop, place, stopname or article)");
      }
    }
    return Status::Ok();
  }

  std::unique_ptr<Gazetteer> Build() {
    AddArticleDroppedNames();
    // Drop what the resource file drops, then group by key.
    std::vector<PendingName> kept;
    kept.reserve(names_.size());
    for (PendingName& pending : names_) {
      if (!pending.entry.curated && drops_.count({pending.key, pending.entry.place})) continue;
      if (!pending.entry.curated && stopnames_.count(pending.key)) continue;
      if (pending.entry.letters < kMinLetters && !pending.entry.curated) continue;
      kept.push_back(std::move(pending));
    }
    names_.clear();
    std::sort(kept.begin(), kept.end(), [](const PendingName& a, const PendingName& b) {
      if (a.key != b.key) return a.key < b.key;
      if (a.entry.place != b.entry.place) return a.entry.place < b.entry.place;
      if (a.entry.curated != b.entry.curated) return a.entry.curated;  // curated first
      return a.entry.source < b.entry.source;
    });
    Gazetteer& g = *gazetteer_;
    // Count keys and prefixes to size the table.
    size_t distinct = 0;
    for (size_t i = 0; i < kept.size(); ++i) {
      if (i == 0 || kept[i].key != kept[i - 1].key) {
        ++distinct;
        distinct += static_cast<size_t>(std::count(kept[i].key.begin(), kept[i].key.end(), ' '));
      }
    }
    size_t capacity = 16;
    while (capacity < distinct * 2) capacity <<= 1;
    g.slots_.assign(capacity, Gazetteer::Slot{});
    g.entries_.reserve(kept.size());
    for (size_t i = 0; i < kept.size();) {
      size_t j = i;
      Gazetteer::Slot& slot = Insert(kept[i].key);
      slot.entry_begin = static_cast<uint32_t>(g.entries_.size());
      for (; j < kept.size() && kept[j].key == kept[i].key; ++j) {
        if (j > i && kept[j].entry.place == kept[j - 1].entry.place) continue;  // same place twice
        g.entries_.push_back(kept[j].entry);
      }
      slot.entry_end = static_cast<uint32_t>(g.entries_.size());
      ++g.key_count_;
      // Every word prefix knows that a longer name continues it.
      const std::string& key = kept[i].key;
      for (size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1)) {
        Insert(std::string_view(key).substr(0, space)).has_longer = true;
      }
      i = j;
    }
    return std::move(gazetteer_);
  }

 private:
  struct PendingName {
    std::string key;
    NameEntry entry;
  };

  Status FillPlace(std::string_view id, std::string_view kind, std::string_view country, std::string_view population,
                   std::string_view latitude, std::string_view longitude, std::string_view name, Place* place) {
    if (id.empty() || id.find(':') == std::string_view::npos) return Status(StatusCode::kResourceError, "bad place id '" + std::string(id) + "'");
    if (!ParseKind(kind, &place->kind)) {
      return Status(StatusCode::kResourceError, "unknown kind '" + std::string(kind) + "' (country, region, city, area, site)");
    }
    if (!country.empty() && !IsAlpha3(country)) {
      return Status(StatusCode::kResourceError, "country must be an ISO 3166-1 alpha-3 code, got '" + std::string(country) + "'");
    }
    if (!ParseNumber(population, &place->population) || place->population < 0) {
      return Status(StatusCode::kResourceError, "bad population '" + std::string(population) + "'");
    }
    if (!ParseNumber(latitude, &place->latitude) || place->latitude < -90 || place->latitude > 90 ||
        !ParseNumber(longitude, &place->longitude) || place->longitude < -180 || place->longitude > 180) {
      return Status(StatusCode::kResourceError, "bad coordinates '" + std::string(latitude) + "' '" + std::string(longitude) + "'");
    }
    if (name.empty()) return Status(StatusCode::kResourceError, "empty canonical name");
    place->id = std::string(id);
    place->name = std::string(name);
    place->country = std::string(country);
    return Status::Ok();
  }

  Status AddPlace(Place place, uint32_t* index) {
    Gazetteer& g = *gazetteer_;
    if (g.FindPlace(place.id) != kNoPlace) return Status(StatusCode::kResourceError, "duplicate place id " + place.id);
    *index = static_cast<uint32_t>(g.places_.size());
    // by_id_ keeps views into the ids: reserve so that pushing never moves
    // short strings stored inside the Place objects.
    if (g.places_.size() == g.places_.capacity()) {
      g.places_.reserve(std::max<size_t>(32768, g.places_.capacity() * 2));
      g.by_id_.clear();
      for (uint32_t i = 0; i < g.places_.size(); ++i) g.by_id_.emplace(g.places_[i].id, i);
    }
    g.places_.push_back(std::move(place));
    g.by_id_.emplace(g.places_.back().id, *index);
    AddName(*index, g.places_.back().name, NameSource::kCanonical, 0, false);
    return Status::Ok();
  }

  void AddName(uint32_t place, std::string_view spelling, NameSource source, uint32_t line, bool curated) {
    PendingName pending;
    FoldResult fold = FoldWords(spelling, &pending.key);
    if (fold.words == 0) return;
    Gazetteer& g = *gazetteer_;
    pending.entry.place = place;
    pending.entry.capital_mask = fold.capital_mask;
    pending.entry.display_begin = static_cast<uint32_t>(g.arena_.size());
    pending.entry.display_size = static_cast<uint32_t>(spelling.size());
    g.arena_.append(spelling);
    pending.entry.line = line;
    pending.entry.letters = static_cast<uint16_t>(std::min<uint32_t>(fold.letters, 0xFFFF));
    pending.entry.words = static_cast<uint8_t>(std::min<uint32_t>(fold.words, 0xFF));
    pending.entry.source = source;
    pending.entry.curated = curated;
    names_.push_back(std::move(pending));
  }

  // "L'Aia" is also written "Aia" after an elided preposition ("dell'Aia"),
  // "Il Cairo" as "Cairo" ("al Cairo"), "The Hague" as "Hague".
  void AddArticleDroppedNames() {
    if (articles_.empty()) return;
    size_t original = names_.size();
    for (size_t i = 0; i < original; ++i) {
      const std::string& key = names_[i].key;
      size_t space = key.find(' ');
      if (space == std::string::npos) continue;
      if (!articles_.count(key.substr(0, space))) continue;
      PendingName dropped = names_[i];
      dropped.key = key.substr(space + 1);
      dropped.entry.capital_mask >>= 1;
      dropped.entry.words = static_cast<uint8_t>(dropped.entry.words - 1);
      dropped.entry.letters = static_cast<uint16_t>(dropped.entry.letters - (space));
      dropped.entry.source = NameSource::kArticleDropped;
      // The display spelling keeps the article: it says which name was meant.
      names_.push_back(std::move(dropped));
    }
  }

  Gazetteer::Slot& Insert(std::string_view key) {
    Gazetteer& g = *gazetteer_;
    uint64_t hash = HashKey(key);
    size_t mask = g.slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Gazetteer::Slot& slot = g.slots_[i];
      if (slot.key_size == 0) {
        slot.hash = hash;
        slot.key_begin = static_cast<uint32_t>(g.keys_.size());
        slot.key_size = static_cast<uint32_t>(key.size());
        g.keys_.append(key);
        return slot;
      }
      if (slot.hash == hash && std::string_view(g.keys_).substr(slot.key_begin, slot.key_size) == key) return slot;
    }
  }

  std::unique_ptr<Gazetteer> gazetteer_;
  std::vector<PendingName> names_;
  std::set<std::pair<std::string, uint32_t>> drops_;
  std::set<std::string> articles_;
  std::set<std::string> stopnames_;
};

NameMatch Gazetteer::Find(std::string_view key) const {
  NameMatch match;
  if (slots_.empty() || key.empty()) return match;
  uint64_t hash = HashKey(key);
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key_size == 0) return match;
    if (slot.hash == hash && std::string_view(keys_).substr(slot.key_begin, slot.key_size) == key) {
      match.entries = std::span<const NameEntry>(entries_.data() + slot.entry_begin, slot.entry_end - slot.entry_begin);
      match.has_longer = slot.has_longer;
      return match;
    }
  }
}

uint32_t Gazetteer::FindPlace(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? kNoPlace : it->second;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::Parse(std::string_view data, const std::string& data_name,
                                                    std::string_view resources, const std::string& resources_name) {
  GazetteerBuilder builder;
  CRONACA_RETURN_IF_ERROR(builder.ParseData(data, data_name));
  CRONACA_RETURN_IF_ERROR(builder.ParseResources(resources, resources_name));
  return builder.Build();
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::filesystem::path& data_file,
                                                   const std::filesystem::path& resource_file) {
  Result<std::string> data = ReadFile(data_file);
  if (!data.ok()) {
    return Status(StatusCode::kResourceError,
                  data.status().message() + " (the places table is generated by scripts/setup)");
  }
  Result<std::string> resources = ReadFile(resource_file);
  if (!resources.ok()) return Status(StatusCode::kResourceError, resources.status().message());
  return Parse(*data, data_file.string(), *resources, resource_file.string());
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Default() {
  static std::mutex mutex;
  static std::shared_ptr<const Gazetteer> loaded;
  static Status failure;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded) return loaded;
  if (!failure.ok()) return failure;
  Result<std::unique_ptr<Gazetteer>> gazetteer =
      Load(DataDir() / "places.tsv", ResourceDir() / "places" / "gazetteer.txt");
  if (!gazetteer.ok()) {
    failure = gazetteer.status();
    return failure;
  }
  loaded = std::shared_ptr<const Gazetteer>(std::move(*gazetteer));
  return loaded;
}

}  // namespace cronaca::places
