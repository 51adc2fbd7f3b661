// The CAMEO event codebook as data: every code with its name, PLOVER type
// and mode, Goldstein score, quad class and intent form.
//
//   Result<CameoTable> table = CameoTable::Load(ResourceDir() / "cameo" / "codes.tsv");
//   const CameoCode* c = table->Find("041");   // nullptr for unknown codes
//   c->plover == "CONSULT"; c->goldstein == 1.0; c->quad_class == 1;
//   table->Find(c->intent)->code == "036";      // "will call" -> intent to meet
//
// The file format is described in its own header (resources/cameo/codes.tsv):
// eight tab-separated columns, one code a line. Load rejects, naming file and
// line: a malformed code, a code whose parent (root for three digits, the
// three-digit code for four) is not on an earlier line, duplicates, a
// Goldstein score outside [-10, 10] or not a number, a quad class that is not
// the one its root implies, an unknown PLOVER type, and an intent or refusal
// column that names a code not in the table.
//
// Immutable after Load: thread-safe to read; copyable and movable (a value).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace cronaca {

struct CameoCode {
  std::string code;         // "041", "0356", "19"
  std::string name;         // "discuss by telephone"
  std::string plover;       // "CONSULT", "" when PLOVER has no type
  std::string plover_mode;  // "phone", "" when none
  double goldstein = 0;     // -10 .. +10
  int quad_class = 0;       // 1..4
  std::string intent;       // code of the promised/threatened form, "" if none
  std::string refusal;      // code of the refused form (046 -> 125), "" if none
};

// Quad class implied by a CAMEO root (1..20): 1 for 01-05, 2 for 06-08,
// 3 for 09-13, 4 for 14-20; 0 for anything else.
int QuadClassOfRoot(int root);

class CameoTable {
 public:
  static Result<CameoTable> Load(const std::filesystem::path& path);
  // REQUIRES: `file_name` is only used in error messages.
  static Result<CameoTable> Parse(std::string_view text, const std::string& file_name);
  // The table under resources/cameo/codes.tsv, loaded once per process.
  static Result<const CameoTable*> Default();

  // The entry for `code`, or nullptr when the codebook has no such code.
  const CameoCode* Find(std::string_view code) const;
  const std::vector<CameoCode>& codes() const { return codes_; }

 private:
  std::vector<CameoCode> codes_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace cronaca
