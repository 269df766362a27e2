// 双随机一公开 (issue 11 B; docs/supervision.md): the rules of random inspections, with no I/O.
//
// A district bureau files an annual plan with the city bureau, then runs tasks: each task names
// an item of the city's 抽查事项清单 and a scope, draws enterprises (objects) per credit class at
// that class's ratio, draws two inspectors for each object from the bureau's eligible officers,
// records the on-site check with photos, both inspectors sign, and the results are published
// within 20 working days (domain/working_days.hpp).
//
// The draws use the numbers of sampling (domain/sampling.hpp, "sha256-mod-v1"): the k-th number
// is SHA-256(seed + "," + k) as an unsigned big-endian integer, k = 1, 2, … across the whole task
// (objects first, then inspectors, then every replacement, so a replacement is replayable too).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

// ---- Annual plan (年度抽查工作计划): draft → submitted → accepted | returned → submitted …
enum class InspectionPlanStatus { kDraft, kSubmitted, kAccepted, kReturned };
enum class InspectionPlanAction { kSubmit, kAccept, kReturn };
std::string_view ToString(InspectionPlanStatus s);
std::optional<InspectionPlanStatus> ParseInspectionPlanStatus(std::string_view s);
std::string_view DisplayName(InspectionPlanStatus s);  // 草稿 / 已报送 / 已通过 / 已退回
std::string_view ToString(InspectionPlanAction a);
// Submit from draft or returned (else failed precondition `plan_not_editable`); accept and
// return from submitted (else `plan_not_submitted`).
Result<InspectionPlanStatus> NextStatus(InspectionPlanStatus from, InspectionPlanAction action);

// ---- Task (双随机抽查任务): draft → drawn → completed (every object signed) → published
enum class InspectionTaskStatus { kDraft, kDrawn, kCompleted, kPublished };
enum class InspectionTaskAction { kDraw, kComplete, kPublish };
std::string_view ToString(InspectionTaskStatus s);
std::optional<InspectionTaskStatus> ParseInspectionTaskStatus(std::string_view s);
std::string_view DisplayName(InspectionTaskStatus s);  // 待抽取 / 检查中 / 待公示 / 已公示
std::string_view ToString(InspectionTaskAction a);
// Draw from draft (else `task_already_drawn`); complete from drawn (else `task_not_drawn`);
// publish from completed (else `task_not_completed`).
Result<InspectionTaskStatus> NextStatus(InspectionTaskStatus from, InspectionTaskAction action);

// ---- One drawn enterprise (检查对象): pending → recorded → signed (both inspectors signed).
// Recording again before the last signature clears the signatures given.
enum class InspectionObjectStatus { kPending, kRecorded, kSigned };
std::string_view ToString(InspectionObjectStatus s);
std::optional<InspectionObjectStatus> ParseInspectionObjectStatus(std::string_view s);
std::string_view DisplayName(InspectionObjectStatus s);  // 待检查 / 待签名 / 已完成

// ---- The official lists (国家市场监管总局 双随机抽查结果类别与后续处置)
enum class InspectionResult {
  kNoProblem,        // no_problem        未发现问题
  kCorrected,        // corrected         发现问题已责令改正
  kNoActivity,       // no_activity       未发现开展本次抽查涉及的经营活动
  kClosed,           // closed            已关闭停业或正在组织清算
  kUncooperative,    // uncooperative     不配合检查情节严重
  kOther,            // other_situation   迁移、注销等其他情况
  kPendingFollowup,  // pending_followup  发现问题待后续处理
};
enum class FollowUp {
  kNone,              // none               无需后续处置
  kOrderCorrection,   // order_correction   责令改正 (opens a rectification order)
  kTransferCase,      // transfer_case      移送办案机构
  kNotifyDepartment,  // notify_department  抄告相关部门
  kOther,             // other              其他
};
std::string_view ToString(InspectionResult r);
std::optional<InspectionResult> ParseInspectionResult(std::string_view s);
std::string_view DisplayName(InspectionResult r);
std::string_view ToString(FollowUp f);
std::optional<FollowUp> ParseFollowUp(std::string_view s);
std::string_view DisplayName(FollowUp f);
// Whether the result and follow-up go together: 未发现问题 (and the no-activity, closed and
// other situations) need none; a problem (corrected, pending) or 不配合 needs one that is not
// none. failed: invalid_argument `follow_up_inconsistent` on field follow_up.
Status CheckFollowUp(InspectionResult result, FollowUp follow_up);

// ---- Credit classes and ratios. Classes are "A" (低) … "D" (高), index 0 … 3.
inline constexpr std::array<const char*, 4> kCreditClasses = {"A", "B", "C", "D"};
// The class's index, or nullopt.
std::optional<int> CreditClassIndex(std::string_view credit_class);

// A ratio range in ten-thousandths, inclusive.
struct RatioRange {
  int min_e4 = 0;
  int max_e4 = 0;
  bool operator==(const RatioRange&) const = default;
};
using ClassRatios = std::array<int, 4>;         // per class, ten-thousandths
using ClassRanges = std::array<RatioRange, 4>;  // per class
// The defaults of the notice: A ≤ 5 %, B 5–20 %, C 21–60 %, D 61–100 % (A is never 0: class A
// is drawn less often, never exempt).
inline constexpr ClassRanges kDefaultClassRanges = {
    {{1, 500}, {500, 2000}, {2100, 6000}, {6100, 10000}}};
inline constexpr ClassRatios kDefaultClassRatios = {500, 1000, 3000, 7000};
// Each ratio within its class's range: invalid_argument `ratio_out_of_range` on field
// ratios.<class> with the range in the message ("B类比例应在5%至20%之间").
Status CheckClassRatios(const ClassRatios& ratios, const ClassRanges& ranges);

// ---- The object draw
struct ObjectUnit {
  int64_t org_id = 0;
  int credit_class = 0;  // index into kCreditClasses
  bool operator==(const ObjectUnit&) const = default;
};
struct ObjectDraw {
  std::vector<ObjectUnit> picks;          // in pick order
  std::array<int64_t, 4> frame_sizes{};   // N per class
  std::array<int64_t, 4> sample_sizes{};  // n per class
  uint64_t next_k = 1;                    // the number the next draw of this task uses
};
// n = ⌈ratio × N⌉ (exact: ratio in ten-thousandths), at most N; 0 only when N is 0.
int64_t ClassSampleSize(int ratio_e4, int64_t frame_size);
// Classes in order A, B, C, D; within a class the frame sorted by org id; for each of the
// class's n picks, rest[r mod len(rest)] with the next number r (k = 1, 2, … across classes),
// rest being the class's units not yet picked, by org id.
ObjectDraw DrawObjects(std::vector<ObjectUnit> frame, const ClassRatios& ratios_e4,
                       std::string_view seed);

// ---- Inspectors
inline constexpr int kInspectorsPerObject = 2;
struct InspectorCandidate {
  int64_t inspector_id = 0;
  int64_t org_id = 0;  // the officer's bureau
  bool active = true;
  std::string cert_expiry;             // YYYY-MM-DD; the certificate is valid through that day
  std::vector<int64_t> conflict_orgs;  // enterprises the officer declared a conflict with
};
enum class Ineligibility { kNone, kInactive, kCertificateExpired, kConflict, kSameOrganisation };
std::string_view ToString(Ineligibility i);  // none | inactive | certificate_expired | …
// 已停用 / 执法证已过期 / 与检查对象存在利害关系 / 与检查对象属同一单位
std::string_view DisplayName(Ineligibility i);
// Why `c` may not inspect enterprise `object_org_id` on `task_date`, or kNone.
Ineligibility EligibilityOf(const InspectorCandidate& c, int64_t object_org_id,
                            std::string_view task_date);
// The eligible inspector ids for the object, ascending, leaving out `exclude` (those already
// on the object, and those who recused themselves from it).
std::vector<int64_t> EligibleInspectors(const std::vector<InspectorCandidate>& candidates,
                                        int64_t object_org_id, std::string_view task_date,
                                        const std::vector<int64_t>& exclude);
// Picks `count` of `eligible` (ascending ids): rest[r mod len(rest)] with numbers k, k + 1, …;
// `k` is advanced past the numbers used. failed precondition `inspectors_insufficient` when
// fewer than `count` are eligible (nothing picked, k unchanged).
Result<std::vector<int64_t>> DrawInspectors(std::vector<int64_t> eligible, int count,
                                            std::string_view seed, uint64_t& k);

// ---- Photos (现场照片): JPEG or PNG, at most 5 MB, stored without metadata.
inline constexpr size_t kPhotoMaxBytes = 5 * 1024 * 1024;
inline constexpr int kPhotosPerObjectMax = 20;
struct CleanImage {
  std::string mime;   // image/jpeg | image/png
  std::string bytes;  // without metadata
};
// The image with its metadata removed: JPEG APP1…APP15 (EXIF, XMP, …) but APP14 (Adobe colour
// transform) and COM segments dropped (APP0 JFIF kept, the scan and everything after copied); PNG
// ancillary chunks tEXt, zTXt, iTXt, tIME and eXIf dropped (CRCs checked). invalid_argument
// `photo_too_large` over the limit, `photo_invalid` for anything that is not a well-formed JPEG or
// PNG.
Result<CleanImage> StripImageMetadata(std::string_view bytes);

// ---- Texts
inline constexpr size_t kFindingMax = 500;
inline constexpr size_t kInspectionNoteMax = 2000;

}  // namespace mvis::domain
