// A one-line progress bar on standard error, shown only on a terminal.
//
//   Progress progress(total_bytes, /*enabled=*/isatty(2));
//   progress.Update(done_bytes, docs, failed);   // redraws at most 10x/second
//   progress.Finish();                           // clears the line
//
// Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace cronaca {

class Progress {
 public:
  Progress(uint64_t total_bytes, bool enabled);
  void Update(uint64_t done_bytes, size_t documents, size_t failed);
  void Finish();

 private:
  uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace cronaca
