#include "text/utf8.h"

namespace cronaca {

Utf8Check CheckUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    unsigned char b0 = s[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t min;
    char32_t c;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2; min = 0x80; c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3; min = 0x800; c = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4; min = 0x10000; c = b0 & 0x07;
    } else {
      return {false, i};  // continuation byte, overlong C0/C1, or F5..FF
    }
    if (i + len > n) return {false, i};
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return {false, i};
      c = (c << 6) | (s[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return {false, i};
    i += len;
  }
  return {true, 0};
}

bool LooksBinary(std::string_view bytes) {
  constexpr size_t kProbe = 8192;
  constexpr size_t kMaxControlPercent = 10;
  if (bytes.find('\0') != std::string_view::npos) return true;
  size_t n = bytes.size() < kProbe ? bytes.size() : kProbe;
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
    if (c == 0x7F) ++control;
  }
  return n > 0 && control * 100 > n * kMaxControlPercent;
}

}  // namespace cronaca
