// Events in the column layout of the GDELT 2.0 event table, for tools that
// already read GDELT.
//
//   GdeltWriter writer(&out, /*header=*/false);
//   for (each stored document) writer.Write(doc, &merged_events_of_its_story);
//
// One tab-separated line per event, the 61 columns of GDELT 2.0 in their
// order (GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate, Actor1...,
// Actor2..., IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass,
// GoldsteinScale, NumMentions, NumSources, NumArticles, AvgTone,
// Actor1Geo..., Actor2Geo..., ActionGeo..., DATEADDED, SOURCEURL).
// What differs from GDELT, on purpose:
//   - country codes in the *CountryCode and *Geo_CountryCode columns are ISO
//     3166-1 alpha-3 (as in cronaca's actor codes), not FIPS 10-4;
//   - SQLDATE is the event's own date when the text gives a day, else the
//     publication date; a partial date is completed with 01 (MonthYear and
//     Year stay exact);
//   - NumMentions/NumSources/NumArticles come from the story event the
//     event was merged into (link/story_events.h: its mentions, its distinct
//     known sources, at least 1, and its documents) when the caller passes
//     the story's merged events; else 1. AvgTone is empty (not computed);
//   - SOURCEURL is the document's url, or "cronaca:<id>" when it has none.
// Columns cronaca does not know are left empty.
//
// Not thread-safe (numbers events in order).
#pragma once

#include <ostream>

#include <vector>

#include "common/document.h"
#include "link/story_events.h"

namespace cronaca {

class GdeltWriter {
 public:
  static constexpr int kColumns = 61;

  GdeltWriter(std::ostream* out, bool header);
  // Writes one line per event of `doc`; returns how many. `story_events`,
  // when given, are the merged events of the document's story (they count
  // the reports of each event); nullptr: every count is 1.
  size_t Write(const Document& doc, const std::vector<StoryEvent>* story_events = nullptr);

 private:
  std::ostream* out_;
  uint64_t next_id_ = 1;
};

}  // namespace cronaca
