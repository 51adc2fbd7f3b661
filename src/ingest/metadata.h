// Metadata lines at the start of an article.
//
// Articles saved as text often begin with a header block:
//
//   title: Telefonata Putin-Trump
//   source: Gazzetta del Mattino
//   date: 2025-07-04
//   url: https://example.org/a
//   <blank line>
//   Il presidente russo ...
//
// Keys (case-insensitive, Italian aliases accepted): title/titolo,
// source/fonte, date/data, url/link, lang/lingua. The separator is ':' or
// whitespace. Scrapers also leave a header glued to the first line of the
// body ("date 2025-07 \" Scusate, ma ..."): that inline form is read as
// metadata too, removed from the body, and reported as scraping damage.
//
// ParseHeader never fails: what is not a header line is body.
#pragma once

#include <string_view>

#include "common/document.h"

namespace cronaca {

struct HeaderParse {
  Span body;                 // the body within the text (after the header)
  Metadata metadata;         // fields found (empty strings if absent)
  bool leaked_inline = false;
  Span leaked_span;          // the inline header, when leaked_inline
  bool bad_date = false;     // a date key whose value is not a date
};

// Parses the header of `text`, whose bytes [begin, end) are to be read.
HeaderParse ParseHeader(std::string_view text, Span range);

}  // namespace cronaca
