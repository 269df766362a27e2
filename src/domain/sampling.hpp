// 抽样检定: the replayable stratified draw of a sampling plan (issue 11 A; docs/supervision.md).
//
// Strata are (brand, model) after Unicode NFKC, trimming and collapsing white space, and
// lower-casing; the key is "brand|model". The sample size is n = ⌈ratio × N⌉ (ratio in
// ten-thousandths, so exact), at least the number of strata, at most N.
//
// Algorithm "sha256-mod-v1": the k-th random number (k = 1, 2, … across the whole draw) is
// SHA-256(seed + "," + k) read as an unsigned big-endian integer. The frame is sorted by (stratum
// key as UTF-8 bytes, instrument id). Phase 1 picks stratum[r mod size] from each stratum in
// order; phase 2, while fewer than n are picked, picks rest[r mod len(rest)] where rest is every
// unit not yet picked, in frame order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

inline constexpr char kSamplingAlgorithm[] = "sha256-mod-v1";

// A plan is drafted, then drawn; a redraw (with a reason) keeps it drawn and the earlier draws
// on record. Dispatching creates the on-site tasks (drawn → dispatched; again from dispatched for
// units skipped earlier); a dispatched plan is not drawn again.
enum class SamplingStatus { kDraft, kDrawn, kDispatched };
enum class SamplingAction { kDraw, kRedraw, kDispatch };
std::string_view ToString(SamplingStatus s);
std::optional<SamplingStatus> ParseSamplingStatus(std::string_view s);
std::string_view ToString(SamplingAction a);
std::string_view DisplayName(SamplingStatus s);  // 待抽取 / 已抽取
// The action a draw request is: the first draw of a draft, or a redraw of a drawn plan.
SamplingAction DrawActionFor(SamplingStatus s);
// kRedraw needs a reason (reason_required); kDraw of a drawn plan is refused
// (failed precondition `plan_already_drawn`), kRedraw of a dispatched one (`plan_dispatched`),
// kRedraw or kDispatch of a draft (`plan_not_drawn`).
Result<SamplingStatus> NextStatus(SamplingStatus from, SamplingAction action);
inline constexpr int kMinRatioE4 = 500;  // 5 %

// NFKC, trimmed, runs of white space made one space, lower-cased.
std::string NormaliseStratumPart(std::string_view text);
// "brand|model" of the normalised parts.
std::string StratumKey(std::string_view brand, std::string_view model);

struct FrameUnit {
  int64_t instrument_id = 0;
  std::string stratum;
  bool operator==(const FrameUnit&) const = default;
};

// A ratio such as "0.05" or 0.05 in ten-thousandths (500): invalid_argument `ratio_invalid`
// for more than 4 decimal places, outside (0, 1] or not a number; `ratio_too_low` below 0.05.
Result<int> ParseRatio(std::string_view text);
// "0.05" for 500.
std::string RatioText(int ratio_e4);

// A seed: 20 to 100 decimal digits (`seed_invalid` otherwise).
Status CheckSeed(std::string_view seed);

// n = ⌈ratio × N⌉ raised to the number of strata, at most N.
int64_t SampleSize(int ratio_e4, int64_t frame_size, int64_t strata);

// The frame in draw order: sorted by (stratum bytes, instrument id).
std::vector<FrameUnit> FrameOrder(std::vector<FrameUnit> frame);
// The number of distinct strata of `frame`.
int64_t CountStrata(const std::vector<FrameUnit>& frame);

// SHA-256(seed + "," + k) mod m (m > 0).
uint64_t DrawNumber(std::string_view seed, uint64_t k, uint64_t m);

// The units picked, in pick order, from `frame` (any order; it is sorted first).
std::vector<FrameUnit> Draw(const std::vector<FrameUnit>& frame, int ratio_e4,
                            std::string_view seed);

}  // namespace mvis::domain
