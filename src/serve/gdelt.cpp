#include "serve/gdelt.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace cronaca {

namespace {

constexpr const char* kHeader[GdeltWriter::kColumns] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL"};

bool IsUpper3(const std::string& code) {
  return code.size() >= 3 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' &&
         code[2] >= 'A' && code[2] <= 'Z';
}

// Fixed organisation codes are not countries (NATO, EU, UN, ...).
bool IsOrganisation(const std::string& code) {
  static const char* kOrgs[] = {"NATO", "EU", "UN", "IAEA", "WHO", "IMF", "AU", "OPEC", "ICC", "IGO", "NGO"};
  for (const char* org : kOrgs) {
    if (code == org) return true;
  }
  return false;
}

// The 10 actor columns for a code and a name.
void ActorColumns(const std::string& code, const std::string& name, std::vector<std::string>* row) {
  bool org = IsOrganisation(code) || code.size() == 2;
  row->push_back(code);
  std::string upper = name;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  row->push_back(upper);
  row->push_back(!org && IsUpper3(code) ? code.substr(0, 3) : "");
  row->push_back(org ? code : "");
  row->push_back("");  // ethnic
  row->push_back("");  // religion 1
  row->push_back("");  // religion 2
  row->push_back(!org && code.size() > 3 ? code.substr(3, 3) : "");
  row->push_back("");
  row->push_back("");
}

void GeoColumns(const PlaceMention* place, std::vector<std::string>* row) {
  if (!place) {
    row->insert(row->end(), 8, "");
    return;
  }
  // GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
  std::string type = place->kind == "country" ? "1" : place->kind == "region" ? "5" : "4";
  char lat[32], lon[32];
  std::snprintf(lat, sizeof lat, "%.4f", place->latitude);
  std::snprintf(lon, sizeof lon, "%.4f", place->longitude);
  row->push_back(type);
  row->push_back(place->name);
  row->push_back(place->country);
  row->push_back("");
  row->push_back("");
  row->push_back(lat);
  row->push_back(lon);
  row->push_back(place->place);
}

std::string Now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", std::gmtime(&t));
  return buf;
}

}  // namespace

GdeltWriter::GdeltWriter(std::ostream* out, bool header) : out_(out) {
  if (!header) return;
  for (int i = 0; i < kColumns; ++i) *out_ << (i ? "\t" : "") << kHeader[i];
  *out_ << '\n';
}

size_t GdeltWriter::Write(const Document& doc, const std::vector<StoryEvent>* story_events) {
  const Extractions& ex = doc.extractions();
  const std::string added = Now();
  size_t written = 0;
  for (size_t event_index = 0; event_index < ex.events.size(); ++event_index) {
    const Event& e = ex.events[event_index];
    if (e.modality & kModalityNegated) continue;  // a refusal is coded as such; a negated act is no event
    // Date: the event's own day, else the publication date.
    std::optional<PartialDate> date = PartialDate::Parse(e.date);
    if (!date || date->precision() != DatePrecision::kDay) {
      if (doc.metadata().has_date) date = doc.metadata().date;
    }
    std::vector<std::string> row;
    row.reserve(kColumns);
    row.push_back(std::to_string(next_id_++));
    if (date) {
      char sql[16], month_year[16], year[8], fraction[16];
      int month = date->month() ? date->month() : 1;
      int day = date->day() ? date->day() : 1;
      std::snprintf(sql, sizeof sql, "%04d%02d%02d", date->year(), month, day);
      std::snprintf(month_year, sizeof month_year, "%04d%02d", date->year(), month);
      std::snprintf(year, sizeof year, "%04d", date->year());
      double frac = date->year() + ((month - 1) * 30.4375 + day) / 365.25;
      std::snprintf(fraction, sizeof fraction, "%.4f", frac);
      row.insert(row.end(), {sql, month_year, year, fraction});
    } else {
      row.insert(row.end(), 4, "");
    }
    const Mention* source = e.source_mention < ex.mentions.size() ? &ex.mentions[e.source_mention] : nullptr;
    const Mention* target = e.target_mention < ex.mentions.size() ? &ex.mentions[e.target_mention] : nullptr;
    ActorColumns(e.source, source ? source->name : "", &row);
    ActorColumns(e.target, target ? target->name : "", &row);
    bool root = e.sentence < doc.sentences().size() && doc.sentences()[e.sentence].paragraph == 0;
    row.push_back(root ? "1" : "0");
    row.push_back(e.code);
    row.push_back(e.code.substr(0, 3));
    row.push_back(e.code.substr(0, 2));
    row.push_back(std::to_string(e.quad_class));
    char goldstein[16];
    std::snprintf(goldstein, sizeof goldstein, "%.1f", e.goldstein);
    row.push_back(goldstein);
    // NumMentions, NumSources, NumArticles: the story event this one was merged into.
    size_t mentions = 1, sources = 1, articles = 1;
    if (story_events != nullptr) {
      for (const StoryEvent& se : *story_events) {
        bool found = false;
        for (const StoryEventMention& m : se.mentions) {
          if (m.document == doc.id() && m.event == event_index) found = true;
        }
        if (found) {
          mentions = se.mentions.size();
          sources = std::max<size_t>(1, se.n_sources);
          articles = std::max<size_t>(1, se.n_documents);
          break;
        }
      }
    }
    row.insert(row.end(), {std::to_string(mentions), std::to_string(sources), std::to_string(articles), ""});
    // Geography: the place of the event when known; actors' own places are
    // not tracked separately yet.
    const PlaceMention* action = nullptr;
    for (const PlaceMention& p : ex.places) {
      if (!e.place.empty() && p.place == e.place) {
        action = &p;
        break;
      }
    }
    GeoColumns(nullptr, &row);
    GeoColumns(nullptr, &row);
    GeoColumns(action, &row);
    row.push_back(added);
    row.push_back(doc.metadata().url.empty() ? "cronaca:" + doc.id() : doc.metadata().url);
    for (size_t i = 0; i < row.size(); ++i) {
      std::string cell = row[i];
      for (char& c : cell) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      }
      *out_ << (i ? "\t" : "") << cell;
    }
    *out_ << '\n';
    ++written;
  }
  return written;
}

}  // namespace cronaca
