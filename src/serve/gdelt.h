// Events in the column layout of the GDELT 2.0 event table, for tools that
// already read GDELT.
//
//   GdeltWriter writer(&out, /*header=*/false);
//   for (each stored document) writer.Write(doc);
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
//   - NumMentions/NumSources/NumArticles are 1 per document until story
//     linking merges reports; AvgTone is empty (not computed);
//   - SOURCEURL is the document's url, or "cronaca:<id>" when it has none.
// Columns cronaca does not know are left empty.
//
// Not thread-safe (numbers events in order).
#pragma once

#include <ostream>

#include "common/document.h"

namespace cronaca {

class GdeltWriter {
 public:
  static constexpr int kColumns = 61;

  GdeltWriter(std::ostream* out, bool header);
  // Writes one line per event of `doc`; returns how many.
  size_t Write(const Document& doc);

 private:
  std::ostream* out_;
  uint64_t next_id_ = 1;
};

}  // namespace cronaca
