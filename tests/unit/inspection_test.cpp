// 双随机一公开 rules: the workflows, the official lists, the class ratios, the object and inspector
// draws against vectors computed independently, inspector eligibility and photo metadata removal.
#include "domain/inspection.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

// ---- Workflows and names

TEST(InspectionPlan, Transitions) {
  using S = InspectionPlanStatus;
  using A = InspectionPlanAction;
  EXPECT_EQ(*NextStatus(S::kDraft, A::kSubmit), S::kSubmitted);
  EXPECT_EQ(*NextStatus(S::kReturned, A::kSubmit), S::kSubmitted);
  EXPECT_EQ(*NextStatus(S::kSubmitted, A::kAccept), S::kAccepted);
  EXPECT_EQ(*NextStatus(S::kSubmitted, A::kReturn), S::kReturned);
  for (S from : {S::kSubmitted, S::kAccepted}) {
    auto r = NextStatus(from, A::kSubmit);
    EXPECT_EQ(r.error().code, "plan_not_editable");
    EXPECT_EQ(r.error().kind, ErrorKind::kFailedPrecondition);
  }
  for (S from : {S::kDraft, S::kAccepted, S::kReturned})
    for (A a : {A::kAccept, A::kReturn})
      EXPECT_EQ(NextStatus(from, a).error().code, "plan_not_submitted");
}

TEST(InspectionTask, Transitions) {
  using S = InspectionTaskStatus;
  using A = InspectionTaskAction;
  EXPECT_EQ(*NextStatus(S::kDraft, A::kDraw), S::kDrawn);
  EXPECT_EQ(*NextStatus(S::kDrawn, A::kComplete), S::kCompleted);
  EXPECT_EQ(*NextStatus(S::kCompleted, A::kPublish), S::kPublished);
  for (S from : {S::kDrawn, S::kCompleted, S::kPublished})
    EXPECT_EQ(NextStatus(from, A::kDraw).error().code, "task_already_drawn");
  for (S from : {S::kDraft, S::kCompleted, S::kPublished})
    EXPECT_EQ(NextStatus(from, A::kComplete).error().code, "task_not_drawn");
  for (S from : {S::kDraft, S::kDrawn, S::kPublished}) {
    auto r = NextStatus(from, A::kPublish);
    EXPECT_EQ(r.error().code, "task_not_completed");
    EXPECT_EQ(r.error().kind, ErrorKind::kFailedPrecondition);
  }
}

TEST(Inspection, NamesRoundTrip) {
  for (auto s : {InspectionPlanStatus::kDraft, InspectionPlanStatus::kSubmitted,
                 InspectionPlanStatus::kAccepted, InspectionPlanStatus::kReturned})
    EXPECT_EQ(ParseInspectionPlanStatus(ToString(s)), s);
  for (auto s : {InspectionTaskStatus::kDraft, InspectionTaskStatus::kDrawn,
                 InspectionTaskStatus::kCompleted, InspectionTaskStatus::kPublished})
    EXPECT_EQ(ParseInspectionTaskStatus(ToString(s)), s);
  for (auto s : {InspectionObjectStatus::kPending, InspectionObjectStatus::kRecorded,
                 InspectionObjectStatus::kSigned})
    EXPECT_EQ(ParseInspectionObjectStatus(ToString(s)), s);
  EXPECT_EQ(ToString(InspectionPlanAction::kReturn), "return");
  EXPECT_EQ(ToString(InspectionTaskAction::kPublish), "publish");
  EXPECT_EQ(DisplayName(InspectionPlanStatus::kSubmitted), "已报送");
  EXPECT_EQ(DisplayName(InspectionTaskStatus::kDrawn), "检查中");
  EXPECT_EQ(DisplayName(InspectionTaskStatus::kCompleted), "待公示");
  EXPECT_EQ(DisplayName(InspectionObjectStatus::kRecorded), "待签名");
  EXPECT_EQ(ParseInspectionTaskStatus("done"), std::nullopt);
}

TEST(Inspection, OfficialResultAndFollowUpLists) {
  const std::pair<InspectionResult, const char*> results[] = {
      {InspectionResult::kNoProblem, "no_problem"},
      {InspectionResult::kCorrected, "corrected"},
      {InspectionResult::kNoActivity, "no_activity"},
      {InspectionResult::kClosed, "closed"},
      {InspectionResult::kUncooperative, "uncooperative"},
      {InspectionResult::kOther, "other_situation"},
      {InspectionResult::kPendingFollowup, "pending_followup"}};
  for (auto [r, code] : results) {
    EXPECT_EQ(ToString(r), code);
    EXPECT_EQ(ParseInspectionResult(code), r);
    EXPECT_FALSE(DisplayName(r).empty()) << code;
  }
  EXPECT_EQ(DisplayName(InspectionResult::kNoActivity), "未发现开展本次抽查涉及的经营活动");
  EXPECT_EQ(DisplayName(InspectionResult::kOther), "迁移、注销等其他情况");
  const std::pair<FollowUp, const char*> follow_ups[] = {
      {FollowUp::kNone, "none"},
      {FollowUp::kOrderCorrection, "order_correction"},
      {FollowUp::kTransferCase, "transfer_case"},
      {FollowUp::kNotifyDepartment, "notify_department"},
      {FollowUp::kOther, "other"}};
  for (auto [f, code] : follow_ups) {
    EXPECT_EQ(ToString(f), code);
    EXPECT_EQ(ParseFollowUp(code), f);
  }
  EXPECT_EQ(DisplayName(FollowUp::kNotifyDepartment), "抄告相关部门");
  EXPECT_EQ(ParseInspectionResult("other"), std::nullopt);
}

TEST(Inspection, FollowUpMatchesTheResult) {
  const FollowUp some[] = {FollowUp::kOrderCorrection, FollowUp::kTransferCase,
                           FollowUp::kNotifyDepartment, FollowUp::kOther};
  for (auto r : {InspectionResult::kNoProblem, InspectionResult::kNoActivity,
                 InspectionResult::kClosed, InspectionResult::kOther}) {
    EXPECT_TRUE(CheckFollowUp(r, FollowUp::kNone).has_value()) << ToString(r);
    for (auto f : some) {
      auto s = CheckFollowUp(r, f);
      ASSERT_FALSE(s.has_value()) << ToString(r) << " " << ToString(f);
      EXPECT_EQ(s.error().code, "follow_up_inconsistent");
      EXPECT_EQ(s.error().field, "follow_up");
      EXPECT_EQ(s.error().kind, ErrorKind::kInvalidArgument);
    }
  }
  for (auto r : {InspectionResult::kCorrected, InspectionResult::kPendingFollowup,
                 InspectionResult::kUncooperative}) {
    EXPECT_EQ(CheckFollowUp(r, FollowUp::kNone).error().code, "follow_up_inconsistent")
        << ToString(r);
    for (auto f : some) EXPECT_TRUE(CheckFollowUp(r, f).has_value()) << ToString(r);
  }
}

// ---- Classes and ratios

TEST(InspectionRatios, CreditClasses) {
  EXPECT_EQ(CreditClassIndex("A"), 0);
  EXPECT_EQ(CreditClassIndex("D"), 3);
  EXPECT_EQ(CreditClassIndex("a"), std::nullopt);
  EXPECT_EQ(CreditClassIndex("E"), std::nullopt);
  EXPECT_EQ(CreditClassIndex(""), std::nullopt);
}

TEST(InspectionRatios, EachRatioWithinItsClassRangeInclusive) {
  EXPECT_TRUE(CheckClassRatios(kDefaultClassRatios, kDefaultClassRanges).has_value());
  EXPECT_TRUE(CheckClassRatios({1, 500, 2100, 6100}, kDefaultClassRanges).has_value());
  EXPECT_TRUE(CheckClassRatios({500, 2000, 6000, 10000}, kDefaultClassRanges).has_value());

  struct Case {
    ClassRatios ratios;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {{0, 1000, 3000, 7000}, "ratios.A", "A类抽查比例应在0.01%至5%之间"},
      {{501, 1000, 3000, 7000}, "ratios.A", "A类抽查比例应在0.01%至5%之间"},
      {{500, 499, 3000, 7000}, "ratios.B", "B类抽查比例应在5%至20%之间"},
      {{500, 2001, 3000, 7000}, "ratios.B", "B类抽查比例应在5%至20%之间"},
      {{500, 1000, 2099, 7000}, "ratios.C", "C类抽查比例应在21%至60%之间"},
      {{500, 1000, 6001, 7000}, "ratios.C", "C类抽查比例应在21%至60%之间"},
      {{500, 1000, 3000, 6099}, "ratios.D", "D类抽查比例应在61%至100%之间"},
      {{500, 1000, 3000, 10001}, "ratios.D", "D类抽查比例应在61%至100%之间"},
  };
  for (const auto& c : cases) {
    auto s = CheckClassRatios(c.ratios, kDefaultClassRanges);
    ASSERT_FALSE(s.has_value()) << c.field;
    EXPECT_EQ(s.error().code, "ratio_out_of_range");
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(s.error().field, c.field);
    EXPECT_EQ(s.error().message, c.message);
  }
  // A fractional percent keeps its digits.
  const ClassRanges odd = {{{25, 250}, {500, 2000}, {2100, 6000}, {6100, 10000}}};
  EXPECT_EQ(CheckClassRatios({251, 1000, 3000, 7000}, odd).error().message,
            "A类抽查比例应在0.25%至2.5%之间");
}

TEST(InspectionRatios, SampleSizeIsTheExactCeiling) {
  EXPECT_EQ(ClassSampleSize(500, 60), 3);   // 3 exactly
  EXPECT_EQ(ClassSampleSize(501, 100), 6);  // 5.01 → 6
  EXPECT_EQ(ClassSampleSize(500, 61), 4);   // 3.05 → 4
  EXPECT_EQ(ClassSampleSize(1, 3), 1);      // class A is never exempt
  EXPECT_EQ(ClassSampleSize(10000, 7), 7);  // all of them
  EXPECT_EQ(ClassSampleSize(3000, 1), 1);
  EXPECT_EQ(ClassSampleSize(3000, 0), 0);
  EXPECT_EQ(ClassSampleSize(2000, 20), 4);
  EXPECT_EQ(ClassSampleSize(6000, 5), 3);
}

// ---- Draws. The expected ids come from this independent replay (Python 3, hashlib):
//
//   from hashlib import sha256
//   def num(seed, k, m):
//       return int.from_bytes(sha256((seed + "," + str(k)).encode()).digest(), 'big') % m
//   def draw(seed, classes, ratios, k=1):          # classes: org ids of A, B, C, D
//       picks = []
//       for c in range(4):
//           rest = sorted(classes[c]); N = len(rest)
//           n = 0 if N == 0 else min(N, max(1, -(-ratios[c] * N // 10000)))
//           for _ in range(n):
//               picks.append(rest.pop(num(seed, k, len(rest)))); k += 1
//       return picks, k
//   def inspectors(seed, eligible, count, k):
//       rest = sorted(eligible); out = []
//       for _ in range(count):
//           out.append(rest.pop(num(seed, k, len(rest)))); k += 1
//       return out, k
//
//   draw(S, [[103, 101, 102], [], [301], [404, 402, 401, 403]], [1, 1000, 3000, 10000])
//     → ([102, 301, 401, 404, 403, 402], 7)
//   draw("98765432109876543210", [range(110, 130), range(210, 230), range(310, 315), []],
//        [500, 2000, 6000, 8000])
//     → ([110, 227, 224, 218, 211, 314, 311, 313], 9)
//   inspectors(S, [7, 3, 11, 5, 9], 2, 8) → ([3, 5], 10)
//   inspectors(S, [21, 22], 2, 1) → ([22, 21], 3)

constexpr char kSeed[] = "12345678901234567890";

std::vector<int64_t> Ids(const std::vector<ObjectUnit>& units) {
  std::vector<int64_t> out;
  for (const auto& u : units) out.push_back(u.org_id);
  return out;
}

TEST(InspectionDraw, ClassesInOrderWithTinyEmptySingleAndFullClasses) {
  // Any input order: A = 101…103 at 0.01 %, B empty, C a frame of one, D at 100 %.
  const std::vector<ObjectUnit> frame = {{404, 3}, {103, 0}, {301, 2}, {402, 3},
                                         {101, 0}, {401, 3}, {102, 0}, {403, 3}};
  const ObjectDraw d = DrawObjects(frame, {1, 1000, 3000, 10000}, kSeed);
  EXPECT_EQ(Ids(d.picks), (std::vector<int64_t>{102, 301, 401, 404, 403, 402}));
  EXPECT_EQ(d.picks[0].credit_class, 0);
  EXPECT_EQ(d.picks[1].credit_class, 2);
  EXPECT_EQ(d.frame_sizes, (std::array<int64_t, 4>{3, 0, 1, 4}));
  EXPECT_EQ(d.sample_sizes, (std::array<int64_t, 4>{1, 0, 1, 4}));
  EXPECT_EQ(d.next_k, 7u);  // the frame of one still uses a number

  std::vector<ObjectUnit> reversed(frame.rbegin(), frame.rend());
  EXPECT_EQ(DrawObjects(reversed, {1, 1000, 3000, 10000}, kSeed).picks, d.picks);
}

TEST(InspectionDraw, LargerClassesAtDefaultLikeRatios) {
  std::vector<ObjectUnit> frame;
  for (int64_t id = 110; id < 130; ++id) frame.push_back({id, 0});
  for (int64_t id = 210; id < 230; ++id) frame.push_back({id, 1});
  for (int64_t id = 310; id < 315; ++id) frame.push_back({id, 2});
  const ObjectDraw d = DrawObjects(frame, {500, 2000, 6000, 8000}, "98765432109876543210");
  EXPECT_EQ(Ids(d.picks), (std::vector<int64_t>{110, 227, 224, 218, 211, 314, 311, 313}));
  EXPECT_EQ(d.frame_sizes, (std::array<int64_t, 4>{20, 20, 5, 0}));
  EXPECT_EQ(d.sample_sizes, (std::array<int64_t, 4>{1, 4, 3, 0}));
  EXPECT_EQ(d.next_k, 9u);
}

TEST(InspectionDraw, EmptyFrame) {
  const ObjectDraw d = DrawObjects({}, kDefaultClassRatios, kSeed);
  EXPECT_TRUE(d.picks.empty());
  EXPECT_EQ(d.next_k, 1u);
}

TEST(InspectionDraw, InspectorsContinueTheTaskNumbers) {
  uint64_t k = 8;
  auto picked = DrawInspectors({7, 3, 11, 5, 9}, kInspectorsPerObject, kSeed, k);
  ASSERT_TRUE(picked.has_value());
  EXPECT_EQ(*picked, (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(k, 10u);

  k = 1;
  EXPECT_EQ(*DrawInspectors({21, 22}, 2, kSeed, k), (std::vector<int64_t>{22, 21}));
  EXPECT_EQ(k, 3u);
}

TEST(InspectionDraw, TooFewInspectorsPicksNothing) {
  uint64_t k = 5;
  auto r = DrawInspectors({21}, kInspectorsPerObject, kSeed, k);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "inspectors_insufficient");
  EXPECT_EQ(r.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(r.error().message,
            "符合条件的执法人员不足2名（需持有效执法证、未停用、与检查对象无利害关系）");
  EXPECT_EQ(k, 5u);
  EXPECT_EQ(DrawInspectors({}, 1, kSeed, k).error().code, "inspectors_insufficient");
  EXPECT_EQ(k, 5u);
}

// ---- Eligibility

TEST(InspectorEligibility, EachReason) {
  const InspectorCandidate ok{1, 900, true, "2027-06-30", {501}};
  EXPECT_EQ(EligibilityOf(ok, 500, "2027-06-01"), Ineligibility::kNone);

  InspectorCandidate inactive = ok;
  inactive.active = false;
  EXPECT_EQ(EligibilityOf(inactive, 500, "2027-06-01"), Ineligibility::kInactive);

  // Valid through the expiry day, expired the day after it.
  EXPECT_EQ(EligibilityOf(ok, 500, "2027-06-30"), Ineligibility::kNone);
  EXPECT_EQ(EligibilityOf(ok, 500, "2027-07-01"), Ineligibility::kCertificateExpired);
  InspectorCandidate no_cert = ok;
  no_cert.cert_expiry = "";
  EXPECT_EQ(EligibilityOf(no_cert, 500, "2027-06-01"), Ineligibility::kCertificateExpired);

  EXPECT_EQ(EligibilityOf(ok, 501, "2027-06-01"), Ineligibility::kConflict);
  EXPECT_EQ(EligibilityOf(ok, 900, "2027-06-01"), Ineligibility::kSameOrganisation);

  EXPECT_EQ(ToString(Ineligibility::kCertificateExpired), "certificate_expired");
  EXPECT_EQ(ToString(Ineligibility::kSameOrganisation), "same_organisation");
  EXPECT_EQ(ToString(Ineligibility::kNone), "none");
  EXPECT_EQ(DisplayName(Ineligibility::kConflict), "与检查对象存在利害关系");
  EXPECT_EQ(DisplayName(Ineligibility::kInactive), "已停用");
}

TEST(InspectorEligibility, EligibleIdsAscendingWithoutTheExcluded) {
  const std::vector<InspectorCandidate> candidates = {
      {9, 900, true, "2027-12-31", {}},    {4, 900, true, "2027-12-31", {}},
      {7, 900, false, "2027-12-31", {}},   {2, 900, true, "2027-05-31", {}},
      {5, 900, true, "2027-12-31", {500}}, {3, 500, true, "2027-12-31", {}},
      {6, 900, true, "2027-06-01", {}},    {8, 900, true, "2027-12-31", {}}};
  EXPECT_EQ(EligibleInspectors(candidates, 500, "2027-06-01", {}),
            (std::vector<int64_t>{4, 6, 8, 9}));
  EXPECT_EQ(EligibleInspectors(candidates, 500, "2027-06-01", {8, 4}),
            (std::vector<int64_t>{6, 9}));
}

// ---- Photos

// The bytes of a literal, NULs included.
template <size_t N>
std::string Bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

std::string Be16(size_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}; }
std::string Be32(uint32_t v) { return Be16(v >> 16) + Be16(v & 0xFFFF); }

std::string Segment(unsigned char marker, std::string_view payload) {
  return std::string("\xFF") + static_cast<char>(marker) + Be16(payload.size() + 2) +
         std::string(payload);
}

// A bitwise CRC-32, independent of the table-driven one under test.
uint32_t BitwiseCrc32(std::string_view bytes) {
  uint32_t c = 0xFFFFFFFF;
  for (unsigned char b : bytes) {
    c ^= b;
    for (int i = 0; i < 8; ++i) c = (c >> 1) ^ (0xEDB88320 & (0 - (c & 1)));
  }
  return ~c;
}

std::string Chunk(std::string_view type, std::string_view data) {
  std::string body = std::string(type) + std::string(data);
  return Be32(static_cast<uint32_t>(data.size())) + body + Be32(BitwiseCrc32(body));
}

const std::string kSoi("\xFF\xD8", 2);
const std::string kApp0 = Segment(0xE0, Bytes("JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
const std::string kApp1 = Segment(0xE1, Bytes("Exif\0\0MM\0*GPS 31.2N 121.4E"));
const std::string kXmp = Segment(0xEF, "http://ns.adobe.com/xap/1.0/ fake");
const std::string kCom = Segment(0xFE, "shot on a phone");
const std::string kDqt = Segment(0xDB, std::string(65, '\x10'));
const std::string kScan = Segment(0xDA, Bytes("\x01\x01\x00\x00\x3F\x00")) +
                          Bytes("\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xE1\x00\x02") + Bytes("\xFF\xD9");

TEST(PhotoMetadata, JpegLosesAppAndCommentSegmentsOnly) {
  const std::string in = kSoi + kApp0 + kApp1 + kCom + kDqt + kXmp + kScan;
  auto clean = StripImageMetadata(in);
  ASSERT_TRUE(clean.has_value()) << clean.error().code;
  EXPECT_EQ(clean->mime, "image/jpeg");
  EXPECT_EQ(clean->bytes, kSoi + kApp0 + kDqt + kScan);
  EXPECT_EQ(clean->bytes.find("Exif"), std::string::npos);
  // A clean file comes back as it was; fill bytes before a marker are kept.
  EXPECT_EQ(StripImageMetadata(clean->bytes)->bytes, clean->bytes);
  const std::string filled = kSoi + "\xFF" + kDqt + kScan;
  EXPECT_EQ(StripImageMetadata(filled)->bytes, filled);
}

TEST(PhotoMetadata, MalformedJpegsAreRefused) {
  const std::string cases[] = {
      kSoi,                                      // nothing after SOI
      kSoi + kApp0 + Bytes("\xFF\xD9"),          // no scan
      kSoi + kApp0 + kDqt.substr(0, 20),         // segment runs past the end
      kSoi + kApp0 + Bytes("\xFF\xDB\x00"),      // length cut off
      kSoi + Bytes("\xFF\xDB\x00\x01") + kScan,  // length below 2
      kSoi + "junk" + kScan,                     // not a marker
  };
  for (const auto& in : cases) {
    auto r = StripImageMetadata(in);
    ASSERT_FALSE(r.has_value()) << in.size();
    EXPECT_EQ(r.error().code, "photo_invalid");
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  }
}

const std::string kPngSignature("\x89PNG\r\n\x1A\n", 8);
const std::string kIhdr = Chunk("IHDR", Be32(1) + Be32(1) + Bytes("\x08\x00\x00\x00\x00"));
const std::string kText = Chunk("tEXt", Bytes("Comment\0taken at 31.2N"));
const std::string kTime = Chunk("tIME", Bytes("\x07\xEA\x03\x01\x0C\x00\x00"));
const std::string kExif = Chunk("eXIf", Bytes("MM\0*"));
const std::string kIdat = Chunk("IDAT", Bytes("\x78\x9C\x63\x60\x00\x00\x00\x02\x00\x01"));
const std::string kIend = Chunk("IEND", "");

TEST(PhotoMetadata, PngLosesTextTimeAndExifChunks) {
  EXPECT_EQ(kIend.substr(8), Bytes("\xAE\x42\x60\x82")) << "the well-known IEND CRC";
  const std::string in = kPngSignature + kIhdr + kText + kTime + kIdat + kExif + kIend;
  auto clean = StripImageMetadata(in);
  ASSERT_TRUE(clean.has_value()) << clean.error().code;
  EXPECT_EQ(clean->mime, "image/png");
  EXPECT_EQ(clean->bytes, kPngSignature + kIhdr + kIdat + kIend);
}

TEST(PhotoMetadata, MalformedPngsAreRefused) {
  std::string bad_crc = kPngSignature + kIhdr + kIdat + kIend;
  bad_crc[kPngSignature.size() + kIhdr.size() + kIdat.size() - 1] ^= 0x01;
  const std::string whole = kPngSignature + kIhdr + kIdat + kIend;
  const std::string cases[] = {
      bad_crc,
      whole.substr(0, whole.size() - 5),             // truncated
      kPngSignature + kIhdr + kIdat,                 // no IEND
      kPngSignature + kIdat + kIhdr + kIend,         // IHDR not first
      kPngSignature + kIhdr + kIdat + kIend + "xx",  // bytes after IEND
      kPngSignature,
  };
  for (const auto& in : cases) {
    auto r = StripImageMetadata(in);
    ASSERT_FALSE(r.has_value()) << in.size();
    EXPECT_EQ(r.error().code, "photo_invalid");
  }
}

TEST(PhotoMetadata, SizeAndKind) {
  std::string at_limit = kSoi + kApp0 + kScan;
  at_limit.insert(at_limit.size() - 2, kPhotoMaxBytes - at_limit.size(), '\x55');
  EXPECT_TRUE(StripImageMetadata(at_limit).has_value());
  auto large = StripImageMetadata(at_limit + "\x55");
  ASSERT_FALSE(large.has_value());
  EXPECT_EQ(large.error().code, "photo_too_large");
  EXPECT_EQ(large.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(StripImageMetadata(std::string(kPhotoMaxBytes + 1, 'x')).error().code,
            "photo_too_large");

  for (std::string_view junk : {"", "hello, this is not an image", "GIF89a\x01\x00", "\xFF"})
    EXPECT_EQ(StripImageMetadata(junk).error().code, "photo_invalid") << junk;
}

}  // namespace
}  // namespace mvis::domain
