#include "domain/sampling.hpp"

#include <sodium.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mvis::domain {

namespace {

constexpr EnumName<SamplingStatus> kStatuses[] = {{SamplingStatus::kDraft, "draft"},
                                                  {SamplingStatus::kDrawn, "drawn"},
                                                  {SamplingStatus::kDispatched, "dispatched"}};
constexpr EnumName<SamplingAction> kActions[] = {{SamplingAction::kDraw, "draw"},
                                                 {SamplingAction::kRedraw, "redraw"},
                                                 {SamplingAction::kDispatch, "dispatch"}};

}  // namespace

std::string_view ToString(SamplingStatus s) { return NameIn(kStatuses, s); }
std::optional<SamplingStatus> ParseSamplingStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}
std::string_view ToString(SamplingAction a) { return NameIn(kActions, a); }
std::string_view DisplayName(SamplingStatus s) {
  switch (s) {
    case SamplingStatus::kDraft:
      return "待抽取";
    case SamplingStatus::kDrawn:
      return "已抽取";
    case SamplingStatus::kDispatched:
      return "已下发";
  }
  return "";
}

SamplingAction DrawActionFor(SamplingStatus s) {
  return s == SamplingStatus::kDraft ? SamplingAction::kDraw : SamplingAction::kRedraw;
}

Result<SamplingStatus> NextStatus(SamplingStatus from, SamplingAction action) {
  if (action == SamplingAction::kDraw && from != SamplingStatus::kDraft)
    return Fail(ErrorKind::kFailedPrecondition, "plan_already_drawn",
                "该计划已抽取，重新抽取须填写原因");
  if (action == SamplingAction::kRedraw && from == SamplingStatus::kDispatched)
    return Fail(ErrorKind::kFailedPrecondition, "plan_dispatched", "检定任务已下发，不能重新抽取");
  if (from == SamplingStatus::kDraft && action != SamplingAction::kDraw)
    return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
  return action == SamplingAction::kDispatch ? SamplingStatus::kDispatched : SamplingStatus::kDrawn;
}

std::string NormaliseStratumPart(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  icu::UnicodeString folded = U_SUCCESS(status) ? nfkc->normalize(in, status) : in;
  if (U_FAILURE(status)) folded = in;
  folded.toLower(icu::Locale::getRoot());  // no Turkish dotless i
  std::string utf8;
  folded.toUTF8String(utf8);
  // Trim and collapse runs of white space (NFKC already made U+3000 a plain space).
  std::string out;
  bool space = false;
  for (char c : utf8) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string StratumKey(std::string_view brand, std::string_view model) {
  return NormaliseStratumPart(brand) + "|" + NormaliseStratumPart(model);
}

Result<int> ParseRatio(std::string_view text) {
  auto invalid = [] {
    return InvalidField("ratio", "ratio_invalid", "抽样比例应为不超过1、最多4位小数的数，如 0.05");
  };
  const std::string t = Trim(text);
  const size_t dot = t.find('.');
  std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  auto digits = [](const std::string& s) { return std::ranges::all_of(s, ::isdigit); };
  if (t.empty() || !digits(whole) || !digits(frac) || frac.size() > 4 ||
      (dot != std::string::npos && frac.empty()))
    return invalid();
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.size() > 1) return invalid();
  frac.resize(4, '0');
  const int e4 = (whole.empty() ? 0 : whole[0] - '0') * 10000 + std::stoi(frac);
  if (e4 <= 0 || e4 > 10000) return invalid();
  if (e4 < kMinRatioE4) return InvalidField("ratio", "ratio_too_low", "抽样比例不得低于5%（0.05）");
  return e4;
}

std::string RatioText(int ratio_e4) {
  std::string frac = std::to_string(10000 + ratio_e4 % 10000).substr(1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return std::to_string(ratio_e4 / 10000) + (frac.empty() ? "" : "." + frac);
}

Status CheckSeed(std::string_view seed) {
  if (seed.size() < 20 || seed.size() > 100 ||
      !std::ranges::all_of(seed, [](char c) { return c >= '0' && c <= '9'; }))
    return InvalidField("seed", "seed_invalid", "随机种子应为20至100位数字");
  return {};
}

int64_t SampleSize(int ratio_e4, int64_t frame_size, int64_t strata) {
  int64_t n = (static_cast<int64_t>(ratio_e4) * frame_size + 9999) / 10000;
  return std::min(std::max(n, strata), frame_size);
}

std::vector<FrameUnit> FrameOrder(std::vector<FrameUnit> frame) {
  auto bytes_less = [](const std::string& x, const std::string& y) {
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), [](char p, char q) {
      return static_cast<unsigned char>(p) < static_cast<unsigned char>(q);
    });
  };
  std::ranges::sort(frame, [&](const FrameUnit& a, const FrameUnit& b) {
    if (a.stratum != b.stratum) return bytes_less(a.stratum, b.stratum);
    return a.instrument_id < b.instrument_id;
  });
  return frame;
}

int64_t CountStrata(const std::vector<FrameUnit>& frame) {
  std::vector<std::string_view> keys;
  for (const auto& u : frame) keys.push_back(u.stratum);
  std::ranges::sort(keys);
  return std::unique(keys.begin(), keys.end()) - keys.begin();
}

uint64_t DrawNumber(std::string_view seed, uint64_t k, uint64_t m) {
  std::string input = std::string(seed) + "," + std::to_string(k);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  unsigned __int128 rem = 0;
  for (unsigned char byte : digest) rem = ((rem << 8) | byte) % m;
  return static_cast<uint64_t>(rem);
}

std::vector<FrameUnit> Draw(const std::vector<FrameUnit>& unsorted, int ratio_e4,
                            std::string_view seed) {
  const std::vector<FrameUnit> frame = FrameOrder(unsorted);
  const int64_t strata = CountStrata(frame);
  const int64_t n = SampleSize(ratio_e4, static_cast<int64_t>(frame.size()), strata);
  std::vector<bool> picked(frame.size(), false);
  std::vector<FrameUnit> out;
  uint64_t k = 0;
  // Phase 1: one unit of every stratum, strata in frame order.
  for (size_t begin = 0; begin < frame.size();) {
    size_t end = begin;
    while (end < frame.size() && frame[end].stratum == frame[begin].stratum) ++end;
    size_t i = begin + DrawNumber(seed, ++k, end - begin);
    picked[i] = true;
    out.push_back(frame[i]);
    begin = end;
  }
  // Phase 2: the rest from every unit not yet picked.
  while (static_cast<int64_t>(out.size()) < n) {
    std::vector<size_t> rest;
    for (size_t i = 0; i < frame.size(); ++i)
      if (!picked[i]) rest.push_back(i);
    size_t i = rest[DrawNumber(seed, ++k, rest.size())];
    picked[i] = true;
    out.push_back(frame[i]);
  }
  return out;
}

}  // namespace mvis::domain
