#include "morph/cg3_disambiguator.h"

// ICU first: cg3.h declares its UChar entry points only when ICU is visible.
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>
#include <cg3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace cronaca::morph {

namespace {

// Every call into libcg3 holds this lock (see the header).
std::mutex& Cg3Mutex() {
  static std::mutex mutex;
  return mutex;
}

// libcg3 writes its messages here (an in-memory stream, read on errors).
FILE* g_cg3_errors = nullptr;
char* g_cg3_error_buffer = nullptr;
size_t g_cg3_error_size = 0;

// REQUIRES: Cg3Mutex() held.
bool InitCg3Once(std::string* error) {
  static bool initialised = false;
  static bool ok = false;
  if (initialised) {
    if (!ok) *error = "libcg3 could not be initialised";
    return ok;
  }
  initialised = true;
  g_cg3_errors = open_memstream(&g_cg3_error_buffer, &g_cg3_error_size);
  if (g_cg3_errors == nullptr) {
    *error = "cannot open a memory stream for libcg3 messages";
    return false;
  }
  // cg3_init sets ICU's default locale to en_US_POSIX for the whole process;
  // other stages may rely on the default, so put it back.
  std::string saved_locale = uloc_getDefault();
  ok = cg3_init(stdin, stdout, g_cg3_errors) == CG3_SUCCESS;
  UErrorCode status = U_ZERO_ERROR;
  uloc_setDefault(saved_locale.c_str(), &status);
  if (!ok) *error = "cg3_init failed";
  return ok;
}

// REQUIRES: Cg3Mutex() held. Returns and forgets libcg3's recent messages.
std::string TakeCg3Messages() {
  if (g_cg3_errors == nullptr) return std::string();
  std::fflush(g_cg3_errors);
  std::string text(g_cg3_error_buffer != nullptr ? g_cg3_error_buffer : "", g_cg3_error_size);
  std::rewind(g_cg3_errors);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

Result<std::unique_ptr<Cg3Disambiguator>> Cg3Disambiguator::Load(const std::filesystem::path& path) {
  std::lock_guard<std::mutex> lock(Cg3Mutex());
  std::string error;
  if (!InitCg3Once(&error)) {
    return Status(StatusCode::kResourceError, "cannot load CG-3 rules " + path.string() + ": " + error);
  }
  TakeCg3Messages();
  cg3_grammar* grammar = cg3_grammar_load(path.c_str());
  if (grammar == nullptr) {
    std::string messages = TakeCg3Messages();
    return Status(StatusCode::kResourceError, "cannot load CG-3 rules " + path.string() +
                                                  (messages.empty() ? "" : ": " + messages));
  }
  TakeCg3Messages();  // "Binary grammar detected" and the like
  std::unique_ptr<Cg3Disambiguator> cg(new Cg3Disambiguator());
  cg->path_ = path;
  cg->grammar_ = grammar;
  cg->applicator_ = cg3_applicator_create(grammar);
  return cg;
}

Cg3Disambiguator::~Cg3Disambiguator() {
  std::lock_guard<std::mutex> lock(Cg3Mutex());
  if (applicator_ != nullptr) cg3_applicator_free(applicator_);
  if (grammar_ != nullptr) cg3_grammar_free(grammar_);
}

void Cg3Disambiguator::ResetTags() {
  std::lock_guard<std::mutex> lock(Cg3Mutex());
  cg3_applicator_free(applicator_);
  applicator_ = cg3_applicator_create(grammar_);
  tag_cache_.clear();
  end_tag_ = nullptr;
}

void* Cg3Disambiguator::Tag(const TagTable& tags, uint32_t id) {
  if (id >= tag_cache_.size()) tag_cache_.resize(tags.size(), nullptr);
  void*& cached = tag_cache_[id];
  if (cached == nullptr) {
    std::string_view text = tags.Text(id);
    std::u16string utf16(text.size() + 1, u'\0');
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(reinterpret_cast<UChar*>(utf16.data()), static_cast<int32_t>(utf16.size()), &length,
                  text.data(), static_cast<int32_t>(text.size()), &status);
    if (U_FAILURE(status)) length = 0;
    utf16.resize(length);
    cached = cg3_tag_create_u(applicator_, reinterpret_cast<const UChar*>(utf16.c_str()));
  }
  return cached;
}

void Cg3Disambiguator::Run(const TagTable& tags, std::span<const Cg3Cohort> cohorts,
                           std::vector<uint8_t>* keep) {
  size_t total_readings = 0;
  for (const Cg3Cohort& cohort : cohorts) total_readings += cohort.reading_ends.size();
  keep->assign(total_readings, 1);
  if (cohorts.empty()) return;

  std::lock_guard<std::mutex> lock(Cg3Mutex());
  if (end_tag_ == nullptr) end_tag_ = cg3_tag_create_u8(applicator_, "<<<");
  reading_ptrs_.assign(total_readings, nullptr);

  cg3_sentence* sentence = cg3_sentence_new(applicator_);
  size_t reading_idx = 0;
  for (size_t cohort_idx = 0; cohort_idx < cohorts.size(); ++cohort_idx) {
    const Cg3Cohort& cohort = cohorts[cohort_idx];
    const bool last = cohort_idx + 1 == cohorts.size();
    cg3_cohort* cg_cohort = cg3_cohort_create(sentence);
    cg3_cohort_setwordform(cg_cohort, Tag(tags, cohort.wordform));
    uint32_t begin = 0;
    for (uint32_t end : cohort.reading_ends) {
      cg3_reading* reading = cg3_reading_create(cg_cohort);
      cg3_reading* part = reading;
      for (uint32_t tag_idx = begin; tag_idx < end; ++tag_idx) {
        uint32_t id = cohort.tag_ids[tag_idx];
        if (id == TagTable::kPartBreak) {
          cg3_reading* sub = cg3_subreading_create(part);
          cg3_reading_setsubreading(part, sub);
          part = sub;
          continue;
        }
        cg3_reading_addtag(part, Tag(tags, id));
      }
      if (last) cg3_reading_addtag(reading, end_tag_);
      cg3_cohort_addreading(cg_cohort, reading);
      reading_ptrs_[reading_idx++] = reading;
      begin = end;
    }
    cg3_sentence_addcohort(sentence, cg_cohort);
  }

  cg3_sentence_runrules(applicator_, sentence);

  // Cohort 0 is the >>> cohort libcg3 adds; ours follow in order. Readings
  // are matched by identity: REMOVE and SELECT move the same objects.
  size_t first_reading = 0;
  const size_t cohort_count = cg3_sentence_numcohorts(sentence);
  for (size_t cohort_idx = 0; cohort_idx < cohorts.size(); ++cohort_idx) {
    const size_t reading_count = cohorts[cohort_idx].reading_ends.size();
    if (cohort_idx + 1 < cohort_count) {
      cg3_cohort* cg_cohort = cg3_sentence_getcohort(sentence, cohort_idx + 1);
      const size_t kept_count = cg3_cohort_numreadings(cg_cohort);
      std::vector<uint8_t> kept(reading_count, 0);
      bool any = false;
      for (size_t kept_idx = 0; kept_idx < kept_count; ++kept_idx) {
        void* reading = cg3_cohort_getreading(cg_cohort, kept_idx);
        for (size_t r = 0; r < reading_count; ++r) {
          if (reading_ptrs_[first_reading + r] == reading) {
            kept[r] = 1;
            any = true;
          }
        }
      }
      if (any) std::copy(kept.begin(), kept.end(), keep->begin() + first_reading);
    }
    first_reading += reading_count;
  }
  cg3_sentence_free(sentence);
  TakeCg3Messages();
}

}  // namespace cronaca::morph
