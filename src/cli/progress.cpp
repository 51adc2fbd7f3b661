#include "cli/progress.h"

#include <cstdio>

namespace cronaca {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
}  // namespace

Progress::Progress(uint64_t total_bytes, bool enabled)
    : total_(total_bytes), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::Update(uint64_t done_bytes, size_t documents, size_t failed) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < kRedrawEvery) return;
  last_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double fraction = total_ ? static_cast<double>(done_bytes) / static_cast<double>(total_) : 0.0;
  if (fraction > 1) fraction = 1;
  int filled = static_cast<int>(fraction * kBarWidth);
  char bar[kBarWidth + 1];
  for (int i = 0; i < kBarWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kBarWidth] = '\0';
  double rate = seconds > 0 ? static_cast<double>(documents) / seconds : 0.0;
  std::fprintf(stderr, "\r[%s] %3.0f%%  %zu documents  %zu failed  %.0f docs/s ", bar, fraction * 100,
               documents, failed, rate);
  std::fflush(stderr);
}

void Progress::Finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r%*s\r", kBarWidth + 60, "");
  std::fflush(stderr);
}

}  // namespace cronaca
