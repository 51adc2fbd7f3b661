// Reading the line-based resource tables (resources/<lang>/*.txt).
//
// Most tables share one shape: '#' starts a comment line, blank lines are
// ignored, and each other line is "key = value", where a value may list
// several items separated by " | ". These helpers read that shape once for
// every loader, with errors that name the file and line:
//
//   Status s = ForEachKeyValue(text, path, [&](std::string_view key,
//                                              std::string_view value,
//                                              size_t line_no) -> Status {
//     if (key == "negation") { for (auto& w : SplitValues(value)) ...; return Status::Ok(); }
//     return LineError(path, line_no, "unknown key '" + std::string(key) + "'");
//   });
//
// Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cronaca {

// Strips spaces, tabs and carriage returns at both ends.
std::string_view TrimBlanks(std::string_view s);

// "a | b |c" -> {"a", "b", "c"}: items trimmed, empty items dropped.
std::vector<std::string> SplitValues(std::string_view value, char separator = '|');

// Words separated by spaces or tabs, as views into `s` (no empty words).
std::vector<std::string_view> SplitWords(std::string_view s);

// kResourceError "file:line: why".
Status LineError(const std::string& file, size_t line_no, const std::string& why);

// Calls fn(line, line_no) for every line that is neither blank nor a comment
// (trimmed; line numbers start at 1). Stops at the first error fn returns.
template <typename Fn>
Status ForEachResourceLine(std::string_view text, Fn fn) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimBlanks(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    Status status = fn(line, line_no);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// Calls fn(key, value, line_no) for every "key = value" line, both trimmed.
// A line without '=' or with an empty value is an error naming the line.
template <typename Fn>
Status ForEachKeyValue(std::string_view text, const std::string& file, Fn fn) {
  return ForEachResourceLine(text, [&](std::string_view line, size_t line_no) -> Status {
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return LineError(file, line_no, "expected 'key = value'");
    std::string_view key = TrimBlanks(line.substr(0, eq));
    std::string_view value = TrimBlanks(line.substr(eq + 1));
    if (value.empty()) return LineError(file, line_no, "empty value for '" + std::string(key) + "'");
    return fn(key, value, line_no);
  });
}

}  // namespace cronaca
