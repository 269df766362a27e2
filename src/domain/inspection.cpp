#include "domain/inspection.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/sampling.hpp"

namespace mvis::domain {

namespace {

constexpr EnumName<InspectionPlanStatus> kPlanStatuses[] = {
    {InspectionPlanStatus::kDraft, "draft"},
    {InspectionPlanStatus::kSubmitted, "submitted"},
    {InspectionPlanStatus::kAccepted, "accepted"},
    {InspectionPlanStatus::kReturned, "returned"}};
constexpr EnumName<InspectionPlanStatus> kPlanStatusNames[] = {
    {InspectionPlanStatus::kDraft, "草稿"},
    {InspectionPlanStatus::kSubmitted, "已报送"},
    {InspectionPlanStatus::kAccepted, "已通过"},
    {InspectionPlanStatus::kReturned, "已退回"}};
constexpr EnumName<InspectionPlanAction> kPlanActions[] = {
    {InspectionPlanAction::kSubmit, "submit"},
    {InspectionPlanAction::kAccept, "accept"},
    {InspectionPlanAction::kReturn, "return"}};

constexpr EnumName<InspectionTaskStatus> kTaskStatuses[] = {
    {InspectionTaskStatus::kDraft, "draft"},
    {InspectionTaskStatus::kDrawn, "drawn"},
    {InspectionTaskStatus::kCompleted, "completed"},
    {InspectionTaskStatus::kPublished, "published"}};
constexpr EnumName<InspectionTaskStatus> kTaskStatusNames[] = {
    {InspectionTaskStatus::kDraft, "待抽取"},
    {InspectionTaskStatus::kDrawn, "检查中"},
    {InspectionTaskStatus::kCompleted, "待公示"},
    {InspectionTaskStatus::kPublished, "已公示"}};
constexpr EnumName<InspectionTaskAction> kTaskActions[] = {
    {InspectionTaskAction::kDraw, "draw"},
    {InspectionTaskAction::kComplete, "complete"},
    {InspectionTaskAction::kPublish, "publish"}};

constexpr EnumName<InspectionObjectStatus> kObjectStatuses[] = {
    {InspectionObjectStatus::kPending, "pending"},
    {InspectionObjectStatus::kRecorded, "recorded"},
    {InspectionObjectStatus::kSigned, "signed"}};
constexpr EnumName<InspectionObjectStatus> kObjectStatusNames[] = {
    {InspectionObjectStatus::kPending, "待检查"},
    {InspectionObjectStatus::kRecorded, "待签名"},
    {InspectionObjectStatus::kSigned, "已完成"}};

constexpr EnumName<InspectionResult> kResults[] = {
    {InspectionResult::kNoProblem, "no_problem"},
    {InspectionResult::kCorrected, "corrected"},
    {InspectionResult::kNoActivity, "no_activity"},
    {InspectionResult::kClosed, "closed"},
    {InspectionResult::kUncooperative, "uncooperative"},
    {InspectionResult::kOther, "other_situation"},
    {InspectionResult::kPendingFollowup, "pending_followup"}};
constexpr EnumName<InspectionResult> kResultNames[] = {
    {InspectionResult::kNoProblem, "未发现问题"},
    {InspectionResult::kCorrected, "发现问题已责令改正"},
    {InspectionResult::kNoActivity, "未发现开展本次抽查涉及的经营活动"},
    {InspectionResult::kClosed, "已关闭停业或正在组织清算"},
    {InspectionResult::kUncooperative, "不配合检查情节严重"},
    {InspectionResult::kOther, "迁移、注销等其他情况"},
    {InspectionResult::kPendingFollowup, "发现问题待后续处理"}};
constexpr EnumName<FollowUp> kFollowUps[] = {{FollowUp::kNone, "none"},
                                             {FollowUp::kOrderCorrection, "order_correction"},
                                             {FollowUp::kTransferCase, "transfer_case"},
                                             {FollowUp::kNotifyDepartment, "notify_department"},
                                             {FollowUp::kOther, "other"}};
constexpr EnumName<FollowUp> kFollowUpNames[] = {{FollowUp::kNone, "无需后续处置"},
                                                 {FollowUp::kOrderCorrection, "责令改正"},
                                                 {FollowUp::kTransferCase, "移送办案机构"},
                                                 {FollowUp::kNotifyDepartment, "抄告相关部门"},
                                                 {FollowUp::kOther, "其他"}};

constexpr EnumName<Ineligibility> kIneligibilities[] = {
    {Ineligibility::kNone, "none"},
    {Ineligibility::kInactive, "inactive"},
    {Ineligibility::kCertificateExpired, "certificate_expired"},
    {Ineligibility::kConflict, "conflict"},
    {Ineligibility::kSameOrganisation, "same_organisation"}};
constexpr EnumName<Ineligibility> kIneligibilityNames[] = {
    {Ineligibility::kNone, ""},
    {Ineligibility::kInactive, "已停用"},
    {Ineligibility::kCertificateExpired, "执法证已过期"},
    {Ineligibility::kConflict, "与检查对象存在利害关系"},
    {Ineligibility::kSameOrganisation, "与检查对象属同一单位"}};

// "5%" for 500, "0.01%" for 1, "2.5%" for 250.
std::string PercentText(int e4) {
  std::string frac = std::to_string(100 + e4 % 100).substr(1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return std::to_string(e4 / 100) + (frac.empty() ? "" : "." + frac) + "%";
}

}  // namespace

std::string_view ToString(InspectionPlanStatus s) { return NameIn(kPlanStatuses, s); }
std::optional<InspectionPlanStatus> ParseInspectionPlanStatus(std::string_view s) {
  return ParseIn(kPlanStatuses, s);
}
std::string_view DisplayName(InspectionPlanStatus s) { return NameIn(kPlanStatusNames, s); }
std::string_view ToString(InspectionPlanAction a) { return NameIn(kPlanActions, a); }

Result<InspectionPlanStatus> NextStatus(InspectionPlanStatus from, InspectionPlanAction action) {
  using S = InspectionPlanStatus;
  if (action == InspectionPlanAction::kSubmit) {
    if (from != S::kDraft && from != S::kReturned)
      return Fail(
          ErrorKind::kFailedPrecondition, "plan_not_editable",
          from == S::kAccepted ? "该计划已通过审核，不能再次报送" : "该计划已报送，请等待审核");
    return S::kSubmitted;
  }
  if (from != S::kSubmitted)
    return Fail(ErrorKind::kFailedPrecondition, "plan_not_submitted",
                "该计划不在待审核状态，不能通过或退回");
  return action == InspectionPlanAction::kAccept ? S::kAccepted : S::kReturned;
}

std::string_view ToString(InspectionTaskStatus s) { return NameIn(kTaskStatuses, s); }
std::optional<InspectionTaskStatus> ParseInspectionTaskStatus(std::string_view s) {
  return ParseIn(kTaskStatuses, s);
}
std::string_view DisplayName(InspectionTaskStatus s) { return NameIn(kTaskStatusNames, s); }
std::string_view ToString(InspectionTaskAction a) { return NameIn(kTaskActions, a); }

Result<InspectionTaskStatus> NextStatus(InspectionTaskStatus from, InspectionTaskAction action) {
  using S = InspectionTaskStatus;
  switch (action) {
    case InspectionTaskAction::kDraw:
      if (from != S::kDraft)
        return Fail(ErrorKind::kFailedPrecondition, "task_already_drawn", "该任务已抽取");
      return S::kDrawn;
    case InspectionTaskAction::kComplete:
      if (from != S::kDrawn)
        return Fail(ErrorKind::kFailedPrecondition, "task_not_drawn",
                    from == S::kDraft ? "该任务尚未抽取" : "该任务的检查已完成");
      return S::kCompleted;
    case InspectionTaskAction::kPublish:
      if (from != S::kCompleted)
        return Fail(ErrorKind::kFailedPrecondition, "task_not_completed",
                    from == S::kPublished ? "该任务的结果已公示" : "检查尚未全部完成，不能公示");
      return S::kPublished;
  }
  return Internal("unknown inspection task action");
}

std::string_view ToString(InspectionObjectStatus s) { return NameIn(kObjectStatuses, s); }
std::optional<InspectionObjectStatus> ParseInspectionObjectStatus(std::string_view s) {
  return ParseIn(kObjectStatuses, s);
}
std::string_view DisplayName(InspectionObjectStatus s) { return NameIn(kObjectStatusNames, s); }

std::string_view ToString(InspectionResult r) { return NameIn(kResults, r); }
std::optional<InspectionResult> ParseInspectionResult(std::string_view s) {
  return ParseIn(kResults, s);
}
std::string_view DisplayName(InspectionResult r) { return NameIn(kResultNames, r); }
std::string_view ToString(FollowUp f) { return NameIn(kFollowUps, f); }
std::optional<FollowUp> ParseFollowUp(std::string_view s) { return ParseIn(kFollowUps, s); }
std::string_view DisplayName(FollowUp f) { return NameIn(kFollowUpNames, f); }

Status CheckFollowUp(InspectionResult result, FollowUp follow_up) {
  const bool needs_one = result == InspectionResult::kCorrected ||
                         result == InspectionResult::kPendingFollowup ||
                         result == InspectionResult::kUncooperative;
  if (needs_one && follow_up == FollowUp::kNone)
    return InvalidField("follow_up", "follow_up_inconsistent",
                        "发现问题或不配合检查的，应选择后续处置方式");
  if (!needs_one && follow_up != FollowUp::kNone)
    return InvalidField("follow_up", "follow_up_inconsistent",
                        "该检查结果无需后续处置，后续处置应为“无需后续处置”");
  return {};
}

std::optional<int> CreditClassIndex(std::string_view credit_class) {
  for (size_t i = 0; i < kCreditClasses.size(); ++i)
    if (credit_class == kCreditClasses[i]) return static_cast<int>(i);
  return std::nullopt;
}

Status CheckClassRatios(const ClassRatios& ratios, const ClassRanges& ranges) {
  for (size_t i = 0; i < ratios.size(); ++i) {
    if (ratios[i] >= ranges[i].min_e4 && ratios[i] <= ranges[i].max_e4) continue;
    const std::string name = kCreditClasses[i];
    return InvalidField("ratios." + name, "ratio_out_of_range",
                        name + "类抽查比例应在" + PercentText(ranges[i].min_e4) + "至" +
                            PercentText(ranges[i].max_e4) + "之间");
  }
  return {};
}

int64_t ClassSampleSize(int ratio_e4, int64_t frame_size) {
  if (frame_size <= 0) return 0;
  const int64_t n = (static_cast<int64_t>(std::max(ratio_e4, 0)) * frame_size + 9999) / 10000;
  return std::clamp<int64_t>(n, 1, frame_size);
}

ObjectDraw DrawObjects(std::vector<ObjectUnit> frame, const ClassRatios& ratios_e4,
                       std::string_view seed) {
  std::ranges::sort(frame, [](const ObjectUnit& a, const ObjectUnit& b) {
    return a.credit_class != b.credit_class ? a.credit_class < b.credit_class : a.org_id < b.org_id;
  });
  ObjectDraw draw;
  for (int c = 0; c < static_cast<int>(kCreditClasses.size()); ++c) {
    std::vector<ObjectUnit> rest;
    for (const auto& u : frame)
      if (u.credit_class == c) rest.push_back(u);
    draw.frame_sizes[c] = static_cast<int64_t>(rest.size());
    draw.sample_sizes[c] = ClassSampleSize(ratios_e4[c], draw.frame_sizes[c]);
    for (int64_t i = 0; i < draw.sample_sizes[c]; ++i) {
      const auto at = rest.begin() + DrawNumber(seed, draw.next_k++, rest.size());
      draw.picks.push_back(*at);
      rest.erase(at);
    }
  }
  return draw;
}

std::string_view ToString(Ineligibility i) { return NameIn(kIneligibilities, i); }
std::string_view DisplayName(Ineligibility i) { return NameIn(kIneligibilityNames, i); }

Ineligibility EligibilityOf(const InspectorCandidate& c, int64_t object_org_id,
                            std::string_view task_date) {
  if (!c.active) return Ineligibility::kInactive;
  const auto expiry = DayNumber(c.cert_expiry);
  const auto day = DayNumber(task_date);
  if (!expiry || !day || *expiry < *day) return Ineligibility::kCertificateExpired;
  if (std::ranges::find(c.conflict_orgs, object_org_id) != c.conflict_orgs.end())
    return Ineligibility::kConflict;
  if (c.org_id == object_org_id) return Ineligibility::kSameOrganisation;
  return Ineligibility::kNone;
}

std::vector<int64_t> EligibleInspectors(const std::vector<InspectorCandidate>& candidates,
                                        int64_t object_org_id, std::string_view task_date,
                                        const std::vector<int64_t>& exclude) {
  std::vector<int64_t> out;
  for (const auto& c : candidates) {
    if (std::ranges::find(exclude, c.inspector_id) != exclude.end()) continue;
    if (EligibilityOf(c, object_org_id, task_date) == Ineligibility::kNone)
      out.push_back(c.inspector_id);
  }
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<std::vector<int64_t>> DrawInspectors(std::vector<int64_t> eligible, int count,
                                            std::string_view seed, uint64_t& k) {
  std::ranges::sort(eligible);
  if (count > static_cast<int>(eligible.size()))
    return Fail(ErrorKind::kFailedPrecondition, "inspectors_insufficient",
                "符合条件的执法人员不足" + std::to_string(count) +
                    "名（需持有效执法证、未停用、与检查对象无利害关系）");
  std::vector<int64_t> picked;
  for (int i = 0; i < count; ++i) {
    const auto at = eligible.begin() + DrawNumber(seed, k++, eligible.size());
    picked.push_back(*at);
    eligible.erase(at);
  }
  return picked;
}

// ---- Photos

namespace {

std::unexpected<Error> PhotoInvalid() {
  return Fail(ErrorKind::kInvalidArgument, "photo_invalid", "照片应为完整的 JPEG 或 PNG 图片");
}

uint32_t ReadBe32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

// CRC-32 (ISO 3309, as PNG uses it), table-driven.
constexpr std::array<uint32_t, 256> kCrcTable = [] {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}();

uint32_t Crc32(std::string_view bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes) c = kCrcTable[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// Segments up to the scan, APP1…APP15 (APP14 kept) and COM dropped; the scan onwards copied.
Result<std::string> StripJpeg(std::string_view in) {
  std::string out(in.substr(0, 2));  // SOI
  size_t pos = 2;
  while (pos < in.size()) {
    const size_t start = pos;
    if (static_cast<unsigned char>(in[pos]) != 0xFF) return PhotoInvalid();
    while (pos < in.size() && static_cast<unsigned char>(in[pos]) == 0xFF) ++pos;
    if (pos >= in.size()) return PhotoInvalid();
    const unsigned char marker = static_cast<unsigned char>(in[pos++]);
    if (marker == 0x00 || marker == 0xD8 || marker == 0xD9) return PhotoInvalid();
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      out.append(in.substr(start, pos - start));
      continue;
    }
    if (pos + 2 > in.size()) return PhotoInvalid();
    const size_t length =
        static_cast<unsigned char>(in[pos]) << 8 | static_cast<unsigned char>(in[pos + 1]);
    if (length < 2 || pos + length > in.size()) return PhotoInvalid();
    if (marker == 0xDA) {
      out.append(in.substr(start));
      return out;
    }
    pos += length;
    // APP14 (Adobe) is kept: it says how the colours are encoded, not who took the photo.
    const bool metadata = (marker >= 0xE1 && marker <= 0xEF && marker != 0xEE) || marker == 0xFE;
    if (!metadata) out.append(in.substr(start, pos - start));
  }
  return PhotoInvalid();  // no scan
}

// Chunks with their CRCs checked, IHDR first and IEND last; the text, time and EXIF chunks
// dropped.
Result<std::string> StripPng(std::string_view in) {
  std::string out(in.substr(0, 8));  // the signature
  size_t pos = 8;
  bool first = true;
  while (pos < in.size()) {
    if (in.size() - pos < 12) return PhotoInvalid();
    const size_t length = ReadBe32(in, pos);
    if (length > in.size() - pos - 12) return PhotoInvalid();
    const std::string_view type = in.substr(pos + 4, 4);
    const std::string_view chunk = in.substr(pos, length + 12);
    if (Crc32(in.substr(pos + 4, length + 4)) != ReadBe32(in, pos + 8 + length))
      return PhotoInvalid();
    if (first != (type == "IHDR")) return PhotoInvalid();
    first = false;
    pos += chunk.size();
    if (type == "IEND") {
      if (pos != in.size()) return PhotoInvalid();
      out.append(chunk);
      return out;
    }
    if (type != "tEXt" && type != "zTXt" && type != "iTXt" && type != "tIME" && type != "eXIf")
      out.append(chunk);
  }
  return PhotoInvalid();  // no IEND
}

}  // namespace

Result<CleanImage> StripImageMetadata(std::string_view bytes) {
  if (bytes.size() > kPhotoMaxBytes)
    return Fail(ErrorKind::kInvalidArgument, "photo_too_large", "照片不能超过 5 MB");
  constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.starts_with("\xFF\xD8")) {
    auto clean = StripJpeg(bytes);
    if (!clean) return std::unexpected(clean.error());
    return CleanImage{"image/jpeg", std::move(*clean)};
  }
  if (bytes.starts_with(kPngSignature)) {
    auto clean = StripPng(bytes);
    if (!clean) return std::unexpected(clean.error());
    return CleanImage{"image/png", std::move(*clean)};
  }
  return PhotoInvalid();
}

}  // namespace mvis::domain
